"""Schema migrations: a new store gets the latest schema, an older one is upgraded in place with
its data and ledger intact, a newer one is refused untouched, a failed upgrade changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from audit import migrations
from audit.errors import MigrationError, SchemaTooNewError
from audit.ledger import make_event
from audit.purposes import add_purpose, list_purposes
from audit.store import Store, StoreConfig
from audit.verify import verify_store


def _v1_sql() -> str:
    return next(m.sql for m in migrations.migrations() if m.version == 1)


def _tables(path: Path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()


def test_packaged_migrations_are_numbered_from_one() -> None:
    versions = [m.version for m in migrations.migrations()]
    assert versions == list(range(1, len(versions) + 1)) and len(versions) >= 2
    assert migrations.latest_version() == versions[-1]


def test_a_new_store_gets_the_latest_schema_and_a_first_event(store: Store) -> None:
    assert store.schema_version == migrations.latest_version()
    events = list(store.events())
    assert [e.kind for e in events] == ["store.created"]
    assert events[0].data()["store_id"] == store.store_id and len(store.store_id) == 32


def test_a_v1_file_made_by_hand_is_upgraded(tmp_path: Path) -> None:
    """A store as privacy-kit schema 1 left it: raw v1 DDL, its version row, one ledger event."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(_v1_sql())
    con.execute("INSERT INTO schema_version VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'v1')")
    con.execute("INSERT INTO store_meta VALUES ('store_id', 'old-store'), ('created_at', '2026-01-01')")
    ev = make_event(None, "store.created", {"store_id": "old-store", "schema_version": 1}, actor="past")
    con.execute(
        "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?)",
        [ev.seq, ev.ts, ev.kind, ev.actor, ev.payload, ev.prev_hash, ev.hash],
    )
    con.close()
    assert "provisions" not in _tables(path)

    with Store.open(StoreConfig(path), read_only=True) as st:  # a read upgrades once, then reads
        assert st.schema_version == migrations.latest_version()
        kinds = [e.kind for e in st.events()]
        assert kinds == ["store.created", "schema.migrated"]
        assert list(st.events())[1].data()["from"] == 1
        assert verify_store(st).ok
    assert {"provisions", "provision_subjects"} <= _tables(path)


def test_a_store_written_by_a_v1_privacy_kit_keeps_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_v1 = tuple(m for m in migrations.migrations() if m.version == 1)
    cfg = StoreConfig(tmp_path / "v1.duckdb")
    with monkeypatch.context() as m:
        m.setattr(migrations, "migrations", lambda: only_v1)
        with Store.open(cfg) as st:
            add_purpose(st, text="会員への連絡と会費請求のため", categories=["PERSON", "EMAIL_ADDRESS"])
            assert st.schema_version == 1
    assert "provisions" not in _tables(cfg.path)

    with Store.open(cfg) as st:
        assert st.schema_version == migrations.latest_version()
        assert [p.text for p in list_purposes(st)] == ["会員への連絡と会費請求のため"]
        report = verify_store(st)
        assert report.ok, report.to_dict()
        assert [e.kind for e in st.events()][-1] == "schema.migrated"


@pytest.mark.parametrize("read_only", [False, True])
def test_a_newer_store_is_refused_and_left_unchanged(config: StoreConfig, read_only: bool) -> None:
    Store.open(config).close()
    con = duckdb.connect(str(config.path))
    con.execute("INSERT INTO schema_version VALUES (99, TIMESTAMP '2030-01-01 00:00:00', 'future')")
    before = con.execute("SELECT count(*) FROM ledger").fetchall()[0][0]
    con.close()
    with pytest.raises(SchemaTooNewError, match="schema version 99") as exc:
        Store.open(config, read_only=read_only)
    assert exc.value.exit_code == 2
    con = duckdb.connect(str(config.path), read_only=True)
    assert con.execute("SELECT count(*) FROM ledger").fetchall()[0][0] == before
    assert con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] == 99
    con.close()


def test_a_failing_migration_leaves_the_old_version(
    config: StoreConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(config).close()
    latest = migrations.latest_version()
    broken = migrations.Migration(
        latest + 1, "broken", "CREATE TABLE extra (a INTEGER); SELECT * FROM no_such_table;"
    )
    shipped = migrations.migrations()
    monkeypatch.setattr(migrations, "migrations", lambda: (*shipped, broken))
    with pytest.raises(MigrationError, match="left at its old version"):
        Store.open(config)
    monkeypatch.undo()
    with Store.open(config, read_only=True) as st:
        assert st.schema_version == latest
        assert "extra" not in _tables(config.path)
        assert verify_store(st).ok


def test_dates_survive_the_round_trip(store: Store) -> None:
    pv = add_purpose(
        store, text="年次総会の参加受付のため", categories=["PERSON"], published_on=date(2026, 4, 1)
    )
    assert list_purposes(store)[0].published_on == pv.published_on == date(2026, 4, 1)
