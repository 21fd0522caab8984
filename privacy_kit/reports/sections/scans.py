"""Scans run in the period, and which registered data sets they covered (and which they did not)."""

from __future__ import annotations

import json
from collections import Counter

from privacy_kit.reports.model import SCANS_INTERRUPTED, Attention, Bars, Facts, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    runs = ctx.rows(
        "SELECT run_id, status, started_at, finished_at, findings_count, counts FROM scan_runs "
        "WHERE started_at >= ? AND started_at < ? ORDER BY started_at, run_id",
        [start, end],
    )
    inputs = ctx.rows(
        "SELECT i.run_id, i.dataset_id FROM scan_inputs i JOIN scan_runs r USING (run_id) "
        "WHERE r.started_at >= ? AND r.started_at < ? ORDER BY i.run_id, i.input_no",
        [start, end],
    )
    all_datasets = [r[0] for r in ctx.rows("SELECT dataset_id FROM datasets ORDER BY dataset_id")]
    per_run: dict[str, list[str | None]] = {}
    for run_id, dataset_id in inputs:
        per_run.setdefault(run_id, []).append(dataset_id)
    by_status = Counter(status for _, status, *_ in runs)
    covered = sorted({d for r in runs if r[1] == "completed" for d in per_run.get(r[0], []) if d})
    run_items = []
    for run_id, status, started, finished, found, counts in runs:
        datasets = sorted({d for d in per_run.get(run_id, []) if d})
        run_items.append(
            {
                "run_id": run_id,
                "status": status,
                "started_at": L.iso(started),
                "finished_at": L.iso(finished) if finished else None,
                "inputs": len(per_run.get(run_id, [])),
                "records": int(json.loads(counts).get("records", 0) or 0),
                "findings": int(found),
                "datasets": datasets,
            }
        )
    data = {
        "totals": {
            "runs": len(runs),
            "completed": by_status.get("completed", 0),
            "running": by_status.get("running", 0),
            "discarded": by_status.get("discarded", 0),
            "inputs": len(inputs),
            "findings": sum(int(r[4]) for r in runs if r[1] != "discarded"),
        },
        "runs": run_items,
        "datasets_covered": covered,
        "datasets_not_scanned": [d for d in all_datasets if d not in covered],
    }
    t = data["totals"]
    result = SectionResult("scans", L("section.scans"), data)
    result.blocks = [
        Facts(
            (
                (L("scans.runs"), L.count(t["runs"])),
                (L("scans.completed"), L.count(t["completed"])),
                (L("scans.running"), L.count(t["running"])),
                (L("scans.discarded"), L.count(t["discarded"])),
                (L("scans.inputs"), L.count(t["inputs"])),
                (L("scans.findings"), L.count(t["findings"])),
                (L("scans.covered"), L.join(covered)),
                (L("scans.not_scanned"), L.join(data["datasets_not_scanned"])),
            )
        ),
        Bars(
            L("scans.chart"),
            tuple((L.status(s), n) for s, n in sorted(by_status.items())),
            L("col.status"),
            L("col.count"),
        ),
        Table(
            (
                L("col.run_id"),
                L("col.status"),
                L("col.started_at"),
                L("col.inputs"),
                L("col.records"),
                L("col.findings"),
                L("col.datasets"),
            ),
            tuple(
                (
                    r["run_id"],
                    L.status(r["status"]),
                    L.dt(r["started_at"]),
                    str(r["inputs"]),
                    str(r["records"]),
                    str(r["findings"]),
                    L.join(r["datasets"]),
                )
                for r in run_items
            ),
            title=L("scans.table"),
            empty=L("scans.none"),
            numeric=(3, 4, 5),
        ),
    ]
    if t["running"]:
        result.attention.append(
            Attention(SCANS_INTERRUPTED, "warn", "scans", L("attention.scans_running", n=t["running"]))
        )
    return result


SECTION = SectionSpec("scans", "section.scans", ("scan_runs", "scan_inputs", "datasets"), build)
