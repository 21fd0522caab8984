"""Registered data sets that hold entity types outside their purposes (Art 18), are kept past their
retention period (Art 22), or use an unpublished purpose (Art 21).

Uncovered types are judged on the period's findings against the purposes' categories as they
stood at the period's end. Retention is judged on the files present when the report runs, against
the period's end; file times change with the files, so a report re-run later may differ there.
"""

from __future__ import annotations

from typing import Any

from audit.datasets import dataset_status, purpose_covers
from privacy_kit.reports.model import DATASETS_FLAGGED, Attention, Facts, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec


def _categories_at_end(ctx: ReportContext, end: Any) -> dict[str, tuple[str, ...]]:
    """Each purpose's data categories in its latest version created before ``end``."""
    rows = ctx.rows(
        "SELECT purpose_id, categories FROM purpose_versions WHERE created_at < ? QUALIFY "
        "row_number() OVER (PARTITION BY purpose_id ORDER BY version DESC) = 1",
        [end],
    )
    return {pid: tuple(cats or ()) for pid, cats in rows}


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    categories = _categories_at_end(ctx, end)
    found: dict[str, list[str]] = {}
    for dataset_id, etype in ctx.rows(
        "SELECT DISTINCT f.dataset_id, f.entity_type FROM findings f JOIN scan_runs r USING (run_id) "
        "WHERE r.started_at >= ? AND r.started_at < ? AND f.dataset_id IS NOT NULL ORDER BY 1, 2",
        [start, end],
    ):
        found.setdefault(dataset_id, []).append(etype)
    ids = [r[0] for r in ctx.rows("SELECT dataset_id FROM datasets WHERE created_at < ? ORDER BY 1", [end])]
    items: list[dict[str, Any]] = []
    for dataset_id in ids:
        status = dataset_status(ctx.store, dataset_id, now=end)
        ds = status.dataset
        cats = [c for p in ds.purposes for c in categories.get(p, ())]
        types = found.get(dataset_id, [])
        items.append(
            {
                "dataset_id": dataset_id,
                "purposes": list(ds.purposes),
                "retention_days": ds.retention_days,
                "third_party": ds.third_party,
                "found_types": types,
                "uncovered_types": [t for t in types if not purpose_covers(cats, t)],
                "files": status.files,
                "files_past_retention": status.files_past_retention,
                "unpublished_purposes": sorted(status.unpublished_purposes),
            }
        )
    flagged = [
        i for i in items if i["uncovered_types"] or i["files_past_retention"] or i["unpublished_purposes"]
    ]
    data = {"as_of": L.iso(end), "datasets": items, "flagged": [i["dataset_id"] for i in flagged]}
    result = SectionResult("datasets", L("section.datasets"), data)
    result.blocks = [
        Facts(
            (
                (L("datasets.registered"), L.count(len(items))),
                (L("datasets.flagged"), L.count(len(flagged))),
            )
        ),
        Table(
            (
                L("col.dataset"),
                L("col.purposes"),
                L("col.retention"),
                L("col.found_types"),
                L("col.uncovered"),
                L("col.past_retention"),
                L("col.unpublished"),
            ),
            tuple(
                (
                    i["dataset_id"],
                    L.join(i["purposes"]),
                    L("datasets.days", n=i["retention_days"]),
                    L.join([L.entity(t) for t in i["found_types"]]),
                    L.join([L.entity(t) for t in i["uncovered_types"]]),
                    f"{i['files_past_retention']} / {i['files']}",
                    L.join(i["unpublished_purposes"]),
                )
                for i in items
            ),
            title=L("datasets.table"),
            empty=L("datasets.none"),
        ),
    ]
    if flagged:
        result.attention.append(
            Attention(
                DATASETS_FLAGGED,
                "warn",
                "datasets",
                L("attention.datasets", n=len(flagged), ids=", ".join(i["dataset_id"] for i in flagged)),
            )
        )
    return result


SECTION = SectionSpec("datasets", "section.datasets", ("datasets", "purpose_versions", "findings"), build)
