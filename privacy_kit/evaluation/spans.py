"""The one span shape that gold labels and predictions share, so metrics compare like with like."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A typed character range ``[start, end)`` in one text (code points, as Python indexes ``str``)."""

    start: int
    end: int
    type: str

    @property
    def length(self) -> int:
        return self.end - self.start


def intersection(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def iou(a: Span, b: Span) -> float:
    """Character intersection over union; 0.0 for two empty spans (nothing to agree on)."""
    inter = intersection(a, b)
    union = a.length + b.length - inter
    return inter / union if union > 0 else 0.0


def iou_at_least_half(a: Span, b: Span) -> bool:
    """IoU >= 0.5 in integers, so a span that is exactly half-covered is not lost to float rounding."""
    inter = intersection(a, b)
    union = a.length + b.length - inter
    return union > 0 and 2 * inter >= union
