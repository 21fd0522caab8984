"""Pseudonym keys: the secret behind 仮名加工情報 (APPI Art 41, Rule 31), kept as 削除情報等 (Rule 32).

A pseudonym is an HMAC of a normalised value under a named, purpose-specific key. The key is a
data key like the others: 32 random bytes wrapped (AES-256-GCM) under the master key, which
lives outside the database, in the ``keyring`` table with kind ``pseudonym``. So the same value
gives the same pseudonym across files and runs for as long as the key exists, and only someone
holding both the store and the master key can recompute one.

Replacing the key (``rotate``) or destroying it (``destroy``) makes every earlier pseudonym
irreproducible: nobody can map a value to its old token any more. A destroyed key is never
replaced silently: the next run must ask for a new series (``allow_new``). Every creation,
rotation, destruction and use leaves a ledger event naming the key by its public fingerprint.
As with subject keys, DuckDB may keep a deleted wrapped key in free blocks until the master key
that wrapped it is rotated away (docs/audit-store.md), so a complete destruction rotates it too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from audit.errors import PseudonymKeyError, ValidationError
from audit.keys import KeyRing, generate_key, unwrap, wrap
from audit.results import first_row
from audit.store import utc_now

KIND = "pseudonym"
DEFAULT_NAME = "default"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


def key_ref(name: str) -> str:
    return f"{KIND}:{name}"


def key_id(key: bytes) -> str:
    """Public fingerprint of a pseudonym key: names it in records without revealing it."""
    return hashlib.sha256(b"privacy-kit pseudonym key id\n" + key).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PseudonymKey:
    name: str
    key_id: str
    created_at: datetime
    key: bytes = field(repr=False)

    def to_dict(self) -> dict[str, str]:
        """Name, public id and creation time: never the key."""
        return {"name": self.name, "key_id": self.key_id, "created_at": self.created_at.isoformat()}


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValidationError(f"invalid pseudonym key name {name!r}",
                              hint="letters, digits, '_', '-', '.'; up to 64 characters")
    return name


def _load(keyring: KeyRing, name: str) -> PseudonymKey | None:
    row = first_row(keyring.store.con.execute(
        "SELECT wrapped, created_at FROM keyring WHERE kind = ? AND key_ref = ?", [KIND, key_ref(name)]).fetchall())
    if row is None:
        return None
    key = unwrap(keyring.master, key_ref(name), bytes(row[0]))
    return PseudonymKey(name, key_id(key), row[1], key)


def destroyed(keyring: KeyRing, name: str) -> bool:
    """Was a key of this name destroyed (and none made since)?"""
    row = first_row(keyring.store.con.execute(
        "SELECT count(*) FROM shredded_keys WHERE key_ref = ?", [key_ref(name)]).fetchall())
    return bool(row and row[0])


def _insert(keyring: KeyRing, name: str, event: str, extra: dict[str, object]) -> PseudonymKey:
    key = generate_key()
    now = utc_now()
    store = keyring.store
    if store.meta("master_key_id") is None:
        store.set_meta("master_key_id", keyring.master.key_id)
    store.con.execute("INSERT INTO keyring VALUES (?, ?, ?, ?, ?)",
                      [key_ref(name), KIND, wrap(keyring.master, key_ref(name), key), keyring.master.key_id, now])
    made = PseudonymKey(name, key_id(key), now, key)
    store.append_event(event, {"kind": KIND, "name": name, "key_id": made.key_id, **extra})
    return made


def pseudonym_key(keyring: KeyRing, name: str = DEFAULT_NAME, *, create: bool = True,
                  allow_new: bool = False) -> tuple[PseudonymKey, bool]:
    """The key named ``name`` and whether it was created now.

    A missing key is created when ``create``; but if a key of this name was destroyed, only with
    ``allow_new`` (a new key starts a new series of pseudonyms that cannot be linked to the old).
    """
    _check_name(name)
    found = _load(keyring, name)
    if found is not None:
        return found, False
    if destroyed(keyring, name) and not allow_new:
        raise PseudonymKeyError(
            f"pseudonym key {name!r} was destroyed: its pseudonyms can no longer be reproduced",
            hint="ask for a new key (redact --new-key) to start a new series, unlinkable to the old one")
    if not create or keyring.store.read_only:
        raise PseudonymKeyError(f"no pseudonym key {name!r} in this store",
                                hint="a key is created by the first pseudonymising run")
    with keyring.store.transaction():
        made = _insert(keyring, name, "key.created", {})
    return made, True


def rotate_pseudonym_key(keyring: KeyRing, name: str = DEFAULT_NAME) -> tuple[str, str]:
    """Replace the key with a new random one: earlier pseudonyms can no longer be reproduced.
    Returns (old key id, new key id)."""
    old = _load(keyring, _check_name(name))
    if old is None:
        raise PseudonymKeyError(f"no pseudonym key {name!r} in this store")
    store = keyring.store
    with store.transaction():
        store.con.execute("DELETE FROM keyring WHERE kind = ? AND key_ref = ?", [KIND, key_ref(name)])
        store.con.execute("INSERT INTO shredded_keys VALUES (?, ?, ?)", [key_ref(name), utc_now(), "rotated"])
        new = _insert(keyring, name, "key.replaced", {"previous_key_id": old.key_id})
    return old.key_id, new.key_id


def destroy_pseudonym_key(keyring: KeyRing, name: str = DEFAULT_NAME, *, reason: str | None = None) -> str:
    """Delete the key (its pseudonyms become irreproducible); returns its key id."""
    old = _load(keyring, _check_name(name))
    if old is None:
        raise PseudonymKeyError(f"no pseudonym key {name!r} in this store")
    store = keyring.store
    with store.transaction():
        store.con.execute("DELETE FROM keyring WHERE kind = ? AND key_ref = ?", [KIND, key_ref(name)])
        store.con.execute("INSERT INTO shredded_keys VALUES (?, ?, ?)", [key_ref(name), utc_now(), reason])
        store.append_event("key.destroyed", {"kind": KIND, "name": name, "key_id": old.key_id, "reason": reason})
    return old.key_id


def list_pseudonym_keys(keyring: KeyRing) -> list[PseudonymKey]:
    names = [str(r[0]).split(":", 1)[1] for r in keyring.store.con.execute(
        "SELECT key_ref FROM keyring WHERE kind = ? ORDER BY key_ref", [KIND]).fetchall()]
    return [k for n in names if (k := _load(keyring, n)) is not None]
