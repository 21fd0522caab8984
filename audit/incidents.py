"""Breach incidents (漏えい等, APPI Art 26; PPC Rules 7-10): declared, assessed, reported, closed.

Art 26(1) makes a business report a leak, loss or damage of personal data (or the risk of one)
to the PPC when it falls into one of the four categories of Rule 7, first promptly (速報, Rule
8(1)) and then in full within 30 days, or 60 for a wrongful act (確報, Rule 8(2)); Art 26(2)
and Rule 10 require the individuals to be notified. The clock runs from when the organisation
*learned* of the incident, so that moment is the one thing an incident cannot be recorded
without.

This module only stores: the incident as declared, each assessment (what a scan found and what
was decided from it; the decision itself is made by ``privacy_kit.incidents``, which knows the
rules and the detectors), and the deadlines the decision requires together with whether and when
each was met. Every change is one transaction with one ledger event carrying the row digests, so
``audit verify`` notices an assessment or a deadline edited outside privacy-kit. No personal value
or keyed hash of one is stored here: people are counted, not listed, so shredding a subject
never has to touch an incident.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from audit import digests
from audit.datasets import get_dataset
from audit.errors import IncidentStateError, ValidationError
from audit.ledger import canonical_json
from audit.results import required_row
from audit.scans import get_run
from audit.store import Store, utc_now
from audit.text import blank_to_none
from audit.vocab import DEADLINE_KINDS, INCIDENT_KINDS, INCIDENT_STATUSES

#: Kinds of thing an incident says was involved: a file or glob, a registered data set, or a
#: stored scan run whose findings are the evidence.
FILE_KINDS: tuple[str, ...] = ("file", "dataset", "scan-run")
VOLUNTARY = "voluntary"
_ID = re.compile(r"^INC-(\d+)$")
_FUTURE_SLACK = timedelta(minutes=5)

_INCIDENT_COLUMNS = (
    "incident_id",
    "title",
    "kind",
    "suspected",
    "learned_at",
    "occurred_at",
    "description",
    "cause",
    "encryption",
    "key_custody",
    "key_compromised",
    "wrongful_act",
    "sensitive_declared",
    "financial_declared",
    "people_declared",
    "preliminary_days",
    "status",
    "close_reason",
    "created_at",
    "created_by",
    "updated_at",
    "closed_at",
)
_ASSESSMENT_COLUMNS = (
    "incident_id",
    "assessment_no",
    "assessed_at",
    "assessed_by",
    "basis",
    "rule_set",
    "run_ids",
    "records",
    "people",
    "entity_types",
    "evidence",
    "categories",
    "encryption_exempt",
    "mandatory",
    "preliminary_due",
    "final_due",
)
_DEADLINE_COLUMNS = (
    "incident_id",
    "kind",
    "due_on",
    "basis",
    "done_on",
    "done_ref",
    "people_notified",
    "method",
    "recorded_at",
    "recorded_by",
)
_JSON_COLUMNS = ("entity_types", "evidence", "categories")

#: What ``update_incident`` may change (the rest is history: ids, status, who and when).
UPDATABLE: frozenset[str] = frozenset(_INCIDENT_COLUMNS) - {
    "incident_id", "status", "close_reason", "created_at", "created_by", "updated_at", "closed_at"
}
#: Changes after which an existing assessment's decision may no longer hold.
DECISION_INPUTS: frozenset[str] = UPDATABLE - {"title", "kind", "suspected", "description", "cause", "occurred_at"}


def to_utc(value: datetime) -> datetime:
    """Naive UTC, as every TIMESTAMP in the store: an aware value is converted, a naive one is UTC."""
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncidentFile:
    kind: str  # file | dataset | scan-run
    ref: str


@dataclass(frozen=True, slots=True)
class IncidentRequest:
    """What the organisation declares when it opens an incident; validated before anything is written."""

    title: str
    learned_at: datetime
    kind: str = "leak"
    suspected: bool = False
    occurred_at: datetime | None = None
    description: str | None = None
    cause: str | None = None
    encryption: str | None = None
    key_custody: str | None = None
    key_compromised: bool = False
    wrongful_act: bool = False
    sensitive_declared: bool = False
    financial_declared: bool = False
    people_declared: int | None = None
    preliminary_days: int = 3
    files: tuple[IncidentFile, ...] = ()


@dataclass(frozen=True, slots=True)
class AssessmentData:
    """What an assessment found and decided (built by ``privacy_kit.incidents``)."""

    basis: str
    rule_set: str
    run_ids: tuple[str, ...]
    records: int
    people: int
    entity_types: Mapping[str, int]
    evidence: Mapping[str, Any]
    categories: Sequence[Mapping[str, Any]]
    encryption_exempt: bool
    mandatory: bool
    preliminary_due: date | None
    final_due: date | None


@dataclass(frozen=True, slots=True)
class Assessment:
    incident_id: str
    assessment_no: int
    assessed_at: datetime
    assessed_by: str
    data: AssessmentData

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "incident_id": self.incident_id,
            "assessment_no": self.assessment_no,
            "assessed_at": self.assessed_at.isoformat(),
            "assessed_by": self.assessed_by,
        }
        for f in fields(AssessmentData):
            value = getattr(self.data, f.name)
            if isinstance(value, tuple):
                value = list(value)
            out[f.name] = _iso(value)
        return out


@dataclass(frozen=True, slots=True)
class Deadline:
    """A step a reportable incident requires (or one taken voluntarily), with when it was done."""

    kind: str
    due_on: date | None
    basis: str
    done_on: date | None = None
    done_ref: str | None = None
    people_notified: int | None = None
    method: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None

    @property
    def required(self) -> bool:
        return self.basis != VOLUNTARY

    def state(self, today: date) -> str:
        """done | overdue | open."""
        if self.done_on is not None:
            return "done"
        if self.due_on is not None and self.due_on < today:
            return "overdue"
        return "open"

    def to_dict(self, today: date) -> dict[str, Any]:
        out = {k: _iso(v) for k, v in asdict(self).items()}
        out["label"] = DEADLINE_KINDS.get(self.kind, self.kind)
        out["state"] = self.state(today)
        out["days_left"] = (self.due_on - today).days if self.due_on and self.done_on is None else None
        return out


@dataclass
class Incident:
    incident_id: str
    title: str
    kind: str
    suspected: bool
    learned_at: datetime
    occurred_at: datetime | None
    description: str | None
    cause: str | None
    encryption: str | None
    key_custody: str | None
    key_compromised: bool
    wrongful_act: bool
    sensitive_declared: bool
    financial_declared: bool
    people_declared: int | None
    preliminary_days: int
    status: str
    close_reason: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    closed_at: datetime | None
    files: list[IncidentFile] = field(default_factory=list)
    assessment: Assessment | None = None
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def encryption_declared(self) -> bool:
        """High-grade encryption declared *with* the key's custody described and not compromised."""
        return bool(self.encryption and self.key_custody and not self.key_compromised)

    def open_deadlines(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.required and d.done_on is None]

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        today = today or date.today()
        out = {c: _iso(getattr(self, c)) for c in _INCIDENT_COLUMNS}
        out["files"] = [asdict(f) for f in self.files]
        out["encryption_declared"] = self.encryption_declared
        out["assessment"] = self.assessment.to_dict() if self.assessment else None
        out["deadlines"] = [d.to_dict(today) for d in self.deadlines]
        return out


