"""Charts as small, hand-written inline SVG: no plotting library, no fonts, no network.

Text stays text (the browser draws Japanese with the reader's own fonts, and it can be searched
and copied), every number is formatted with fixed precision, and nothing depends on the clock or
a random seed, so the same data gives byte-identical SVG. Colours are the Okabe-Ito palette,
distinguishable with the common colour-vision deficiencies and in greyscale print by position.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from html import escape

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#7F7F7F", "#000000")
FONT_PX = 12
ROW_PX = 22
WIDTH = 680


def text_width(text: str, size: int = FONT_PX) -> float:
    """Rough rendered width: full-width (CJK) characters are one em, others a little over half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def _n(x: float) -> str:
    """Fixed-precision coordinates: identical bytes for identical data."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_step(value: float) -> int:
    """The smallest 1/2/5 × 10^k at or above ``value`` (at least 1): a readable tick step."""
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover (the loop always returns)


def axis_ticks(peak: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 covering ``peak`` with at most ``most`` intervals (counts are integers)."""
    step = nice_step(max(peak, 1) / most)
    top = -(-max(peak, 1) // step) * step
    return list(range(0, top + 1, step))


def _open(ident: str, title: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="{ident}-t" '
        f'width="{WIDTH}" height="{_n(height)}" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'font-size="{FONT_PX}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
    ]


def bar_chart(ident: str, title: str, items: Sequence[tuple[str, int]], *, empty: str) -> str:
    """Horizontal bars, one per (label, count), longest first as given."""
    if not items:
        out = _open(ident, title, ROW_PX * 2)
        out.append(f'<text x="8" y="{ROW_PX}" fill="#555">{escape(empty)}</text></svg>')
        return "\n".join(out)
    label_w = min(max(text_width(label) for label, _ in items) + 12, WIDTH * 0.45)
    top = 4
    height = top + ROW_PX * len(items) + 4
    scale_max = max(n for _, n in items) or 1
    bar_area = WIDTH - label_w - 70
    out = _open(ident, title, height)
    for i, (label, count) in enumerate(items):
        y = top + i * ROW_PX
        w = bar_area * count / scale_max
        out.append(
            f'<text x="{_n(label_w - 6)}" y="{_n(y + ROW_PX * 0.68)}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{_n(label_w)}" y="{_n(y + 3)}" width="{_n(max(w, 1))}" height="{ROW_PX - 6}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {count:,}</title></rect>'
            f'<text x="{_n(label_w + max(w, 1) + 5)}" y="{_n(y + ROW_PX * 0.68)}">{count:,}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def trend_chart(
    ident: str,
    title: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    empty: str,
) -> str:
    """One line per series across ``periods`` (oldest first), with a legend under the plot."""
    if not periods or not series:
        return bar_chart(ident, title, (), empty=empty)
    left, right, top, plot_h = 48, 40, 12, 180
    legend_rows = (len(series) + 1) // 2
    height = top + plot_h + 28 + legend_rows * ROW_PX + 6
    plot_w = WIDTH - left - right
    ticks = axis_ticks(max((max(vals) for _, vals in series), default=0))
    peak = ticks[-1]
    step = plot_w / max(len(periods) - 1, 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + (i * step if len(periods) > 1 else plot_w / 2)
        return x, top + plot_h - plot_h * v / peak

    out = _open(ident, title, height)
    for value in ticks:  # horizontal grid lines and y labels
        y = top + plot_h - plot_h * value / peak
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{_n(y)}" y2="{_n(y)}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" text-anchor="end" fill="#555">{value:,}</text>'
        )
    for i, label in enumerate(periods):
        x, _ = xy(i, 0)
        out.append(
            f'<text x="{_n(x)}" y="{top + plot_h + 18}" text-anchor="middle" fill="#555">{escape(label)}</text>'
        )
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = [xy(i, v) for i, v in enumerate(values)]
        dash = ' stroke-dasharray="6 3"' if s >= len(PALETTE) else ""
        out.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
            f'points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}"/>'
        )
        for (x, y), v, label in zip(points, values, periods, strict=False):
            out.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}">'
                f"<title>{escape(name)} {escape(label)}: {v:,}</title></circle>"
            )
        lx = 8 + (s % 2) * (WIDTH / 2)
        ly = top + plot_h + 28 + (s // 2) * ROW_PX
        out.append(
            f'<rect x="{_n(lx)}" y="{_n(ly + 6)}" width="14" height="4" fill="{colour}"/>'
            f'<text x="{_n(lx + 20)}" y="{_n(ly + 12)}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
