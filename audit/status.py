"""A one-screen account of a store: what it holds and what needs attention."""

from __future__ import annotations

from typing import Any

from audit.store import Store


def store_status(store: Store) -> dict[str, Any]:
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
    }
