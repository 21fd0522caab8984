"""Report renderers: JSON for tools, Markdown for e-mail and wikis, one self-contained HTML file.

All three are pure functions of the :class:`Report`: sorted keys, fixed number formats, no
timestamps of their own, so the same report renders to the same bytes. The HTML carries its CSS
and its SVG charts inline and a Content-Security-Policy that forbids every fetch, so opening it
never touches the network, on screen or in print.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from html import escape

from privacy_kit.reports.charts import bar_chart, trend_chart
from privacy_kit.reports.labels import Labels
from privacy_kit.reports.model import Bars, Block, Facts, Note, Report, Table, Trend

FORMATS: dict[str, str] = {"html": "html", "md": "md", "json": "json"}  # format -> file extension


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- shared header facts ------------------------------------------------------------------------


def _header(report: Report) -> list[tuple[str, str]]:
    L = Labels(report.lang)
    p = report.period
    return [
        (L("report.period"), L("report.period_value", label=p["label"], start=p["start"], end=p["end"])),
        (L("report.status"), L(f"status.{report.status}")),
        (L("report.store"), report.store["store_id"]),
        (L("report.schema"), str(report.store["schema_version"])),
        (L("report.trend_periods"), f"{report.trend_periods[0]} – {report.trend_periods[-1]}"),
        (L("report.generated_by"), f"{report.tool['name']} {report.tool['version']}"),
    ]


def _skipped(report: Report) -> list[str]:
    L = Labels(report.lang)
    return [L("report.skipped_item", title=s.title, tables=", ".join(s.missing_tables)) for s in report.skipped]


# --- Markdown -----------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def _md_table(header: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = ()) -> list[str]:
    header = list(header)
    right = set(numeric)
    out = ["| " + " | ".join(_md_cell(h) for h in header) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return out


def _md_block(block: Block, L: Labels) -> list[str]:
    if isinstance(block, Facts):
        lines = [f"### {block.title}", ""] if block.title else []
        return lines + [f"- **{k}**: {v}" for k, v in block.rows]
    if isinstance(block, Table):
        lines = [f"### {block.title}", ""] if block.title else []
        if not block.rows:
            return lines + [block.empty]
        return lines + _md_table(block.columns, block.rows, block.numeric)
    if isinstance(block, Bars):
        if not block.items:
            return [f"### {block.title}", "", L("chart.empty")]
        return [f"### {block.title}", ""] + _md_table(
            (block.label_header, block.value_header), ((k, f"{v:,}") for k, v in block.items), (1,)
        )
    if isinstance(block, Trend):
        return [f"### {block.title}", ""] + _md_table(
            (block.label_header, *block.periods),
            ((name, *(f"{v:,}" for v in vals)) for name, vals in block.series),
            range(1, len(block.periods) + 1),
        )
    if isinstance(block, Note):
        mark = {"fail": "**✗** ", "warn": "**!** ", "ok": "✓ "}.get(block.level, "")
        return [f"> {mark}{block.text}"]
    raise TypeError(f"unknown block {block!r}")


def to_markdown(report: Report) -> str:
    L = Labels(report.lang)
    out = [f"# {report.title} {report.period['label']}", ""]
    out += [f"- **{k}**: {v}" for k, v in _header(report)]
    out += ["", f"## {L('report.attention')}", ""]
    attention = report.attention
    out += [f"- **{L('severity.' + a.severity)}** [{a.code}] {a.message}" for a in attention] or [
        L("report.no_attention")
    ]
    for n, section in enumerate(report.sections, 1):
        out += ["", f"## {n}. {section.title}"]
        for block in section.blocks:
            out += [""] + _md_block(block, L)
    if report.skipped:
        out += ["", f"## {L('report.skipped')}", ""] + [f"- {s}" for s in _skipped(report)]
    return "\n".join(out) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #ccc; --fail: #b00020; --warn: #8a5a00; --ok: #1b6e20; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", "IPAexGothic", sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.6; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: .4rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .45rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: .5rem 0 1rem; }
figcaption { font-weight: bold; font-size: .9rem; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
.note { padding: .5rem .8rem; border-left: 4px solid var(--rule); background: #fafafa; }
.note.fail, .severity-fail { border-color: var(--fail); color: var(--fail); }
.note.warn, .severity-warn { border-color: var(--warn); color: var(--warn); }
.note.ok { border-color: var(--ok); color: var(--ok); }
.status-fail { color: var(--fail); font-weight: bold; }
.status-attention { color: var(--warn); font-weight: bold; }
.status-ok { color: var(--ok); font-weight: bold; }
ul.attention li { margin: .2rem 0; }
nav ol { columns: 2; }
.empty { color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-after: avoid; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  figure, tr, dl.facts { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
}
@page { size: A4; margin: 15mm; }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


def _html_table(columns: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = ()) -> str:
    right = set(numeric)
    head = "".join(f"<th scope=\"col\">{escape(c)}</th>" for c in columns)
    cells = ("<td>", '<td class="num">')
    body = "".join(
        "<tr>" + "".join(f"{cells[i in right]}{escape(c)}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html_block(block: Block, L: Labels, ident: Callable[[], str]) -> str:
    if isinstance(block, Facts):
        title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in block.rows)
        return f'{title}<dl class="facts">{items}</dl>'
    if isinstance(block, Table):
        title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
        if not block.rows:
            return f'{title}<p class="empty">{escape(block.empty)}</p>'
        return title + _html_table(block.columns, block.rows, block.numeric)
    if isinstance(block, Bars):
        svg = bar_chart(ident(), block.title, block.items, empty=L("chart.empty"))
        return f"<figure><figcaption>{escape(block.title)}</figcaption>{svg}</figure>"
    if isinstance(block, Trend):
        svg = trend_chart(ident(), block.title, block.periods, block.series, empty=L("chart.empty"))
        return f"<figure><figcaption>{escape(block.title)}</figcaption>{svg}</figure>"
    if isinstance(block, Note):
        return f'<p class="note {escape(block.level)}">{escape(block.text)}</p>'
    raise TypeError(f"unknown block {block!r}")


def to_html(report: Report) -> str:
    L = Labels(report.lang)
    counter = iter(range(1, 1_000_000))

    def ident() -> str:
        return f"chart{next(counter)}"

    title = f"{report.title} {report.period['label']}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(report.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
    ]
    status_row = L("report.status")
    marked = f'<dd class="status-{report.status}">'
    facts = "".join(
        f"<dt>{escape(k)}</dt>{marked if k == status_row else '<dd>'}{escape(v)}</dd>" for k, v in _header(report)
    )
    parts.append(f'<dl class="facts">{facts}</dl>')
    parts.append("</header>")
    parts.append(f'<h2 id="attention">{escape(L("report.attention"))}</h2>')
    if report.attention:
        parts.append('<ul class="attention">')
        for a in report.attention:
            parts.append(
                f'<li class="severity-{a.severity}"><strong>{escape(L("severity." + a.severity))}</strong> '
                f"[{escape(a.code)}] {escape(a.message)}</li>"
            )
        parts.append("</ul>")
    else:
        parts.append(f'<p class="note ok">{escape(L("report.no_attention"))}</p>')
    parts.append(f'<nav><h2>{escape(L("report.contents"))}</h2><ol>')
    parts += [f'<li><a href="#sec-{s.id}">{escape(s.title)}</a></li>' for s in report.sections]
    parts.append("</ol></nav>")
    for n, section in enumerate(report.sections, 1):
        parts.append(f'<section id="sec-{section.id}">')
        parts.append(f"<h2>{n}. {escape(section.title)}</h2>")
        parts += [_html_block(block, L, ident) for block in section.blocks]
        parts.append("</section>")
    if report.skipped:
        parts.append(f'<section id="skipped"><h2>{escape(L("report.skipped"))}</h2><ul>')
        parts += [f"<li>{escape(s)}</li>" for s in _skipped(report)]
        parts.append("</ul></section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"html": to_html, "md": to_markdown, "json": to_json}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)
