"""Row digests that tie the store's tables to the ledger.

The hash chain proves the ledger was not edited; these digests extend that proof to the tables.
Each write's ledger event carries a SHA-256 digest of the rows it left behind (read back from the
database, so the digest is of what was stored, not of what Python meant to store). ``audit verify``
recomputes them: a row changed, deleted or added outside privacy-kit no longer matches its event.

The column lists are explicit and versioned ("d1"): a later migration that adds a column must not
change the digest of rows written before it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from audit.ledger import canonical_json

if TYPE_CHECKING:
    from audit.store import Store

DIGEST_VERSION = "d1"


@dataclass(frozen=True, slots=True)
class Tracked:
    """A table whose rows are digested: ``key`` names one entity, ``order`` sorts its rows."""

    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    order: tuple[str, ...] = ()


# fmt: off
TRACKED: dict[str, Tracked] = {t.table: t for t in (
    Tracked("purpose_versions", ("purpose_id", "version"),
            ("purpose_id", "version", "text", "categories", "policy_ref", "basis", "justification",
             "consent_ref", "created_at", "created_by", "published_on", "publication_ref")),
    Tracked("datasets", ("dataset_id",),
            ("dataset_id", "location", "format", "owner", "purposes", "retention_days", "third_party",
             "allowed_paths", "description", "created_at", "created_by")),
    Tracked("scan_runs", ("run_id",),
            ("run_id", "status", "started_at", "finished_at", "actor", "tool_version", "options",
             "encrypt_values", "batches", "findings_count", "counts", "progress")),
    Tracked("scan_inputs", ("run_id",),
            ("run_id", "input_no", "path", "resolved_path", "sha256", "size", "mtime", "dataset_id"),
            ("input_no",)),
    Tracked("findings", ("run_id", "batch_no"),
            ("run_id", "batch_no", "seq", "source", "record", "field", "start_offset", "end_offset",
             "entity_type", "score", "recognizer", "value_hash", "ciphertext", "dataset_id"),
            ("seq",)),
    Tracked("provisions", ("provision_id",),
            ("provision_id", "direction", "legal_path", "exemption", "record_method", "counterparty_name",
             "counterparty_address", "counterparty_rep", "acquisition", "subjects_description",
             "subject_count", "data_items", "consent_ref", "optout_publication_ref", "foreign_country",
             "dataset_id", "provided_on", "period_start", "period_end", "last_provision_on",
             "recorded_on", "retention_until", "note", "created_at", "created_by")),
    Tracked("provision_subjects", ("provision_id",),
            ("provision_id", "subject_no", "subject_ref", "ciphertext"), ("subject_no",)),
    Tracked("incidents", ("incident_id",),
            ("incident_id", "title", "kind", "suspected", "learned_at", "occurred_at", "description", "cause",
             "encryption", "key_custody", "key_compromised", "wrongful_act", "sensitive_declared",
             "financial_declared", "people_declared", "preliminary_days", "status", "close_reason",
             "created_at", "created_by", "updated_at", "closed_at")),
    Tracked("incident_files", ("incident_id",), ("incident_id", "file_no", "kind", "ref"), ("file_no",)),
    Tracked("incident_assessments", ("incident_id", "assessment_no"),
            ("incident_id", "assessment_no", "assessed_at", "assessed_by", "basis", "rule_set", "run_ids",
             "records", "people", "entity_types", "evidence", "categories", "encryption_exempt", "mandatory",
             "preliminary_due", "final_due")),
    Tracked("incident_deadlines", ("incident_id",),
            ("incident_id", "kind", "due_on", "basis", "done_on", "done_ref", "people_notified", "method",
             "recorded_at", "recorded_by"), ("kind",)),
    Tracked("moderation_runs", ("run_id",),
            ("run_id", "recorded_at", "actor", "tool_version", "pack_id", "pack_version", "pack_sha256",
             "inputs", "options", "comments", "decisions", "counts")),
    Tracked("moderation_decisions", ("run_id",),
            ("run_id", "seq", "source", "record", "comment_ref", "author_ref", "clause_id", "action",
             "severity", "rule_id", "also"), ("seq",)),
    Tracked("redaction_runs", ("run_id",),
            ("run_id", "recorded_at", "actor", "tool_version", "mode", "key_name", "key_id", "inputs", "outputs",
             "options", "records", "changed", "deleted", "counts", "report")),
    Tracked("requests", ("request_id",),
            ("request_id", "request_type", "state", "received_on", "service_days", "due_on", "channel",
             "agent_type", "agent_verification", "disclosure_method", "fee_yen", "verification_method",
             "verified_on", "refusal_ground", "alternative_measure", "reason", "note", "created_at",
             "created_by", "updated_at", "closed_at")),
    Tracked("request_identifiers", ("request_id",),
            ("request_id", "identifier_no", "kind", "subject_ref", "ciphertext"), ("identifier_no",)),
    Tracked("request_events", ("request_id",),
            ("request_id", "event_no", "event_at", "actor", "action", "from_state", "to_state", "detail"),
            ("event_no",)),
    Tracked("request_evidence", ("request_id",),
            ("request_id", "evidence_no", "kind", "created_at", "created_by", "document", "sha256"),
            ("evidence_no",)),
)}
# fmt: on


def _canon(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _canon(v) for k, v in value.items()}
    return value


class RowHasher:
    """Incremental digest over rows (in order) of one tracked table."""

    def __init__(self, spec: Tracked) -> None:
        self.spec = spec
        self._h = hashlib.sha256(f"privacy-kit rows {DIGEST_VERSION} {spec.table}\n".encode())
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        self._h.update(
            canonical_json(dict(zip(self.spec.columns, (_canon(v) for v in row), strict=False))).encode(
                "utf-8"
            )
        )
        self._h.update(b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def _select(spec: Tracked) -> str:
    cols = ", ".join(f'"{c}"' for c in spec.columns)
    return f'SELECT {cols} FROM "{spec.table}"'


def digest(store: Store, table: str, key: Sequence[Any]) -> str:
    """Digest of the rows of one entity as stored now."""
    spec = TRACKED[table]
    where = " AND ".join(f'"{k}" = ?' for k in spec.key)
    order = ", ".join(f'"{c}"' for c in spec.order) or "1"
    hasher = RowHasher(spec)
    for row in store.con.execute(f"{_select(spec)} WHERE {where} ORDER BY {order}", list(key)).fetchall():
        hasher.add(row)
    return hasher.hexdigest()


def entry(store: Store, table: str, key: Sequence[Any]) -> dict[str, Any]:
    """The ``{"table", "key", "digest"}`` item a ledger event carries for one entity."""
    return {"table": table, "key": [_canon(k) for k in key], "digest": digest(store, table, key)}


def all_digests(
    store: Store, table: str, *, chunk: int = 20_000
) -> Iterator[tuple[tuple[Any, ...], str, int]]:
    """(key, digest, row count) for every entity in ``table``, streamed in key order."""
    spec = TRACKED[table]
    key_idx = [spec.columns.index(k) for k in spec.key]
    order = ", ".join(f'"{c}"' for c in (*spec.key, *spec.order))
    cur = store.con.cursor()
    try:
        cur.execute(f"{_select(spec)} ORDER BY {order}")
        current: tuple[Any, ...] | None = None
        hasher = RowHasher(spec)
        while rows := cur.fetchmany(chunk):
            for row in rows:
                key = tuple(_canon(row[i]) for i in key_idx)
                if key != current:
                    if current is not None:
                        yield current, hasher.hexdigest(), hasher.rows
                    current, hasher = key, RowHasher(spec)
                hasher.add(row)
        if current is not None:
            yield current, hasher.hexdigest(), hasher.rows
    finally:
        cur.close()


def entries(store: Store, items: Iterable[tuple[str, Sequence[Any]]]) -> list[dict[str, Any]]:
    return [entry(store, table, key) for table, key in items]
