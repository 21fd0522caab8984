"""Inline SVG charts: well-formed, proportional, readable axes, byte-stable."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.reports.charts import axis_ticks, bar_chart, trend_chart

NS = {"s": "http://www.w3.org/2000/svg"}
labels = st.text(alphabet=st.sampled_from("氏名電話番号ABC_<>&\"' 1"), min_size=1, max_size=12)


@given(st.lists(st.tuples(labels, st.integers(0, 10**6)), min_size=1, max_size=12))
def test_bar_widths_are_proportional_to_counts(items: list[tuple[str, int]]) -> None:
    svg = bar_chart("c1", "タイトル <&>", items, empty="なし")
    root = ET.fromstring(svg)  # well-formed whatever the labels hold
    bars = root.findall("s:rect", NS)
    assert len(bars) == len(items)
    widths = [float(b.get("width", "0")) for b in bars]
    peak = max(n for _, n in items)
    for (_, n), w in zip(items, widths, strict=False):
        expected = max(w for w in widths) * n / peak if peak else 0
        assert abs(w - max(expected, 1)) <= 0.15  # rounding to 0.1 px, and a 1 px floor for zero
    assert [t.text for t in root.findall("s:rect/s:title", NS)] == [f"{label}: {n:,}" for label, n in items]
    assert bar_chart("c1", "タイトル <&>", items, empty="なし") == svg


@given(st.integers(0, 10**7))
def test_axis_ticks_are_whole_numbers_covering_the_peak(peak: int) -> None:
    ticks = axis_ticks(peak)
    assert ticks[0] == 0 and ticks[-1] >= max(peak, 1) and 2 <= len(ticks) <= 6
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and str(steps.pop()).lstrip("0")[0] in "125"


@pytest.mark.parametrize(("peak", "ticks"), [(0, [0, 1]), (1, [0, 1]), (6, [0, 2, 4, 6]), (7, [0, 2, 4, 6, 8]),
                                             (10, [0, 2, 4, 6, 8, 10]), (37, [0, 10, 20, 30, 40])])
def test_axis_ticks_examples(peak: int, ticks: list[int]) -> None:
    assert axis_ticks(peak) == ticks


@given(st.lists(st.integers(0, 500), min_size=2, max_size=12), st.integers(1, 9))
def test_trend_points_sit_on_the_scale(values: list[int], series: int) -> None:
    periods = [f"2026-{i:02d}" for i in range(1, len(values) + 1)]
    data = [(f"s{k}", [v * (k + 1) % 501 for v in values]) for k in range(series)]
    root = ET.fromstring(trend_chart("t", "推移", periods, data, empty="なし"))
    lines = root.findall("s:polyline", NS)
    assert len(lines) == series
    ticks = axis_ticks(max(max(v) for _, v in data))
    for (_, vals), line in zip(data, lines, strict=False):
        ys = [float(p.split(",")[1]) for p in line.get("points", "").split()]
        assert len(ys) == len(periods)
        for v, y in zip(vals, ys, strict=False):
            assert abs(y - (12 + 180 - 180 * v / ticks[-1])) <= 0.06


def test_empty_charts_say_so() -> None:
    for svg in (bar_chart("e", "t", [], empty="データなし"), trend_chart("e", "t", [], [], empty="データなし")):
        assert "データなし" in svg and ET.fromstring(svg) is not None
    assert not re.search(r"<rect", bar_chart("e", "t", [], empty="x"))
