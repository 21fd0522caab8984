"""Small helpers for DuckDB results.

DuckDB 2.0 refuses further work on a connection while a result is only partly fetched, so the
store never uses ``fetchone``: it fetches everything (queries here return at most a few rows).
"""

from __future__ import annotations

from typing import Any


def first_row(rows: list[tuple[Any, ...]]) -> tuple[Any, ...] | None:
    return rows[0] if rows else None
