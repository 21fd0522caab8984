"""Data-subject requests (開示等の請求, APPI Arts 32-39): intake, workflow state, evidence.

A person may ask for the purposes of use (Art 32(2)), disclosure of their retained personal data
(Art 33(1)) or of the third-party provision records about them (Art 33(5)), correction (Art 34)
and stop of use, erasure or stop of provision (Art 35). The business answers without delay
(遅滞なく), after confirming identity by the method it set (Art 37), may charge a fee only for
32(2) and 33 (Art 38), must explain a refusal (Art 36), and can be sued two weeks after the
request reached it (Art 39). This module keeps one request's account of all that:

* ``requests``: the request's current state and the facts the articles ask about (type, agent,
  verification method, disclosure method, fee, due date, refusal ground and reason);
* ``request_identifiers``: the subject's identifiers, each under its own subject key (keyed hash
  + AES-GCM ciphertext, like provision records), so erasing the subject erases them too;
* ``request_events``: every transition, in order (who, when, from, to);
* ``request_evidence``: what a search or a fulfilment searched, found, changed, left and held
  (counts, offsets and file hashes, never a value), its SHA-256 carried by the ledger event.

Every write is one transaction with its ledger event (``request.*``), whose payload holds row
digests only. The state machine is :data:`TRANSITIONS`; an illegal step is a
:class:`RequestStateError` naming the states it could go to.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from audit import digests
from audit.errors import RequestStateError, ValidationError
from audit.keys import legal_holds, shred_refs
from audit.ledger import canonical_json
from audit.results import first_row, next_numbered_id, required_row
from audit.store import Store, utc_now
from audit.text import blank_to_none
from audit.vocab import (
    AGENT_TYPES,
    DEFAULT_SERVICE_DAYS,
    DISCLOSURE_METHODS,
    DISCLOSURE_TYPES,
    FEE_TYPES,
    FINAL_STATES,
    IDENTIFIER_KINDS,
    REFUSAL_GROUNDS,
    REQUEST_TYPES,
    VERIFICATION_METHODS,
)

if TYPE_CHECKING:
    from audit.keys import KeyRing, ShredResult

#: state -> states it may move to. Final states go nowhere.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("identity_pending", "verified", "refused", "withdrawn"),
    "identity_pending": ("verified", "refused", "withdrawn"),
    "verified": ("in_progress", "refused", "withdrawn"),
    "in_progress": ("fulfilled", "partially_fulfilled", "refused", "withdrawn"),
    **{state: () for state in FINAL_STATES},
}

#: The ledger event / request_events action for arriving in each state.
_ACTIONS: dict[str, str] = {
    "identity_pending": "identity_requested",
    "verified": "verified",
    "in_progress": "started",
    "fulfilled": "fulfilled",
    "partially_fulfilled": "partially_fulfilled",
    "refused": "refused",
    "withdrawn": "withdrawn",
}

SERVICE_DAYS_META = "request_service_days"

_COLUMNS = (
    "request_id",
    "request_type",
    "state",
    "received_on",
    "service_days",
    "due_on",
    "channel",
    "agent_type",
    "agent_verification",
    "disclosure_method",
    "fee_yen",
    "verification_method",
    "verified_on",
    "refusal_ground",
    "alternative_measure",
    "reason",
    "note",
    "created_at",
    "created_by",
    "updated_at",
    "closed_at",
)
_MUTABLE = frozenset(_COLUMNS) - {"request_id", "request_type", "created_at", "created_by"}


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier of the subject as given at intake (kind from ``IDENTIFIER_KINDS``)."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class NewRequest:
    """What intake records; checked by :func:`validate_new` before anything is written."""

    request_type: str
    identifiers: tuple[Identifier, ...]
    received_on: date | None = None
    channel: str | None = None
    agent_type: str = "none"
    agent_verification: str | None = None
    disclosure_method: str | None = None
    fee_yen: int | None = None
    service_days: int | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RequestEvent:
    event_no: int
    event_at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["event_at"] = self.event_at.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class Evidence:
    evidence_no: int
    kind: str
    created_at: datetime
    created_by: str
    document: dict[str, Any]
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat()
        return out


@dataclass
class DataSubjectRequest:
    request_id: str
    request_type: str
    state: str
    received_on: date
    service_days: int
    due_on: date
    channel: str | None
    agent_type: str
    agent_verification: str | None
    disclosure_method: str | None
    fee_yen: int | None
    verification_method: str | None
    verified_on: date | None
    refusal_ground: str | None
    alternative_measure: str | None
    reason: str | None
    note: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    closed_at: datetime | None
    identifier_kinds: list[str] = field(default_factory=list)
    subject_refs: list[str] = field(default_factory=list)
    identifier_values: list[str | None] | None = None  # only when decrypted on request
    events: list[RequestEvent] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state not in FINAL_STATES

    def overdue(self, today: date) -> bool:
        """Open and past its due date (the due date itself is still in time)."""
        return self.is_open and self.due_on < today

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days

    def identifiers(self) -> list[Identifier]:
        """The decrypted identifiers that are still readable (not shredded)."""
        if self.identifier_values is None:
            raise ValidationError("internal: the identifiers of this request were not decrypted")
        return [
            Identifier(k, v)
            for k, v in zip(self.identifier_kinds, self.identifier_values, strict=True)
            if v is not None
        ]

    def to_dict(self, *, today: date | None = None) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, (date, datetime)):
                out[key] = value.isoformat()
        out["events"] = [e.to_dict() for e in self.events]
        out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.identifier_values is None:
            out.pop("identifier_values")
        if today is not None:
            out["overdue"] = self.overdue(today)
            out["days_left"] = self.days_left(today) if self.is_open else None
        return out


# --- validation ----------------------------------------------------------------------------------


def _choice(value: str | None, allowed: Iterable[str], what: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(f"{what} {value!r} is not one of {', '.join(allowed)}")


def validate_new(req: NewRequest) -> None:
    """Refuse an intake that the articles or the store cannot accept."""
    _choice(req.request_type, REQUEST_TYPES, "request type")
    _choice(req.agent_type, AGENT_TYPES, "agent type")
    identifiers = [i for i in req.identifiers if i.value.strip()]
    if not identifiers:
        raise ValidationError(
            "a request needs at least one identifier of the person (name, e-mail, phone, account, member id)",
            hint="Art 37(2): ask for what identifies the data, and help the person provide it",
        )
    for ident in identifiers:
        _choice(ident.kind, IDENTIFIER_KINDS, "identifier kind")
    if req.fee_yen is not None:
        if req.fee_yen < 0:
            raise ValidationError("a fee cannot be negative")
        if req.fee_yen > 0 and req.request_type not in FEE_TYPES:
            raise ValidationError(
                f"no fee may be charged for a {req.request_type} request",
                hint="Art 38(1): fees only for notification of the purpose (32-2) and disclosure "
                "(33-1, 33-5)",
            )
    if req.disclosure_method is not None:
        _choice(req.disclosure_method, DISCLOSURE_METHODS, "disclosure method")
        if req.request_type not in DISCLOSURE_TYPES:
            raise ValidationError(
                f"a disclosure method applies only to {', '.join(DISCLOSURE_TYPES)} requests"
            )
    if req.service_days is not None and req.service_days < 1:
        raise ValidationError("the service level must be at least one day")


def _check_ground(request_type: str, ground: str, alternative: str | None, reason: str | None) -> None:
    if ground not in REFUSAL_GROUNDS:
        raise ValidationError(f"refusal ground {ground!r} is not one of {', '.join(REFUSAL_GROUNDS)}")
    text, applies = REFUSAL_GROUNDS[ground]
    if request_type not in applies:
        raise ValidationError(
            f"ground {ground} ({text}) does not apply to a {request_type} request",
            hint="grounds for it: "
            + ", ".join(g for g, (_, types) in REFUSAL_GROUNDS.items() if request_type in types),
        )
    if not blank_to_none(reason):
        raise ValidationError(
            "a refusal needs the reason given to the person (--reason)",
            hint="Art 36: the business must try to explain why it does not do what was asked",
        )
    if ground == "35-alternative" and not blank_to_none(alternative):
        raise ValidationError(
            "ground 35-alternative needs the alternative measure taken (--alternative)",
            hint="Art 35(2), (4), (6) provisos: refusal for cost or difficulty only with a measure "
            "protecting the person's rights",
        )


# --- the service level ---------------------------------------------------------------------------


def service_days(store: Store) -> int:
    """Days from receipt to the due date for new requests (store setting, default 14)."""
    value = store.meta(SERVICE_DAYS_META)
    return int(value) if value else DEFAULT_SERVICE_DAYS


def set_service_days(store: Store, days: int) -> int:
    if days < 1:
        raise ValidationError("the service level must be at least one day")
    with store.transaction():
        old = service_days(store)
        store.set_meta(SERVICE_DAYS_META, str(days))
        store.append_event("request.service_level", {"from": old, "to": days})
    return days


# --- reading -------------------------------------------------------------------------------------


def _row(row: Sequence[Any]) -> DataSubjectRequest:
    return DataSubjectRequest(**dict(zip(_COLUMNS, row, strict=True)))


def _identifier_rows(store: Store, request_id: str) -> list[tuple[str, str, bytes]]:
    rows = store.con.execute(
        "SELECT kind, subject_ref, ciphertext FROM request_identifiers WHERE request_id = ? "
        "ORDER BY identifier_no",
        [request_id],
    ).fetchall()
    return [(str(k), str(r), bytes(b)) for k, r, b in rows]


def get_request(store: Store, request_id: str, *, keyring: KeyRing | None = None) -> DataSubjectRequest:
    """One request with its history and evidence; with a keyring, the identifiers decrypted."""
    req = _require(store, request_id)
    idents = _identifier_rows(store, request_id)
    req.identifier_kinds = [k for k, _, _ in idents]
    req.subject_refs = [r for _, r, _ in idents]
    if keyring is not None:
        req.identifier_values = keyring.open_values((r, b) for _, r, b in idents)
    req.events = [
        RequestEvent(n, at, actor, action, src, dst, _loads(detail))
        for n, at, actor, action, src, dst, detail in store.con.execute(
            "SELECT event_no, event_at, actor, action, from_state, to_state, detail FROM request_events "
            "WHERE request_id = ? ORDER BY event_no",
            [request_id],
        ).fetchall()
    ]
    req.evidence = [
        Evidence(n, kind, at, by, _loads(doc), digest)
        for n, kind, at, by, doc, digest in store.con.execute(
            "SELECT evidence_no, kind, created_at, created_by, document, sha256 FROM request_evidence "
            "WHERE request_id = ? ORDER BY evidence_no",
            [request_id],
        ).fetchall()
    ]
    return req


def _loads(text: str | None) -> dict[str, Any]:
    import json

    return dict(json.loads(text)) if text else {}


def list_requests(
    store: Store,
    *,
    state: str | None = None,
    request_type: str | None = None,
    open_only: bool = False,
    overdue_on: date | None = None,
) -> list[DataSubjectRequest]:
    """Requests, oldest due first; ``overdue_on`` keeps open ones due before that day."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if state:
        _choice(state, TRANSITIONS, "state")
        where.append("state = ?")
        params.append(state)
    if request_type:
        _choice(request_type, REQUEST_TYPES, "request type")
        where.append("request_type = ?")
        params.append(request_type)
    if open_only or overdue_on is not None:
        where.append("state NOT IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(FINAL_STATES))
    if overdue_on is not None:
        where.append("due_on < ?")
        params.append(overdue_on)
    rows = store.con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM requests WHERE {' AND '.join(where)} "
        "ORDER BY due_on, request_id",
        params,
    ).fetchall()
    return [_row(r) for r in rows]


