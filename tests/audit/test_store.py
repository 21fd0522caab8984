"""Opening, creating and writing the store: clear errors, atomic transactions, owner-only file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyarrow as pa
import pytest

from audit.errors import StoreError, StoreNotFoundError, StoreOpenError
from audit.store import DEFAULT_STORE, Store, StoreConfig, resolve_store_path
from audit.verify import verify_store

# fmt: off
RESOLVE_CASES = [
    ("given.duckdb", {"PRIVACY_KIT_STORE": "env.duckdb"}, "given.duckdb"),
    (None,           {"PRIVACY_KIT_STORE": "env.duckdb"}, "env.duckdb"),
    ("",             {"PRIVACY_KIT_STORE": "env.duckdb"}, "env.duckdb"),
    (None,           {},                                   DEFAULT_STORE),
]
# fmt: on


@pytest.mark.parametrize(("given", "env", "expected"), RESOLVE_CASES)
def test_store_path_resolution(given: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_store_path(given, env) == Path(expected)


def test_the_key_file_defaults_to_next_to_the_store(tmp_path: Path) -> None:
    assert StoreConfig(tmp_path / "x.duckdb").key_path == tmp_path / "x.key"
    assert StoreConfig(tmp_path / "x.duckdb", key_file=tmp_path / "k").key_path == tmp_path / "k"


def test_a_read_never_creates_a_store(config: StoreConfig) -> None:
    with pytest.raises(StoreNotFoundError, match="no audit store"):
        Store.open(config, read_only=True)
    assert not config.path.exists()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreOpenError, match="does not exist"):
        Store.open(StoreConfig(tmp_path / "nope" / "x.duckdb"))


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("これはデータベースではありません\n" * 100, encoding="utf-8")
    with pytest.raises(StoreOpenError, match="cannot open the audit store"):
        Store.open(StoreConfig(path))


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_new_store_is_readable_by_its_owner_only(store: Store) -> None:
    assert stat.S_IMODE(store.config.path.stat().st_mode) == 0o600


def test_writes_need_a_transaction(store: Store) -> None:
    with pytest.raises(StoreError, match="inside Store.transaction"):
        store.append_event("x", {})


def test_a_read_only_store_refuses_writes(store: Store, config: StoreConfig) -> None:
    store.close()
    with Store.open(config, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        with ro.transaction():
            pass


def test_a_failed_transaction_leaves_no_trace(store: Store) -> None:
    head = store.head()
    with pytest.raises(RuntimeError), store.transaction():
        store.con.execute("INSERT INTO store_meta VALUES ('k', 'v')")
        store.append_event("half.done", {"n": 1})
        raise RuntimeError("crash in the middle")
    assert store.meta("k") is None
    assert store.head() == head
    with store.transaction():
        ev = store.append_event("after", {})
    assert head is not None and ev.seq == head.seq + 1 and ev.prev_hash == head.hash
    assert verify_store(store).ok


def test_nested_transactions_are_refused_but_write_joins(store: Store) -> None:
    with store.transaction():
        with pytest.raises(StoreError, match="nested"), store.transaction():
            pass
        with store.write():
            store.append_event("joined", {})
    assert [e.kind for e in store.events()][-1] == "joined"


def test_arrow_tables_go_in_whole(store: Store) -> None:
    table = pa.table({"key": [f"k{i}" for i in range(1000)], "value": [str(i) for i in range(1000)]})
    with store.transaction():
        assert store.insert_arrow("store_meta", table) == 1000
        assert store.insert_arrow("store_meta", table.slice(0, 0)) == 0
    assert store.con.execute("SELECT count(*) FROM store_meta WHERE key LIKE 'k%'").fetchall()[0][0] == 1000
