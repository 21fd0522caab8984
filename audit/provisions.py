"""Records of third-party provision and receipt (APPI Arts 27-30; PPC Rules 19-25).

Art 29 makes the provider record each provision of personal data to a third party and Art 30
makes the recipient confirm and record each receipt; Rules 20 and 24 list what the record must
hold and Rules 21 and 25 how long it is kept. The checks below turn those lists into refusals
with the rule named, and compute ``retention_until`` so that the records (and the subject keys
they need) are under legal hold until then.

Retention (Rule 21 provider / Rule 25 recipient, per docs/audit-store.md and appi.md §6.4; the
exact day-count wording is marked [verify] there):

==================================  ==========================================
record method                       kept until
==================================  ==========================================
contract substitute (Rule 19(3))    last provision date + 1 year
bulk record (Rule 19(2) proviso)    last provision date + 3 years
each provision (Rule 19(2))         date the record was made + 3 years
==================================  ==========================================

A year is the same calendar date (PPC FAQ Q13-35: recorded 2018-02-01, kept until 2021-02-01);
29 February moves to 1 March, the later of the two candidates, so a record is never dropped early.

The seeds' own rules apply on top: a data set marked "never provided" (the imaging society's log
terms) may be provided only under a legal exemption (Art 27(1)), and a data set may restrict the
legal paths (the oncology society's policy: consent, outsourcing, or as required by law).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from audit import digests
from audit.datasets import get_dataset
from audit.errors import ProvisionRefusedError, ValidationError
from audit.results import next_numbered_id, required_row
from audit.store import Store, utc_now
from audit.text import blank_to_none
from audit.vocab import DIRECTIONS, EXEMPTIONS, LEGAL_PATHS, METHODS

if TYPE_CHECKING:
    from audit.keys import KeyRing

#: Paths that are not third-party provision at all (Art 27(5)) or exempt (Art 27(1)): Art 29(1)
#: and 30(1) require no record, but recording them keeps the organisation's account complete.
RECORD_NOT_REQUIRED = ("outsourcing", "merger", "joint-use", "legal-exemption")

_COLUMNS = (
    "provision_id",
    "direction",
    "legal_path",
    "exemption",
    "record_method",
    "counterparty_name",
    "counterparty_address",
    "counterparty_rep",
    "acquisition",
    "subjects_description",
    "subject_count",
    "data_items",
    "consent_ref",
    "optout_publication_ref",
    "foreign_country",
    "dataset_id",
    "provided_on",
    "period_start",
    "period_end",
    "last_provision_on",
    "recorded_on",
    "retention_until",
    "note",
    "created_at",
    "created_by",
)


def add_years(day: date, years: int) -> date:
    """Same calendar date ``years`` later; 29 February becomes 1 March (never earlier)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def retention_until(method: str, *, recorded_on: date, last_provision_on: date | None) -> date:
    """Rule 21 (provider) / Rule 25 (recipient): how long this record must be kept."""
    if method == "contract":
        if last_provision_on is None:
            raise ValidationError("a contract-substitute record needs the date of the last provision")
        return add_years(last_provision_on, 1)
    if method == "bulk":
        if last_provision_on is None:
            raise ValidationError("a bulk record needs the date of the last provision")
        return add_years(last_provision_on, 3)
    if method == "each":
        return add_years(recorded_on, 3)
    raise ValidationError(f"record method {method!r} is not one of {', '.join(METHODS)}")


@dataclass(frozen=True, slots=True)
class ProvisionRequest:
    """What the caller asks to record; validated by :func:`validate` before anything is written."""

    direction: str
    legal_path: str
    counterparty_name: str
    data_items: tuple[str, ...]
    record_method: str = "each"
    exemption: str | None = None
    counterparty_address: str | None = None
    counterparty_rep: str | None = None
    acquisition: str | None = None
    subjects: tuple[str, ...] = ()  # identifiers: stored only as keyed hash + ciphertext
    subjects_description: str | None = None
    subject_count: int | None = None
    consent_ref: str | None = None
    optout_publication_ref: str | None = None
    foreign_country: str | None = None
    dataset_id: str | None = None
    provided_on: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    last_provision_on: date | None = None
    recorded_on: date | None = None
    note: str | None = None


