"""Redact one file: detect as ``scan`` does, replace by offsets, write the same format.

Records stream through the format-preserving rewriter (``privacy_kit.rewrite``) into the scan
pipeline's ``detect_records`` (same options, batching, worker processes and cache as a scan),
and each record's findings become new field values, replaced right to left so that offsets stay
valid. Fields a 匿名加工 plan replaces as a whole (quasi-identifiers, linking IDs) take the
plan's value instead.
"""

from __future__ import annotations

import secrets
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacy_kit.errors import InputError
from privacy_kit.findings import Finding
from privacy_kit.readers import Record
from privacy_kit.rewrite import DELETE, Change, Rewriter, RewriteResult, Row
from privacy_kit.scan import ScanOptions, ScanSummary, detect_records

from .actions import MODES, action
from .anonymise import AnonymisationPlan, plan_anonymisation
from .generalise import age_band
from .pseudonyms import Pseudonymiser
from .tags import MaskStyles, deletion_tag

if TYPE_CHECKING:
    from privacy_kit.detect import Detector

DEFAULT_MAX_SUPPRESS = 0.05


@dataclass(frozen=True)
class RedactOptions:
    mode: str
    scan: ScanOptions = field(default_factory=ScanOptions)
    mask_styles: MaskStyles = field(default_factory=MaskStyles)
    k: int = 5
    quasi: dict[str, str] | None = None  # field -> kind; None: inferred from field names
    id_fields: tuple[str, ...] = ()  # linking IDs; empty: inferred from field names
    max_suppress: float = DEFAULT_MAX_SUPPRESS

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InputError(f"unknown redaction mode {self.mode!r}", hint=f"one of: {', '.join(MODES)}")
        if not 0 <= self.max_suppress <= 1:
            raise InputError("--max-suppress is a share of the records, between 0 and 1")


@dataclass
class RedactionSummary:
    """What a run replaced, by entity type, action and field; never a value."""

    mode: str
    rewrite: RewriteResult
    scan: ScanSummary
    by_type: Counter[str] = field(default_factory=Counter)
    by_action: Counter[str] = field(default_factory=Counter)
    by_field: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)  # found, and left as they are by the mode
    rechecked: Counter[str] = field(default_factory=Counter)  # of by_type: found only on the re-check
    anonymisation: dict[str, Any] | None = None

    @property
    def replaced(self) -> int:
        return sum(self.by_type.values())

    def counts(self) -> dict[str, Any]:
        return {"replaced": dict(sorted(self.by_type.items())), "by_action": dict(sorted(self.by_action.items())),
                "by_field": dict(sorted(self.by_field.items())), "kept": dict(sorted(self.kept.items())),
                "found_on_recheck": dict(sorted(self.rechecked.items())),
                "deleted_values": self.by_action.get("delete", 0)}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"mode": self.mode, **self.rewrite.to_dict(), **self.counts()}
        if self.anonymisation is not None:
            out["anonymisation"] = self.anonymisation
        return out


class Replacer:
    """The new text for one finding in a mode (``None``: the mode keeps it)."""

    def __init__(self, mode: str, styles: MaskStyles, pseudonymiser: Pseudonymiser | None) -> None:
        if mode != "mask" and pseudonymiser is None:
            raise ValueError(f"{mode} needs a pseudonymiser")
        self.mode, self.styles, self.pseudonymiser = mode, styles, pseudonymiser

    def __call__(self, entity_type: str, value: str) -> tuple[str, str] | None:
        what = action(self.mode, entity_type)
        if what == "keep":
            return None
        if what == "tag":
            return self.styles.render(entity_type, value), what
        if what == "delete":
            return deletion_tag(entity_type), what
        if what == "band":
            return age_band(value), what
        assert self.pseudonymiser is not None
        if what == "shaped":
            return self.pseudonymiser.shaped(entity_type, value), what
        return self.pseudonymiser.token(entity_type, value), what


