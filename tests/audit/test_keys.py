"""Keys: a 0600 master key file (or $PRIVACY_KIT_KEY), wrapped per-subject data keys,
crypto-shredding with legal hold, and rotation that keeps everything readable."""

from __future__ import annotations

import base64
import os
import secrets
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit import keys as keys_mod
from audit.errors import (
    KeyFilePermissionError,
    KeyFormatError,
    KeyMismatchError,
    KeyMissingError,
    KeyShreddedError,
    KeyStoreError,
    LegalHoldError,
)
from audit.keys import KeyRing, normalise_value, pending_key_path, rotate_master_key, shred_subjects
from audit.provisions import ProvisionRequest, record_provision
from audit.scans import findings_for_value, record_scan
from audit.store import Store, StoreConfig
from audit.verify import verify_store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _finding(value: str, record: int, etype: str = "EMAIL_ADDRESS") -> dict[str, object]:
    return {
        "source": "comments.jsonl",
        "record": record,
        "field": "text",
        "start": 0,
        "end": len(value),
        "entity_type": etype,
        "score": 0.9,
        "recognizer": "test.v1",
        "value": value,
    }


def _scan(store: Store, ring: KeyRing, values: list[str]) -> None:
    record_scan(
        store,
        {"inputs": []},
        [_finding(v, i) for i, v in enumerate(values)],
        keyring=ring,
        encrypt_values=True,
    )


def _env_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


# --- the master key --------------------------------------------------------------------------


@posix_only
def test_the_key_file_is_created_on_first_use_with_mode_0600(store: Store) -> None:
    path = store.config.key_path
    assert not path.exists()
    ring = KeyRing.open(store)
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ring.master.key_id == KeyRing.open(store).master.key_id  # reused, not replaced


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o700 | 0o020])
def test_a_key_file_open_to_group_or_others_is_refused(store: Store, mode: int) -> None:
    KeyRing.open(store)
    os.chmod(store.config.key_path, mode)
    with pytest.raises(KeyFilePermissionError, match="chmod 600"):
        KeyRing.open(store)


def test_a_key_from_the_environment_is_used_and_no_file_is_written(store: Store) -> None:
    env = {"PRIVACY_KIT_KEY": _env_key()}
    ring = KeyRing.open(store, env=env)
    assert ring.master.source == "$PRIVACY_KIT_KEY"
    assert not store.config.key_path.exists()
    assert "key=" not in repr(ring.master) and env["PRIVACY_KIT_KEY"] not in repr(ring.master)


# fmt: off
BAD_KEYS = [
    "short",
    base64.b64encode(b"x" * 16).decode(),   # 128 bits
    "g" * 64,                                # not hex, not base64 of 32 bytes
    "",
]
# fmt: on


@pytest.mark.parametrize("text", [k for k in BAD_KEYS if k])
def test_a_malformed_key_is_a_clear_error(store: Store, text: str) -> None:
    with pytest.raises(KeyFormatError, match="256-bit key"):
        KeyRing.open(store, env={"PRIVACY_KIT_KEY": text})


@pytest.mark.parametrize(
    "encode",
    [
        lambda k: k.hex(),
        lambda k: base64.b64encode(k).decode(),
        lambda k: base64.urlsafe_b64encode(k).decode(),
    ],
)
def test_hex_and_both_base64_alphabets_are_accepted(store: Store, encode) -> None:  # type: ignore[no-untyped-def]
    raw = secrets.token_bytes(32)
    ring = KeyRing.open(store, env={"PRIVACY_KIT_KEY": encode(raw)})
    assert ring.master.key == raw


def test_a_different_master_key_is_refused_once_the_store_is_bound(store: Store, ring: KeyRing) -> None:
    _scan(store, ring, ["taro@example.jp"])
    with pytest.raises(KeyMismatchError, match="wrapped by master key"):
        KeyRing.open(store, env={"PRIVACY_KIT_KEY": _env_key()})


def test_a_lost_key_file_is_not_silently_replaced(store: Store, ring: KeyRing) -> None:
    _scan(store, ring, ["taro@example.jp"])
    store.config.key_path.unlink()
    with pytest.raises(KeyMissingError, match="does not exist"):
        KeyRing.open(store)
    assert not store.config.key_path.exists()


# --- hashing -----------------------------------------------------------------------------------

