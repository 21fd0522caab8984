"""Coded errors of the audit store, each with the exit code a command line should return.

``audit`` is a library in its own right and must not import ``privacy_kit``, so it keeps its own
small base class; the CLI maps every ``AuditError`` to a clean message and its ``exit_code``.
Codes are stable (they appear in messages and documentation): never renumber one.
"""

from __future__ import annotations

EXIT_USAGE = 2


class AuditError(Exception):
    """Base class: ``code`` is stable and appears in messages; ``exit_code`` is for the CLI."""

    code = "AU000"
    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


# --- the store file -------------------------------------------------------------------------


class StoreError(AuditError):
    code = "AU100"


class StoreLockedError(StoreError):
    """Another process holds the DuckDB file lock and did not release it within --lock-timeout."""

    code = "AU101"


class StoreOpenError(StoreError):
    """The file exists but is not a DuckDB database privacy-kit can open."""

    code = "AU102"


class StoreNotFoundError(StoreError):
    """A read was asked of a store that does not exist (reads never create files)."""

    code = "AU103"


class SchemaTooNewError(StoreError):
    """The store was written by a newer privacy-kit; an older one must not guess at its schema."""

    code = "AU110"


class MigrationError(StoreError):
    code = "AU111"


# --- keys -----------------------------------------------------------------------------------


class KeyStoreError(AuditError):
    code = "AU200"


class KeyFilePermissionError(KeyStoreError):
    """The master key file is readable or writable by group or others."""

    code = "AU201"


class KeyMismatchError(KeyStoreError):
    """The master key given is not the one that wrapped this store's data keys."""

    code = "AU202"


class KeyFormatError(KeyStoreError):
    code = "AU203"


class KeyShreddedError(KeyStoreError):
    """The subject's data key was destroyed: its ciphertext can no longer be read (by design)."""

    code = "AU204"


class LegalHoldError(KeyStoreError):
    """A subject key is still needed by a provision/receipt record inside its retention period."""

    code = "AU205"


class KeyMissingError(KeyStoreError):
    """The store holds wrapped keys but the master key file is gone (never silently replaced)."""

    code = "AU206"


class PseudonymKeyError(KeyStoreError):
    """A pseudonym key is missing or was destroyed (a new one is never made silently: it would
    start a new, unlinkable series of pseudonyms)."""

    code = "AU207"


# --- records --------------------------------------------------------------------------------


class RecordNotFoundError(AuditError):
    code = "AU300"


class DuplicateRecordError(AuditError):
    code = "AU301"


class ValidationError(AuditError):
    """A record is missing an item the law or the store requires, or a value is malformed."""

    code = "AU310"


class PurposeChangeError(ValidationError):
    """A purpose change without a relatedness justification (Art 17(2)) or consent (Art 18(1))."""

    code = "AU311"


class ProvisionRefusedError(AuditError):
    """The data set's policy does not allow this provision (and no legal exemption was cited)."""

    code = "AU320"


class IncidentStateError(AuditError):
    """An incident cannot take this step now (closed, not yet assessed, steps still open)."""

    code = "AU330"


class ScanStateError(AuditError):
    """A scan run cannot be resumed, discarded or continued in its current state."""

    code = "AU400"


class CheckpointError(AuditError):
    """A ledger checkpoint file is unreadable or belongs to another store."""

    code = "AU500"


class RequestStateError(AuditError):
    """A data-subject request cannot make this transition from its current state."""

    code = "AU330"