@dataclass(frozen=True, slots=True)
class DueItem:
    """One deadline with the incident it belongs to: the ``incident list --due`` row."""

    incident_id: str
    title: str
    incident_status: str
    deadline: Deadline

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        today = today or date.today()
        return {
            "incident_id": self.incident_id,
            "title": self.title,
            "incident_status": self.incident_status,
            **self.deadline.to_dict(today),
        }


# --- validation -------------------------------------------------------------------------------


def _check_values(values: Mapping[str, Any], *, now: datetime) -> None:
    """Refuse declarations that cannot be true or that the decision cannot use."""
    if "title" in values and not blank_to_none(values["title"]):
        raise ValidationError("an incident needs a title (what it is, in a few words; no personal data)")
    if "kind" in values and values["kind"] not in INCIDENT_KINDS:
        raise ValidationError(f"incident kind {values['kind']!r} is not one of {', '.join(INCIDENT_KINDS)}")
    learned = values.get("learned_at")
    if learned is not None and learned > now + _FUTURE_SLACK:
        raise ValidationError(
            f"learned_at {learned.isoformat()} (UTC) is in the future",
            hint="give when the organisation learned of the incident: deadlines run from it (Rule 8)",
        )
    occurred = values.get("occurred_at")
    if occurred is not None and learned is not None and occurred > learned:
        raise ValidationError("the incident cannot have occurred after the organisation learned of it")
    people = values.get("people_declared")
    if people is not None and people < 0:
        raise ValidationError("the number of people cannot be negative")
    days = values.get("preliminary_days")
    if days is not None and not 1 <= days <= 29:
        raise ValidationError(
            f"a preliminary-report target of {days} day(s) is not plausible",
            hint="the PPC guideline's target for 速報 is about 3-5 days; the default is 3",
        )


