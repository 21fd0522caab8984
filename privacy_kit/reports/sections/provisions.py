"""Third-party provision and receipt records (Arts 29, 30) made in the period, by legal path,
and records whose retention (Rules 21, 25) ends soon after it or ended during it.

A record whose retention has ended may be erased, and its subjects' keys shredded; one about to
end is the officer's reminder to decide that. Subject identifiers are never read here: counts only.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from privacy_kit.reports.model import RETENTION_ENDING, Attention, Bars, Facts, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec

_COLS = (
    "provision_id, direction, legal_path, exemption, record_method, counterparty_name, dataset_id, "
    "subject_count, provided_on, recorded_on, retention_until"
)


def _item(row: tuple[Any, ...]) -> dict[str, Any]:
    pid, direction, path, exemption, method, party, dataset, count, provided, recorded, until = row
    return {
        "provision_id": pid,
        "direction": direction,
        "legal_path": path,
        "exemption": exemption,
        "record_method": method,
        "counterparty": party,
        "dataset_id": dataset,
        "subject_count": int(count),
        "provided_on": provided.isoformat() if provided else None,
        "recorded_on": recorded.isoformat(),
        "retention_until": until.isoformat(),
    }


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    period = ctx.period
    window_end = period.end + timedelta(days=ctx.retention_window_days)
    recorded = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM provisions WHERE recorded_on >= ? AND recorded_on < ? "
            "ORDER BY recorded_on, provision_id",
            [period.start, period.end],
        )
    ]
    ending = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM provisions WHERE retention_until >= ? AND retention_until < ? "
            "ORDER BY retention_until, provision_id",
            [period.end, window_end],
        )
    ]
    ended = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM provisions WHERE retention_until >= ? AND retention_until < ? "
            "ORDER BY retention_until, provision_id",
            [period.start, period.end],
        )
    ]
    held = ctx.rows(
        "SELECT count(*) FROM provisions WHERE recorded_on < ? AND retention_until >= ?",
        [period.end, period.end],
    )
    paths: Counter[tuple[str, str]] = Counter()
    subjects: Counter[tuple[str, str]] = Counter()
    for item in recorded:
        key = (item["direction"], item["legal_path"])
        paths[key] += 1
        subjects[key] += item["subject_count"]
    by_path = [
        {"direction": d, "legal_path": p, "records": n, "subjects": subjects[(d, p)]}
        for (d, p), n in sorted(paths.items())
    ]
    data = {
        "recorded": recorded,
        "by_legal_path": by_path,
        "held_at_end": int(held[0][0]) if held else 0,
        "retention_window_days": ctx.retention_window_days,
        "retention_ending": ending,
        "retention_ended": ended,
    }
    result = SectionResult("provisions", L("section.provisions"), data)

    def table(items: list[dict[str, Any]], title: str, empty: str) -> Table:
        return Table(
            (L("col.provision"), L("col.direction"), L("col.legal_path"), L("col.method"),
             L("col.counterparty"), L("col.dataset"), L("col.subjects"), L("col.recorded_on"),
             L("col.retention_until")),
            tuple(
                (
                    i["provision_id"],
                    L.direction(i["direction"]),
                    L.legal_path(i["legal_path"], i["exemption"]),
                    L.method(i["record_method"]),
                    i["counterparty"],
                    i["dataset_id"] or "–",
                    str(i["subject_count"]),
                    i["recorded_on"],
                    i["retention_until"],
                )
                for i in items
            ),
            title=title,
            empty=empty,
            numeric=(6,),
        )

    result.blocks = [
        Facts(
            (
                (L("provisions.recorded"), L.count(len(recorded))),
                (L("provisions.held"), L.count(data["held_at_end"])),
                (L("provisions.ending", n=ctx.retention_window_days), L.count(len(ending))),
                (L("provisions.ended"), L.count(len(ended))),
            )
        ),
        Bars(
            L("provisions.chart"),
            tuple(
                (f"{L.direction(b['direction'])}: {L.legal_path(b['legal_path'])}", b["records"]) for b in by_path
            ),
            L("col.legal_path"),
            L("col.records"),
        ),
        table(recorded, L("provisions.table"), L("provisions.none")),
        table(ending, L("provisions.ending_table", n=ctx.retention_window_days), L("provisions.none_ending")),
        table(ended, L("provisions.ended_table"), L("provisions.none_ended")),
    ]
    if ending or ended:
        result.attention.append(
            Attention(RETENTION_ENDING, "warn", "provisions", L("attention.retention", n=len(ending) + len(ended)))
        )
    return result


SECTION = SectionSpec("provisions", "section.provisions", ("provisions",), build)
