"""Versioned schema migrations: ``vN.sql`` files applied in order, recorded in ``schema_version``.

A store is upgraded in one transaction when it is opened for writing, so a crash mid-upgrade
leaves the old schema intact. A store whose version is newer than this code knows is refused:
guessing at an unknown schema could silently drop what a newer privacy-kit recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from audit.errors import MigrationError
from audit.results import first_row

if TYPE_CHECKING:
    import duckdb

_NAME = re.compile(r"^v(\d+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """All packaged migrations in version order; versions must run 1, 2, … without gaps."""
    found: list[Migration] = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        sql = entry.read_text(encoding="utf-8")
        first = sql.splitlines()[0] if sql else ""
        description = first.removeprefix("--").strip() or entry.name
        found.append(Migration(int(match.group(1)), description, sql))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(f"packaged migrations are not numbered 1..n: {[m.version for m in found]}")
    return tuple(found)


def latest_version() -> int:
    return migrations()[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """0 for an empty database; otherwise the highest version recorded."""
    exists = first_row(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
            "AND table_schema = 'main'"
        ).fetchall()
    )
    if not exists or not exists[0]:
        return 0
    row = first_row(con.execute("SELECT max(version) FROM schema_version").fetchall())
    return int(row[0]) if row and row[0] is not None else 0


def apply(con: duckdb.DuckDBPyConnection, *, start: int, target: int | None = None) -> list[Migration]:
    """Run migrations ``start+1 .. target`` on ``con`` (inside the caller's transaction)."""
    target = latest_version() if target is None else target
    applied: list[Migration] = []
    for mig in migrations():
        if start < mig.version <= target:
            con.execute(mig.sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [mig.version, datetime.now(UTC).replace(tzinfo=None), mig.description],
            )
            applied.append(mig)
    return applied
