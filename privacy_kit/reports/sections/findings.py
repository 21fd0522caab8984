"""Findings of the period's scans by entity type, APPI class, 要配慮 type and category, and data
set, with a trend.

Counts come from the findings table itself (not from run counters), so a discarded run, whose
findings are deleted, counts for nothing. A finding belongs to the period its scan run started
in. The APPI class (個人情報 / 個人関連情報 / 要配慮個人情報) and the 要配慮 types are the recognizer
pack's (``recognizers.entities``). The statutory 要配慮 category (``statutory.medical_history``…)
is known per finding at scan time; it is counted when the store's findings carry a ``category``
column, and otherwise the 要配慮 findings are counted by type only.
"""

from __future__ import annotations

from collections import Counter

from privacy_kit.reports.model import Bars, Facts, SectionResult, Table, Trend
from recognizers.entities import SENSITIVE_TYPES, appi_category
from privacy_kit.reports.sections import ReportContext, SectionSpec

#: Series drawn in the trend chart besides the total (the rest are in the table).
TREND_SERIES = 5


def _counts(ctx: ReportContext, start: object, end: object, group: str) -> list[tuple[object, int]]:
    rows = ctx.rows(
        f"SELECT {group}, count(*) FROM findings f JOIN scan_runs r USING (run_id) "
        "WHERE r.started_at >= ? AND r.started_at < ? GROUP BY ALL",
        [start, end],
    )
    return [(k, int(n)) for k, n in rows]


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Largest first, ties by name: a stable order for byte-identical reports."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    by_type = Counter({str(k): n for k, n in _counts(ctx, start, end, "f.entity_type")})
    by_dataset = Counter(
        {str(k) if k is not None else "": n for k, n in _counts(ctx, start, end, "f.dataset_id")}
    )
    sensitive_types = Counter({t: n for t, n in by_type.items() if t in SENSITIVE_TYPES})
    classes: Counter[str] = Counter()
    for etype, n in by_type.items():
        classes[appi_category(etype) or "-"] += n
    categories: Counter[str] = Counter()
    recorded = "category" in ctx.columns("findings")
    if recorded:
        for category, n in ctx.rows(
            "SELECT f.category, count(*) FROM findings f JOIN scan_runs r USING (run_id) "
            "WHERE r.started_at >= ? AND r.started_at < ? AND f.category IS NOT NULL GROUP BY ALL",
            [start, end],
        ):
            categories[str(category)] += int(n)

    trend_counts: list[Counter[str]] = []
    for period in ctx.trend:
        s, e = period.utc_bounds()
        trend_counts.append(Counter({str(k): n for k, n in _counts(ctx, s, e, "f.entity_type")}))
    overall = Counter[str]()
    for c in trend_counts:
        overall.update(c)
    all_types = [t for t, _ in _ranked(overall)]
    data = {
        "total": sum(by_type.values()),
        "by_entity_type": [{"entity_type": t, "count": n} for t, n in _ranked(by_type)],
        "by_dataset": [{"dataset_id": d or None, "count": n} for d, n in _ranked(by_dataset)],
        "by_appi_category": [{"appi_category": c, "count": n} for c, n in _ranked(classes)],
        "sensitive": {
            "total": sum(sensitive_types.values()),
            "by_entity_type": [{"entity_type": t, "count": n} for t, n in _ranked(sensitive_types)],
            "categories_recorded": recorded,
            "by_category": [{"category": c, "count": n} for c, n in _ranked(categories)],
        },
        "trend": {
            "periods": [p.label for p in ctx.trend],
            "totals": [sum(c.values()) for c in trend_counts],
            "by_entity_type": [
                {"entity_type": t, "counts": [c.get(t, 0) for c in trend_counts]} for t in all_types
            ],
        },
    }
    result = SectionResult("findings", L("section.findings"), data)
    periods = tuple(data["trend"]["periods"])
    top = all_types[:TREND_SERIES]
    result.blocks = [
        Facts(
            (
                (L("findings.total"), L.count(data["total"])),
                (L("findings.sensitive_total"), L.count(data["sensitive"]["total"])),
            )
        ),
        Bars(
            L("findings.by_type"),
            tuple((L.entity(t), n) for t, n in _ranked(by_type)),
            L("col.entity_type"),
            L("col.count"),
        ),
        Bars(
            L("findings.by_appi_category"),
            tuple((L.appi_class(c), n) for c, n in _ranked(classes)),
            L("col.appi_category"),
            L("col.count"),
        ),
        Bars(
            L("findings.sensitive_by_type"),
            tuple((L.entity(t), n) for t, n in _ranked(sensitive_types)),
            L("col.entity_type"),
            L("col.count"),
        ),
        Trend(
            L("findings.trend", n=len(periods)),
            periods,
            ((L("findings.all_types"), tuple(data["trend"]["totals"])),)
            + tuple((L.entity(t), tuple(c.get(t, 0) for c in trend_counts)) for t in top),
            L("col.entity_type"),
        ),
        Table(
            (L("col.dataset"), L("col.findings")),
            tuple((d or L("findings.no_dataset"), str(n)) for d, n in _ranked(by_dataset)),
            title=L("findings.by_dataset"),
            empty=L("findings.none"),
            numeric=(1,),
        ),
    ]
    if recorded:
        result.blocks.insert(
            4,
            Bars(
                L("findings.by_category"),
                tuple((L.sensitive(c), n) for c, n in _ranked(categories)),
                L("col.category"),
                L("col.count"),
            ),
        )
    return result


SECTION = SectionSpec("findings", "section.findings", ("findings", "scan_runs"), build)
