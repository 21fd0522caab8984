"""Keys: a master key outside the database, and data keys inside it wrapped by the master key.

Why two levels: each subject's values are encrypted under that subject's own data key, so
destroying one data key makes exactly that subject's ciphertext unreadable (crypto-shredding,
APPI Art 35 / PPC FAQ Q9-18 "make identification impossible") while the ledger, which never
saw a value or its hash, still verifies. The master key only wraps data keys, so rotating
it re-wraps a few hundred bytes per subject instead of re-encrypting the store.

A "subject" here is one normalised personal value (an e-mail address, a phone number, a name):
its ref is the keyed hash of that value, the same hash findings carry, so everything the store
holds about a value can be found, disclosed (Art 33) and shredded together.

The index key (HMAC-SHA256 key for value hashes) is itself a wrapped data key, so rotation of the
master key never changes a hash and lookups keep working.

Residue: DuckDB does not overwrite deleted rows at once (free blocks; docs/audit-store.md). A
shredded wrapped key may survive in the file until the master key that wrapped it is rotated
away, so ``shred`` is complete only after ``rotate`` (``privacy-kit audit shred`` does both
unless ``--no-rotate``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from audit.errors import (
    KeyFilePermissionError,
    KeyFormatError,
    KeyMismatchError,
    KeyMissingError,
    KeyShreddedError,
    KeyStoreError,
    LegalHoldError,
)
from audit.results import first_row
from audit.store import utc_now

if TYPE_CHECKING:
    import pyarrow as pa

    from audit.store import Store

KEY_ENV = "PRIVACY_KIT_KEY"
NEW_KEY_ENV = "PRIVACY_KIT_NEW_KEY"
INDEX_REF = "index"
#: What a keyed hash becomes once its subject is shredded (the link to the value is cut).
SHREDDED = "shredded"
_NONCE = 12
_WRAP_AAD = b"privacy-kit/data-key/v1|"
_VALUE_AAD = b"privacy-kit/value/v1|"
_DIGITS_ONLY = re.compile(r"[0-9\s\-‐‑‒–—―ー−()+.]+")


# --- the master key ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MasterKey:
    key: bytes
    source: str  # the key file path, or "$PRIVACY_KIT_KEY"

    @property
    def key_id(self) -> str:
        """Public fingerprint: names the key in the store without revealing it."""
        return hashlib.sha256(b"privacy-kit master key id\n" + self.key).hexdigest()[:16]

    def __repr__(self) -> str:  # never print key material
        return f"MasterKey(id={self.key_id}, source={self.source!r})"


def generate_key() -> bytes:
    return secrets.token_bytes(32)


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii")


def decode_key(text: str, *, source: str) -> bytes:
    """Accept base64 (standard or URL-safe) or 64 hex digits; the key must be 32 bytes."""
    text = text.strip()
    raw: bytes | None = None
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        raw = bytes.fromhex(text)
    else:
        try:
            raw = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError):
            raw = None
    if raw is None or len(raw) != 32:
        raise KeyFormatError(
            f"{source} does not hold a 256-bit key",
            hint="a key is 32 random bytes written as base64 (44 characters) or 64 hex digits",
        )
    return raw


def check_key_file_mode(path: Path) -> None:
    """Refuse a key file that group or others could read or change."""
    if os.name != "posix":
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise KeyFilePermissionError(
            f"the key file {path} is accessible to group or others (mode {mode:04o})",
            hint=f"restrict it to its owner: chmod 600 {path}",
        )


def write_key_file(path: Path, key: bytes, *, exclusive: bool = True) -> None:
    """Create ``path`` with mode 0600 from the start (never briefly world-readable), fsynced."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        os.write(fd, (encode_key(key) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def load_master_key(path: Path, *, create: bool, env: Mapping[str, str] | None = None) -> MasterKey:
    """$PRIVACY_KIT_KEY if set, else the key file, created with mode 0600 when ``create``."""
    env = os.environ if env is None else env
    if env.get(KEY_ENV):
        return MasterKey(decode_key(env[KEY_ENV], source=f"${KEY_ENV}"), f"${KEY_ENV}")
    if path.exists():
        check_key_file_mode(path)
        return MasterKey(
            decode_key(path.read_text(encoding="ascii", errors="replace"), source=f"key file {path}"),
            str(path),
        )
    if not create:
        raise KeyMissingError(
            f"no master key: {path} does not exist and ${KEY_ENV} is not set",
            hint="restore the key file or set PRIVACY_KIT_KEY; without it the store's ciphertext "
            "and value hashes cannot be used",
        )
    key = generate_key()
    try:
        write_key_file(path, key)
    except FileExistsError:  # another process created it first: use theirs
        return load_master_key(path, create=False, env=env)
    except OSError as exc:
        raise KeyStoreError(f"cannot create the key file {path}: {exc.strerror}") from exc
    return MasterKey(key, str(path))


