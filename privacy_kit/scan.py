"""The scan pipeline: read records, detect in batches, yield findings; count what was skipped.

A scan never stops on bad input: unreadable records become ``ReadProblem``s in the summary,
and every other record is still scanned.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, OrderedDict, deque
from concurrent.futures import Future
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privacy_kit.detect import DEFAULT_MIN_SCORE
from privacy_kit.fast_columns import DEFAULT_SAMPLE, FastColumns
from privacy_kit.findings import Detection, Finding
from privacy_kit.pool import BatchDetector, DetectionPool
from privacy_kit.redact.placeholders import inside, placeholder_spans
from privacy_kit.readers import InputSpec, ReadProblem, Record, expand_inputs, read_path

if TYPE_CHECKING:
    from privacy_kit.detect import Detector


@dataclass(frozen=True)
class ScanOptions:
    text_fields: Sequence[str] | None = None
    fmt: str | None = None
    encoding: str | None = None
    entities: Sequence[str] | None = None
    min_score: float = DEFAULT_MIN_SCORE
    batch_size: int = 64
    ner: bool = True
    #: ``fast`` | ``balanced`` | ``full`` (privacy_kit.detect.TIERS); ``ner=False`` means ``fast``.
    tier: str = "full"
    #: Sample each column's first values and fast-path identifier columns (privacy_kit.fast_columns).
    fast_columns: bool = False
    fast_columns_sample: int = DEFAULT_SAMPLE


@dataclass
class ScanSummary:
    sources: list[str] = field(default_factory=list)
    inputs: list[InputSpec] = field(default_factory=list)
    records: int = 0
    fields: int = 0
    characters: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
    by_field: Counter[str] = field(default_factory=Counter)
    cache_hits: int = 0
    fast_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    fast_column_values: int = 0
    problems: list[ReadProblem] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def total_findings(self) -> int:
        return sum(self.findings.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "sources": self.sources,
            "inputs": [{"path": str(i.path), "format": i.fmt, "encoding": i.encoding} for i in self.inputs],
            "records": self.records,
            "fields": self.fields,
            "characters": self.characters,
            "findings": dict(sorted(self.findings.items())),
            "findings_total": self.total_findings,
            "findings_by_source": dict(sorted(self.by_source.items())),
            "findings_by_field": dict(sorted(self.by_field.items())),
            "distinct_value_cache_hits": self.cache_hits,
            "fast_columns": self.fast_columns,
            "fast_column_values": self.fast_column_values,
            "skipped": [{"source": p.source, "record": p.record, "reason": p.reason} for p in self.problems],
            "elapsed_seconds": round(self.elapsed, 3),
            "records_per_second": round(self.records / self.elapsed, 1) if self.elapsed else None,
        }


# (record, field name, field value, text to analyse, offset of the value in that text)
Unit = tuple[Record, str | None, str, str, int]

# Field names that say nothing about the value: labelling with them would only fragment the
# distinct-value cache.
_PLAIN_FIELD = re.compile(r"(column\d+|value|values|text|full_text|body|message|content|comment|comments|"
                          r"line|title|description|caption|note|notes|data)", re.IGNORECASE)


def field_label(name: str | None) -> str | None:
    """The label a structured field's name gives its value (``data.0.口座番号`` → ``口座番号``)."""
    if not name:
        return None
    parts = [p for p in name.split(".") if p and not p.isdigit()]
    if not parts or _PLAIN_FIELD.fullmatch(parts[-1]):
        return None
    return parts[-1]


def analysis_text(name: str | None, text: str) -> tuple[str, int]:
    """The text to analyse and the offset of the value in it.

    A lone CSV cell or JSON value (``1234567``) carries its meaning in its field name
    (``口座番号``), and the recognizers read ``name: value`` as a label, as they would in a log
    line. Detections are shifted back by the returned offset; any that touch the label are dropped.
    """
    label = field_label(name)
    if label is None:
        return text, 0
    prefix = f"{label}: "
    return prefix + text, len(prefix)


def value_detections(detections: Iterable[Detection], shift: int) -> list[Detection]:
    """Detections in an :func:`analysis_text` moved back onto the value: any that touch the
    field label are dropped (found in, or across, the label, not in the value)."""
    return [
        replace(d, start=d.start - shift, end=d.end - shift) if shift else d
        for d in detections
        if d.start >= shift
    ]


