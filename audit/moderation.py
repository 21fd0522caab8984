"""Moderation runs and their decisions in the audit store.

``privacy-kit moderate`` with a store records what it advised: the pack (id, version and the
SHA-256 of the file, so the exact rules can be shown later), the inputs by content hash, the
totals, and one row per decision with the comment and author as keyed hashes. One transaction,
one ledger event carrying the row digests, so ``audit verify`` catches later edits.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from audit import digests
from audit.ledger import canonical_json
from audit.scans import describe_input
from audit.store import Store, utc_now

if TYPE_CHECKING:
    from audit.keys import KeyRing


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One decision as the caller made it (handles and ids in clear: hashed here)."""

    source: str
    record: int
    comment_id: str
    author: str
    clause_id: str
    action: str
    severity: str
    rule_id: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModerationRun:
    run_id: str
    recorded_at: datetime
    actor: str
    pack_id: str
    pack_version: str
    pack_sha256: str
    comments: int
    decisions: int
    counts: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["recorded_at"] = self.recorded_at.isoformat()
        return out


def record_moderation(store: Store, *, keyring: KeyRing, pack: Mapping[str, str], inputs: Sequence[str],
                      options: Mapping[str, Any], counts: Mapping[str, Any],
                      decisions: Sequence[DecisionRecord], tool_version: str | None = None) -> ModerationRun:
    """Record a run and its decisions (in rank order) in one transaction with one ledger event."""
    import pyarrow as pa

    run_id = f"M{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    described = [describe_input(p) for p in inputs]
    keyring.index_key()  # created in its own transaction before this one needs it
    refs = [keyring.value_hash(d.comment_id) for d in decisions]
    authors = [keyring.value_hash(d.author) if d.author else None for d in decisions]
    run = ModerationRun(run_id, utc_now(), store.actor, pack["id"], pack["version"], pack["sha256"],
                        int(counts.get("comments", 0)), len(decisions), dict(counts))
    with store.transaction():
        store.con.execute(
            "INSERT INTO moderation_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run.run_id, run.recorded_at, run.actor, tool_version, run.pack_id, run.pack_version,
             run.pack_sha256, canonical_json([{"path": i.path, "sha256": i.sha256, "size": i.size}
                                              for i in described]),
             canonical_json(dict(options)), run.comments, run.decisions, canonical_json(run.counts)],
        )
        store.insert_arrow("moderation_decisions", pa.table({
            "run_id": pa.array([run_id] * len(decisions), pa.string()),
            "seq": pa.array(range(1, len(decisions) + 1), pa.int32()),
            "source": pa.array([d.source for d in decisions], pa.string()),
            "record": pa.array([d.record for d in decisions], pa.int32()),
            "comment_ref": pa.array(refs, pa.string()),
            "author_ref": pa.array(authors, pa.string()),
            "clause_id": pa.array([d.clause_id for d in decisions], pa.string()),
            "action": pa.array([d.action for d in decisions], pa.string()),
            "severity": pa.array([d.severity for d in decisions], pa.string()),
            "rule_id": pa.array([d.rule_id for d in decisions], pa.string()),
            "also": pa.array([list(d.also) for d in decisions], pa.list_(pa.string())),
        }))
        store.append_event("moderation.recorded", {
            "run_id": run_id, "pack": f"{run.pack_id} {run.pack_version}", "comments": run.comments,
            "decisions": run.decisions,
            "records": digests.entries(store, [("moderation_runs", [run_id]), ("moderation_decisions", [run_id])]),
        })
    return run


def list_moderation_runs(store: Store) -> list[ModerationRun]:
    rows = store.con.execute(
        "SELECT run_id, recorded_at, actor, pack_id, pack_version, pack_sha256, comments, decisions, counts "
        "FROM moderation_runs ORDER BY recorded_at, run_id").fetchall()
    import json

    return [ModerationRun(*row[:8], json.loads(row[8])) for row in rows]
