"""Must-show: the HTML report opened in real headless Chromium (Debian's package, installed by
``make browser``): charts and tables are laid out and painted, the headings are there, the
screenshot is not blank, printing works, and the page makes no network request at all.

Positive controls prove the checks can fail: a page that fetches an image is caught, and a blank
page's screenshot is recognised as blank.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.store import StoreConfig
from privacy_kit.reports import ReportOptions, ReportRequest, write_reports
from privacy_kit.reports.charts import PALETTE
from privacy_kit.reports.period import parse_period
from tests.reports.browser import Browser, find_chromium, png_size, png_stats

CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed and could not be (make browser runs: apt-get install -y chromium)",
    ),
]

HEADINGS = {
    "ja": ["要対応事項", "1. 台帳の検証", "2. 実施したスキャン", "3. 検出された個人情報", "4. データセットの点検",
           "5. 利用目的の変更", "6. 第三者提供・受領の記録", "7. 本人からの請求", "8. 漏えい等の事案", "9. コメントのモデレーション"],
    "en": ["Needs attention", "1. Ledger verification", "2. Scans run", "3. Personal information found",
           "4. Data set review", "5. Purposes of use", "6. Third-party provision and receipt records",
           "7. Data-subject requests", "8. Incidents (leaks and breaches)", "9. Comment moderation"],
}

_LAYOUT = """(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
  return {
    title: document.title,
    h1: document.querySelector('h1').textContent,
    h2: [...document.querySelectorAll('h2')].map(e => e.textContent),
    svgs: [...document.querySelectorAll('svg.chart')].map(s => ({
      box: box(s),
      marks: s.querySelectorAll('rect, polyline, circle').length,
      title: s.querySelector('title').textContent,
    })),
    tables: [...document.querySelectorAll('table')].map(t => ({
      box: box(t), rows: t.querySelectorAll('tbody tr').length,
      head: [...t.querySelectorAll('th')].map(th => th.textContent),
    })),
    resources: performance.getEntriesByType('resource').length,
    overflowing: document.documentElement.scrollWidth > window.innerWidth,
  };
})()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as b:
        yield b


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_report_renders_in_chromium_without_network(
    sample: StoreConfig, tmp_path: Path, browser: Browser, lang: str
) -> None:
    outcome = write_reports(
        sample,
        ReportRequest(parse_period("2026-10"), ("html",), str(tmp_path / "report.html"), ReportOptions(lang=lang)),
    )
    page = outcome.written[0].resolve()
    browser.events.clear()
    browser.open(page.as_uri())
    layout = browser.evaluate(_LAYOUT)

    # headings
    assert layout["h1"].endswith("2026-10") and layout["title"] == layout["h1"]
    assert [h for h in HEADINGS[lang] if h not in layout["h2"]] == []
    # charts: every SVG laid out with a real size, and drawn with marks
    assert len(layout["svgs"]) >= 6
    for svg in layout["svgs"]:
        assert svg["box"][0] > 100 and svg["box"][1] > 20, svg
    drawn = [s for s in layout["svgs"] if s["marks"] > 0]
    assert len(drawn) >= 5, layout["svgs"]
    # tables: laid out, with rows, and with the expected columns
    filled = [t for t in layout["tables"] if t["rows"] > 0 and t["box"][0] > 200]
    assert len(filled) >= 5
    heads = {h for t in layout["tables"] for h in t["head"]}
    assert {"スキャンID", "保存期限"} <= heads if lang == "ja" else {"Scan run", "Keep until"} <= heads
    assert not layout["overflowing"]

    # the screenshot is a real, painted page, and the charts' colour is on it
    shot = tmp_path / f"report-{lang}.png"
    png = browser.screenshot(shot)
    width, height = png_size(shot.read_bytes())
    assert width >= 1000 and height > 2000
    if os.environ.get("PRIVACY_KIT_SCREENSHOTS"):
        Path(os.environ["PRIVACY_KIT_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        (Path(os.environ["PRIVACY_KIT_SCREENSHOTS"]) / shot.name).write_bytes(png)

    # printing (print CSS: one page per section) gives a multi-page PDF
    browser.open(page.as_uri())
    pdf = browser.print_pdf()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 6

    # no network: the only request was the file itself, and the page loaded no resource
    assert browser.requests() and set(browser.requests()) == {page.as_uri()}
    assert layout["resources"] == 0

    stats = png_stats(browser, png)
    assert (stats.width, stats.height) == (width, height)
    assert stats.non_white > 0.03 and stats.colours > 50
    assert PALETTE[0].lower() in stats.common, "the bar colour is not on the screenshot"


def test_a_page_that_fetches_is_caught(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><h1>x</h1><img src="http://example.invalid/pixel.png">'
                    "</body></html>", encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    assert "http://example.invalid/pixel.png" in browser.requests()


def test_a_blank_page_is_recognised_as_blank(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    browser.open(page.as_uri())
    stats = png_stats(browser, browser.screenshot(tmp_path / "blank.png"))
    assert stats.non_white == 0 and stats.colours == 1