def _record_fingerprint(record: Record, name: str | None, value: str, options: ScanOptions) -> Finding | None:
    """The record-level online identifier (user agent + client IP, ``recognizers.online_ids``),
    reported on the user-agent field of the record that holds both; None for every other field."""
    from recognizers.online_ids import UA_IP_RULE_ID, UA_IP_SCORE, is_user_agent_field, user_agent_with_ip

    if not is_user_agent_field(name):
        return None
    if options.entities is not None and "ONLINE_IDENTIFIER" not in options.entities:
        return None
    if UA_IP_SCORE < options.min_score:
        return None
    hit = user_agent_with_ip(record.fields)
    if hit is None or hit[0] != name:
        return None
    det = Detection("ONLINE_IDENTIFIER", hit[1], hit[2], UA_IP_SCORE, UA_IP_RULE_ID)
    return Finding.from_detection(det, source=record.source, record=record.index, field=name, text=value)


def make_detector(options: ScanOptions) -> Detector:
    """The detector a scan uses (a seam: tests replace it with a fake to avoid loading GiNZA)."""
    from privacy_kit.detect import Detector

    return Detector(entities=options.entities, min_score=options.min_score, batch_size=options.batch_size,
                    with_nlp=options.ner, tier=options.tier)


def _read_records(paths: Iterable[Path], options: ScanOptions, summary: ScanSummary) -> Iterator[Record]:
    for path in expand_inputs(paths):
        summary.sources.append(str(path))
        for item in read_path(path, fmt=options.fmt, text_fields=options.text_fields,
                              encoding=options.encoding, specs=summary.inputs):
            if isinstance(item, ReadProblem):
                summary.problems.append(item)
                continue
            yield item


def _units(records: Iterable[Record], summary: ScanSummary) -> Iterator[Unit]:
    """A unit per field; a record without fields still passes through (as one empty unit) so
    that every record comes out of detection, in order."""
    for item in records:
        summary.records += 1
        if not item.fields:
            yield (item, None, "", "", 0)
        for name, text in item.fields:
            summary.fields += 1
            summary.characters += len(text)
            yield (item, name, text, *analysis_text(name, text))


class _ResultCache:
    """Detections of recently seen field values: logs repeat the same user agents, paths and
    boilerplate endlessly, and each distinct value needs analysing only once. Long values are
    keyed by a digest so the cache's memory stays bounded."""

    def __init__(self, max_entries: int = 100_000, max_key_chars: int = 256) -> None:
        self._data: OrderedDict[str | bytes, list[Detection]] = OrderedDict()
        self.max_entries = max_entries
        self.max_key_chars = max_key_chars
        self.hits = 0

    def _key(self, text: str) -> str | bytes:
        if len(text) <= self.max_key_chars:
            return text
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()

    def get(self, text: str) -> list[Detection] | None:
        key = self._key(text)
        found = self._data.get(key)
        if found is not None:
            self._data.move_to_end(key)
            self.hits += 1
        return found

    def put(self, text: str, detections: list[Detection]) -> None:
        self._data[self._key(text)] = detections
        if len(self._data) > self.max_entries:
            self._data.popitem(last=False)


