"""The ledger's verification status and head hash, and what was recorded in the period.

The whole store is verified (hash chain and every tracked table against its events), as
``privacy-kit audit verify`` does; a failure makes the report exit 1. The head at the period's end
is given too, so the board's copy of the report pins the chain as it stood then: a later
``audit verify --checkpoint`` can be checked against it by hand.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC

from audit.verify import verify_store
from privacy_kit.reports.model import LEDGER_FAILED, Attention, Bars, Facts, Note, SectionResult, Table
from privacy_kit.reports.sections import ReportContext, SectionSpec

#: Problems listed in the report; the rest are counted (``audit verify`` lists them all).
MAX_PROBLEMS = 20


def _iso(value: object) -> str:
    return value.replace(tzinfo=UTC).isoformat(timespec="microseconds")  # type: ignore[attr-defined]


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    start, end = ctx.bounds()
    report = verify_store(ctx.store)
    problems = (
        [f"event {p.position}: {p.reason}" for p in report.chain.problems]
        + [f"checkpoint: {p.reason}" for p in report.checkpoint_problems]
        + list(report.table_problems)
    )
    kinds = Counter(
        str(kind)
        for (kind,) in ctx.rows("SELECT kind FROM ledger WHERE ts >= ? AND ts < ?", [_iso(start), _iso(end)])
    )
    at_end = ctx.rows(
        "SELECT seq, hash FROM ledger WHERE ts < ? ORDER BY seq DESC LIMIT 1", [_iso(end)]
    )
    data = {
        "ok": report.ok,
        "events": report.chain.count,
        "head": report.chain.head,
        "head_at_period_end": {"seq": int(at_end[0][0]), "hash": at_end[0][1]} if at_end else None,
        "tables_checked": report.tables_checked,
        "problem_count": len(problems),
        "problems": problems[:MAX_PROBLEMS],
        "events_in_period": sum(kinds.values()),
        "events_by_kind": [{"kind": k, "count": n} for k, n in sorted(kinds.items())],
    }
    result = SectionResult("ledger", L("section.ledger"), data)
    end_head = data["head_at_period_end"]
    result.blocks = [
        Note(L("ledger.ok") if report.ok else L("ledger.failed", n=len(problems)), "ok" if report.ok else "fail"),
        Facts(
            (
                (L("ledger.events"), L.count(report.chain.count)),
                (L("ledger.head"), report.chain.head),
                (L("ledger.head_at_end"), f"#{end_head['seq']} {end_head['hash']}" if end_head else "–"),
                (L("ledger.events_in_period"), L.count(data["events_in_period"])),
            )
        ),
        Bars(L("ledger.chart"), tuple(sorted(kinds.items())), L("col.event"), L("col.count")),
    ]
    if problems:
        result.blocks.append(
            Table((L("col.problem"),), tuple((p,) for p in data["problems"]), title=L("ledger.problems"))
        )
        result.attention.append(Attention(LEDGER_FAILED, "fail", "ledger", L("attention.ledger", n=len(problems))))
    return result


SECTION = SectionSpec("ledger", "section.ledger", ("ledger",), build)