def _check_files(store: Store, files: Iterable[IncidentFile]) -> list[IncidentFile]:
    out: list[IncidentFile] = []
    for f in files:
        ref = f.ref.strip()
        if f.kind not in FILE_KINDS:
            raise ValidationError(f"file kind {f.kind!r} is not one of {', '.join(FILE_KINDS)}")
        if not ref:
            raise ValidationError(f"an empty {f.kind} reference")
        if f.kind == "dataset":
            get_dataset(store, ref)  # must exist
        elif f.kind == "scan-run":
            get_run(store, ref)
        out.append(IncidentFile(f.kind, ref))
    return out


# --- reading ------------------------------------------------------------------------------------


def _incident_row(row: Sequence[Any]) -> Incident:
    return Incident(**dict(zip(_INCIDENT_COLUMNS, row, strict=True)))


def _assessment_row(row: Sequence[Any]) -> Assessment:
    data = dict(zip(_ASSESSMENT_COLUMNS, row, strict=True))
    for col in _JSON_COLUMNS:
        data[col] = json.loads(data[col])
    data["run_ids"] = tuple(data["run_ids"] or ())
    meta = {k: data.pop(k) for k in ("incident_id", "assessment_no", "assessed_at", "assessed_by")}
    return Assessment(**meta, data=AssessmentData(**data))


def _deadline_row(row: Sequence[Any]) -> Deadline:
    data = dict(zip(_DEADLINE_COLUMNS, row, strict=True))
    data.pop("incident_id")
    return Deadline(**data)


def _details(store: Store, inc: Incident) -> Incident:
    inc.files = [
        IncidentFile(kind, ref)
        for kind, ref in store.con.execute(
            "SELECT kind, ref FROM incident_files WHERE incident_id = ? ORDER BY file_no", [inc.incident_id]
        ).fetchall()
    ]
    rows = store.con.execute(
        f"SELECT {', '.join(_ASSESSMENT_COLUMNS)} FROM incident_assessments WHERE incident_id = ? "
        "ORDER BY assessment_no DESC LIMIT 1",
        [inc.incident_id],
    ).fetchall()
    inc.assessment = _assessment_row(rows[0]) if rows else None
    order = list(DEADLINE_KINDS)
    inc.deadlines = sorted(
        (
            _deadline_row(r)
            for r in store.con.execute(
                f"SELECT {', '.join(_DEADLINE_COLUMNS)} FROM incident_deadlines WHERE incident_id = ?",
                [inc.incident_id],
            ).fetchall()
        ),
        key=lambda d: order.index(d.kind),
    )
    return inc


def get_incident(store: Store, incident_id: str) -> Incident:
    """The incident with its files, latest assessment and deadlines."""
    row = required_row(
        store.con,
        f"SELECT {', '.join(_INCIDENT_COLUMNS)} FROM incidents WHERE incident_id = ?",
        [incident_id],
        missing=f"no incident {incident_id!r}",
        hint="see `privacy-kit incident list`",
    )
    return _details(store, _incident_row(row))


