"""What a scan reports: one Finding per detected span, masked unless values are asked for.

Every finding says which APPI class it falls in (``appi_category``: 個人情報, 個人関連情報 or
要配慮個人情報, a function of its entity type, see ``recognizers.entities``) and, for 要配慮
findings, the statutory ``category`` (``statutory.medical_history``…), which the recognizer decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recognizers.entities import appi_category

# Characters kept when masking, so a masked value still shows its shape (***-****-****).
_SHAPE_CHARS = frozenset("-@.:/_ ()+")


def mask(value: str) -> str:
    """Hide every character except separators: the shape survives, the value does not."""
    return "".join(c if c in _SHAPE_CHARS else "*" for c in value)


@dataclass(frozen=True, slots=True)
class Detection:
    """A span found in one text: offsets index that text exactly (code points)."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    category: str | None = None

    def overlaps(self, other: Detection) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Finding:
    """A detection placed in its source: file, record number and field."""

    source: str
    record: int
    field: str | None
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    value: str
    category: str | None = None

    @property
    def appi_category(self) -> str | None:
        return appi_category(self.entity_type)

    @classmethod
    def from_detection(cls, det: Detection, *, source: str, record: int, field: str | None,
                       text: str) -> Finding:
        return cls(source, record, field, det.start, det.end, det.entity_type, round(det.score, 4),
                   det.recognizer, text[det.start:det.end], det.category)

    def to_dict(self, *, show_values: bool = False) -> dict[str, Any]:
        return {
            "source": self.source,
            "record": self.record,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "entity_type": self.entity_type,
            "score": self.score,
            "recognizer": self.recognizer,
            "value": self.value if show_values else mask(self.value),
            "appi_category": self.appi_category,
            "category": self.category,
        }
