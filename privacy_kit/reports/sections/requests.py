"""Data-subject requests (Arts 32-39): received, closed by outcome, response times, and those
overdue at the period's end, which make the report exit 1 (PK311).

A request is open at the period's end if it was received before the end and not closed by then
(``closed_at``), so a past period re-reported later still shows what was overdue at the time. It
is overdue when it was open then and its due date (``due_on``, extensions included) had passed.
Response time is from the day received to the JST day closed. Only ids, types, dates and counts
appear: the subjects' identifiers stay encrypted in the store.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from statistics import median
from typing import Any

from audit.vocab import FINAL_STATES
from privacy_kit.reports.model import REQUESTS_OVERDUE, Attention, Bars, Facts, SectionResult, Table
from privacy_kit.reports.period import JST
from privacy_kit.reports.sections import ReportContext, SectionSpec

_COLS = "request_id, request_type, state, received_on, due_on, closed_at, refusal_ground"


def _jst_day(value: datetime) -> date:
    from datetime import UTC

    return value.replace(tzinfo=UTC).astimezone(JST).date()


def _item(row: tuple[Any, ...]) -> dict[str, Any]:
    rid, rtype, state, received, due, closed, ground = row
    closed_day = _jst_day(closed) if closed else None
    return {
        "request_id": rid,
        "request_type": rtype,
        "state": state,
        "received_on": received.isoformat(),
        "due_on": due.isoformat(),
        "closed_on": closed_day.isoformat() if closed_day else None,
        "refusal_ground": ground,
        "response_days": (closed_day - received).days if closed_day else None,
        "on_time": closed_day <= due if closed_day else None,
    }


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    period = ctx.period
    start, end = ctx.bounds()
    received = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM requests WHERE received_on >= ? AND received_on < ? ORDER BY received_on, "
            "request_id",
            [period.start, period.end],
        )
    ]
    closed = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM requests WHERE closed_at >= ? AND closed_at < ? AND state IN "
            "(SELECT unnest(?::VARCHAR[])) ORDER BY closed_at, request_id",
            [start, end, list(FINAL_STATES)],
        )
    ]
    open_at_end = [
        _item(r)
        for r in ctx.rows(
            f"SELECT {_COLS} FROM requests WHERE received_on < ? AND (closed_at IS NULL OR closed_at >= ?) "
            "ORDER BY due_on, request_id",
            [period.end, end],
        )
    ]
    overdue = [
        {**r, "days_overdue": (period.last_day - date.fromisoformat(r["due_on"])).days}
        for r in open_at_end
        if date.fromisoformat(r["due_on"]) < period.end
    ]
    answered = [r for r in closed if r["state"] != "withdrawn"]
    days = [r["response_days"] for r in answered]
    outcomes = Counter(r["state"] for r in closed)
    data = {
        "received": len(received),
        "received_by_type": [
            {"request_type": t, "count": n} for t, n in sorted(Counter(r["request_type"] for r in received).items())
        ],
        "closed": closed,
        "closed_by_outcome": [{"state": s, "count": n} for s, n in sorted(outcomes.items())],
        "refusal_grounds": [
            {"ground": g, "count": n}
            for g, n in sorted(Counter(r["refusal_ground"] for r in closed if r["refusal_ground"]).items())
        ],
        "response_days": {
            "answered": len(answered),
            "median": median(days) if days else None,
            "max": max(days) if days else None,
            "late": sum(1 for r in answered if r["on_time"] is False),
        },
        "open_at_end": len(open_at_end),
        "overdue": overdue,
    }
    rd = data["response_days"]
    result = SectionResult("requests", L("section.requests"), data)

    def row(r: dict[str, Any], days: str) -> tuple[str, ...]:
        return (
            r["request_id"],
            L.request_type(r["request_type"]),
            L.request_state(r["state"]),
            r["received_on"],
            r["due_on"],
            r["closed_on"] or "–",
            str(r[days]),
        )

    columns = (L("col.request"), L("col.request_type"), L("col.state"), L("col.received_on"), L("col.due_on"),
               L("col.closed_on"))
    result.blocks = [
        Facts(
            (
                (L("requests.received"), L.count(len(received))),
                (L("requests.closed"), L.count(len(closed))),
                (L("requests.median"), "–" if rd["median"] is None else L("datasets.days", n=f"{rd['median']:g}")),
                (L("requests.max"), "–" if rd["max"] is None else L("datasets.days", n=rd["max"])),
                (L("requests.late"), L.count(rd["late"])),
                (L("requests.open"), L.count(len(open_at_end))),
                (L("requests.overdue"), L.count(len(overdue))),
            )
        ),
        Bars(
            L("requests.by_outcome"),
            tuple((L.request_state(s), n) for s, n in sorted(outcomes.items())),
            L("col.state"),
            L("col.count"),
        ),
        Bars(
            L("requests.by_type"),
            tuple((L.request_type(d["request_type"]), d["count"]) for d in data["received_by_type"]),
            L("col.request_type"),
            L("col.count"),
        ),
        Table((*columns, L("col.days_overdue")), tuple(row(r, "days_overdue") for r in overdue),
              title=L("requests.overdue_table"), empty=L("requests.none_overdue"), numeric=(6,)),
        Table((*columns, L("col.response_days")), tuple(row(r, "response_days") for r in closed),
              title=L("requests.closed_table"), empty=L("requests.none_closed"), numeric=(6,)),
    ]
    if overdue:
        result.attention.append(
            Attention(
                REQUESTS_OVERDUE,
                "fail",
                "requests",
                L("attention.requests", n=len(overdue), ids=", ".join(r["request_id"] for r in overdue)),
            )
        )
    return result


SECTION = SectionSpec("requests", "section.requests", ("requests",), build)
