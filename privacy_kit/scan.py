"""The scan pipeline: read records, detect in batches, yield findings; count what was skipped.

A scan never stops on bad input: unreadable records become ``ReadProblem``s in the summary,
and every other record is still scanned.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from privacy_kit.findings import Finding
from privacy_kit.readers import InputSpec, ReadProblem, Record, expand_inputs, read_path

if TYPE_CHECKING:
    from privacy_kit.detect import Detector


@dataclass(frozen=True)
class ScanOptions:
    text_fields: Sequence[str] | None = None
    fmt: str | None = None
    encoding: str | None = None
    entities: Sequence[str] | None = None
    min_score: float = 0.0
    batch_size: int = 64


@dataclass
class ScanSummary:
    sources: list[str] = field(default_factory=list)
    inputs: list[InputSpec] = field(default_factory=list)
    records: int = 0
    fields: int = 0
    characters: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
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
            "skipped": [{"source": p.source, "record": p.record, "reason": p.reason} for p in self.problems],
            "elapsed_seconds": round(self.elapsed, 3),
            "records_per_second": round(self.records / self.elapsed, 1) if self.elapsed else None,
        }


Unit = tuple[Record, str | None, str]


def make_detector(options: ScanOptions) -> Detector:
    """The detector a scan uses (a seam: tests replace it with a fake to avoid loading GiNZA)."""
    from privacy_kit.detect import Detector

    return Detector(entities=options.entities, min_score=options.min_score, batch_size=options.batch_size)


def _units(paths: Iterable[Path], options: ScanOptions, summary: ScanSummary) -> Iterator[Unit]:
    for path in expand_inputs(paths):
        summary.sources.append(str(path))
        for item in read_path(path, fmt=options.fmt, text_fields=options.text_fields,
                              encoding=options.encoding, specs=summary.inputs):
            if isinstance(item, ReadProblem):
                summary.problems.append(item)
                continue
            summary.records += 1
            for name, text in item.fields:
                summary.fields += 1
                summary.characters += len(text)
                yield item, name, text


def scan_findings(paths: Sequence[Path], options: ScanOptions, *, detector: Detector | None = None,
                  summary: ScanSummary | None = None,
                  on_record: Callable[[ScanSummary], None] | None = None) -> Iterator[Finding]:
    """Yield every finding in ``paths``, in source order; fill ``summary`` as it goes."""
    if detector is None:
        detector = make_detector(options)
    summary = summary if summary is not None else ScanSummary()
    started = time.perf_counter()
    batch: list[Unit] = []

    def flush() -> Iterator[Finding]:
        results = detector.analyze_batch([text for _, _, text in batch])
        for (record, name, text), detections in zip(batch, results):
            for det in detections:
                summary.findings[det.entity_type] += 1
                summary.by_source[record.source] += 1
                yield Finding.from_detection(det, source=record.source, record=record.index,
                                             field=name, text=text)
        batch.clear()
        if on_record:
            on_record(summary)

    for unit in _units(paths, options, summary):
        batch.append(unit)
        if len(batch) >= options.batch_size:
            yield from flush()
    if batch:
        yield from flush()
    summary.elapsed = time.perf_counter() - started
