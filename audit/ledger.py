"""The tamper-evident ledger: a SHA-256 hash chain over canonical JSON events.

Every write to the store appends one event in the same transaction. Each event's hash covers its
sequence number, time, kind, actor, payload and the previous event's hash, so editing, deleting,
inserting or reordering any event breaks the chain at that point. A chain alone cannot reveal that
its newest events were cut off (or that someone recomputed the whole chain): for that, a
checkpoint (head hash + count) is exported and kept off the machine, and later compared.

Payloads never hold personal values, nor their keyed hashes: only record identifiers, counts and
row digests, so destroying a subject key (crypto-shredding) leaves every hash here verifiable.

This module is pure (no DuckDB): the store feeds it rows; tests feed it lists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from audit.errors import CheckpointError

GENESIS = "0" * 64
_DOMAIN = b"privacy-kit ledger v1\n"
CHECKPOINT_FORMAT = "privacy-kit-checkpoint/1"


def canonical_json(obj: Any) -> str:
    """One byte-exact serialisation: sorted keys, no spaces, UTF-8 kept (Japanese stays readable)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def event_hash(seq: int, ts: str, kind: str, actor: str, payload: str, prev_hash: str) -> str:
    """Hash of one event; ``payload`` is already canonical JSON text (hashed as stored)."""
    body = canonical_json(
        {"seq": seq, "ts": ts, "kind": kind, "actor": actor, "payload": payload, "prev": prev_hash}
    )
    return hashlib.sha256(_DOMAIN + body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Event:
    seq: int
    ts: str
    kind: str
    actor: str
    payload: str
    prev_hash: str
    hash: str

    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.payload)
        return parsed

    def expected_hash(self) -> str:
        return event_hash(self.seq, self.ts, self.kind, self.actor, self.payload, self.prev_hash)


def make_event(
    prev: Event | None, kind: str, payload: Mapping[str, Any], *, actor: str, ts: str | None = None
) -> Event:
    """The event that follows ``prev`` (or starts the chain when ``prev`` is None)."""
    seq = 1 if prev is None else prev.seq + 1
    prev_hash = GENESIS if prev is None else prev.hash
    ts = ts or utc_now_iso()
    text = canonical_json(dict(payload))
    return Event(seq, ts, kind, actor, text, prev_hash, event_hash(seq, ts, kind, actor, text, prev_hash))


@dataclass(frozen=True, slots=True)
class Problem:
    """One place where the ledger is not what was written: ``position`` is 1-based in seq order."""

    position: int
    seq: int | None
    reason: str


@dataclass
class ChainReport:
    count: int = 0
    head: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(events: Iterable[Event], *, max_problems: int = 20) -> ChainReport:
    """Walk the chain in seq order and report every break.

    Checks, for the event at position ``i``: its seq is ``i`` (catches deletions and duplicates
    that keep hashes), its ``prev_hash`` is the hash of the event before it (catches insertion,
    deletion and reordering), and its stored hash is the hash of its content (catches edits).
    """
    report = ChainReport()
    prev_hash = GENESIS
    for position, ev in enumerate(events, start=1):
        report.count = position
        if len(report.problems) < max_problems:
            if ev.seq != position:
                report.problems.append(
                    Problem(
                        position,
                        ev.seq,
                        f"sequence number {ev.seq} where {position} was expected "
                        "(an event was deleted, inserted or duplicated)",
                    )
                )
            if ev.prev_hash != prev_hash:
                report.problems.append(
                    Problem(
                        position,
                        ev.seq,
                        "does not link to the event before it (an event was deleted, inserted or reordered)",
                    )
                )
            if ev.expected_hash() != ev.hash:
                report.problems.append(
                    Problem(position, ev.seq, "content does not match its hash (the event was edited)")
                )
        prev_hash = ev.hash
        report.head = ev.hash
    return report


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What to keep off the machine: the chain's length and head hash at one moment."""

    store_id: str
    count: int
    head: str
    created_at: str

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "format": CHECKPOINT_FORMAT,
                    "store_id": self.store_id,
                    "count": self.count,
                    "head": self.head,
                    "created_at": self.created_at,
                },
                indent=2,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str, *, source: str = "checkpoint") -> Checkpoint:
        try:
            raw = json.loads(text)
            if raw.get("format") != CHECKPOINT_FORMAT:
                raise ValueError(f"format is {raw.get('format')!r}, expected {CHECKPOINT_FORMAT!r}")
            count, head = raw["count"], raw["head"]
            if not isinstance(count, int) or count < 0:
                raise ValueError("count must be a non-negative integer")
            if not (isinstance(head, str) and len(head) == 64 and all(c in "0123456789abcdef" for c in head)):
                raise ValueError("head must be 64 lowercase hex digits")
            return cls(str(raw["store_id"]), count, head, str(raw.get("created_at", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CheckpointError(f"{source} is not a privacy-kit ledger checkpoint: {exc}") from exc


def check_against_checkpoint(events: Iterable[Event], checkpoint: Checkpoint) -> list[Problem]:
    """Compare the chain with an exported checkpoint.

    The event at ``checkpoint.count`` must still carry ``checkpoint.head``. Fewer events means the
    tail was cut off; a different hash there means history up to the checkpoint was rewritten
    (even if the rewritten chain is self-consistent).
    """
    at: Event | None = None
    count = 0
    for count, ev in enumerate(events, start=1):
        if count == checkpoint.count:
            at = ev
    if checkpoint.count == 0:
        return []
    if count < checkpoint.count:
        return [
            Problem(
                count,
                None,
                f"the ledger has {count} events but checkpoint of "
                f"{checkpoint.created_at or 'unknown time'} recorded {checkpoint.count}: "
                "events were removed from the end",
            )
        ]
    assert at is not None
    if at.hash != checkpoint.head:
        return [
            Problem(
                checkpoint.count,
                at.seq,
                "the event at the checkpoint does not carry the "
                "checkpoint's head hash: history before it was rewritten",
            )
        ]
    return []
