"""Searching for and fulfilling one request: the steps that tie the store, the readers and the files.

Each public function here is what one ``privacy-kit request`` command calls. A request must be
verified first (the policy answers "after confirming the identity of the person"); every run
stores its evidence (audit.requests) with the SHA-256 in the ledger, and a fulfilment closes the
request as ``fulfilled``, or ``partially_fulfilled`` with the reason when something could not be
read, searched or erased.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import RequestStateError, ValidationError
from audit.requests import DataSubjectRequest, close_request, get_request, record_evidence
from audit.vocab import DISCLOSURE_TYPES
from privacy_kit.requests.search import SearchOptions, SearchResult, search_subject

if TYPE_CHECKING:
    from audit.keys import KeyRing
    from audit.store import Store
    from privacy_kit.pool import BatchDetector

Progress = Callable[[str], None]


@dataclass
class Fulfilment:
    """What a fulfilment did (or, in a dry run, would do): for the CLI to print."""

    request: DataSubjectRequest
    result: SearchResult | None
    evidence: dict[str, Any]
    dry_run: bool = False
    outcome: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)


def verified_request(store: Store, keyring: KeyRing, request_id: str) -> DataSubjectRequest:
    """The request with its identifiers decrypted, if identity is confirmed and it is still open."""
    req = get_request(store, request_id, keyring=keyring)
    if req.state not in ("verified", "in_progress"):
        raise RequestStateError(
            f"{request_id} is {req.state}; search and fulfil need a verified request",
            hint=f"confirm the person's identity first: privacy-kit request verify {request_id} --method …"
            if req.is_open
            else "the request is closed",
        )
    if not req.identifiers():
        raise ValidationError(
            f"every identifier of {request_id} has been shredded; there is nothing left to search for"
        )
    return req


def search_request(
    store: Store,
    keyring: KeyRing,
    request_id: str,
    options: SearchOptions = SearchOptions(),
    *,
    detector: BatchDetector | None = None,
    on_file: Progress | None = None,
) -> tuple[DataSubjectRequest, SearchResult]:
    """Search every registered data set for the subject and store what was searched and found."""
    req = verified_request(store, keyring, request_id)
    result = search_subject(store, req.identifiers(), options, detector=detector, on_file=on_file)
    record_evidence(store, request_id, "search", result.evidence())
    return get_request(store, request_id), result


def search_gaps(result: SearchResult | None) -> list[str]:
    """What keeps a fulfilment from being complete, in words for the person (Art 36)."""
    if result is None:
        return []
    out = []
    if result.unreadable:
        out.append(f"{result.unreadable} 件のレコードが読み取れず、確認できませんでした")
    if result.not_searched:
        out.append(f"{len(result.not_searched)} 件のデータセットは検索できませんでした")
    return out


def fulfil_disclosure(
    store: Store,
    keyring: KeyRing,
    request_id: str,
    out: Path | None,
    options: SearchOptions = SearchOptions(),
    *,
    dry_run: bool = False,
    reason: str | None = None,
    detector: BatchDetector | None = None,
    on_file: Progress | None = None,
) -> Fulfilment:
    """32-2, 33-1, 33-5: write the package to ``out`` and close the request with its evidence."""
    from privacy_kit.requests.disclose import (
        SECTIONS,
        build_package,
        check_package_path,
        render_files,
        write_package,
    )

    req = verified_request(store, keyring, request_id)
    if req.request_type not in DISCLOSURE_TYPES:
        raise ValidationError(f"{request_id} is a {req.request_type} request, not a disclosure")
    if out is None and not dry_run:
        raise ValidationError("a disclosure needs the package's path (-o DIR or -o FILE.zip)")
    if out is not None and not dry_run:
        check_package_path(out)  # before the search, not after it
    identifiers = req.identifiers()
    result = None
    if set(SECTIONS[req.request_type]) & {"records", "purposes"}:
        result = search_subject(store, identifiers, options, detector=detector, on_file=on_file)
    values = [i.value for i in identifiers] + (result.matched_values() if result is not None else [])
    pkg = build_package(store, req, result, values, keyring)
    files = render_files(pkg)
    data = pkg.to_dict()
    evidence: dict[str, Any] = {
        "search": result.evidence() if result is not None else None,
        "package": {
            "sections": list(pkg.sections),
            "disclosure_method": req.disclosure_method,
            "records": len(data.get("records", [])),
            "purposes": [p["purpose_id"] for p in data.get("purposes", [])],
            "provisions": [p["provision_id"] for p in data.get("provisions", [])],
        },
    }
    if dry_run:
        return Fulfilment(req, result, evidence, dry_run=True)
    assert out is not None
    evidence["package"]["files"] = write_package(files, out)
    gaps = search_gaps(result)
    outcome = "partially_fulfilled" if gaps else "fulfilled"
    done = close_request(
        store,
        request_id,
        outcome,
        reason=reason or ("；".join(gaps) or None),
        evidence=("disclosure", evidence),
    )
    return Fulfilment(done, result, evidence, outcome=outcome, files=evidence["package"]["files"])