@dataclass
class Provision:
    provision_id: str
    direction: str
    legal_path: str
    exemption: str | None
    record_method: str
    counterparty_name: str
    counterparty_address: str | None
    counterparty_rep: str | None
    acquisition: str | None
    subjects_description: str | None
    subject_count: int
    data_items: tuple[str, ...]
    consent_ref: str | None
    optout_publication_ref: str | None
    foreign_country: str | None
    dataset_id: str | None
    provided_on: date | None
    period_start: date | None
    period_end: date | None
    last_provision_on: date | None
    recorded_on: date
    retention_until: date
    note: str | None
    created_at: datetime
    created_by: str
    subject_refs: list[str] = field(default_factory=list)
    subject_values: list[str | None] | None = None  # only when decrypted on request

    @property
    def record_required(self) -> bool:
        return self.legal_path not in RECORD_NOT_REQUIRED

    def on_hold(self, today: date) -> bool:
        return self.retention_until >= today

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, (date, datetime)):
                out[key] = value.isoformat()
        out["data_items"] = list(self.data_items)
        out["record_required"] = self.record_required
        if self.subject_values is None:
            out.pop("subject_values")
        return out


def validate(req: ProvisionRequest) -> None:
    """Refuse a record that lacks what Rules 19-20 (provider) or 22-24 (recipient) require."""
    if req.direction not in DIRECTIONS:
        raise ValidationError(f"direction {req.direction!r} is not one of {', '.join(DIRECTIONS)}")
    if req.legal_path not in LEGAL_PATHS:
        raise ValidationError(f"legal path {req.legal_path!r} is not one of {', '.join(LEGAL_PATHS)}")
    if req.record_method not in METHODS:
        raise ValidationError(f"record method {req.record_method!r} is not one of {', '.join(METHODS)}")
    if not blank_to_none(req.counterparty_name):
        raise ValidationError("the counterparty's name or title is required (Rules 20, 24)")
    if req.legal_path == "legal-exemption":
        if req.exemption not in EXEMPTIONS:
            raise ValidationError(
                f"a legal exemption must cite an Art 27(1) item, one of {', '.join(EXEMPTIONS)}",
                hint="e.g. --exemption 27-1-1 for a provision required by laws and regulations",
            )
    elif req.exemption:
        raise ValidationError("--exemption is only for --legal-path legal-exemption")
    if req.record_method == "contract" and req.legal_path != "consent":
        raise ValidationError(
            "a contract may substitute for the record only for consent-based provision "
            "tied to goods or services for the individual (Rule 19(3))"
        )
    if req.record_method == "bulk" and req.legal_path == "opt-out":
        raise ValidationError(
            "opt-out provision must be recorded each time, not in bulk (Rule 19(2) proviso)"
        )
    if req.record_method in ("bulk", "contract") and req.period_start is None and req.provided_on is None:
        raise ValidationError(
            f"a {req.record_method} record needs the start of the provision period "
            "(--period-start) or the provision date"
        )
    if req.period_start and req.period_end and req.period_end < req.period_start:
        raise ValidationError("the provision period ends before it starts")
    if req.subject_count is not None and req.subject_count < 0:
        raise ValidationError("the number of subjects cannot be negative")
    if req.legal_path in RECORD_NOT_REQUIRED:
        return
    rule = "Rule 20" if req.direction == "provide" else "Rule 24"
    if not req.subjects and not blank_to_none(req.subjects_description):
        raise ValidationError(
            f"the record must identify the individuals ({rule}): give --subject or --subjects-description"
        )
    if not req.data_items:
        raise ValidationError(f"the record must list the items of personal data ({rule}): give --item")
    if req.legal_path == "consent" and not blank_to_none(req.consent_ref):
        raise ValidationError(
            f"consent-based provision must record that consent was obtained ({rule}): give --consent-ref"
        )
    if req.legal_path == "opt-out" and req.provided_on is None:
        raise ValidationError(f"opt-out provision must record the date ({rule}): give --provided-on")
    if req.direction == "receive":
        if not blank_to_none(req.counterparty_address):
            raise ValidationError("the provider's address is required (Art 30(1)(i), Rule 24)")
        if not blank_to_none(req.acquisition):
            raise ValidationError(
                "how the provider acquired the data must be confirmed and recorded "
                "(Art 30(1)(ii), Rule 24): give --acquisition"
            )
        if req.legal_path == "opt-out" and not blank_to_none(req.optout_publication_ref):
            raise ValidationError(
                "opt-out receipt must record the PPC's publication of the provider's "
                "notification (Rule 24): give --optout-publication-ref"
            )


