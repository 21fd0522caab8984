"""``audit verify``: the hash chain, checkpoints, and the tables against the ledger.

Three layers, each catching what the one before cannot:
1. the chain (audit.ledger.verify_chain): an edited, deleted, inserted or reordered event;
2. checkpoints kept off the machine: a truncated tail, or a chain recomputed from scratch;
3. row digests (audit.digests): a table row changed, deleted or added without its event, and
   data keys deleted outside ``shred`` (the key count the events imply must match the key ring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from audit import digests
from audit.errors import CheckpointError
from audit.ledger import ChainReport, Checkpoint, Problem, check_against_checkpoint, utc_now_iso, verify_chain
from audit.results import first_row
from audit.store import Store


@dataclass
class VerifyReport:
    chain: ChainReport
    checkpoint_problems: list[Problem] = field(default_factory=list)
    table_problems: list[str] = field(default_factory=list)
    checkpoints: int = 0
    tables_checked: bool = False

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.checkpoint_problems and not self.table_problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.chain.count,
            "head": self.chain.head,
            "chain_problems": [
                {"position": p.position, "seq": p.seq, "reason": p.reason} for p in self.chain.problems
            ],
            "checkpoints_checked": self.checkpoints,
            "checkpoint_problems": [
                {"position": p.position, "seq": p.seq, "reason": p.reason} for p in self.checkpoint_problems
            ],
            "tables_checked": self.tables_checked,
            "table_problems": self.table_problems,
        }


def make_checkpoint(store: Store) -> Checkpoint:
    head = store.head()
    return Checkpoint(store.store_id, head.seq if head else 0, head.hash if head else "0" * 64, utc_now_iso())


def _expected_from_events(
    store: Store,
) -> tuple[dict[tuple[str, tuple[Any, ...]], tuple[int, str]], set[str], int]:
    """Latest digest per (table, key) from the events, discarded runs, and expected subject keys."""
    expected: dict[tuple[str, tuple[Any, ...]], tuple[int, str]] = {}
    discarded: set[str] = set()
    subject_keys = 0
    for ev in store.events():
        data = ev.data()
        items = data.get("records") or ([data["record"]] if "record" in data else [])
        for item in items:
            expected[(item["table"], tuple(item["key"]))] = (ev.seq, item["digest"])
        if ev.kind == "scan.discarded":
            discarded.add(data["run_id"])
        subject_keys += int(data.get("new_keys", 0))
        if ev.kind == "subject.shredded":
            subject_keys -= int(data.get("subjects", 0))
    return expected, discarded, subject_keys


def check_tables(store: Store) -> list[str]:
    problems: list[str] = []
    expected, discarded, subject_keys = _expected_from_events(store)
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for table in digests.TRACKED:
        for key, digest, _rows in digests.all_digests(store, table):
            ident = (table, key)
            seen.add(ident)
            label = f"{table} {'/'.join(map(str, key))}"
            if ident not in expected:
                problems.append(f"{label}: rows not recorded in the ledger (added outside privacy-kit)")
            elif expected[ident][1] != digest:
                problems.append(
                    f"{label}: rows differ from what ledger event {expected[ident][0]} recorded "
                    "(changed outside privacy-kit)"
                )
    for (table, key), (seq, _digest) in expected.items():
        if (table, key) in seen:
            continue
        if table == "findings" and key and key[0] in discarded:
            continue
        empty = digests.RowHasher(digests.TRACKED[table]).hexdigest()
        if _digest == empty:
            continue  # the event recorded that there were no rows (e.g. a provision without subjects)
        problems.append(
            f"{table} {'/'.join(map(str, key))}: rows recorded by ledger event {seq} are missing "
            "(deleted outside privacy-kit)"
        )
    row = first_row(store.con.execute("SELECT count(*) FROM keyring WHERE kind = 'subject'").fetchall())
    have = int(row[0]) if row else 0
    if have != subject_keys:
        problems.append(
            f"keyring: {have} subject keys, but the ledger accounts for {subject_keys} "
            "(keys added or destroyed outside privacy-kit)"
        )
    return problems


def verify_store(
    store: Store, checkpoints: Sequence[Checkpoint] = (), *, tables: bool = True
) -> VerifyReport:
    """Verify the chain, each checkpoint (which must belong to this store), and the tables."""
    report = VerifyReport(verify_chain(store.events()))
    for cp in checkpoints:
        if cp.store_id != store.store_id:
            raise CheckpointError(
                f"the checkpoint of {cp.created_at or 'unknown time'} belongs to store {cp.store_id}, "
                f"not to this store ({store.store_id})"
            )
        report.checkpoint_problems.extend(check_against_checkpoint(store.events(), cp))
        report.checkpoints += 1
    if tables:
        report.table_problems = check_tables(store)
        report.tables_checked = True
    return report
