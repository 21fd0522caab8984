"""Small SQL helpers shared by the risk modules: quoting, and turning any data source into a relation.

Column names in exports are whatever the organisation wrote (``会員 年齢``, ``user.name``,
``"quoted"``), so every identifier that reaches SQL goes through :func:`ident`; nothing is
interpolated unquoted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from privacy_kit.errors import ColumnNotFoundError, InputError

if TYPE_CHECKING:
    import duckdb

    DataSource: TypeAlias = "duckdb.DuckDBPyRelation | duckdb.DuckDBPyConnection"

#: The table a loaded input lives in (see :mod:`privacy_kit.risk.loading`), and the default name
#: looked up when a connection rather than a relation is passed.
RECORDS_TABLE = "records"


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier (double quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    """``value`` as a SQL string literal (single quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


_QUOTED = re.compile(r"'(?:[^']|'')*'")


def sql_error(exc: Exception, doing: str, *, hint: str | None = None) -> InputError:
    """A coded error for a DuckDB failure, with every quoted literal blanked: DuckDB quotes the
    offending *value* (``Could not convert string '山田' to INT32``), which may be personal data."""
    message = _QUOTED.sub("'…'", str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    return InputError(f"{doing}: {message}", hint=hint)


def fetch_rows(rel: duckdb.DuckDBPyRelation, doing: str, *, hint: str | None = None) -> list[tuple[Any, ...]]:
    """All rows of ``rel``; a DuckDB failure becomes a coded error (see :func:`sql_error`)."""
    import duckdb

    try:
        return rel.fetchall()
    except duckdb.Error as exc:
        raise sql_error(exc, doing, hint=hint) from exc


def query_rows(con: duckdb.DuckDBPyConnection, sql: str, doing: str, *, hint: str | None = None
               ) -> list[tuple[Any, ...]]:
    """All rows of ``sql`` on ``con``; a DuckDB failure becomes a coded error."""
    import duckdb

    try:
        return con.execute(sql).fetchall()
    except duckdb.Error as exc:
        raise sql_error(exc, doing, hint=hint) from exc


def as_relation(data: DataSource, table: str = RECORDS_TABLE) -> duckdb.DuckDBPyRelation:
    """A relation for ``data``: a relation as is, or ``table`` of a connection."""
    import duckdb

    if isinstance(data, duckdb.DuckDBPyConnection):
        try:
            return data.table(table)
        except duckdb.CatalogException as exc:
            raise InputError(f"no table {table!r} in the DuckDB connection") from exc
    return data


def check_columns(available: Sequence[str], wanted: Sequence[str], *, what: str,
                  derived: Mapping[str, str] | None = None) -> None:
    """Raise a coded error naming every column of ``wanted`` that is neither available nor derived."""
    have = set(available) | set(derived or {})
    missing = [c for c in wanted if c not in have]
    if missing:
        raise ColumnNotFoundError(
            f"{what}: no column {', '.join(map(repr, missing))} in the input",
            hint=f"columns: {', '.join(available) if available else '(none)'}",
        )
