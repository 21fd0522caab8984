"""The audit store's part in a redaction: the pseudonym key before, the run record after.

The store is opened only for those two short moments, not for the whole run, so a long
redaction never holds the store's lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.pseudonym_keys import PseudonymKey
    from audit.store import StoreConfig

    from .engine import RedactionSummary


def load_pseudonym_key(config: StoreConfig, name: str, *, allow_new: bool) -> tuple[PseudonymKey, bool]:
    """The named pseudonym key (created on first use; after a destruction only if ``allow_new``)."""
    from audit.keys import KeyRing
    from audit.pseudonym_keys import pseudonym_key
    from audit.store import Store

    with Store.open(config) as store:
        return pseudonym_key(KeyRing.open(store), name, allow_new=allow_new)


def record_run(config: StoreConfig, summary: RedactionSummary, *, source: Path, target: Path,
               options: Mapping[str, Any], key: PseudonymKey | None = None) -> str:
    """Record the run (counts and hashes of input and output, never a value); its run id."""
    from audit.redactions import record_redaction
    from audit.store import Store
    from privacy_kit import __version__

    rw = summary.rewrite
    with Store.open(config) as store:
        run = record_redaction(
            store, mode=summary.mode,
            inputs=[{"path": str(source), "format": rw.fmt, "encoding": rw.encoding}],
            outputs=[{"path": str(target)}], options=options, records=rw.records, changed=rw.changed,
            deleted=rw.deleted, counts=summary.counts(), key_name=key.name if key else None,
            key_id=key.key_id if key else None, report=summary.anonymisation, tool_version=__version__)
    return run.run_id