# --- writing -------------------------------------------------------------------------------------


def _next_no(store: Store, table: str, column: str, request_id: str) -> int:
    """The next number of a request's history or evidence rows (1, 2, ...)."""
    row = first_row(
        store.con.execute(
            f'SELECT coalesce(max("{column}"), 0) FROM "{table}" WHERE request_id = ?', [request_id]
        ).fetchall()
    )
    return (int(row[0]) if row else 0) + 1


def _record_event(
    store: Store,
    request_id: str,
    action: str,
    from_state: str | None,
    to_state: str,
    detail: Mapping[str, Any],
    *,
    extra: Mapping[str, Any] | None = None,
    tables: Sequence[str] = (),
) -> None:
    """One request_events row and its ledger event (with the digests of the request's rows)."""
    store.con.execute(
        "INSERT INTO request_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            request_id,
            _next_no(store, "request_events", "event_no", request_id),
            utc_now(),
            store.actor,
            action,
            from_state,
            to_state,
            canonical_json(detail),
        ],
    )
    items = [("requests", [request_id]), ("request_events", [request_id])]
    items += [(t, [request_id]) for t in tables]
    store.append_event(
        f"request.{action}",
        {
            "request_id": request_id,
            "from": from_state,
            "to": to_state,
            **(extra or {}),
            "records": digests.entries(store, items),
        },
    )


