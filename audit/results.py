"""Small helpers for DuckDB results.

DuckDB 2.0 refuses further work on a connection while a result is only partly fetched, so the
store never uses ``fetchone``: it fetches everything (queries here return at most a few rows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from audit.errors import RecordNotFoundError

if TYPE_CHECKING:
    import duckdb


def first_row(rows: list[tuple[Any, ...]]) -> tuple[Any, ...] | None:
    return rows[0] if rows else None


def required_row(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any], *, missing: str, hint: str
) -> tuple[Any, ...]:
    """The row a lookup by id must find. A missing one is the user's mistake (a mistyped id),
    so it is a RecordNotFoundError with a hint where to look, not an empty result."""
    row = first_row(con.execute(sql, params).fetchall())
    if row is None:
        raise RecordNotFoundError(missing, hint=hint)
    return row


def next_numbered_id(con: duckdb.DuckDBPyConnection, table: str, column: str, prefix: str) -> str:
    """The next ``PREFIX-000001``-style id of a table: one above the highest taken, never reused
    (a gap left by a deleted row stays a gap, so an id always names one record)."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    highest = 0
    for (taken,) in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall():
        match = pattern.fullmatch(str(taken))
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}-{highest + 1:06d}"
