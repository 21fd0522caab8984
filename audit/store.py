"""The DuckDB store: opening under a lock timeout, schema upgrades, transactions, bulk inserts.

DuckDB lets one process write a database file, and while it does no other process may even read
it. privacy-kit therefore opens the file only for as long as a command runs, and a second process
retries the lock until ``lock_timeout`` and then fails with a coded error instead of a traceback.

Every write goes through :meth:`Store.transaction` and appends its ledger event inside that same
transaction, so the ledger and the tables never disagree after a crash: either both changed or
neither did (DuckDB replays its WAL on the next open).
"""

from __future__ import annotations

import getpass
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from audit import migrations
from audit.errors import (
    MigrationError,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    StoreOpenError,
)
from audit.ledger import Event, make_event
from audit.results import first_row

if TYPE_CHECKING:
    import pyarrow as pa

DEFAULT_STORE = "privacy-kit.duckdb"
STORE_ENV = "PRIVACY_KIT_STORE"
DEFAULT_LOCK_TIMEOUT = 10.0

_PID = re.compile(r"\(PID (\d+)\)")


def utc_now() -> datetime:
    """Naive UTC: DuckDB TIMESTAMP columns hold UTC throughout the store."""
    return datetime.now(UTC).replace(tzinfo=None)


def default_actor() -> str:
    """Who is writing: the OS account running privacy-kit (the operator, for the access record)."""
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def resolve_store_path(path: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None) -> Path:
    """Explicit path, else $PRIVACY_KIT_STORE, else ./privacy-kit.duckdb."""
    env = os.environ if env is None else env
    chosen = path if path not in (None, "") else env.get(STORE_ENV) or DEFAULT_STORE
    return Path(os.fspath(chosen)).expanduser()


@dataclass(frozen=True, slots=True)
class StoreConfig:
    """Where the store and its master key live, and how long to wait for another writer."""

    path: Path
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    key_file: Path | None = None
    actor: str | None = None

    @property
    def key_path(self) -> Path:
        """The master key sits next to the store by default (never inside it)."""
        return self.key_file if self.key_file is not None else self.path.with_suffix(".key")


