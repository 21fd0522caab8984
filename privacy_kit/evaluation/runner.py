"""Run privacy-kit and the naive baseline on the same labelled texts and score both.

Model loading is timed apart from analysis: loading ja_ginza costs seconds once per process,
while records per second is what a long scan pays. Systems are built through factories so
tests (and other experiments) can substitute a fake without loading GiNZA.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Protocol

from privacy_kit.errors import InputError, ModelMissingError
from privacy_kit.evaluation.datasets import Dataset
from privacy_kit.evaluation.metrics import CRITERIA, Criterion, Score, match_record, score
from privacy_kit.evaluation.spans import Span

if TYPE_CHECKING:
    from rich.progress import Progress

    from privacy_kit.detect import Detector


class System(Protocol):
    """Anything that turns texts into typed spans, batch by batch."""

    name: str
    batch_size: int

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]: ...


SystemFactory = Callable[[], System]


@dataclass
class PrivacyKitSystem:
    """privacy-kit's Detector (recognizer pack + overlap resolution) seen as a System."""

    detector: Detector
    name: str = "privacy-kit"

    @property
    def batch_size(self) -> int:
        return self.detector.batch_size

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        found = self.detector.analyze_batch(texts)
        return [[Span(d.start, d.end, d.entity_type) for d in dets] for dets in found]


def build_privacy_kit(tier: str = "full") -> PrivacyKitSystem:
    """privacy-kit's detector as ``scan`` builds it; ``tier`` as ``scan --tier``."""
    from recognizers.offline import ensure_offline

    ensure_offline()
    import spacy.util

    if not spacy.util.is_package("ja_ginza"):
        raise ModelMissingError(
            "the ja_ginza model is not installed", hint="pip install ja-ginza (into the same environment)"
        )
    from privacy_kit.detect import Detector

    return PrivacyKitSystem(Detector(tier=tier))


def build_baseline() -> System:
    from privacy_kit.evaluation.baseline import build_baseline as build

    return build()


#: Looked up at call time, so a test can replace an entry with a fake.
DEFAULT_FACTORIES: dict[str, SystemFactory] = {
    "privacy-kit": build_privacy_kit,
    "baseline": build_baseline,
}
SYSTEMS: tuple[str, ...] = ("privacy-kit", "baseline")


@dataclass(frozen=True)
class SystemResult:
    """One system's predictions, scores and timing on one dataset."""

    name: str
    predictions: tuple[tuple[Span, ...], ...]
    scores: Mapping[Criterion, Score]
    load_seconds: float
    run_seconds: float
    invalid_spans: int  # predictions whose offsets fall outside their text: a system bug, kept visible

    @property
    def records_per_second(self) -> float:
        return len(self.predictions) / self.run_seconds if self.run_seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": {c: s.to_dict() for c, s in self.scores.items()},
            "load_seconds": round(self.load_seconds, 3),
            "run_seconds": round(self.run_seconds, 3),
            "records_per_second": round(self.records_per_second, 2),
            "predictions": sum(len(p) for p in self.predictions),
            "invalid_spans": self.invalid_spans,
        }


@dataclass(frozen=True)
class EvaluationResult:
    dataset: Dataset
    criteria: tuple[Criterion, ...]
    systems: Mapping[str, SystemResult]

    def to_dict(self) -> dict[str, Any]:
        d = self.dataset
        return {
            "dataset": {
                "name": d.name,
                "format": d.format,
                "records": len(d),
                "selection": dict(d.selection),
                "labels": sorted(d.labels),
                "support": d.support(),
                "dropped_source_labels": dict(d.dropped),
            },
            "criteria": list(self.criteria),
            "systems": {name: r.to_dict() for name, r in self.systems.items()},
            "environment": _environment(),
        }

    def errors(self) -> Iterator[dict[str, Any]]:
        """False positives and negatives per system, criterion and record (records with none are skipped).

        Contains dataset text: evaluation data, not user data.
        """
        for name, res in self.systems.items():
            for criterion in self.criteria:
                for rec, preds in zip(self.dataset.records, res.predictions):
                    m = match_record(rec.entities, preds, self.dataset.labels, criterion)
                    if not (m.false_positives or m.false_negatives):
                        continue
                    yield {
                        "system": name,
                        "criterion": criterion,
                        "record": rec.id,
                        "text": rec.text,
                        "false_positives": [_span_dict(s, rec.text) for s in m.false_positives],
                        "false_negatives": [_span_dict(s, rec.text) for s in m.false_negatives],
                    }


