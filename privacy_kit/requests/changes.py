"""Deleting, redacting or correcting a person's records in the registered data sets (Arts 34, 35).

A 35-1 / 35-5 request (stop of use, erasure) removes every record of the person found by the
search (or, with ``redact``, replaces their parts of each field by 〈削除〉 and keeps the record);
a 34 request corrects the fields the person named, in their records. Each file is rewritten in
place by ``privacy_kit.rewrite``: same format, encoding and compression, every other record byte
for byte, atomically (temp file, fsync, rename). Then:

1. a second search proves what is left (nothing, for an erasure; a corrected record is still the
   person's, so a correction checks its new values instead);
2. the evidence is stored (files with SHA-256 before and after, record counts before and after,
   records deleted or changed, what is left, what could not be read), hashed into the ledger;
3. for an erasure, the person's subject keys are crypto-shredded: every identifier, every value
   found, and every value the store's findings place only inside the deleted records (a phone
   in their member row, even if the request did not give it), so their findings and this
   request's identifiers can no longer be read; a value of a deleted record also found elsewhere
   is someone else's too and is kept (counted in the evidence); those still named by a provision
   record within ``retention_until`` are held (Rules 21/25) and reported; the master key is then
   rotated (unless asked not to), so a copy of a destroyed key left in the database file's free
   blocks can never be unwrapped.

A file that changed since it was searched is refused (its SHA-256 is compared just before the
rewrite, and each record's text again while rewriting), never rewritten by stale record numbers.
The request closes as ``fulfilled``, or ``partially_fulfilled`` with the reason when something was
held, left, unreadable or not searched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ValidationError
from audit.requests import close_request, findings_in_records, record_evidence, shred_request_subject
from audit.vocab import CHANGE_TYPES
from privacy_kit.errors import InputError
from privacy_kit.requests.fulfil import Fulfilment, Progress, search_gaps, verified_request
from privacy_kit.requests.search import (
    READER_FORMATS,
    FieldHit,
    RecordHit,
    SearchOptions,
    SearchResult,
    file_sha256,
    search_subject,
)

if TYPE_CHECKING:
    from audit.keys import KeyRing
    from audit.requests import Identifier
    from audit.store import Store
    from privacy_kit.pool import BatchDetector
    from privacy_kit.rewrite import Row

#: What replaces the person's parts of a field when records are kept (``redact``).
REDACTED = "〈削除〉"
ACTIONS = ("delete", "redact", "correct")


@dataclass(frozen=True)
class ChangeOptions:
    """``action``: delete records, redact the person's spans, or correct ``corrections`` (34)."""

    action: str = "delete"
    corrections: Mapping[str, str] = field(default_factory=dict)
    dry_run: bool = False
    rotate: bool = True
    reason: str | None = None
    today: date | None = None


def redacted(hit: FieldHit) -> str:
    """The field's text with each of the person's spans replaced by 〈削除〉 (right to left)."""
    text = hit.text
    for span in sorted(hit.spans, key=lambda s: s.start, reverse=True):
        text = text[: span.start] + REDACTED + text[span.end :]
    return text


def subject_values(identifiers: Sequence[Identifier], found: SearchResult) -> list[str]:
    """Every value whose subject key erasure destroys: the identifiers (an account with and without
    its @, as stores hash handles either way) and every span found in the data sets."""
    values = [i.value for i in identifiers] + found.matched_values()
    values += [i.value.strip().lstrip("@") for i in identifiers if i.kind == "account"]
    values += ["@" + i.value.strip().lstrip("@") for i in identifiers if i.kind == "account"]
    return sorted(set(values))


def _check_options(request_type: str, options: ChangeOptions) -> None:
    if options.action not in ACTIONS:
        raise ValidationError(f"action {options.action!r} is not one of {', '.join(ACTIONS)}")
    if options.action == "correct":
        if request_type != "34":
            raise ValidationError(f"correction is a 34 request; this is a {request_type} request")
        if not options.corrections:
            raise ValidationError("a correction needs the fields to set (--set FIELD=VALUE)")
    elif options.corrections:
        raise ValidationError("--set is for a correction; do not combine it with deletion or redaction")