def replace_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) replaced, right to left so earlier offsets stay valid."""
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _position(row: Row, finding: Finding) -> int:
    """The field of ``row`` a finding was made in (the first of that name holding its value)."""
    candidates = [i for i, (name, _) in enumerate(row.fields) if name == finding.field]
    for i in candidates:
        value = row.fields[i][1]
        if isinstance(value, str) and value[finding.start:finding.end] == finding.value:
            return i
    raise AssertionError(f"record {row.index}: finding in field {finding.field!r} matches no field")


@dataclass
class _Decider:
    replace: Replacer
    summary: RedactionSummary
    plan: AnonymisationPlan | None = None

    def whole(self, row: Row) -> dict[int, Any]:
        """Fields a 匿名加工 plan replaces as a whole (quasi-identifiers, linking IDs)."""
        return self.plan.field_changes(row) if self.plan is not None else {}

    def spans(self, row: Row, findings: list[Finding], skip: set[int], *, recheck: bool = False) -> dict[int, str]:
        """New values of the fields with findings (but those in ``skip``), replaced by offsets."""
        spans: dict[int, list[tuple[int, int, str]]] = {}
        # Longest first at each start, so a record-level finding (a user agent with its client IP)
        # wins over a value inside it; an overlapped finding is then covered, not replaced twice.
        for f in sorted(findings, key=lambda f: (str(f.field), f.start, f.start - f.end)):
            pos = _position(row, f)
            taken = spans.setdefault(pos, [])
            if pos in skip or any(f.start < end and start < f.end for start, end, _ in taken):
                continue  # the field is replaced as a whole, or this span already is
            new = self.replace(f.entity_type, f.value)
            if new is None:
                if not recheck:
                    self.summary.kept[f.entity_type] += 1
                continue
            taken.append((f.start, f.end, new[0]))
            self.summary.by_type[f.entity_type] += 1
            self.summary.by_action[new[1]] += 1
            self.summary.by_field[str(f.field)] += 1
            if recheck:
                self.summary.rechecked[f.entity_type] += 1
        return {pos: replace_spans(row.fields[pos][1], found) for pos, found in spans.items() if found}


def redact_file(source: Path | str, target: Path | str, options: RedactOptions, *,
                pseudonymiser: Pseudonymiser | None = None, detector: Detector | None = None, workers: int = 1,
                on_batch: Callable[[ScanSummary], None] | None = None, keep_unreadable: bool = True,
                recheck: bool = True) -> RedactionSummary:
    """Write a redacted copy of ``source`` to ``target`` (never over ``source``).

    ``pseudonymise`` needs the ``pseudonymiser`` of the store's pseudonym key; ``anonymise``
    makes its own one-run key and drops it at the end; ``mask`` needs none. Records that cannot
    be read are copied as they are (unredacted, and listed) unless ``keep_unreadable=False``.

    With ``recheck`` (the default) every field that was changed is analysed once more as it now
    reads, and what is found then is replaced too: a name the detector missed next to one it
    found ("Akira Fujimoto and Sarah Lee") often shows once its neighbour is a tag. Fields left
    unchanged read as before, so they are not analysed again.
    """
    from privacy_kit import scan as scan_module
    from privacy_kit.pool import DetectionPool

    scan = options.scan
    plan: AnonymisationPlan | None = None
    if options.mode == "anonymise":
        key = secrets.token_bytes(32)
        plan = plan_anonymisation(source, k=options.k, quasi=options.quasi, id_fields=options.id_fields,
                                  max_suppress=options.max_suppress, fmt=scan.fmt, encoding=scan.encoding, key=key)
        pseudonymiser = Pseudonymiser(key)
        del key
    rewriter = Rewriter(source, target, fmt=scan.fmt, encoding=scan.encoding, text_fields=scan.text_fields,
                        keep_unreadable=keep_unreadable)
    summary = RedactionSummary(options.mode, rewriter.result, ScanSummary())
    decide = _Decider(Replacer(options.mode, options.mask_styles, pseudonymiser), summary, plan)
    given = detector
    # One pool for both passes, so the models are loaded once.
    pool = DetectionPool((lambda: given) if given is not None else (lambda: scan_module.make_detector(scan)),
                         1 if given is not None else workers)
    try:
        with rewriter, pool:
            queue: deque[Row] = deque()
            changed: deque[tuple[Row, dict[int, Any], set[int], Row]] = deque()

            def records() -> Iterator[Record]:
                for row in rewriter.rows():
                    if plan is not None and row.index in plan.suppressed:
                        rewriter.decide(row, DELETE)
                        continue
                    queue.append(row)
                    yield row.record

            def changed_records() -> Iterator[Record]:
                """Pass one; the fields it changed, as they now read, go on to the re-check."""
                for record, findings in detect_records(records(), scan, summary=summary.scan, on_batch=on_batch,
                                                       pool=pool):
                    row = queue.popleft()
                    assert row.record is record
                    whole = decide.whole(row)
                    by_span = decide.spans(row, findings, set(whole))
                    updates = {**whole, **by_span}
                    if not by_span or not recheck:
                        rewriter.decide(row, updates or None)
                        continue
                    view = Row(row.index, tuple((n, updates.get(i, v)) for i, (n, v) in enumerate(row.fields)),
                               row.record)
                    changed.append((row, updates, set(whole), view))
                    yield Record(record.source, record.index,
                                 tuple((row.fields[i][0], value) for i, value in sorted(by_span.items())))

            for _, findings in detect_records(changed_records(), scan, summary=ScanSummary(), pool=pool):
                row, updates, whole, view = changed.popleft()
                rewriter.decide(row, {**updates, **decide.spans(view, findings, whole, recheck=True)})
    finally:
        if plan is not None:
            plan.forget_key()  # nothing can recompute this run's pseudonyms or IDs any more
    if plan is not None:
        summary.anonymisation = {**plan.report, "key": "made for this run, never stored, dropped at the end",
                                 "mapping_tables": "none kept"}
    summary.scan.sources.append(str(source))
    return summary
