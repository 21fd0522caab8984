"""A one-screen account of a store: what it holds and what needs attention."""

from __future__ import annotations

from datetime import date
from typing import Any

from audit.store import Store
from audit.vocab import FINAL_STATES


def store_status(store: Store, *, today: date | None = None) -> dict[str, Any]:
    """Counts only (never values): for ``privacy-kit audit status``."""

    def count(sql: str) -> int:
        rows = store.con.execute(sql).fetchall()
        return int(rows[0][0]) if rows else 0

    head = store.head()
    runs = dict(store.con.execute("SELECT status, count(*) FROM scan_runs GROUP BY status").fetchall())
    running = [
        r[0]
        for r in store.con.execute(
            "SELECT run_id FROM scan_runs WHERE status = 'running' ORDER BY started_at"
        ).fetchall()
    ]
    return {
        "path": str(store.config.path),
        "store_id": store.store_id,
        "created_at": store.meta("created_at"),
        "schema_version": store.schema_version,
        "ledger_events": head.seq if head else 0,
        "ledger_head": head.hash if head else None,
        "master_key_id": store.meta("master_key_id"),
        "purposes": count("SELECT count(DISTINCT purpose_id) FROM purpose_versions"),
        "datasets": count("SELECT count(*) FROM datasets"),
        "scan_runs": {str(k): int(v) for k, v in runs.items()},
        "interrupted_runs": running,
        "findings": count("SELECT count(*) FROM findings"),
        "provisions": count("SELECT count(*) FROM provisions"),
        "subject_keys": count("SELECT count(*) FROM keyring WHERE kind = 'subject'"),
        "shredded_keys": count("SELECT count(*) FROM shredded_keys"),
        "open_requests": _open_requests(store, None),
        "overdue_requests": _open_requests(store, today or date.today()),
    }


def _open_requests(store: Store, due_before: date | None) -> int:
    """Data-subject requests not yet closed (and, with ``due_before``, past their due date)."""
    sql = "SELECT count(*) FROM requests WHERE state NOT IN (SELECT unnest(?::VARCHAR[]))"
    params: list[Any] = [list(FINAL_STATES)]
    if due_before is not None:
        sql += " AND due_on < ?"
        params.append(due_before)
    rows = store.con.execute(sql, params).fetchall()
    return int(rows[0][0]) if rows else 0