def file_request(store: Store, keyring: KeyRing, req: NewRequest) -> DataSubjectRequest:
    """Record a new request in state ``received``, its identifiers encrypted per subject."""
    import pyarrow as pa

    validate_new(req)
    received_on = req.received_on or date.today()
    idents = list(dict.fromkeys((i.kind, i.value.strip()) for i in req.identifiers if i.value.strip()))
    with store.transaction():
        days = req.service_days or service_days(store)
        rid = next_numbered_id(store.con, "requests", "request_id", "RQ")
        now = utc_now()
        values: dict[str, Any] = {
            "request_id": rid,
            "request_type": req.request_type,
            "state": "received",
            "received_on": received_on,
            "service_days": days,
            "due_on": received_on + timedelta(days=days),
            "channel": blank_to_none(req.channel),
            "agent_type": req.agent_type,
            "agent_verification": blank_to_none(req.agent_verification),
            "disclosure_method": req.disclosure_method
            or ("electronic" if req.request_type in DISCLOSURE_TYPES else None),
            "fee_yen": req.fee_yen,
            "verification_method": None,
            "verified_on": None,
            "refusal_ground": None,
            "alternative_measure": None,
            "reason": None,
            "note": blank_to_none(req.note),
            "created_at": now,
            "created_by": store.actor,
            "updated_at": now,
            "closed_at": None,
        }
        store.con.execute(
            f"INSERT INTO requests ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            [values[c] for c in _COLUMNS],
        )
        refs, sealed, new_keys = keyring.seal([v for _, v in idents])
        store.insert_arrow(
            "request_identifiers",
            pa.table(
                {
                    "request_id": pa.array([rid] * len(refs), pa.string()),
                    "identifier_no": pa.array(range(1, len(refs) + 1), pa.int32()),
                    "kind": pa.array([k for k, _ in idents], pa.string()),
                    "subject_ref": pa.array(refs, pa.string()),
                    "ciphertext": pa.array(sealed, pa.binary()),
                }
            ),
        )
        _record_event(
            store,
            rid,
            "received",
            None,
            "received",
            {"request_type": req.request_type, "due_on": values["due_on"].isoformat()},
            extra={"request_type": req.request_type, "new_keys": new_keys},
            tables=("request_identifiers",),
        )
    return get_request(store, rid)