def detect_records(records: Iterable[Record], options: ScanOptions, *, detector: Detector | None = None,
                   summary: ScanSummary | None = None, workers: int = 1,
                   on_batch: Callable[[ScanSummary], None] | None = None,
                   pool: DetectionPool | None = None) -> Iterator[tuple[Record, list[Finding]]]:
    """Yield every record with its findings (possibly none), in input order; fill ``summary``.

    Identical field values are analysed once; with ``workers > 1`` batches run in worker
    processes, and the output is the same as with one worker. A caller-owned ``pool`` (already
    warmed up) can be passed to run several scans without reloading models.
    """
    summary = summary if summary is not None else ScanSummary()
    factory: Callable[[], BatchDetector]
    if detector is not None:
        given = detector
        factory, workers = (lambda: given), 1
    else:
        factory = lambda: make_detector(options)  # noqa: E731 - looked up at call time (tests patch it)
    cache = _ResultCache()
    fast = (FastColumns(entities=options.entities, min_score=options.min_score, sample=options.fast_columns_sample)
            if options.fast_columns else None)
    started = time.perf_counter()
    # Each batch keeps, per distinct text, either its detections (from the cache) or the future
    # and position that will hold them (its own submission or an earlier batch's still running);
    # and, by position, the detections of values a fast-pathed column's recognizer matched.
    in_flight: deque[tuple[list[Unit], dict[str, Any], dict[int, list[Detection]]]] = deque()
    pending: dict[str, tuple[Future, int]] = {}  # type: ignore[type-arg]
    current: Record | None = None  # the record whose findings are being collected
    found: list[Finding] = []

    def submit(batch: list[Unit]) -> None:
        sources: dict[str, Any] = {"": []}  # a record without fields
        direct: dict[int, list[Detection]] = {}
        todo: list[str] = []
        for i, (record, name, _value, text, shift) in enumerate(batch):
            if fast is not None:
                found_here = fast.route(record.source, name, text, shift)
                if found_here is not None:
                    direct[i] = found_here
                    continue
            if text in sources:
                continue
            cached = cache.get(text)
            if cached is not None:
                sources[text] = cached
            elif text in pending:
                sources[text] = pending[text]
            else:
                sources[text] = len(todo)
                todo.append(text)
        if todo:
            future = pool.submit(todo)
            for pos, text in enumerate(todo):
                pending[text] = sources[text] = (future, pos)
        in_flight.append((batch, sources, direct))

    def resolve(source: Any) -> list[Detection]:
        if isinstance(source, tuple):
            future, pos = source
            return future.result()[pos]  # type: ignore[no-any-return]
        return source  # type: ignore[no-any-return]

    def complete() -> Iterator[tuple[Record, list[Finding]]]:
        nonlocal current, found
        batch, sources, direct = in_flight.popleft()
        resolved = {text: resolve(src) for text, src in sources.items()}
        for text, src in sources.items():
            if isinstance(src, tuple) and pending.get(text) == src:
                del pending[text]
                cache.put(text, resolved[text])
        for i, (record, name, value, text, shift) in enumerate(batch):
            if record is not current:
                if current is not None:
                    yield current, found
                current, found = record, []
            fingerprint = _record_fingerprint(record, name, value, options)
            if fingerprint is not None:
                summary.findings[fingerprint.entity_type] += 1
                summary.by_source[record.source] += 1
                summary.by_field[str(name)] += 1
                found.append(fingerprint)
            dets = direct[i] if i in direct else resolved[text]
            placeholders = placeholder_spans(value) if dets else []
            for det in value_detections(dets, shift):
                if placeholders and inside(placeholders, det.start, det.end):
                    continue  # a redaction's own tag or token (〈氏名〉, 氏名_kqzmxbtd): not personal data
                summary.findings[det.entity_type] += 1
                summary.by_source[record.source] += 1
                summary.by_field[str(name)] += 1
                found.append(Finding.from_detection(det, source=record.source, record=record.index,
                                                    field=name, text=value))
        if on_batch:
            on_batch(summary)

    own_pool = pool is None
    if pool is None:
        pool = DetectionPool(factory, workers)
    try:
        batch: list[Unit] = []
        for unit in _units(records, summary):
            batch.append(unit)
            if len(batch) >= options.batch_size:
                submit(batch)
                batch = []
                while len(in_flight) >= pool.window:
                    yield from complete()
        if batch:
            submit(batch)
        while in_flight:
            yield from complete()
        if current is not None:
            yield current, found
    finally:
        if own_pool:
            pool.close()
    summary.cache_hits = cache.hits
    if fast is not None:
        summary.fast_columns = fast.decisions()
        summary.fast_column_values = fast.fast_values
    summary.elapsed = time.perf_counter() - started


def scan_findings(paths: Sequence[Path], options: ScanOptions, *, detector: Detector | None = None,
                  summary: ScanSummary | None = None, workers: int = 1,
                  on_batch: Callable[[ScanSummary], None] | None = None,
                  pool: DetectionPool | None = None) -> Iterator[Finding]:
    """Yield every finding in ``paths``, in source order; fill ``summary`` as it goes (see
    :func:`detect_records`)."""
    summary = summary if summary is not None else ScanSummary()
    for _, findings in detect_records(_read_records(paths, options, summary), options, detector=detector,
                                      summary=summary, workers=workers, on_batch=on_batch, pool=pool):
        yield from findings
