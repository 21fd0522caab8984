"""``--fast-columns``: columns that hold one kind of identifier skip the full detector.

An export's ``email`` or ``tel`` column, or an access log's client IP, holds the same kind of
value on every row; running GiNZA and two dozen recognizers over each of them finds the same
thing the one matching pattern recognizer finds. As presidio-structured does, the first
``sample`` non-empty values of each column (per file) are analysed normally and also matched
against each identifier type's own recognizer; a column where at least ``threshold`` of them
are, whole, one type (an e-mail address, a phone number, an IP address, a postal code) is
fast-pathed for the rest of the file.

The trade-off, kept small on purpose: in a fast-pathed column, a value that that type's
recognizer matches whole is analysed by that recognizer alone (so another type that would
outscore it on the very same characters is not considered: none does on well-formed values);
every other value (free text, an empty-looking cell, a malformed address) still goes through
the full detector. The decision depends only on the order of values in the file, never on
timing, so results do not depend on ``--workers``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privacy_kit.detect import resolved, run_plan

if TYPE_CHECKING:
    from privacy_kit.detect import RecognizerStep
    from privacy_kit.findings import Detection

#: Entity type → the recognizer that alone analyses a fast-pathed column of that type.
FAST_COLUMN_TYPES: dict[str, str] = {
    "EMAIL_ADDRESS": "jp.email.v1",
    "PHONE_NUMBER": "jp.phone.v1",
    "IP_ADDRESS": "jp.ip_address.v1",
    "JP_POSTAL_CODE": "jp.postal_code.v1",
}
DEFAULT_SAMPLE = 100
DEFAULT_THRESHOLD = 0.9
_INDEX_PART = re.compile(r"(?:^|\.)\d+(?=\.|$)")


def column_of(source: str, name: str | None) -> tuple[str, str] | None:
    """The column a field belongs to: its source and its name without array indices
    (``items.3.email`` and ``items.4.email`` are one column). Unnamed fields have none."""
    if not name:
        return None
    return source, _INDEX_PART.sub("", name).lstrip(".")


@dataclass
class _Column:
    sampled: int = 0
    matches: dict[str, int] = field(default_factory=dict)
    decided: str | None = None
    done: bool = False


@dataclass
class FastColumns:
    """Per-column sampling and routing (see the module docstring); one per scan.

    ``route`` is called for every field value in input order; it returns the detections of a
    value that a fast-pathed column's recognizer matched whole, or None for the full detector.
    """

    entities: Sequence[str] | None = None
    min_score: float = 0.5
    sample: int = DEFAULT_SAMPLE
    threshold: float = DEFAULT_THRESHOLD
    fast_values: int = 0
    _plans: dict[str, list[RecognizerStep]] = field(default_factory=dict, init=False)
    _columns: dict[tuple[str, str], _Column] = field(default_factory=dict, init=False)
    _order: dict[str, int] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        if self.sample < 1 or not 0 < self.threshold <= 1:
            raise ValueError("fast columns need sample >= 1 and 0 < threshold <= 1")
        from recognizers.catalog import all_specs

        from privacy_kit.detect import RecognizerStep

        wanted = set(self.entities) if self.entities is not None else None
        specs = {spec.id: spec for spec in all_specs()}
        for entity, spec_id in FAST_COLUMN_TYPES.items():
            if wanted is not None and entity not in wanted:
                continue  # a column of a type not reported is scanned for what is
            spec = specs[spec_id]
            self._plans[entity] = [RecognizerStep(spec.build(), spec.tier, spec.trigger)]
        self._order = {spec.id: i for i, spec in enumerate(all_specs())}

    def decisions(self) -> dict[str, dict[str, str]]:
        """Fast-pathed columns: source → column name → entity type."""
        out: dict[str, dict[str, str]] = {}
        for (source, name), col in self._columns.items():
            if col.decided:
                out.setdefault(source, {})[name] = col.decided
        return out

    def _whole(self, entity: str, text: str, shift: int) -> list[Detection] | None:
        """The detections of ``entity``'s recognizer alone, if one covers the whole value."""
        detections = resolved(run_plan(self._plans[entity], text, [entity], None, self.min_score), self._order)
        value = text[shift:]
        start = shift + len(value) - len(value.lstrip())
        end = shift + len(value.rstrip())
        if any(d.start == start and d.end == end for d in detections):
            return detections
        return None

    def route(self, source: str, name: str | None, text: str, shift: int) -> list[Detection] | None:
        key = column_of(source, name)
        if key is None or not self._plans or not text[shift:].strip():
            return None
        col = self._columns.setdefault(key, _Column())
        if not col.done:
            col.sampled += 1
            for entity in self._plans:
                if self._whole(entity, text, shift) is not None:
                    col.matches[entity] = col.matches.get(entity, 0) + 1
            if col.sampled >= self.sample:
                col.done = True
                best = max(col.matches.items(), key=lambda kv: kv[1], default=None)
                if best is not None and best[1] >= self.threshold * col.sampled:
                    col.decided = best[0]
            return None  # sampled values get the full detector
        if col.decided is None:
            return None
        found = self._whole(col.decided, text, shift)
        if found is not None:
            self.fast_values += 1
        return found
