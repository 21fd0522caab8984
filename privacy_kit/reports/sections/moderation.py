"""Comment moderation runs recorded in the period (``privacy-kit moderate``): how many comments
were checked against which policy pack, and the decisions by action, severity and clause.

Decisions name comments and authors only by keyed hashes in the store; the report shows counts."""

from __future__ import annotations

from collections import Counter

from privacy_kit.reports.model import Bars, Facts, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    runs = [
        {
            "run_id": run_id,
            "recorded_at": L.iso(at),
            "pack": f"{pack} {version}",
            "comments": int(comments),
            "decisions": int(decisions),
        }
        for run_id, at, pack, version, comments, decisions in ctx.rows(
            "SELECT run_id, recorded_at, pack_id, pack_version, comments, decisions FROM moderation_runs "
            "WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, run_id",
            [start, end],
        )
    ]
    rows = ctx.rows(
        "SELECT r.pack_id, d.clause_id, d.action, d.severity FROM moderation_decisions d "
        "JOIN moderation_runs r USING (run_id) WHERE r.recorded_at >= ? AND r.recorded_at < ?",
        [start, end],
    )
    by_action = Counter(str(a) for _, _, a, _ in rows)
    by_severity = Counter(str(s) for _, _, _, s in rows)
    by_clause = Counter(f"{p} {c}" for p, c, _, _ in rows)
    data = {
        "runs": runs,
        "comments": sum(r["comments"] for r in runs),
        "decisions": len(rows),
        "by_action": [{"action": k, "count": n} for k, n in _ranked(by_action)],
        "by_severity": [{"severity": k, "count": n} for k, n in _ranked(by_severity)],
        "by_clause": [{"clause": k, "count": n} for k, n in _ranked(by_clause)],
    }
    result = SectionResult("moderation", L("section.moderation"), data)
    result.blocks = [
        Facts(
            (
                (L("moderation.runs"), L.count(len(runs))),
                (L("moderation.comments"), L.count(data["comments"])),
                (L("moderation.decisions"), L.count(data["decisions"])),
            )
        ),
        Bars(L("moderation.by_action"), tuple(_ranked(by_action)), L("col.action"), L("col.count")),
        Bars(L("moderation.by_clause"), tuple(_ranked(by_clause)), L("col.clause"), L("col.count")),
        Table(
            (L("col.moderation_run"), L("col.recorded_at"), L("col.pack"), L("col.comments"), L("col.decisions")),
            tuple(
                (r["run_id"], L.dt(r["recorded_at"]), r["pack"], str(r["comments"]), str(r["decisions"]))
                for r in runs
            ),
            title=L("moderation.table"),
            empty=L("moderation.none"),
            numeric=(3, 4),
        ),
    ]
    return result


SECTION = SectionSpec("moderation", "section.moderation", ("moderation_runs", "moderation_decisions"), build)
