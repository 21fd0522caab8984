"""Find a request's subject in every registered data set: which records, which fields, which spans.

Each data set's location (path or glob) is expanded and every file read with the scanner's readers
(so every format, encoding and compression the scanner reads). In each field the subject's search
keys are matched exactly after normalisation (matching.py); the fields that match are then given to
the scanner, and its findings that overlap a match widen the span to the whole finding (「山田太郎」
matched, PERSON 「山田太郎」 found; an e-mail matched inside a URL the scanner reports whole). The
scanner runs only on matching fields: the detector is the expensive step and a request concerns a
handful of records among millions.

The result keeps the matching fields' text in memory, for a disclosure package or a rewrite; its
:meth:`SearchResult.evidence` holds none of it: data sets, files with SHA-256, counts, record
numbers, fields, offsets, identifier kinds and entity types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.datasets import Dataset, dataset_files, list_datasets
from privacy_kit.detect import DEFAULT_MIN_SCORE
from privacy_kit.findings import Detection
from privacy_kit.readers import ReadProblem, read_path
from privacy_kit.requests.matching import Match, SearchKey, find_matches, merge_spans, search_keys
from privacy_kit import scan
from privacy_kit.scan import ScanOptions, analysis_text, value_detections

if TYPE_CHECKING:
    from audit.requests import Identifier
    from audit.store import Store
    from privacy_kit.pool import BatchDetector

#: Data set format (audit/vocab.py FORMATS) -> reader format; None lets the reader detect it
#: (a "json" data set may be an array or a platform export; a "log" an access log or text).
READER_FORMATS: dict[str, str | None] = {
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "json": None,
    "csv": "csv",
    "tsv": "tsv",
    "log": None,
    "text": "text",
    "parquet": "parquet",
    "other": None,
}


@dataclass(frozen=True)
class SearchOptions:
    """``scanner=False`` matches identifiers only; ``ner`` as in ``privacy-kit scan``."""

    scanner: bool = True
    ner: bool = True
    min_score: float = DEFAULT_MIN_SCORE
    datasets: tuple[str, ...] = ()  # only these (default: every registered data set)


@dataclass
class FieldHit:
    """One field of a record that holds the subject: exact matches, overlapping findings, spans."""

    field: str | None
    text: str  # in memory only: never written to the evidence
    matches: list[Match]
    findings: list[Detection] = field(default_factory=list)
    spans: list[Match] = field(default_factory=list)

    def entity_types(self) -> list[str]:
        return sorted({d.entity_type for d in self.findings})

    def to_evidence(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "spans": [{"start": s.start, "end": s.end, "matched": list(s.kinds)} for s in self.spans],
            "entity_types": self.entity_types(),
        }


@dataclass
class RecordHit:
    dataset_id: str
    source: str
    record: int
    fields: list[FieldHit]
    field_names: tuple[str, ...] = ()  # every named text field of the record (for a correction)

    def to_evidence(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset_id,
            "file": self.source,
            "record": self.record,
            "fields": [f.to_evidence() for f in self.fields],
        }


@dataclass
class FileSearch:
    dataset_id: str
    path: str
    sha256: str
    reader_format: str | None = None
    records: int = 0
    hits: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    def to_evidence(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset_id,
            "file": self.path,
            "sha256": self.sha256,
            "records": self.records,
            "records_found": self.hits,
            "unreadable": [{"record": p.record, "reason": p.reason} for p in self.problems],
        }


@dataclass
class SearchResult:
    keys: list[SearchKey]
    datasets: list[str] = field(default_factory=list)
    not_searched: list[dict[str, str]] = field(default_factory=list)
    files: list[FileSearch] = field(default_factory=list)
    hits: list[RecordHit] = field(default_factory=list)
    scanner: bool = True

    @property
    def unreadable(self) -> int:
        return sum(len(f.problems) for f in self.files)

    def matched_values(self) -> list[str]:
        """Every distinct span text found (in memory): the forms to crypto-shred besides the identifiers."""
        return sorted({f.text[s.start : s.end] for h in self.hits for f in h.fields for s in f.spans})

    def evidence(self) -> dict[str, Any]:
        """What was searched and found: counts, files and offsets, never a value."""
        kinds: dict[str, int] = {}
        for key in self.keys:
            kinds[key.kind] = kinds.get(key.kind, 0) + key.forms
        return {
            "keys": dict(sorted(kinds.items())),
            "scanner": self.scanner,
            "datasets": self.datasets,
            "not_searched": self.not_searched,
            "files": [f.to_evidence() for f in self.files],
            "records_found": len(self.hits),
            "found": [h.to_evidence() for h in self.hits],
        }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _chosen(store: Store, wanted: Sequence[str]) -> list[Dataset]:
    from audit.datasets import get_dataset

    return [get_dataset(store, d) for d in wanted] if wanted else list_datasets(store)


def search_file(
    dataset: Dataset, path: Path, keys: Sequence[SearchKey]
) -> tuple[FileSearch, list[RecordHit]]:
    """Exact matches in one file of a data set (the scanner's part comes after, in batches)."""
    fmt = READER_FORMATS.get(dataset.format)
    found = FileSearch(dataset.dataset_id, str(path), file_sha256(path), fmt)
    hits: list[RecordHit] = []
    for item in read_path(path, fmt=fmt):
        if isinstance(item, ReadProblem):
            found.problems.append(item)
            continue
        found.records += 1
        fields = [
            FieldHit(name, text, matches)
            for name, text in item.fields
            if (matches := find_matches(text, keys))
        ]
        if fields:
            names = tuple(n for n, _ in item.fields if n is not None)
            hits.append(RecordHit(dataset.dataset_id, str(path), item.index, fields, names))
    found.hits = len(hits)
    return found, hits


def _widen(fields: list[FieldHit], detector: BatchDetector) -> None:
    """Give each field the scanner's findings that overlap its matches, and widen the spans."""
    units = [analysis_text(f.field, f.text) for f in fields]
    results = detector.analyze_batch([text for text, _ in units])
    for hit, (_, shift), detections in zip(fields, units, results, strict=True):
        hit.findings = [
            d
            for d in value_detections(detections, shift)
            if any(m.overlaps(d.start, d.end) for m in hit.matches)
        ]
        hit.spans = merge_spans(
            [(m.start, m.end, k) for m in hit.matches for k in m.kinds]
            + [(d.start, d.end, d.entity_type) for d in hit.findings]
        )


def search_subject(
    store: Store,
    identifiers: Sequence[Identifier],
    options: SearchOptions = SearchOptions(),
    *,
    detector: BatchDetector | None = None,
    on_file: Callable[[str], None] | None = None,
) -> SearchResult:
    """Every record of every chosen data set that holds one of the subject's identifiers."""
    keys = search_keys(identifiers)
    result = SearchResult(keys, scanner=options.scanner)
    for ds in _chosen(store, options.datasets):
        result.datasets.append(ds.dataset_id)
        if "://" in ds.location:
            result.not_searched.append(
                {"dataset": ds.dataset_id, "reason": "a URI: privacy-kit reads local files"}
            )
            continue
        paths = dataset_files(ds.location)
        if not paths:
            result.not_searched.append({"dataset": ds.dataset_id, "reason": "no file matches its location"})
        for path in paths:
            if on_file is not None:
                on_file(str(path))
            found, hits = search_file(ds, path, keys)
            result.files.append(found)
            result.hits.extend(hits)
    fields = [f for h in result.hits for f in h.fields]
    if options.scanner and fields:
        # Looked up at call time, as scan_findings does (tests replace it with a fake).
        det = detector or scan.make_detector(ScanOptions(min_score=options.min_score, ner=options.ner))
        _widen(fields, det)
    else:
        for f in fields:
            f.spans = list(f.matches)
    return result