# fmt: off
SAME_VALUE = [
    ("090-1234-5678", "09012345678"),
    ("０９０－１２３４－５６７８", "090 1234 5678"),
    ("03(1234)5678", "0312345678"),
    ("Taro@Example.JP", "taro@example.jp"),
    ("山田　太郎", "山田 太郎"),
    ("  ﾔﾏﾀﾞ ﾀﾛｳ ", "ヤマダ タロウ"),
]
DIFFERENT_VALUE = [
    ("090-1234-5678", "090-1234-5679"),
    ("taro@example.jp", "jiro@example.jp"),
    ("山田太郎", "山田 太郎"),      # a space inside a name is kept (collapsed, not removed)
    ("1-2-3", "12-3 ビル"),        # digits only when the whole value is digits and separators
]
# fmt: on


@pytest.mark.parametrize(("a", "b"), SAME_VALUE)
def test_one_value_in_different_forms_has_one_hash(ring: KeyRing, a: str, b: str) -> None:
    assert normalise_value(a) == normalise_value(b)
    assert ring.value_hash(a) == ring.value_hash(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_VALUE)
def test_different_values_have_different_hashes(ring: KeyRing, a: str, b: str) -> None:
    assert ring.value_hash(a) != ring.value_hash(b)


def test_hashes_are_keyed_not_plain_sha256(ring: KeyRing, store: Store, tmp_path: Path) -> None:
    import hashlib

    value = "taro@example.jp"
    assert ring.value_hash(value) != hashlib.sha256(normalise_value(value).encode()).hexdigest()
    other = Store.open(StoreConfig(tmp_path / "other.duckdb"))
    try:
        assert KeyRing.open(other).value_hash(value) != ring.value_hash(value)  # each store its own index key
    finally:
        other.close()


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise_value(normalise_value(text)) == normalise_value(text)


# --- shredding -------------------------------------------------------------------------------


def test_shredding_makes_that_subjects_ciphertext_unreadable_and_only_that(
    store: Store, ring: KeyRing
) -> None:
    _scan(store, ring, ["taro@example.jp", "hanako@example.jp", "taro@example.jp"])
    before = store.con.execute("SELECT ciphertext FROM findings ORDER BY seq").fetchall()
    assert [f.value for f in findings_for_value(store, ring, "taro@example.jp", decrypt=True)] == [
        "taro@example.jp"
    ] * 2

    taro = ring.value_hash("taro@example.jp")
    result = shred_subjects(ring, ["TARO@example.jp"], today=date(2026, 11, 21), request_ref="DSR-7")
    assert result.shredded == (taro,) and result.absent == 0

    # the ciphertext is still there, byte for byte, but nobody can read it any more ...
    assert store.con.execute("SELECT ciphertext FROM findings ORDER BY seq").fetchall() == before
    fresh = KeyRing.open(store)  # not just a cache effect
    for (blob,) in (before[0], before[2]):
        with pytest.raises(KeyShreddedError):
            fresh.decrypt(taro, bytes(blob))
    # ... and the keyed hash that linked the findings to the value is gone too
    assert findings_for_value(store, fresh, "taro@example.jp", decrypt=True) == []
    hashes = [r[0] for r in store.con.execute("SELECT value_hash FROM findings ORDER BY seq").fetchall()]
    assert hashes[0] == hashes[2] == "shredded" and hashes[1] == ring.value_hash("hanako@example.jp")
    assert [f.value for f in findings_for_value(store, fresh, "hanako@example.jp", decrypt=True)] == [
        "hanako@example.jp"
    ]
    assert verify_store(store).ok  # the ledger never held the value, so it still verifies
    last = list(store.events())[-1]
    assert last.kind == "subject.shredded" and taro not in last.payload and "taro" not in last.payload
    assert last.data()["subjects"] == 1 and last.data()["request_ref"] == "DSR-7"


def test_shredding_a_value_never_seen_destroys_nothing(store: Store, ring: KeyRing) -> None:
    _scan(store, ring, ["hanako@example.jp"])
    result = shred_subjects(ring, ["nobody@example.jp"], today=date(2026, 11, 21))
    assert result.shredded == () and result.absent == 1


def _provision(store: Store, ring: KeyRing, subject: str, recorded_on: date) -> None:
    record_provision(
        store,
        ProvisionRequest(
            "provide",
            "consent",
            "株式会社サンプル",
            ("氏名", "メールアドレス"),
            subjects=(subject,),
            consent_ref="申込書 2026-01",
            recorded_on=recorded_on,
        ),
        keyring=ring,
    )