def _plan(hit: RecordHit, options: ChangeOptions, row_fields: set[str | None]) -> Any:
    """The change for one record: DELETE, {field: redacted text} or {field: corrected value}."""
    from privacy_kit.rewrite import DELETE

    if options.action == "delete":
        return DELETE
    if options.action == "redact":
        return {f.field: redacted(f) for f in hit.fields}
    return {name: value for name, value in options.corrections.items() if name in row_fields}


@dataclass
class _FileChange:
    path: Path
    dataset_id: str
    fmt: str | None
    sha256: str
    hits: dict[int, RecordHit]
    result: Any = None
    sha256_after: str | None = None

    def to_evidence(self) -> dict[str, Any]:
        res = self.result
        out: dict[str, Any] = {
            "dataset": self.dataset_id,
            "file": str(self.path),
            "sha256_before": self.sha256,
            "records_found": len(self.hits),
        }
        if res is not None:
            before = res.records + res.unparsed
            out |= {
                "sha256_after": self.sha256_after,
                "records_before": before,
                "records_after": before - res.deleted,
                "deleted": res.deleted,
                "changed": res.changed,
                "unchanged": res.unchanged,
                "changed_fields": dict(sorted(res.changed_fields.items())),
                "unreadable": [{"record": p.record, "reason": p.reason} for p in res.problems],
                "byte_exact": res.byte_exact,
            }
        return out


def _file_changes(result: SearchResult) -> list[_FileChange]:
    by_file: dict[str, _FileChange] = {}
    formats = {f.path: f for f in result.files}
    for hit in result.hits:
        searched = formats[hit.source]
        change = by_file.get(hit.source)
        if change is None:
            change = by_file[hit.source] = _FileChange(
                Path(hit.source), hit.dataset_id, searched.reader_format, searched.sha256, {}
            )
        change.hits[hit.record] = hit
    return list(by_file.values())


def _rewrite(change: _FileChange, options: ChangeOptions) -> None:
    from privacy_kit.errors import RewriteError
    from privacy_kit.rewrite import rewrite_file

    if file_sha256(change.path) != change.sha256:
        raise RewriteError(
            f"{change.path} changed since it was searched; nothing in it was rewritten",
            hint="run the fulfilment again (it searches afresh)",
        )

    def transform(row: Row) -> Any:
        hit = change.hits.get(row.index)
        if hit is None:
            return None
        texts = dict(row.record.fields)
        if any(texts.get(f.field) != f.text for f in hit.fields):
            raise RewriteError(
                f"record {row.index} of {change.path} is not what the search read; not rewritten"
            )
        return _plan(hit, options, {name for name, _ in row.fields})

    change.result = rewrite_file(change.path, None, transform, in_place=True, fmt=change.fmt)
    change.sha256_after = file_sha256(change.path)


def _corrections_left(result: SearchResult, corrections: Mapping[str, str]) -> list[dict[str, Any]]:
    """Fields of the person's records that still differ from the correction asked for."""
    return [
        {"dataset": h.dataset_id, "file": h.source, "record": h.record, "field": f.field}
        for h in result.hits
        for f in h.fields
        if f.field in corrections and f.text != corrections[f.field]
    ]