def evaluate(dataset: Dataset, systems: Sequence[str] = SYSTEMS, *,
             criteria: Sequence[Criterion] = CRITERIA,
             factories: Mapping[str, SystemFactory] | None = None,
             show_progress: bool | None = None) -> EvaluationResult:
    """Build each named system, run it over every record, and score it under each criterion.

    ``show_progress=None`` shows a bar on stderr only when stderr is a terminal.
    """
    table = DEFAULT_FACTORIES if factories is None else factories
    unknown = [s for s in systems if s not in table]
    if unknown:
        raise InputError(f"unknown system {unknown[0]!r}", hint=f"choose from {', '.join(table)}")
    if not systems:
        raise InputError("no system to evaluate")
    if not criteria:
        raise InputError("no criterion to score", hint=f"choose from {', '.join(CRITERIA)}")
    for c in criteria:
        if c not in CRITERIA:
            raise InputError(f"unknown criterion {c!r}", hint=f"choose from {', '.join(CRITERIA)}")

    texts = [r.text for r in dataset.records]
    gold = [r.entities for r in dataset.records]
    results: dict[str, SystemResult] = {}
    with _progress(show_progress) as progress:
        for name in dict.fromkeys(systems):
            task = progress.add_task(f"{name}: loading", total=len(texts))
            t0 = time.perf_counter()
            system = table[name]()
            load = time.perf_counter() - t0
            progress.update(task, description=name)
            preds, run = _run(system, texts, lambda n, t=task: progress.advance(t, n))
            results[name] = SystemResult(
                name=name,
                predictions=tuple(tuple(p) for p in preds),
                scores={c: score(gold, preds, dataset.labels, c) for c in criteria},
                load_seconds=load,
                run_seconds=run,
                invalid_spans=sum(
                    1 for text, ps in zip(texts, preds) for s in ps if not 0 <= s.start < s.end <= len(text)
                ),
            )
            del system  # free one GiNZA pipeline before the next system loads its own
    return EvaluationResult(dataset, tuple(criteria), results)


def _run(system: System, texts: Sequence[str],
         advance: Callable[[int], Any]) -> tuple[list[list[Span]], float]:
    """Feed the system its own batch size at a time; only analysis time is counted."""
    step = max(1, int(system.batch_size))
    out: list[list[Span]] = []
    elapsed = 0.0
    for start in range(0, len(texts), step):
        chunk = texts[start : start + step]
        t0 = time.perf_counter()
        got = system.analyze_batch(chunk)
        elapsed += time.perf_counter() - t0
        if len(got) != len(chunk):
            raise RuntimeError(f"system {system.name!r} returned {len(got)} results for {len(chunk)} texts")
        out.extend(list(p) for p in got)
        advance(len(chunk))
    return out, elapsed


class _NoProgress:
    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: int) -> int:
        return 0

    def update(self, task: int, **kwargs: Any) -> None:
        return None

    def advance(self, task: int, n: int) -> None:
        return None


def _progress(show: bool | None) -> Progress | _NoProgress:
    from rich.console import Console

    console = Console(stderr=True)
    if show is None:
        show = console.is_terminal
    if not show:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console)


def _span_dict(s: Span, text: str) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "type": s.type, "text": text[s.start : s.end]}


def _environment() -> dict[str, str]:
    out = {}
    for dist in ("privacy-kit", "presidio-analyzer", "spacy", "ginza", "ja-ginza", "sudachipy"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out