# --- wrapping and values ---------------------------------------------------------------------


def wrap(master: MasterKey, key_ref: str, data_key: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(master.key).encrypt(nonce, data_key, _WRAP_AAD + key_ref.encode("utf-8"))


def unwrap(master: MasterKey, key_ref: str, blob: bytes) -> bytes:
    try:
        return AESGCM(master.key).decrypt(blob[:_NONCE], blob[_NONCE:], _WRAP_AAD + key_ref.encode("utf-8"))
    except InvalidTag as exc:
        raise KeyMismatchError(
            f"data key {key_ref[:16]}… cannot be unwrapped with master key {master.key_id}",
            hint="the key file or PRIVACY_KIT_KEY is not the one this store was written with",
        ) from exc


def normalise_value(value: str) -> str:
    """The form that is hashed: NFKC, case-folded, spaces collapsed; digit strings lose separators.

    So ``０９０-１２３４-５６７８`` and ``09012345678`` share one hash, as do ``Taro@Example.JP`` and
    ``taro@example.jp``. It only ever compares a value with itself, so it is entity-agnostic.
    """
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if _DIGITS_ONLY.fullmatch(text) and any(c.isdigit() for c in text):
        return "".join(c for c in text if c.isdigit())
    return " ".join(text.split())


def encrypt_value(data_key: bytes, subject_ref: str, value: str) -> bytes:
    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(data_key).encrypt(nonce, value.encode("utf-8"), _VALUE_AAD + subject_ref.encode())


def decrypt_value(data_key: bytes, subject_ref: str, blob: bytes) -> str:
    return AESGCM(data_key).decrypt(blob[:_NONCE], blob[_NONCE:], _VALUE_AAD + subject_ref.encode()).decode()


# --- the key ring in the store ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewKey:
    """A data key created during a write, to be inserted with the batch that first needs it."""

    key_ref: str
    kind: str
    wrapped: bytes


def pending_key_path(path: Path) -> Path:
    return path.with_name(path.name + ".new")


def _recover_rotation(path: Path, bound: str | None) -> None:
    """Finish or undo a rotation that crashed between writing the new key and replacing the old.

    The new key is written to ``<key>.new`` before the store is re-wrapped; the store records
    which key id it is bound to, so that id tells whether the re-wrap committed.
    """
    pending = pending_key_path(path)
    if not pending.exists():
        return
    check_key_file_mode(pending)
    new = MasterKey(
        decode_key(pending.read_text(encoding="ascii", errors="replace"), source=f"key file {pending}"),
        str(pending),
    )
    if bound == new.key_id:
        os.replace(pending, path)
    else:
        pending.unlink()


class KeyRing:
    """Data keys of one open store under one master key; unwrapped keys are cached in memory."""

    def __init__(self, store: Store, master: MasterKey) -> None:
        self.store = store
        self.master = master
        self._cache: dict[str, bytes] = {}
        self._index: bytes | None = None

    @classmethod
    def open(cls, store: Store, *, env: Mapping[str, str] | None = None) -> KeyRing:
        """Load the master key for ``store``; create a key file only for a store that has none yet."""
        env = os.environ if env is None else env
        path = store.config.key_path
        bound = store.meta("master_key_id")
        if not env.get(KEY_ENV):
            _recover_rotation(path, bound)
        master = load_master_key(path, create=bound is None and not store.read_only, env=env)
        if bound is not None and bound != master.key_id:
            raise KeyMismatchError(
                f"this store's data keys are wrapped by master key {bound}, but {master.source} "
                f"holds key {master.key_id}",
                hint="restore the original key file or PRIVACY_KIT_KEY; a new key cannot open old data",
            )
        return cls(store, master)

    def _bind(self) -> None:
        if self.store.meta("master_key_id") is None:
            self.store.set_meta("master_key_id", self.master.key_id)

    # index key and hashes

    def index_key(self, *, create: bool = True) -> bytes | None:
        """The HMAC key for value hashes, created (in the current write) on first use."""
        if self._index is None:
            row = first_row(
                self.store.con.execute(
                    "SELECT wrapped FROM keyring WHERE key_ref = ?", [INDEX_REF]
                ).fetchall()
            )
            if row is not None:
                self._index = unwrap(self.master, INDEX_REF, bytes(row[0]))
            elif create and not self.store.read_only:
                key = generate_key()
                with self.store.write():
                    self._bind()
                    self.store.con.execute(
                        "INSERT INTO keyring VALUES (?, 'index', ?, ?, ?)",
                        [INDEX_REF, wrap(self.master, INDEX_REF, key), self.master.key_id, utc_now()],
                    )
                    self.store.append_event(
                        "key.created", {"kind": "index", "master_key_id": self.master.key_id}
                    )
                    self.store.on_abort(self._drop_index)
                self._index = key
        return self._index

    def _drop_index(self) -> None:
        self._index = None

    def value_hash(self, value: str) -> str:
        """HMAC-SHA256 under the index key of the normalised value (hex): the subject ref."""
        key = self.index_key()
        if key is None:
            raise KeyStoreError("the store has no index key yet and was opened read-only")
        return hmac.new(key, normalise_value(value).encode("utf-8"), hashlib.sha256).hexdigest()

    def lookup_hash(self, value: str) -> str | None:
        """Like value_hash, but never creates the index key (for read-only lookups)."""
        key = self.index_key(create=False)
        if key is None:
            return None
        return hmac.new(key, normalise_value(value).encode("utf-8"), hashlib.sha256).hexdigest()

    # subject data keys

    def subject_keys(self, refs: Iterable[str], *, create: bool) -> tuple[dict[str, bytes], list[NewKey]]:
        """Unwrapped keys for ``refs``; with ``create``, new keys for refs that have none.

        New keys are returned, not inserted: the caller inserts them (as one Arrow table) in the
        same transaction as the ciphertext they protect, so a crash cannot leave one without the
        other; if that transaction rolls back, they are forgotten here too.
        """
        refs = list(refs)
        wanted = {r for r in refs if r not in self._cache}
        if wanted:
            rows = self.store.con.execute(
                "SELECT key_ref, wrapped FROM keyring WHERE kind = 'subject' AND key_ref IN "
                "(SELECT unnest(?::VARCHAR[]))",
                [sorted(wanted)],
            ).fetchall()
            for ref, blob in rows:
                self._cache[ref] = unwrap(self.master, ref, bytes(blob))
        new: list[NewKey] = []
        if create:
            missing = sorted(wanted - self._cache.keys())
            for ref in missing:
                key = generate_key()
                self._cache[ref] = key
                new.append(NewKey(ref, "subject", wrap(self.master, ref, key)))
            if new:
                self._bind()
                self.store.on_abort(lambda: self.forget(missing))
        found = {r: self._cache[r] for r in refs if r in self._cache}
        return found, new

    def seal(self, values: Sequence[str]) -> tuple[list[str], list[bytes], int]:
        """Each value's subject ref (keyed hash) and its ciphertext under that subject's key.

        Keys the values did not have yet are created and inserted now, in the caller's
        transaction, together with the ciphertext they protect; returns (refs, ciphertexts,
        number of new keys) - the count goes into the ledger event (``new_keys``).
        """
        self.store.require_transaction()
        refs = [self.value_hash(v) for v in values]
        keys, new = self.subject_keys(refs, create=True)
        self.store.insert_arrow("keyring", new_keys_table(new, self.master.key_id))
        return refs, [encrypt_value(keys[r], r, v) for r, v in zip(refs, values, strict=True)], len(new)

    def open_values(self, sealed: Iterable[tuple[str, bytes]]) -> list[str | None]:
        """Decrypt (subject ref, ciphertext) pairs; None where the subject was shredded."""
        out: list[str | None] = []
        for ref, blob in sealed:
            try:
                out.append(self.decrypt(ref, bytes(blob)))
            except KeyShreddedError:
                out.append(None)
        return out

    def forget(self, refs: Iterable[str]) -> None:
        for ref in refs:
            self._cache.pop(ref, None)

    def decrypt(self, subject_ref: str, blob: bytes) -> str:
        keys, _ = self.subject_keys([subject_ref], create=False)
        if subject_ref not in keys:
            raise KeyShreddedError(
                f"subject {subject_ref[:16]}…: its data key was destroyed; the value is unreadable"
            )
        try:
            return decrypt_value(keys[subject_ref], subject_ref, blob)
        except InvalidTag as exc:
            raise KeyShreddedError(
                f"subject {subject_ref[:16]}…: this value was encrypted under a data key that was destroyed"
            ) from exc


def new_keys_table(new: list[NewKey], master_key_id: str) -> pa.Table:
    import pyarrow as pa

    now = utc_now()
    return pa.table(
        {
            "key_ref": pa.array([k.key_ref for k in new], pa.string()),
            "kind": pa.array([k.kind for k in new], pa.string()),
            "wrapped": pa.array([k.wrapped for k in new], pa.binary()),
            "master_key_id": pa.array([master_key_id] * len(new), pa.string()),
            "created_at": pa.array([now] * len(new), pa.timestamp("us")),
        }
    )


# --- crypto-shredding and rotation -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubjectLink:
    """A table whose rows name a subject by ref: shredding cuts the link (ref -> ``shredded``).

    The entity key of the rows (for the shred event's digests) is the table's key in
    ``audit.digests.TRACKED``; ``count_name`` is the payload field counting the entities touched.
    """

    table: str
    ref_columns: tuple[str, ...]
    count_name: str


SUBJECT_LINKS: tuple[SubjectLink, ...] = (
    SubjectLink("findings", ("value_hash",), "findings_batches"),
    SubjectLink("provision_subjects", ("subject_ref",), "provisions"),
    SubjectLink("moderation_decisions", ("author_ref", "comment_ref"), "moderation_runs"),
    SubjectLink("request_identifiers", ("subject_ref",), "requests"),
)


def _linked_entities(store: Store, link: SubjectLink, refs: list[str]) -> list[tuple[object, ...]]:
    from audit import digests

    key = ", ".join(f'"{k}"' for k in digests.TRACKED[link.table].key)
    where = " OR ".join(f'"{c}" IN (SELECT unnest($refs::VARCHAR[]))' for c in link.ref_columns)
    return store.con.execute(
        f'SELECT DISTINCT {key} FROM "{link.table}" WHERE {where} ORDER BY {key}', {"refs": refs}
    ).fetchall()


@dataclass(frozen=True, slots=True)
class ShredResult:
    shredded: tuple[str, ...]  # subject refs whose key was destroyed now
    absent: int  # values with no key in the store (never seen, or already shredded)


def legal_holds(store: Store, refs: Iterable[str], today: date) -> list[tuple[str, str, date]]:
    """(subject ref, provision id, retention_until) for provision records that still need the key."""
    rows = store.con.execute(
        "SELECT s.subject_ref, p.provision_id, p.retention_until FROM provision_subjects s "
        "JOIN provisions p USING (provision_id) WHERE p.retention_until >= ? "
        "AND s.subject_ref IN (SELECT unnest(?::VARCHAR[])) ORDER BY p.retention_until DESC",
        [today, sorted(set(refs))],
    ).fetchall()
    return [(str(r), str(p), d) for r, p, d in rows]


def shred_subjects(
    keyring: KeyRing, values: Iterable[str], *, today: date, request_ref: str | None = None
) -> ShredResult:
    """Destroy the data keys of the subjects these values identify (crypto-shredding).

    Refused, for every value at once, while any provision/receipt record naming the subject is
    inside its retention period (Rules 21/25 legal hold): those records must stay disclosable.
    """
    values = list(values)
    refs = sorted({r for v in values if (r := keyring.lookup_hash(v)) is not None})
    result = shred_refs(keyring, refs, today=today, request_ref=request_ref)
    return ShredResult(result.shredded, len(refs) - len(result.shredded) if refs else len(values))


def shred_refs(
    keyring: KeyRing, refs: Iterable[str], *, today: date, request_ref: str | None = None
) -> ShredResult:
    """Crypto-shred subjects given by ref (keyed hash), e.g. the values a deleted record held.

    Besides the key, the keyed hash that linked each finding, provision record, moderation
    decision (as author or comment id) and request identifier to the value (``SUBJECT_LINKS``) is
    replaced by ``shredded``: with the index key, a kept hash would still confirm a guessed value. The
    ledger event records counts and the new row digests only, never a per-value token.
    """
    from audit import digests

    store = keyring.store
    refs = sorted(set(refs))
    holds = legal_holds(store, refs, today)
    if holds:
        until = max(h[2] for h in holds)
        ids = sorted({h[1] for h in holds})
        raise LegalHoldError(
            f"{len({h[0] for h in holds})} of the subjects appear in provision records still under "
            f"retention ({', '.join(ids[:5])}{'…' if len(ids) > 5 else ''}) until {until.isoformat()}",
            hint="Rules 21/25 require those records to be kept; shred after the retention date",
        )
    with store.transaction():
        present = [
            r
            for (r,) in store.con.execute(
                "SELECT key_ref FROM keyring WHERE kind = 'subject' "
                "AND key_ref IN (SELECT unnest(?::VARCHAR[]))",
                [refs],
            ).fetchall()
        ]
        linked = {link: _linked_entities(store, link, refs) for link in SUBJECT_LINKS}
        if present or any(linked.values()):
            store.con.execute(
                "DELETE FROM keyring WHERE kind = 'subject' AND key_ref IN (SELECT unnest(?::VARCHAR[]))",
                [present],
            )
            for link in SUBJECT_LINKS:
                for column in link.ref_columns:
                    store.con.execute(
                        f'UPDATE "{link.table}" SET "{column}" = \'{SHREDDED}\' '
                        f'WHERE "{column}" IN (SELECT unnest(?::VARCHAR[]))',
                        [refs],
                    )
            store.con.execute(
                "INSERT INTO shredded_keys SELECT 'shred-' || uuid()::VARCHAR, ?, ? FROM range(?)",
                [utc_now(), request_ref, len(present)],
            )
            items = [(link.table, list(key)) for link in SUBJECT_LINKS for key in linked[link]]
            store.append_event(
                "subject.shredded",
                {
                    "subjects": len(present),
                    **{link.count_name: len(linked[link]) for link in SUBJECT_LINKS},
                    "request_ref": request_ref,
                    "records": digests.entries(store, items),
                },
            )
    keyring.forget(present)
    return ShredResult(tuple(sorted(present)), len(refs) - len(present))


@dataclass(frozen=True, slots=True)
class RotateResult:
    old_key_id: str
    new_key_id: str
    rewrapped: int
    key_file: str | None  # the file that now holds the new key (None: set it in $PRIVACY_KIT_KEY)


def rotate_master_key(keyring: KeyRing, *, env: Mapping[str, str] | None = None) -> RotateResult:
    """Re-wrap every data key under a new master key; the store's ciphertext is not touched.

    A key file is replaced crash-safely: the new key goes to ``<key>.new`` first, the re-wrap
    commits (recording the new key id), then the file is swapped in; a crash in between is
    repaired on the next open by comparing key ids. When the key came from $PRIVACY_KIT_KEY the
    new key must be supplied in $PRIVACY_KIT_NEW_KEY (privacy-kit cannot update an environment).
    """
    env = os.environ if env is None else env
    store, old = keyring.store, keyring.master
    pending: Path | None = None
    if old.source == f"${KEY_ENV}":
        if not env.get(NEW_KEY_ENV):
            raise KeyStoreError(
                f"the master key comes from ${KEY_ENV}; put the new key in ${NEW_KEY_ENV} to rotate",
                hint='generate one with: python -c "import secrets,base64;'
                'print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())"',
            )
        new = MasterKey(decode_key(env[NEW_KEY_ENV], source=f"${NEW_KEY_ENV}"), f"${NEW_KEY_ENV}")
    else:
        key_path = Path(old.source)
        pending = pending_key_path(key_path)
        new_key = generate_key()
        try:
            write_key_file(pending, new_key)
        except FileExistsError as exc:
            raise KeyStoreError(
                f"{pending} exists: another rotation is in progress or crashed",
                hint="open the store once (any command) to repair, then retry",
            ) from exc
        new = MasterKey(new_key, str(key_path))
    if new.key_id == old.key_id:
        raise KeyStoreError("the new master key is the same as the old one")

    import pyarrow as pa

    try:
        with store.transaction():
            rows = store.con.execute("SELECT key_ref, wrapped FROM keyring ORDER BY key_ref").fetchall()
            refs = [str(r) for r, _ in rows]
            rewrapped = [wrap(new, r, unwrap(old, r, bytes(b))) for r, b in rows]
            table = pa.table(
                {"key_ref": pa.array(refs, pa.string()), "wrapped": pa.array(rewrapped, pa.binary())}
            )
            with store.arrow_view(table) as view:
                store.con.execute(
                    f'UPDATE keyring SET wrapped = t.wrapped, master_key_id = ? FROM "{view}" t '
                    "WHERE keyring.key_ref = t.key_ref",
                    [new.key_id],
                )
            store.set_meta("master_key_id", new.key_id)
            store.append_event("key.rotated", {"from": old.key_id, "to": new.key_id, "rewrapped": len(rows)})
    except BaseException:
        if pending is not None and pending.exists():
            pending.unlink()
        raise
    if pending is not None:
        key_path = Path(old.source)
        _overwrite(key_path)
        os.replace(pending, key_path)
        _fsync_dir(key_path.parent)
    keyring.master = new
    return RotateResult(old.key_id, new.key_id, len(rows), None if pending is None else str(Path(old.source)))


def _overwrite(path: Path) -> None:
    """Best effort: zero the old key in place before it is replaced (filesystem permitting)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as fh:
            fh.write(b"\0" * size)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
