"""Leaks and other incidents (Art 26; PPC Rules 7-10): those learned of or still open in the
period, whether reporting to the PPC is mandatory, and the deadlines of the preliminary report,
the final report and the notice to the individuals. A required step not done by its due date
at the period's end fails the report (PK312); steps due soon after it are listed.

Each incident's latest assessment made before the period's end is used, and a deadline counts as
done only if it was done before the period's end, so a past period re-reported later shows what
was late then. People are counted, never listed: the store holds no personal value here.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

from audit.incidents import VOLUNTARY
from privacy_kit.reports.model import (
    INCIDENT_DEADLINE_PASSED,
    Attention,
    Bars,
    Facts,
    SectionResult,
    Table,
)
from privacy_kit.reports.sections import ReportContext, SectionSpec

#: Deadlines listed as coming up: due within this many days after the period's end.
UPCOMING_DAYS = 30


def build(ctx: ReportContext) -> SectionResult:
    L = ctx.labels
    period = ctx.period
    start, end = ctx.bounds()
    incidents = ctx.rows(
        "SELECT incident_id, title, kind, suspected, learned_at, closed_at FROM incidents "
        "WHERE learned_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY learned_at, incident_id",
        [end, start],
    )
    assessments = {
        iid: (mandatory, int(people), json.loads(categories))
        for iid, mandatory, people, categories in ctx.rows(
            "SELECT incident_id, mandatory, people, categories FROM incident_assessments WHERE assessed_at < ? "
            "QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY assessment_no DESC) = 1",
            [end],
        )
    }
    deadlines: dict[str, list[dict[str, Any]]] = {}
    for iid, kind, due, basis, done in ctx.rows(
        "SELECT incident_id, kind, due_on, basis, done_on FROM incident_deadlines ORDER BY incident_id, kind"
    ):
        done_by_end = done if done is not None and done < period.end else None
        deadlines.setdefault(iid, []).append(
            {
                "kind": kind,
                "due_on": due.isoformat() if due else None,
                "required": basis != VOLUNTARY,
                "done_on": done_by_end.isoformat() if done_by_end else None,
            }
        )
    items: list[dict[str, Any]] = []
    late: list[tuple[str, dict[str, Any]]] = []
    upcoming: list[tuple[str, dict[str, Any]]] = []
    horizon = period.end + timedelta(days=UPCOMING_DAYS)
    for iid, title, kind, suspected, learned, closed in incidents:
        mandatory, people, categories = assessments.get(iid, (None, None, []))
        steps = deadlines.get(iid, [])
        for step in steps:
            if not step["required"] or step["done_on"] or not step["due_on"]:
                continue
            due = date.fromisoformat(step["due_on"])
            if due < period.end:
                late.append((iid, {**step, "days_late": (period.last_day - due).days}))
            elif due < horizon:
                upcoming.append((iid, step))
        items.append(
            {
                "incident_id": iid,
                "title": title,
                "kind": kind,
                "suspected": bool(suspected),
                "learned_at": L.iso(learned),
                "new_in_period": bool(start <= learned),
                "closed_at": L.iso(closed) if closed and closed < end else None,
                "assessed": mandatory is not None,
                "mandatory": mandatory,
                "people": people,
                "categories": sorted(f"Rule 7({c['item']})" for c in categories if c.get("applies")),
                "deadlines": steps,
            }
        )
    upcoming.sort(key=lambda item: (item[1]["due_on"], item[0], item[1]["kind"]))
    late.sort(key=lambda item: (item[1]["due_on"], item[0], item[1]["kind"]))
    data = {
        "incidents": items,
        "new": sum(1 for i in items if i["new_in_period"]),
        "mandatory": sum(1 for i in items if i["mandatory"]),
        "late": [{"incident_id": iid, **step} for iid, step in late],
        "upcoming_days": UPCOMING_DAYS,
        "upcoming": [{"incident_id": iid, **step} for iid, step in upcoming],
    }
    result = SectionResult("incidents", L("section.incidents"), data)

    def step_rows(steps: list[tuple[str, dict[str, Any]]], last: str) -> tuple[tuple[str, ...], ...]:
        return tuple((iid, L.deadline(s["kind"]), s["due_on"] or "–", str(s.get(last, "–"))) for iid, s in steps)

    result.blocks = [
        Facts(
            (
                (L("incidents.open"), L.count(len(items))),
                (L("incidents.new"), L.count(data["new"])),
                (L("incidents.mandatory"), L.count(data["mandatory"])),
                (L("incidents.late"), L.count(len(late))),
            )
        ),
        Table(
            (L("col.incident"), L("col.title"), L("col.kind"), L("col.learned_at"), L("col.mandatory"),
             L("col.people"), L("col.rule7")),
            tuple(
                (
                    i["incident_id"],
                    i["title"],
                    L.incident_kind(i["kind"]) + (L("incidents.suspected") if i["suspected"] else ""),
                    L.dt(i["learned_at"]),
                    L("incidents.unassessed") if not i["assessed"] else L("yes") if i["mandatory"] else L("no"),
                    "–" if i["people"] is None else f"{i['people']:,}",
                    L.join(i["categories"]),
                )
                for i in items
            ),
            title=L("incidents.table"),
            empty=L("incidents.none"),
            numeric=(5,),
        ),
        Bars(
            L("incidents.by_kind"),
            tuple(sorted(Counter(L.incident_kind(i["kind"]) for i in items).items())),
            L("col.kind"),
            L("col.count"),
        ),
        Table(
            (L("col.incident"), L("col.deadline"), L("col.due_on"), L("col.days_late")),
            step_rows(late, "days_late"),
            title=L("incidents.late_table"),
            empty=L("incidents.none_late"),
            numeric=(3,),
        ),
        Table(
            (L("col.incident"), L("col.deadline"), L("col.due_on")),
            tuple(r[:3] for r in step_rows(upcoming, "due_on")),
            title=L("incidents.upcoming_table", n=UPCOMING_DAYS),
            empty=L("incidents.none_upcoming"),
        ),
    ]
    if late:
        result.attention.append(
            Attention(
                INCIDENT_DEADLINE_PASSED,
                "fail",
                "incidents",
                L("attention.incidents", n=len(late), ids=", ".join(sorted({iid for iid, _ in late}))),
            )
        )
    return result


SECTION = SectionSpec(
    "incidents", "section.incidents", ("incidents", "incident_assessments", "incident_deadlines"), build
)
