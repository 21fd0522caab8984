"""Recognizer specifications: stable versioned ids, what each finds, and how to build it.

The catalogue is an explicit, ordered list (``recognizers.catalog.SPECS``), not an import-time
side effect, so the set of recognizers and their order are deterministic (Presidio filters its
registry into a ``set``; we keep lists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from presidio_analyzer import EntityRecognizer

from .triggers import Trigger

Tier = Literal["pattern", "nlp"]


@dataclass(frozen=True, slots=True)
class RecognizerSpec:
    """One recognizer of the pack.

    ``id`` is a stable, versioned finding-source id (``jp.phone.v1``); it is written into
    findings and the audit store, so bump the version instead of changing behaviour silently.
    ``tier`` says what the recognizer needs: ``pattern`` reads only the text; ``nlp`` reads
    the GiNZA ``NlpArtifacts`` that the analyzer's NLP engine produced. ``trigger``, when set,
    is a cheap necessary condition on the normalised text (``recognizers.triggers``): a
    detector may skip the recognizer for texts where it is False, without changing findings.
    """

    id: str
    entities: tuple[str, ...]
    tier: Tier
    factory: Callable[[], EntityRecognizer]
    description: str = ""
    trigger: Trigger | None = None

    def build(self) -> EntityRecognizer:
        rec = self.factory()
        rec.name = self.id
        return rec


def select(specs: Sequence[RecognizerSpec], *, entities: Iterable[str] | None = None,
           tiers: Iterable[Tier] | None = None, ids: Iterable[str] | None = None) -> list[RecognizerSpec]:
    """Filter specs, keeping catalogue order."""
    want_entities = set(entities) if entities is not None else None
    want_tiers = set(tiers) if tiers is not None else None
    want_ids = set(ids) if ids is not None else None
    return [
        s for s in specs
        if (want_entities is None or want_entities & set(s.entities))
        and (want_tiers is None or s.tier in want_tiers)
        and (want_ids is None or s.id in want_ids)
    ]