def fulfil_change(
    store: Store,
    keyring: KeyRing,
    request_id: str,
    options: ChangeOptions = ChangeOptions(),
    search: SearchOptions = SearchOptions(),
    *,
    detector: BatchDetector | None = None,
    on_file: Progress | None = None,
) -> Fulfilment:
    """34, 35-1, 35-5: rewrite the person's records, prove what is left, shred, close."""
    req = verified_request(store, keyring, request_id)
    if req.request_type not in CHANGE_TYPES:
        raise ValidationError(
            f"{request_id} is a {req.request_type} request; data sets are changed only for "
            f"{', '.join(CHANGE_TYPES)}"
        )
    _check_options(req.request_type, options)
    identifiers = req.identifiers()
    found = search_subject(store, identifiers, search, detector=detector, on_file=on_file)
    changes = _file_changes(found)
    if options.action == "correct":
        known = {name for h in found.hits for name in h.field_names}
        missing = sorted(set(options.corrections) - known)
        if missing:
            raise InputError(
                f"no record of the person has the field(s) {', '.join(missing)}",
                hint="see `privacy-kit request search` for the fields of their records",
            )
    evidence: dict[str, Any] = {"action": options.action, "search": found.evidence()}
    if options.dry_run:
        evidence["would_change"] = [c.to_evidence() for c in changes]
        return Fulfilment(req, found, evidence, dry_run=True)

    done: list[_FileChange] = []
    try:
        for change in changes:
            _rewrite(change, options)
            done.append(change)
    except BaseException:
        if done:  # what was already rewritten must not go unrecorded
            record_evidence(
                store, request_id, "interrupted", evidence | {"files": [c.to_evidence() for c in done]}
            )
        raise
    evidence["files"] = [c.to_evidence() for c in done]
    after = search_subject(store, identifiers, search, detector=detector)
    if options.action == "correct":
        evidence["left"] = {"uncorrected": _corrections_left(after, options.corrections)}
        left = len(evidence["left"]["uncorrected"])
    else:
        evidence["left"] = {"records_found": len(after.hits), "found": [h.to_evidence() for h in after.hits]}
        left = len(after.hits)
    kind = {"delete": "deletion", "redact": "redaction", "correct": "correction"}[options.action]
    record_evidence(store, request_id, kind, evidence)

    gaps = search_gaps(found) + [f"{c.path.name}: {len(c.result.problems)} 件の読み取れないレコードは変更されていません"
                           for c in done if c.result.problems]
    if left:
        gaps.append(f"{left} 件が再検索で残っていました")
    erasure: dict[str, Any] | None = None
    if options.action != "correct":
        values = subject_values(identifiers, found)
        only, shared = set(), set()
        if options.action == "delete":
            # Everything the store's findings hold about the deleted records, if only there.
            only, shared = findings_in_records(
                store, [(str(c.path.resolve()), c.sha256, i) for c in done for i in c.hits]
            )
        summary, shredded = shred_request_subject(
            keyring, request_id, values, today=options.today or date.today(), refs=only, shared=len(shared)
        )
        erasure = summary.to_dict()
        if summary.held:
            until = max(d for _, d in summary.held).isoformat()
            gaps.append(f"第三者提供記録（{len(summary.held)} 件）は法定の保存期間（{until} まで）保存します")
        if shredded is not None and shredded.shredded and options.rotate:
            erasure |= _rotate(keyring)
    outcome = "partially_fulfilled" if gaps else "fulfilled"
    closed = close_request(
        store,
        request_id,
        outcome,
        reason=options.reason or ("；".join(gaps) or None),
        evidence=("erasure", erasure) if erasure is not None else None,
    )
    if erasure is not None:
        evidence["erasure"] = erasure
    return Fulfilment(closed, found, evidence, outcome=outcome, files=evidence["files"])


def _rotate(keyring: KeyRing) -> dict[str, Any]:
    """Rotate the master key after a shred; a key from $PRIVACY_KIT_KEY without a new one in
    $PRIVACY_KIT_NEW_KEY cannot be rotated here, which is said in the evidence, not an error
    (the keys are already destroyed; the request must still be closed)."""
    from audit.errors import KeyStoreError
    from audit.keys import rotate_master_key

    try:
        rotated = rotate_master_key(keyring)
    except KeyStoreError as exc:
        return {"master_key_rotated": None, "rotation_skipped": exc.message}
    return {
        "master_key_rotated": {
            "from": rotated.old_key_id,
            "to": rotated.new_key_id,
            "key_file": rotated.key_file is not None,
        }
    }


def fulfil_stop(
    store: Store, keyring: KeyRing, request_id: str, *, reason: str | None = None, dry_run: bool = False
) -> Fulfilment:
    """35-3: record which provision records name the person; stopping the provision itself is the
    organisation's act (a contract, a notice to the recipient), attested by closing the request."""
    from audit.provisions import provisions_naming

    req = verified_request(store, keyring, request_id)
    if req.request_type != "35-3":
        raise ValidationError(f"{request_id} is a {req.request_type} request, not a stop of provision (35-3)")
    named = provisions_naming(store, keyring, [i.value for i in req.identifiers()])
    evidence = {
        "provisions": [
            {"provision_id": p.provision_id, "counterparty": p.counterparty_name, "legal_path": p.legal_path}
            for p, _ in named
        ]
    }
    if dry_run:
        return Fulfilment(req, None, evidence, dry_run=True)
    closed = close_request(store, request_id, "fulfilled", reason=reason, evidence=("stop", evidence))
    return Fulfilment(closed, None, evidence, outcome="fulfilled")
