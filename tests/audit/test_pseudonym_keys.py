"""Pseudonym keys (仮名加工's 削除情報等) and redaction run records in the store."""

from __future__ import annotations

import pytest

from audit.errors import PseudonymKeyError, ValidationError
from audit.keys import KeyRing, rotate_master_key
from audit.pseudonym_keys import (
    destroy_pseudonym_key,
    list_pseudonym_keys,
    pseudonym_key,
    rotate_pseudonym_key,
)
from audit.redactions import list_redaction_runs, record_redaction
from audit.store import Store, StoreConfig
from audit.verify import verify_store


def test_a_key_is_made_once_and_then_found(store: Store, ring: KeyRing) -> None:
    made, created = pseudonym_key(ring, "members")
    found, again = pseudonym_key(ring, "members")
    assert (created, again) == (True, False)
    assert found.key == made.key and found.key_id == made.key_id and len(made.key) == 32
    assert "key=" not in repr(made) and made.key.hex() not in repr(made)
    assert [k.name for k in list_pseudonym_keys(ring)] == ["members"]
    assert [e.kind for e in store.events()][-1] == "key.created"
    assert made.key.hex() not in "".join(e.payload for e in store.events())


def test_the_key_survives_reopening_and_master_key_rotation(config: StoreConfig) -> None:
    with Store.open(config) as st:
        first, _ = pseudonym_key(KeyRing.open(st))
    with Store.open(config) as st:
        ring = KeyRing.open(st)
        rotate_master_key(ring)  # re-wraps the pseudonym key: pseudonyms must not change
        assert pseudonym_key(ring)[0].key == first.key
        assert verify_store(st).ok


def test_rotation_replaces_the_key(store: Store, ring: KeyRing) -> None:
    old, _ = pseudonym_key(ring)
    old_id, new_id = rotate_pseudonym_key(ring)
    new, created = pseudonym_key(ring)
    assert old_id == old.key_id != new_id == new.key_id and new.key != old.key and not created
    assert verify_store(store).ok


def test_a_destroyed_key_is_not_silently_replaced(store: Store, ring: KeyRing) -> None:
    old, _ = pseudonym_key(ring)
    assert destroy_pseudonym_key(ring, reason="retention ended") == old.key_id
    with pytest.raises(PseudonymKeyError, match="destroyed"):
        pseudonym_key(ring)
    new, created = pseudonym_key(ring, allow_new=True)
    assert created and new.key != old.key
    assert [e.kind for e in store.events()][-3:] == ["key.created", "key.destroyed", "key.created"][-3:]
    assert verify_store(store).ok


@pytest.mark.parametrize("bad", ["", "a b", "../x", "x" * 65, "名前"])
def test_key_names_are_checked(ring: KeyRing, bad: str) -> None:
    with pytest.raises(ValidationError):
        pseudonym_key(ring, bad)


def test_missing_key_is_an_error_when_not_created(ring: KeyRing) -> None:
    with pytest.raises(PseudonymKeyError, match="no pseudonym key"):
        pseudonym_key(ring, "absent", create=False)
    with pytest.raises(PseudonymKeyError):
        rotate_pseudonym_key(ring, "absent")
    with pytest.raises(PseudonymKeyError):
        destroy_pseudonym_key(ring, "absent")


def test_redaction_runs_are_recorded_and_verified(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("a\n山田\n", encoding="utf-8")
    out.write_text("a\n氏名_1234abcd\n", encoding="utf-8")
    run = record_redaction(store, mode="pseudonymise", inputs=[{"path": str(src), "format": "csv"}],
                           outputs=[{"path": str(out)}], options={"k": None}, records=1, changed=1, deleted=0,
                           counts={"replaced": {"PERSON": 1}}, key_name="default", key_id="0123456789abcdef")
    assert [r.run_id for r in list_redaction_runs(store)] == [run.run_id]
    row = store.con.execute("SELECT inputs, outputs FROM redaction_runs").fetchone()
    assert "山田" not in row[0] + row[1] and "sha256" in row[0]
    assert verify_store(store).ok
    store.con.execute("UPDATE redaction_runs SET deleted = 5")
    assert any("redaction_runs" in p for p in verify_store(store).table_problems)