def _require(store: Store, request_id: str) -> DataSubjectRequest:
    return _row(
        required_row(
            store.con,
            f"SELECT {', '.join(_COLUMNS)} FROM requests WHERE request_id = ?",
            [request_id],
            missing=f"no data-subject request {request_id!r}",
            hint="see `privacy-kit request list`",
        )
    )


def check_transition(current: str, target: str) -> None:
    """Raise RequestStateError unless ``current -> target`` is a step of the workflow."""
    if target not in TRANSITIONS:
        raise ValidationError(f"state {target!r} is not one of {', '.join(TRANSITIONS)}")
    if target not in TRANSITIONS.get(current, ()):
        allowed = TRANSITIONS.get(current, ())
        raise RequestStateError(
            f"a request in state {current} cannot become {target}",
            hint=f"from {current} it can become {', '.join(allowed)}"
            if allowed
            else f"{current} is final; file a new request if the person asks again",
        )


def _update(store: Store, request_id: str, changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - _MUTABLE
    if unknown:
        raise ValidationError(f"internal: cannot change {', '.join(sorted(unknown))}")
    sets = ", ".join(f'"{k}" = ?' for k in changes)
    store.con.execute(f"UPDATE requests SET {sets} WHERE request_id = ?", [*changes.values(), request_id])


def _move(
    store: Store,
    request_id: str,
    target: str,
    *,
    changes: Mapping[str, Any] | None = None,
    detail: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
    tables: Sequence[str] = (),
) -> None:
    """Inside a transaction: check and make one transition, with its event rows."""
    current = _require(store, request_id).state
    check_transition(current, target)
    now = utc_now()
    _update(
        store,
        request_id,
        {
            "state": target,
            "updated_at": now,
            **({"closed_at": now} if target in FINAL_STATES else {}),
            **(changes or {}),
        },
    )
    _record_event(
        store, request_id, _ACTIONS[target], current, target, detail or {}, extra=extra, tables=tables
    )


def transition(
    store: Store,
    request_id: str,
    target: str,
    *,
    changes: Mapping[str, Any] | None = None,
    detail: Mapping[str, Any] | None = None,
) -> DataSubjectRequest:
    """Make one step of the workflow in its own transaction (the generic form of the steps below)."""
    with store.transaction():
        _move(store, request_id, target, changes=changes, detail=detail)
    return get_request(store, request_id)


def request_identity(store: Store, request_id: str, *, note: str | None = None) -> DataSubjectRequest:
    """received -> identity_pending: documents or a confirmation were asked of the person."""
    return transition(store, request_id, "identity_pending", detail={"note": blank_to_none(note)})


def verify_request(
    store: Store,
    request_id: str,
    *,
    method: str,
    verified_on: date | None = None,
    agent_verification: str | None = None,
    note: str | None = None,
) -> DataSubjectRequest:
    """-> verified: identity confirmed by ``method`` (and an agent's authority, for agent requests)."""
    _choice(method, VERIFICATION_METHODS, "verification method")
    with store.transaction():
        req = _require(store, request_id)
        agent = blank_to_none(agent_verification) or req.agent_verification
        if req.agent_type != "none" and not agent:
            raise ValidationError(
                f"{request_id} was made through an agent ({req.agent_type}): record how the agent's "
                "authority was confirmed (--agent-verification)",
                hint="Art 37(3) and its Cabinet Order: a legal representative or an appointed agent",
            )
        day = verified_on or date.today()
        if day < req.received_on:
            raise ValidationError(
                f"verification on {day} is before the request was received ({req.received_on})"
            )
        _move(
            store,
            request_id,
            "verified",
            changes={"verification_method": method, "verified_on": day, "agent_verification": agent},
            detail={"method": method, "verified_on": day.isoformat(), "note": blank_to_none(note)},
        )
    return get_request(store, request_id)


def start_request(store: Store, request_id: str) -> DataSubjectRequest:
    """verified -> in_progress (a no-op for a request already in progress)."""
    with store.transaction():
        if _require(store, request_id).state != "in_progress":
            _move(store, request_id, "in_progress")
    return get_request(store, request_id)


def extend_request(store: Store, request_id: str, *, due_on: date, reason: str) -> DataSubjectRequest:
    """Move an open request's due date later, with the reason (the state does not change)."""
    if not blank_to_none(reason):
        raise ValidationError("an extension needs a reason (--reason)")
    with store.transaction():
        req = _require(store, request_id)
        if not req.is_open:
            raise RequestStateError(f"{request_id} is {req.state}; only an open request can be extended")
        if due_on <= req.due_on:
            raise ValidationError(f"{request_id} is already due on {req.due_on}; give a later date")
        _update(store, request_id, {"due_on": due_on, "updated_at": utc_now()})
        _record_event(
            store,
            request_id,
            "extended",
            req.state,
            req.state,
            {"from": req.due_on.isoformat(), "to": due_on.isoformat(), "reason": blank_to_none(reason)},
        )
    return get_request(store, request_id)


def refuse_request(
    store: Store, request_id: str, *, ground: str, reason: str, alternative: str | None = None
) -> DataSubjectRequest:
    """-> refused, with the Art 33(2)/35 ground, the alternative measure and the Art 36 reason."""
    with store.transaction():
        req = _require(store, request_id)
        _check_ground(req.request_type, ground, alternative, reason)
        _move(
            store,
            request_id,
            "refused",
            changes={
                "refusal_ground": ground,
                "alternative_measure": blank_to_none(alternative),
                "reason": blank_to_none(reason),
            },
            detail={"ground": ground},
        )
    return get_request(store, request_id)


def _add_evidence(store: Store, request_id: str, kind: str, document: Mapping[str, Any]) -> str:
    """Insert one evidence row (inside the caller's transaction); returns its SHA-256."""
    text = canonical_json(document)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    store.con.execute(
        "INSERT INTO request_evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            request_id,
            _next_no(store, "request_evidence", "evidence_no", request_id),
            kind,
            utc_now(),
            store.actor,
            text,
            digest,
        ],
    )
    return digest