def _connect(path: Path, *, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + max(timeout, 0.0)
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise StoreOpenError(f"cannot open the audit store {path}: {message}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pid = _PID.search(message)
                holder = f" (PID {pid.group(1)})" if pid else ""
                raise StoreLockedError(
                    f"the audit store {path} is in use by another process{holder}; "
                    f"gave up after waiting {timeout:g} s",
                    hint="DuckDB allows one writing process and no readers while it writes: retry when "
                    "it has finished, or raise --lock-timeout",
                ) from exc
            time.sleep(min(delay, remaining))
            delay = min(delay * 2, 0.5)
        except duckdb.Error as exc:
            raise StoreOpenError(f"cannot open the audit store {path}: {exc}") from exc


class Store:
    """An open audit store. Use :meth:`open`; close it (or use ``with``) to release the lock."""

    def __init__(self, con: duckdb.DuckDBPyConnection, config: StoreConfig, *, read_only: bool) -> None:
        self._con = con
        self.config = config
        self.read_only = read_only
        self.actor = config.actor or default_actor()
        self._in_tx = False
        self._head: Event | None = None
        self._head_loaded = False
        self._closed = False
        self._on_abort: list[Callable[[], None]] = []

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, config: StoreConfig, *, read_only: bool = False) -> Store:
        """Open (and create or upgrade) the store; read-only opens never create a file."""
        path = config.path
        if read_only:
            if not path.exists():
                raise StoreNotFoundError(
                    f"no audit store at {path}",
                    hint="pass --store PATH or set PRIVACY_KIT_STORE; a store is created by the first write",
                )
            con = _connect(path, read_only=True, timeout=config.lock_timeout)
            version = cls._checked_version(con, path)
            if version == migrations.latest_version():
                return cls(con, config, read_only=True)
            con.close()
            cls.open(config, read_only=False).close()  # upgrade once, then read
            con = _connect(path, read_only=True, timeout=config.lock_timeout)
            return cls(con, config, read_only=True)

        if not path.parent.exists():
            raise StoreOpenError(f"cannot create the audit store {path}: folder {path.parent} does not exist")
        created = not path.exists()
        con = _connect(path, read_only=False, timeout=config.lock_timeout)
        if created and os.name == "posix":
            os.chmod(path, 0o600)  # keyed hashes and ciphertext: pseudonymous data, owner only
        store = cls(con, config, read_only=False)
        try:
            version = cls._checked_version(con, path)
            if version < migrations.latest_version():
                store._upgrade(version)
        except BaseException:
            store.close()
            raise
        return store

    @staticmethod
    def _checked_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
        version = migrations.current_version(con)
        latest = migrations.latest_version()
        if version > latest:
            con.close()
            raise SchemaTooNewError(
                f"the audit store {path} has schema version {version}, but this privacy-kit supports "
                f"versions up to {latest}",
                hint="upgrade privacy-kit to read it; the store was left unchanged",
            )
        return version

    def _upgrade(self, version: int) -> None:
        """All pending migrations and their ledger event in one transaction: all or nothing."""
        with self.transaction():
            try:
                applied = migrations.apply(self._con, start=version)
            except duckdb.Error as exc:
                raise MigrationError(
                    f"upgrading the audit store {self.config.path} from schema version {version} failed: {exc}",
                    hint="the store was left at its old version",
                ) from exc
            to = applied[-1].version
            if version == 0:
                store_id = uuid.uuid4().hex
                self._con.execute(
                    "INSERT INTO store_meta VALUES ('store_id', ?), ('created_at', ?)",
                    [store_id, utc_now().isoformat()],
                )
                self.append_event("store.created", {"store_id": store_id, "schema_version": to})
            else:
                self.append_event(
                    "schema.migrated",
                    {"from": version, "to": to, "applied": [m.description for m in applied]},
                )

    # --- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self._con

    @property
    def schema_version(self) -> int:
        return migrations.current_version(self._con)

    @property
    def store_id(self) -> str:
        return self.meta("store_id") or ""

    def meta(self, key: str) -> str | None:
        row = first_row(self._con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchall())
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.require_transaction()
        self._con.execute(
            "INSERT INTO store_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # --- transactions and the ledger -------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One atomic unit: tables and ledger event commit together or not at all."""
        if self.read_only:
            raise StoreError(f"the audit store {self.config.path} was opened read-only")
        if self._in_tx:
            raise StoreError("nested transactions are not supported")
        self._con.begin()
        self._in_tx = True
        self._on_abort = []
        try:
            yield self
        except BaseException:
            self._abort()
            raise
        else:
            try:
                self._con.commit()
            except BaseException:
                self._abort()
                raise
        finally:
            self._in_tx = False
            self._on_abort = []

    @contextmanager
    def write(self) -> Iterator[Store]:
        """Join the open transaction, or open one: for helpers called both ways."""
        if self._in_tx:
            yield self
        else:
            with self.transaction():
                yield self

    @property
    def in_transaction(self) -> bool:
        return self._in_tx

    def on_abort(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` if the current transaction rolls back (to drop in-memory caches)."""
        self.require_transaction()
        self._on_abort.append(callback)

    def _abort(self) -> None:
        self._head_loaded = False
        for callback in self._on_abort:
            callback()
        try:
            self._con.rollback()
        except duckdb.Error:
            pass  # DuckDB already rolled back a failed commit

    def require_transaction(self) -> None:
        if not self._in_tx:
            raise StoreError("writes must happen inside Store.transaction()")

    def head(self) -> Event | None:
        if not self._head_loaded:
            row = first_row(
                self._con.execute(
                    "SELECT seq, ts, kind, actor, payload, prev_hash, hash FROM ledger "
                    "ORDER BY seq DESC LIMIT 1"
                ).fetchall()
            )
            self._head = None if row is None else Event(*row)
            self._head_loaded = True
        return self._head

    def append_event(self, kind: str, payload: Mapping[str, Any]) -> Event:
        """Chain one event after the current head; call inside the write's transaction."""
        self.require_transaction()
        event = make_event(self.head(), kind, payload, actor=self.actor)
        self._con.execute(
            "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?)",
            [event.seq, event.ts, event.kind, event.actor, event.payload, event.prev_hash, event.hash],
        )
        self._head = event
        return event

    def events(self, *, chunk: int = 10_000) -> Iterator[Event]:
        """All ledger events in seq order, streamed."""
        cur = self._con.cursor()
        try:
            cur.execute("SELECT seq, ts, kind, actor, payload, prev_hash, hash FROM ledger ORDER BY seq")
            while rows := cur.fetchmany(chunk):
                for row in rows:
                    yield Event(*row)
        finally:
            cur.close()

    # --- bulk writes -----------------------------------------------------------------------

    def insert_arrow(self, table: str, data: pa.Table, columns: Sequence[str] | None = None) -> int:
        """Insert a whole Arrow table in one statement (never row by row)."""
        self.require_transaction()
        if data.num_rows == 0:
            return 0
        cols = list(columns or data.column_names)
        col_sql = ", ".join(f'"{c}"' for c in cols)
        with self.arrow_view(data) as view:
            self._con.execute(f'INSERT INTO "{table}" ({col_sql}) SELECT {col_sql} FROM "{view}"')
        return data.num_rows

    @contextmanager
    def arrow_view(self, data: pa.Table) -> Iterator[str]:
        """Expose an Arrow table to SQL under a unique name for one statement or a few."""
        view = f"_pk_arrow_{uuid.uuid4().hex}"
        self._con.register(view, data)
        try:
            yield view
        finally:
            self._con.unregister(view)
