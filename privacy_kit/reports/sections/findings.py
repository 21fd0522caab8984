"""Findings of the period's scans by entity type, 要配慮 category and data set, with a trend.

Counts come from the findings table itself (not from run counters), so a discarded run, whose
findings are deleted, counts for nothing. A finding belongs to the period its scan run started
in. 要配慮個人情報 (Art 2(3)) is counted by category: from a ``category`` column when the store's
findings carry one, else from the entity type (:data:`SENSITIVE_CATEGORIES`).
"""

from __future__ import annotations

from collections import Counter

from privacy_kit.reports.model import Bars, Facts, SectionResult, Table, Trend
from privacy_kit.reports.sections import ReportContext, SectionSpec

#: Entity types that are 要配慮個人情報, and their category (Art 2(3); Cabinet Order Art 2).
SENSITIVE_CATEGORIES: dict[str, str] = {
    "RACE_ETHNICITY": "race",
    "CREED": "creed",
    "SOCIAL_STATUS": "social_status",
    "MEDICAL_CONDITION": "medical_history",
    "CRIMINAL_RECORD": "criminal_record",
    "CRIME_VICTIM": "crime_victim",
    "DISABILITY": "disability",
}

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
    sensitive: Counter[str] = Counter()
    if "category" in ctx.columns("findings"):
        for (etype, category), n in (
            ((k[0], k[1]), n) for k, n in _counts(ctx, start, end, "(f.entity_type, f.category)")
        ):
            cat = category or SENSITIVE_CATEGORIES.get(str(etype))
            if cat:
                sensitive[str(cat)] += n
    else:
        for etype, n in by_type.items():
            if etype in SENSITIVE_CATEGORIES:
                sensitive[SENSITIVE_CATEGORIES[etype]] += n

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
        "sensitive": {
            "total": sum(sensitive.values()),
            "by_category": [{"category": c, "count": n} for c, n in _ranked(sensitive)],
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
            L("findings.by_category"),
            tuple((L.sensitive(c), n) for c, n in _ranked(sensitive)),
            L("col.category"),
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
    return result


SECTION = SectionSpec("findings", "section.findings", ("findings", "scan_runs"), build)
