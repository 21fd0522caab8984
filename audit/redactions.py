"""Redaction runs in the audit store: what a mask, 仮名加工 or 匿名加工 run did, never a value.

For 仮名加工情報 the run names the pseudonym key by its public id: the key is the 削除情報等
(Rule 32) that must be kept apart and accounted for, and the record says which copies depend on
it. One transaction, one ledger event carrying the row digest, so ``audit verify`` catches edits.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from audit import digests
from audit.ledger import canonical_json
from audit.scans import describe_input
from audit.store import Store, utc_now

MODES = ("mask", "pseudonymise", "anonymise")


@dataclass(frozen=True, slots=True)
class RedactionRun:
    run_id: str
    recorded_at: datetime
    actor: str
    mode: str
    key_name: str | None
    key_id: str | None
    records: int
    changed: int
    deleted: int
    counts: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["recorded_at"] = self.recorded_at.isoformat()
        return out


def _described(files: Sequence[Mapping[str, Any]]) -> str:
    out = []
    for f in files:
        d = describe_input(str(f["path"]))
        out.append({"path": d.path, "sha256": d.sha256, "size": d.size,
                    **{k: v for k, v in f.items() if k != "path"}})
    return canonical_json(out)


def record_redaction(store: Store, *, mode: str, inputs: Sequence[Mapping[str, Any]],
                     outputs: Sequence[Mapping[str, Any]], options: Mapping[str, Any], records: int,
                     changed: int, deleted: int, counts: Mapping[str, Any], key_name: str | None = None,
                     key_id: str | None = None, report: Mapping[str, Any] | None = None,
                     tool_version: str | None = None) -> RedactionRun:
    """Record one run; ``inputs``/``outputs`` are ``{"path": …, …}`` (hashed here)."""
    if mode not in MODES:
        raise ValueError(f"unknown redaction mode {mode!r}")
    run = RedactionRun(f"R{datetime.now(UTC):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}", utc_now(), store.actor,
                       mode, key_name, key_id, records, changed, deleted, dict(counts))
    with store.transaction():
        store.con.execute(
            "INSERT INTO redaction_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run.run_id, run.recorded_at, run.actor, tool_version, mode, key_name, key_id, _described(inputs),
             _described(outputs), canonical_json(dict(options)), records, changed, deleted,
             canonical_json(run.counts), None if report is None else canonical_json(dict(report))])
        store.append_event("redaction.recorded", {
            "run_id": run.run_id, "mode": mode, "key_id": key_id,
            "counts": {"records": records, "changed": changed, "deleted": deleted},
            "records": digests.entries(store, [("redaction_runs", [run.run_id])]),
        })
    return run


def list_redaction_runs(store: Store) -> list[RedactionRun]:
    rows = store.con.execute(
        "SELECT run_id, recorded_at, actor, mode, key_name, key_id, records, changed, deleted, counts "
        "FROM redaction_runs ORDER BY recorded_at, run_id").fetchall()
    return [RedactionRun(*row[:9], json.loads(row[9])) for row in rows]