def list_incidents(store: Store, *, status: str | None = None) -> list[Incident]:
    """Incidents, newest first (by when they were learned of)."""
    if status is not None and status not in INCIDENT_STATUSES:
        raise ValidationError(f"status {status!r} is not one of {', '.join(INCIDENT_STATUSES)}")
    sql = f"SELECT {', '.join(_INCIDENT_COLUMNS)} FROM incidents"
    params: list[Any] = []
    if status:
        sql += " WHERE status = ?"
        params.append(status)
    rows = store.con.execute(sql + " ORDER BY learned_at DESC, incident_id DESC", params).fetchall()
    return [_details(store, _incident_row(r)) for r in rows]


def list_due(store: Store, *, include_done: bool = False) -> list[DueItem]:
    """Deadlines of all incidents, earliest first (no fixed day last): what is still to be done."""
    items = [
        DueItem(inc.incident_id, inc.title, inc.status, d)
        for inc in list_incidents(store)
        for d in inc.deadlines
        if include_done or d.done_on is None
    ]
    return sorted(items, key=lambda i: (i.deadline.due_on is None, i.deadline.due_on or date.max, i.incident_id))


# --- writing ------------------------------------------------------------------------------------


def _next_id(store: Store) -> str:
    highest = 0
    for (iid,) in store.con.execute("SELECT incident_id FROM incidents").fetchall():
        match = _ID.fullmatch(iid)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"INC-{highest + 1:06d}"


def _insert_files(store: Store, incident_id: str, files: Sequence[IncidentFile]) -> None:
    row = store.con.execute(
        "SELECT coalesce(max(file_no), 0) FROM incident_files WHERE incident_id = ?", [incident_id]
    ).fetchall()
    start = int(row[0][0]) if row else 0
    known = {
        (k, r)
        for k, r in store.con.execute(
            "SELECT kind, ref FROM incident_files WHERE incident_id = ?", [incident_id]
        ).fetchall()
    }
    new = [f for f in dict.fromkeys(files) if (f.kind, f.ref) not in known]
    for no, f in enumerate(new, start=start + 1):
        store.con.execute("INSERT INTO incident_files VALUES (?, ?, ?, ?)", [incident_id, no, f.kind, f.ref])


def _event(store: Store, kind: str, incident_id: str, extra: Mapping[str, Any], tables: Sequence[str]) -> None:
    items: list[tuple[str, Sequence[Any]]] = [(t, [incident_id]) for t in tables]
    store.append_event(kind, {"incident_id": incident_id, **extra, "records": digests.entries(store, items)})


def create_incident(store: Store, req: IncidentRequest) -> Incident:
    """Open an incident as declared; nothing is decided yet (``assess`` does that)."""
    now = utc_now()
    values = {f.name: getattr(req, f.name) for f in fields(IncidentRequest) if f.name != "files"}
    values["learned_at"] = to_utc(req.learned_at)
    values["occurred_at"] = to_utc(req.occurred_at) if req.occurred_at else None
    for text in ("title", "description", "cause", "encryption", "key_custody"):
        values[text] = blank_to_none(values[text])
    _check_values(values, now=now)
    with store.write():
        files = _check_files(store, req.files)
        iid = _next_id(store)
        row = {
            **values,
            "incident_id": iid,
            "status": "open",
            "close_reason": None,
            "created_at": now,
            "created_by": store.actor,
            "updated_at": now,
            "closed_at": None,
        }
        store.con.execute(
            f"INSERT INTO incidents ({', '.join(_INCIDENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_INCIDENT_COLUMNS))})",
            [row[c] for c in _INCIDENT_COLUMNS],
        )
        _insert_files(store, iid, files)
        _event(store, "incident.created", iid, {"files": len(files)}, ("incidents", "incident_files"))
        return get_incident(store, iid)


def _require_open(inc: Incident) -> None:
    if inc.status == "closed":
        raise IncidentStateError(
            f"incident {inc.incident_id} was closed on {inc.closed_at:%Y-%m-%d}; it takes no more changes",
            hint="open a new incident if something new was learned",
        )


