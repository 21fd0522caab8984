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
    anonymisation: dict[str, Any] | None = None

    @property
    def replaced(self) -> int:
        return sum(self.by_type.values())

    def counts(self) -> dict[str, Any]:
        return {"replaced": dict(sorted(self.by_type.items())), "by_action": dict(sorted(self.by_action.items())),
                "by_field": dict(sorted(self.by_field.items())), "kept": dict(sorted(self.kept.items())),
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

    def __call__(self, row: Row, findings: list[Finding]) -> Change:
        updates: dict[int, Any] = self.plan.field_changes(row) if self.plan is not None else {}
        whole = set(updates)
        spans: dict[int, list[tuple[int, int, str]]] = {}
        # Longest first at each start, so a record-level finding (a user agent with its client IP)
        # wins over a value inside it; an overlapped finding is then covered, not replaced twice.
        for f in sorted(findings, key=lambda f: (str(f.field), f.start, f.start - f.end)):
            pos = _position(row, f)
            taken = spans.setdefault(pos, [])
            if pos in whole or any(f.start < end and start < f.end for start, end, _ in taken):
                continue  # the field is replaced as a whole, or this span already is
            new = self.replace(f.entity_type, f.value)
            if new is None:
                self.summary.kept[f.entity_type] += 1
                continue
            taken.append((f.start, f.end, new[0]))
            self.summary.by_type[f.entity_type] += 1
            self.summary.by_action[new[1]] += 1
            self.summary.by_field[str(f.field)] += 1
        for pos, found in spans.items():
            if found:
                updates[pos] = replace_spans(row.fields[pos][1], found)
        return updates or None


def redact_file(source: Path | str, target: Path | str, options: RedactOptions, *,
                pseudonymiser: Pseudonymiser | None = None, detector: Detector | None = None, workers: int = 1,
                on_batch: Callable[[ScanSummary], None] | None = None,
                keep_unreadable: bool = True) -> RedactionSummary:
    """Write a redacted copy of ``source`` to ``target`` (never over ``source``).

    ``pseudonymise`` needs the ``pseudonymiser`` of the store's pseudonym key; ``anonymise``
    makes its own one-run key and drops it at the end; ``mask`` needs none. Records that cannot
    be read are copied as they are (unredacted, and listed) unless ``keep_unreadable=False``.
    """
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
    try:
        with rewriter:
            queue: deque[Row] = deque()

            def records() -> Iterator[Record]:
                for row in rewriter.rows():
                    if plan is not None and row.index in plan.suppressed:
                        rewriter.decide(row, DELETE)
                        continue
                    queue.append(row)
                    yield row.record

            for record, findings in detect_records(records(), scan, detector=detector, summary=summary.scan,
                                                   workers=workers, on_batch=on_batch):
                row = queue.popleft()
                assert row.record is record
                rewriter.decide(row, decide(row, findings))
    finally:
        if plan is not None:
            plan.forget_key()  # nothing can recompute this run's pseudonyms or IDs any more
    if plan is not None:
        summary.anonymisation = {**plan.report, "key": "made for this run, never stored, dropped at the end",
                                 "mapping_tables": "none kept"}
    summary.scan.sources.append(str(source))
    return summary