def record_evidence(
    store: Store, request_id: str, kind: str, document: Mapping[str, Any]
) -> DataSubjectRequest:
    """Store what a search did, moving a verified request into progress; one ledger event."""
    with store.transaction():
        req = _require(store, request_id)
        if req.state == "verified":
            _move(store, request_id, "in_progress")
        elif req.state != "in_progress":
            raise RequestStateError(
                f"{request_id} is {req.state}; search and fulfil need a verified request",
                hint="confirm the person's identity first: privacy-kit request verify "
                f"{request_id} --method …",
            )
        digest = _add_evidence(store, request_id, kind, document)
        _record_event(
            store,
            request_id,
            "evidence",
            "in_progress",
            "in_progress",
            {"kind": kind, "sha256": digest},
            extra={"evidence": kind, "sha256": digest},
            tables=("request_evidence",),
        )
    return get_request(store, request_id)


def close_request(
    store: Store,
    request_id: str,
    outcome: str,
    *,
    reason: str | None = None,
    note: str | None = None,
    evidence: tuple[str, Mapping[str, Any]] | None = None,
) -> DataSubjectRequest:
    """-> fulfilled | partially_fulfilled | withdrawn, with the fulfilment's evidence if any.

    A verified request passes through in_progress (both steps are recorded). Partial fulfilment
    needs the reason given to the person for what was not done (Art 36).
    """
    _choice(outcome, ("fulfilled", "partially_fulfilled", "withdrawn"), "outcome")
    if outcome == "partially_fulfilled" and not blank_to_none(reason):
        raise ValidationError(
            "partial fulfilment needs the reason given to the person for what was not done (--reason)",
            hint="Art 36: explain why the request was not met in full",
        )
    with store.transaction():
        req = _require(store, request_id)
        if outcome != "withdrawn" and req.state == "verified":
            _move(store, request_id, "in_progress")
        detail: dict[str, Any] = {"note": blank_to_none(note)}
        extra: dict[str, Any] = {}
        tables: tuple[str, ...] = ()
        if evidence is not None:
            digest = _add_evidence(store, request_id, evidence[0], evidence[1])
            detail |= {"evidence": evidence[0], "sha256": digest}
            extra = {"evidence": evidence[0], "sha256": digest}
            tables = ("request_evidence",)
        changes: dict[str, Any] = {"reason": blank_to_none(reason)} if blank_to_none(reason) else {}
        if blank_to_none(note):
            changes["note"] = blank_to_none(note)
        _move(store, request_id, outcome, changes=changes, detail=detail, extra=extra, tables=tables)
    return get_request(store, request_id)