def check_dataset_policy(store: Store, req: ProvisionRequest) -> None:
    """Refuse provision of a data set whose terms forbid it, unless the law requires it."""
    if req.dataset_id is None:
        return
    ds = get_dataset(store, req.dataset_id)
    if req.direction != "provide" or req.legal_path == "legal-exemption":
        return
    if ds.never_provided:
        raise ProvisionRefusedError(
            f"data set {ds.dataset_id!r} is registered as never provided to third parties",
            hint="only a provision required or permitted by law may override that: "
            "--legal-path legal-exemption --exemption 27-1-N",
        )
    if ds.allowed_paths is not None and req.legal_path not in ds.allowed_paths:
        raise ProvisionRefusedError(
            f"data set {ds.dataset_id!r} may be provided only by {', '.join(ds.allowed_paths)} "
            f"(its policy), not by {req.legal_path}",
            hint="or cite a legal exemption: --legal-path legal-exemption --exemption 27-1-N",
        )


def record_provision(store: Store, req: ProvisionRequest, *, keyring: KeyRing | None = None) -> Provision:
    """Validate, check the data set's policy, compute retention and write the record atomically."""
    import pyarrow as pa

    validate(req)
    subjects = tuple(dict.fromkeys(s.strip() for s in req.subjects if s.strip()))
    if subjects and keyring is None:
        raise ValidationError("recording subject identifiers needs the master key (internal: no keyring)")
    recorded_on = req.recorded_on or date.today()
    last = req.last_provision_on or req.period_end or req.provided_on
    if req.record_method in ("bulk", "contract") and last is None:
        last = req.period_start
    until = retention_until(req.record_method, recorded_on=recorded_on, last_provision_on=last)
    with store.transaction():
        check_dataset_policy(store, req)
        pid = next_numbered_id(store.con, "provisions", "provision_id", "PR")
        count = req.subject_count if req.subject_count is not None else len(subjects)
        prov = Provision(
            pid,
            req.direction,
            req.legal_path,
            req.exemption,
            req.record_method,
            req.counterparty_name.strip(),
            blank_to_none(req.counterparty_address),
            blank_to_none(req.counterparty_rep),
            blank_to_none(req.acquisition),
            blank_to_none(req.subjects_description),
            count,
            tuple(i.strip() for i in req.data_items if i.strip()),
            blank_to_none(req.consent_ref),
            blank_to_none(req.optout_publication_ref),
            blank_to_none(req.foreign_country),
            req.dataset_id,
            req.provided_on,
            req.period_start,
            req.period_end,
            last if req.record_method != "each" else req.last_provision_on,
            recorded_on,
            until,
            blank_to_none(req.note),
            utc_now(),
            store.actor,
        )
        values = [getattr(prov, c) for c in _COLUMNS]
        values[_COLUMNS.index("data_items")] = list(prov.data_items)
        store.con.execute(
            f"INSERT INTO provisions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            values,
        )
        new_keys = 0
        if subjects:
            assert keyring is not None
            refs, sealed, new_keys = keyring.seal(subjects)
            store.insert_arrow(
                "provision_subjects",
                pa.table(
                    {
                        "provision_id": pa.array([pid] * len(refs), pa.string()),
                        "subject_no": pa.array(range(1, len(refs) + 1), pa.int32()),
                        "subject_ref": pa.array(refs, pa.string()),
                        "ciphertext": pa.array(sealed, pa.binary()),
                    }
                ),
            )
            prov.subject_refs = refs
        store.append_event(
            "provision.recorded",
            {
                "provision_id": pid,
                "direction": prov.direction,
                "legal_path": prov.legal_path,
                "retention_until": until.isoformat(),
                "new_keys": new_keys,
                "records": digests.entries(store, [("provisions", [pid]), ("provision_subjects", [pid])]),
            },
        )
    return prov