def update_incident(
    store: Store, incident_id: str, changes: Mapping[str, Any], *, add_files: Sequence[IncidentFile] = ()
) -> Incident:
    """Change what was declared (or add files). The caller re-decides an assessed incident when a
    decision input changed (see ``DECISION_INPUTS``); this function only records."""
    unknown = sorted(set(changes) - UPDATABLE)
    if unknown:
        raise ValidationError(f"cannot change {', '.join(unknown)} of an incident")
    with store.write():
        inc = get_incident(store, incident_id)
        _require_open(inc)
        values = dict(changes)
        for key in ("learned_at", "occurred_at"):
            if values.get(key) is not None:
                values[key] = to_utc(values[key])
        for text in ("title", "description", "cause", "encryption", "key_custody"):
            if text in values:
                values[text] = blank_to_none(values[text])
        merged = {c: getattr(inc, c) for c in UPDATABLE} | values
        _check_values(merged, now=utc_now())
        files = _check_files(store, add_files)
        changed = sorted(k for k, v in values.items() if getattr(inc, k) != v)
        if not changed and not files:
            raise ValidationError(f"nothing to change in {incident_id}")
        if changed:
            sets = ", ".join(f"{c} = ?" for c in changed)
            store.con.execute(
                f"UPDATE incidents SET {sets}, updated_at = ? WHERE incident_id = ?",
                [values[c] for c in changed] + [utc_now(), incident_id],
            )
        _insert_files(store, incident_id, files)
        # field names only: the values may be free text the ledger must not repeat
        _event(
            store,
            "incident.updated",
            incident_id,
            {"changed": changed, "files_added": len(files)},
            ("incidents", "incident_files"),
        )
        return get_incident(store, incident_id)


def record_assessment(
    store: Store, incident_id: str, data: AssessmentData, deadlines: Sequence[Deadline]
) -> Incident:
    """Store an assessment and make the open deadlines those it requires.

    Steps already done stay as recorded; open ones are replaced by ``deadlines`` (a later
    assessment may move a date, add a step, or find that none is required any more).
    """
    for d in deadlines:
        if d.kind not in DEADLINE_KINDS:
            raise ValidationError(f"deadline kind {d.kind!r} is not one of {', '.join(DEADLINE_KINDS)}")
    with store.write():
        inc = get_incident(store, incident_id)
        _require_open(inc)
        now = utc_now()
        row = store.con.execute(
            "SELECT coalesce(max(assessment_no), 0) FROM incident_assessments WHERE incident_id = ?",
            [incident_id],
        ).fetchall()
        number = int(row[0][0]) + 1 if row else 1
        values = {f.name: getattr(data, f.name) for f in fields(AssessmentData)}
        for col in _JSON_COLUMNS:
            values[col] = canonical_json(values[col])
        values["run_ids"] = list(data.run_ids)
        values |= {
            "incident_id": incident_id,
            "assessment_no": number,
            "assessed_at": now,
            "assessed_by": store.actor,
        }
        store.con.execute(
            f"INSERT INTO incident_assessments ({', '.join(_ASSESSMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_ASSESSMENT_COLUMNS))})",
            [values[c] for c in _ASSESSMENT_COLUMNS],
        )
        done = {d.kind for d in inc.deadlines if d.done_on is not None}
        store.con.execute(
            "DELETE FROM incident_deadlines WHERE incident_id = ? AND done_on IS NULL", [incident_id]
        )
        for d in deadlines:
            if d.kind in done:
                continue
            _insert_deadline(store, incident_id, replace(d, recorded_at=now, recorded_by=store.actor))
        store.con.execute(
            "UPDATE incidents SET status = 'assessed', updated_at = ? WHERE incident_id = ?", [now, incident_id]
        )
        store.append_event(
            "incident.assessed",
            {
                "incident_id": incident_id,
                "assessment_no": number,
                "basis": data.basis,
                "mandatory": data.mandatory,
                "people": data.people,
                "records": digests.entries(
                    store,
                    [
                        ("incidents", [incident_id]),
                        ("incident_assessments", [incident_id, number]),
                        ("incident_deadlines", [incident_id]),
                    ],
                ),
            },
        )
        return get_incident(store, incident_id)