# --- erasure of the subject ----------------------------------------------------------------------


def findings_in_records(
    store: Store, records: Iterable[tuple[str, str, int]]
) -> tuple[set[str], set[str]]:
    """Subject refs the store's findings place inside these records, split into those found only
    there and those also found elsewhere.

    ``records`` are (absolute path, SHA-256 of the file as scanned, record index): a finding counts
    only if its scan read that very content (``scan_inputs.sha256``), since record numbers shift
    once a file is rewritten. A value found only inside a person's deleted records was theirs and
    can be shredded; one found elsewhere too (another member's address quoted in their comment)
    is someone else's as well and is kept.
    """
    import pyarrow as pa

    rows = list(records)
    if not rows:
        return set(), set()
    table = pa.table(
        {
            "path": pa.array([r[0] for r in rows], pa.string()),
            "sha256": pa.array([r[1] for r in rows], pa.string()),
            "record": pa.array([r[2] for r in rows], pa.int64()),
        }
    )
    with store.arrow_view(table) as view:
        found = store.con.execute(
            f"""
            WITH located AS (
                SELECT f.value_hash AS ref,
                       EXISTS (SELECT 1 FROM "{view}" t WHERE t.path = i.resolved_path
                               AND t.sha256 = i.sha256 AND t.record = f.record) AS inside
                FROM findings f
                LEFT JOIN scan_inputs i ON i.run_id = f.run_id AND i.path = f.source
                WHERE f.value_hash <> 'shredded'
            )
            SELECT ref, bool_and(inside) FROM located GROUP BY ref HAVING bool_or(inside)
            """
        ).fetchall()
    only = {str(ref) for ref, all_inside in found if all_inside}
    return only, {str(ref) for ref, all_inside in found if not all_inside}