def extend_provision(store: Store, provision_id: str, *, last_provision_on: date) -> Provision:
    """A bulk or contract record covers a further provision: move its last date and retention."""
    with store.transaction():
        prov = get_provision(store, provision_id)
        if prov.record_method == "each":
            raise ValidationError(f"{provision_id} records a single provision; record a new one instead")
        if prov.last_provision_on and last_provision_on < prov.last_provision_on:
            raise ValidationError(f"{provision_id} already covers provision up to {prov.last_provision_on}")
        until = retention_until(
            prov.record_method, recorded_on=prov.recorded_on, last_provision_on=last_provision_on
        )
        store.con.execute(
            "UPDATE provisions SET last_provision_on = ?, period_end = greatest(coalesce(period_end, ?), ?), "
            "retention_until = ? WHERE provision_id = ?",
            [last_provision_on, last_provision_on, last_provision_on, until, provision_id],
        )
        store.append_event(
            "provision.extended",
            {
                "provision_id": provision_id,
                "last_provision_on": last_provision_on.isoformat(),
                "retention_until": until.isoformat(),
                "records": digests.entries(store, [("provisions", [provision_id])]),
            },
        )
        return get_provision(store, provision_id)


def _row(row: Sequence[Any]) -> Provision:
    data = dict(zip(_COLUMNS, row, strict=False))
    data["data_items"] = tuple(data["data_items"] or ())
    return Provision(**data)


def get_provision(store: Store, provision_id: str, *, keyring: KeyRing | None = None) -> Provision:
    """One record with its subject refs; with a keyring, the subject identifiers decrypted too."""
    row = required_row(
        store.con,
        f"SELECT {', '.join(_COLUMNS)} FROM provisions WHERE provision_id = ?",
        [provision_id],
        missing=f"no provision record {provision_id!r}",
        hint="see `privacy-kit provision list`",
    )
    prov = _row(row)
    subjects = store.con.execute(
        "SELECT subject_ref, ciphertext FROM provision_subjects WHERE provision_id = ? ORDER BY subject_no",
        [provision_id],
    ).fetchall()
    prov.subject_refs = [str(r) for r, _ in subjects]
    if keyring is not None:
        prov.subject_values = keyring.open_values(subjects)
    return prov


def list_provisions(
    store: Store,
    *,
    direction: str | None = None,
    counterparty: str | None = None,
    dataset_id: str | None = None,
    held_on: date | None = None,
) -> list[Provision]:
    """Records, newest first; ``held_on`` keeps only those still under retention on that date."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if direction:
        where.append("direction = ?")
        params.append(direction)
    if counterparty:
        where.append("counterparty_name ILIKE ?")
        params.append(f"%{counterparty}%")
    if dataset_id:
        where.append("dataset_id = ?")
        params.append(dataset_id)
    if held_on:
        where.append("retention_until >= ?")
        params.append(held_on)
    rows = store.con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM provisions WHERE {' AND '.join(where)} "
        "ORDER BY provision_id DESC",
        params,
    ).fetchall()
    return [_row(r) for r in rows]


def provisions_naming(
    store: Store, keyring: KeyRing, values: Sequence[str]
) -> list[tuple[Provision, list[str]]]:
    """The records that name any of ``values`` (a person's identifiers), with the ones they name.

    For a disclosure of provision records (Art 33(5)): only the person's own identifiers are
    decrypted and returned, never the other individuals a bulk record names.
    """
    refs = {ref: v for v in values if v.strip() and (ref := keyring.lookup_hash(v)) is not None}
    if not refs:
        return []
    rows = store.con.execute(
        "SELECT provision_id, subject_ref, ciphertext FROM provision_subjects "
        "WHERE subject_ref IN (SELECT unnest(?::VARCHAR[])) ORDER BY provision_id, subject_no",
        [sorted(refs)],
    ).fetchall()
    named: dict[str, list[str]] = {}
    for pid, ref, blob in rows:
        value = keyring.open_values([(ref, blob)])[0]
        named.setdefault(str(pid), [])
        if value is not None and value not in named[str(pid)]:
            named[str(pid)].append(value)
    return [(get_provision(store, pid), ids) for pid, ids in sorted(named.items())]
