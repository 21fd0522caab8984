"""Span-level precision, recall and F1: pure functions over gold and predicted spans.

Two criteria:

* ``overlap`` (the primary figure): a prediction matches a still-unmatched gold span of the same
  type whose character IoU with it is at least 0.5. Pairs are taken greedily, highest IoU first,
  one-to-one. Japanese NER boundaries are soft (``山田太郎さん`` vs ``山田太郎``; ``東京都`` vs
  ``東京``), and a masked span that covers most of a name protects it; strict scoring would count
  both as a miss and a false alarm.
* ``strict``: exact start, end and type.

Only types in the label set are scored. A prediction of a type the dataset does not label (a
phone number on a corpus that never marks phone numbers) is counted in ``ignored`` instead of
as a false positive, because the data cannot say whether it is wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from privacy_kit.evaluation.spans import Span, iou, iou_at_least_half

Criterion = Literal["overlap", "strict"]
CRITERIA: tuple[Criterion, ...] = ("overlap", "strict")


@dataclass(frozen=True, slots=True)
class Counts:
    """TP/FP/FN for one type (or the micro total). Undefined ratios are reported as 0.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def support(self) -> int:
        """Gold spans of this type."""
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class RecordMatch:
    """How one record's predictions met its gold spans (in-label-set spans only)."""

    matched: tuple[tuple[Span, Span], ...]  # (gold, prediction)
    false_positives: tuple[Span, ...]
    false_negatives: tuple[Span, ...]
    ignored: tuple[Span, ...]  # predictions of types outside the label set


@dataclass(frozen=True)
class Score:
    """Per-type counts and their micro average, under one criterion and one explicit label set."""

    criterion: Criterion
    labels: frozenset[str]
    per_type: dict[str, Counts]
    ignored: dict[str, int] = field(default_factory=dict)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_type.values():
            total = total + c
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "labels": sorted(self.labels),
            "per_type": {t: c.to_dict() for t, c in sorted(self.per_type.items())},
            "micro": self.micro.to_dict(),
            "ignored_predictions": dict(sorted(self.ignored.items())),
        }


def _check_criterion(criterion: str) -> None:
    if criterion not in CRITERIA:
        raise ValueError(f"unknown criterion {criterion!r}; expected one of {CRITERIA}")


def match_record(gold: Sequence[Span], predicted: Sequence[Span], labels: Iterable[str],
                 criterion: Criterion = "overlap") -> RecordMatch:
    """Pair predictions with gold spans one-to-one.

    Ties are broken on span values only (never on list position), so the result does not
    depend on the order in which a system returned its predictions.
    """
    _check_criterion(criterion)
    label_set = frozenset(labels)
    golds = sorted(g for g in gold if g.type in label_set)
    preds = sorted(p for p in predicted if p.type in label_set)
    ignored = tuple(sorted(p for p in predicted if p.type not in label_set))

    candidates: list[tuple[float, Span, Span, int, int]] = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if g.type != p.type:
                continue
            if criterion == "strict":
                if g.start == p.start and g.end == p.end:
                    candidates.append((1.0, g, p, gi, pi))
            elif iou_at_least_half(g, p):
                candidates.append((iou(g, p), g, p, gi, pi))
    # Highest IoU first; then by the spans themselves. Indices come last and only separate
    # identical spans, which are interchangeable, so the counts are order-invariant.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3], c[4]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[Span, Span]] = []
    for _, g, p, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((g, p))
    return RecordMatch(
        matched=tuple(sorted(matched)),
        false_positives=tuple(p for i, p in enumerate(preds) if i not in used_p),
        false_negatives=tuple(g for i, g in enumerate(golds) if i not in used_g),
        ignored=ignored,
    )


def score(gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]], labels: Iterable[str],
          criterion: Criterion = "overlap") -> Score:
    """Score a corpus: ``gold[i]`` and ``predicted[i]`` are the spans of record ``i``.

    Every type in ``labels`` appears in ``per_type`` (with zero counts if nothing was labelled
    or predicted), so reports always show the whole label set.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold records but {len(predicted)} prediction lists")
    label_set = frozenset(labels)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    ignored: Counter[str] = Counter()
    for g, p in zip(gold, predicted):
        m = match_record(g, p, label_set, criterion)
        tp.update(gs.type for gs, _ in m.matched)
        fp.update(s.type for s in m.false_positives)
        fn.update(s.type for s in m.false_negatives)
        ignored.update(s.type for s in m.ignored)
    per_type = {t: Counts(tp[t], fp[t], fn[t]) for t in sorted(label_set)}
    return Score(criterion, label_set, per_type, dict(ignored))