def test_a_subject_in_a_provision_record_is_held_until_its_retention_ends(
    store: Store, ring: KeyRing
) -> None:
    _provision(store, ring, "taro@example.jp", recorded_on=date(2026, 4, 1))  # kept until 2029-04-01
    with pytest.raises(LegalHoldError, match="until 2029-04-01") as exc:
        shred_subjects(ring, ["taro@example.jp"], today=date(2029, 4, 1))
    assert "PR-000001" in str(exc.value)
    result = shred_subjects(ring, ["taro@example.jp"], today=date(2029, 4, 2))
    assert len(result.shredded) == 1
    assert verify_store(store).ok


# --- rotation --------------------------------------------------------------------------------


def test_rotation_rewraps_keys_and_keeps_everything_readable(store: Store, ring: KeyRing) -> None:
    _scan(store, ring, ["taro@example.jp", "hanako@example.jp"])
    old = ring.master
    hash_before = ring.value_hash("taro@example.jp")
    ciphertext_before = store.con.execute("SELECT ciphertext FROM findings ORDER BY seq").fetchall()

    result = rotate_master_key(ring)
    assert (
        result.old_key_id == old.key_id != result.new_key_id and result.rewrapped == 3
    )  # index + 2 subjects

    assert store.con.execute("SELECT ciphertext FROM findings ORDER BY seq").fetchall() == ciphertext_before
    fresh = KeyRing.open(store)  # reads the replaced key file
    assert fresh.master.key_id == result.new_key_id
    assert fresh.value_hash("taro@example.jp") == hash_before
    assert [f.value for f in findings_for_value(store, fresh, "taro@example.jp", decrypt=True)] == [
        "taro@example.jp"
    ]
    if os.name == "posix":
        assert stat.S_IMODE(store.config.key_path.stat().st_mode) == 0o600
    with pytest.raises(KeyMismatchError):
        KeyRing.open(store, env={"PRIVACY_KIT_KEY": base64.b64encode(old.key).decode()})
    assert not pending_key_path(store.config.key_path).exists()
    assert verify_store(store).ok


def test_rotation_with_an_environment_key_needs_the_new_key_in_the_environment(store: Store) -> None:
    env = {"PRIVACY_KIT_KEY": _env_key()}
    ring = KeyRing.open(store, env=env)
    _scan(store, ring, ["taro@example.jp"])
    with pytest.raises(KeyStoreError, match="PRIVACY_KIT_NEW_KEY"):
        rotate_master_key(ring, env=env)
    env["PRIVACY_KIT_NEW_KEY"] = _env_key()
    result = rotate_master_key(ring, env=env)
    assert result.key_file is None
    again = KeyRing.open(store, env={"PRIVACY_KIT_KEY": env["PRIVACY_KIT_NEW_KEY"]})
    assert [f.value for f in findings_for_value(store, again, "taro@example.jp", decrypt=True)] == [
        "taro@example.jp"
    ]


def test_a_crash_after_the_rewrap_commits_is_completed_on_next_open(
    store: Store, ring: KeyRing, monkeypatch: pytest.MonkeyPatch
) -> None:
    _scan(store, ring, ["taro@example.jp"])

    def crash(*args: object) -> None:
        raise SystemExit("killed between commit and file swap")

    monkeypatch.setattr(keys_mod.os, "replace", crash)
    with pytest.raises(SystemExit):
        rotate_master_key(ring)
    monkeypatch.undo()
    assert pending_key_path(store.config.key_path).exists()
    fresh = KeyRing.open(store)  # finds the pending key, sees the store already uses it, swaps it in
    assert not pending_key_path(store.config.key_path).exists()
    assert [f.value for f in findings_for_value(store, fresh, "taro@example.jp", decrypt=True)] == [
        "taro@example.jp"
    ]


def test_a_crash_before_the_rewrap_commits_leaves_the_old_key(store: Store, ring: KeyRing) -> None:
    _scan(store, ring, ["taro@example.jp"])
    keys_mod.write_key_file(
        pending_key_path(store.config.key_path), secrets.token_bytes(32)
    )  # as a crash leaves it
    fresh = KeyRing.open(store)
    assert fresh.master.key_id == ring.master.key_id
    assert not pending_key_path(store.config.key_path).exists()
    assert [f.value for f in findings_for_value(store, fresh, "taro@example.jp", decrypt=True)] == [
        "taro@example.jp"
    ]