@dataclass(frozen=True, slots=True)
class SubjectErasure:
    """What crypto-shredding a request's subject did and what it had to leave (legal hold)."""

    shredded: int  # subject keys destroyed
    subjects: int  # distinct subjects (values and refs) whose keys were looked for
    held: tuple[tuple[str, date], ...]  # (provision id, retention_until) still needing a key
    held_subjects: int  # subjects whose key is kept because of those records
    shared: int = 0  # values in the deleted records also found elsewhere: kept

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject_keys_shredded": self.shredded,
            "subjects_looked_up": self.subjects,
            "held_subjects": self.held_subjects,
            "held": [{"provision_id": p, "retention_until": d.isoformat()} for p, d in self.held],
            "shared_values_kept": self.shared,
        }


def shred_request_subject(
    keyring: KeyRing,
    request_id: str,
    values: Iterable[str],
    *,
    today: date,
    refs: Iterable[str] = (),
    shared: int = 0,
) -> tuple[SubjectErasure, ShredResult | None]:
    """Destroy the keys of every value of the subject except those a provision record still needs.

    ``values`` are the request's identifiers plus every form found in the data sets, ``refs``
    the subjects of other values found only in the person's deleted records; the ones named by a
    provision/receipt record inside its ``retention_until`` are held (Rules 21/25) and reported,
    the rest are shredded (their findings, provision links and this request's identifiers become
    unreadable).
    """
    store = keyring.store
    wanted = {r for v in values if v.strip() and (r := keyring.lookup_hash(v)) is not None} | set(refs)
    holds = legal_holds(store, wanted, today)
    held_refs = {h[0] for h in holds}
    free = sorted(wanted - held_refs)
    result = shred_refs(keyring, free, today=today, request_ref=request_id) if free else None
    held = tuple(sorted({(p, d) for _, p, d in holds}))
    return (
        SubjectErasure(len(result.shredded) if result else 0, len(wanted), held, len(held_refs), shared),
        result,
    )
