"""Timestamps as logs and exports write them, parsed in SQL to local wall-clock time.

Routines are about the time of day *where the person is*, so every timestamp becomes a local
time in one time zone (``Asia/Tokyo`` by default): a value with an offset (``…+00:00``,
``[21/Nov/2026:07:55:01 +0900]``) is converted, a value without one is taken as already local.
A value in none of the formats is NULL, and counted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacy_kit.errors import InputError

from .sql import literal

if TYPE_CHECKING:
    import duckdb

DEFAULT_TIMEZONE = "Asia/Tokyo"

#: strptime formats tried after ISO 8601 (which DuckDB casts directly, with or without offset).
FORMATS = (
    "%d/%b/%Y:%H:%M:%S %z",       # Apache / nginx access logs
    "%Y/%m/%d %H:%M",              # Excel on Japanese Windows (seconds dropped)
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H時%M分",
    "%Y年%m月%d日%H時%M分",
)


def set_timezone(con: duckdb.DuckDBPyConnection, timezone: str) -> None:
    """Make ``timezone`` the session's zone: local times are computed in it."""
    import duckdb

    try:
        con.execute(f"SET TimeZone = {literal(timezone)}")
    except duckdb.Error as exc:
        raise InputError(f"unknown time zone {timezone!r}", hint="an IANA name such as Asia/Tokyo") from exc


def local_timestamp(column_sql: str) -> str:
    """SQL for the local TIMESTAMP of a text column (NULL when no format matches).

    Epoch seconds (10 digits) and milliseconds (13 digits) are accepted too.
    """
    c = f"trim({column_sql})"
    tries = [f"TRY_CAST({c} AS TIMESTAMPTZ)"]
    tries += [f"CAST(try_strptime({c}, {literal(f)}) AS TIMESTAMPTZ)" for f in FORMATS]
    tries += [
        f"CASE WHEN regexp_full_match({c}, '[0-9]{{10}}') THEN to_timestamp(CAST({c} AS BIGINT)) END",
        f"CASE WHEN regexp_full_match({c}, '[0-9]{{13}}') THEN to_timestamp(CAST({c} AS BIGINT) / 1000.0) END",
    ]
    return f"CAST(coalesce({', '.join(tries)}) AS TIMESTAMP)"