def _insert_deadline(store: Store, incident_id: str, d: Deadline) -> None:
    values = {"incident_id": incident_id, **asdict(d)}
    store.con.execute(
        f"INSERT INTO incident_deadlines ({', '.join(_DEADLINE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_DEADLINE_COLUMNS))})",
        [values[c] for c in _DEADLINE_COLUMNS],
    )


def record_step(
    store: Store,
    incident_id: str,
    kind: str,
    *,
    done_on: date,
    ref: str | None = None,
    people_notified: int | None = None,
    method: str | None = None,
) -> Incident:
    """Record that a report was filed or the individuals were notified (a step not required by
    the assessment is recorded as voluntary)."""
    if kind not in DEADLINE_KINDS:
        raise ValidationError(f"step {kind!r} is not one of {', '.join(DEADLINE_KINDS)}")
    if done_on > date.today():
        raise ValidationError(f"{kind} cannot be recorded as done on {done_on}, a day still to come")
    if people_notified is not None and people_notified < 0:
        raise ValidationError("the number of people notified cannot be negative")
    with store.write():
        inc = get_incident(store, incident_id)
        _require_open(inc)
        existing = next((d for d in inc.deadlines if d.kind == kind), None)
        if existing is not None and existing.done_on is not None:
            raise IncidentStateError(
                f"{kind} of {incident_id} was already recorded as done on {existing.done_on}"
                + (f" ({existing.done_ref})" if existing.done_ref else "")
            )
        now = utc_now()
        step = Deadline(
            kind,
            existing.due_on if existing else None,
            existing.basis if existing else VOLUNTARY,
            done_on,
            blank_to_none(ref),
            people_notified,
            blank_to_none(method),
            now,
            store.actor,
        )
        store.con.execute("DELETE FROM incident_deadlines WHERE incident_id = ? AND kind = ?", [incident_id, kind])
        _insert_deadline(store, incident_id, step)
        store.con.execute("UPDATE incidents SET updated_at = ? WHERE incident_id = ?", [now, incident_id])
        _event(
            store,
            "incident.step_recorded",
            incident_id,
            {"step": kind, "done_on": done_on.isoformat(), "late": bool(step.due_on and done_on > step.due_on)},
            ("incidents", "incident_deadlines"),
        )
        return get_incident(store, incident_id)


def record_draft(store: Store, incident_id: str, *, documents: Mapping[str, str]) -> None:
    """Ledger event for drafts written: which documents (e.g. report, notice) and their SHA-256."""
    with store.write():
        inc = get_incident(store, incident_id)
        if inc.assessment is None:
            raise IncidentStateError(f"incident {incident_id} has not been assessed")
        store.append_event(
            "incident.drafted",
            {
                "incident_id": incident_id,
                "assessment_no": inc.assessment.assessment_no,
                "documents": dict(sorted(documents.items())),
            },
        )


def close_incident(store: Store, incident_id: str, *, reason: str) -> Incident:
    """Close an incident; refused while a required report or notice is not recorded as done."""
    reason_text = blank_to_none(reason)
    if reason_text is None:
        raise ValidationError("closing an incident needs a reason (what was concluded)")
    with store.write():
        inc = get_incident(store, incident_id)
        _require_open(inc)
        if inc.assessment is None:
            raise IncidentStateError(
                f"incident {incident_id} was never assessed",
                hint=f"run `privacy-kit incident assess {incident_id}` first: closing needs a decision on record",
            )
        pending = inc.open_deadlines()
        if pending:
            raise IncidentStateError(
                f"incident {incident_id} still has required steps not done: "
                + ", ".join(f"{d.kind} (due {d.due_on or 'promptly'})" for d in pending),
                hint=f"record each when done: privacy-kit incident update {incident_id} --done KIND --done-on DATE",
            )
        now = utc_now()
        store.con.execute(
            "UPDATE incidents SET status = 'closed', close_reason = ?, closed_at = ?, updated_at = ? "
            "WHERE incident_id = ?",
            [reason_text, now, now, incident_id],
        )
        _event(store, "incident.closed", incident_id, {}, ("incidents",))
        return get_incident(store, incident_id)
