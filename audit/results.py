"""Small helpers for DuckDB results.

DuckDB 2.0 refuses further work on a connection while a result is only partly fetched, so the
store never uses ``fetchone``: it fetches everything (queries here return at most a few rows).
"""

from __future__ import annotations

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
