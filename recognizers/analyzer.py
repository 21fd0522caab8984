"""Put the pack into a Presidio AnalyzerEngine: ``add_to`` for an existing registry,
``build_analyzer`` for a ready Japanese analyzer."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngine

from .catalog import all_specs
from .offline import ensure_offline
from .registry import Tier, select


def add_to(registry: RecognizerRegistry, *, entities: Iterable[str] | None = None,
           tiers: Iterable[Tier] | None = None) -> list[EntityRecognizer]:
    """Register the pack's recognizers (language ``ja``) on ``registry``; return them in order.

    ``nlp``-tier recognizers read GiNZA's NlpArtifacts, so the analyzer they join must use a
    ja_ginza NLP engine (ours, or Presidio's SpacyNlpEngine with ``ja_ginza``).
    """
    built = [spec.build() for spec in select(all_specs(), entities=entities, tiers=tiers)]
    for rec in built:
        registry.add_recognizer(rec)
    return built


def build_analyzer(*, nlp_engine: NlpEngine | None = None, entities: Iterable[str] | None = None,
                   with_nlp: bool = True) -> AnalyzerEngine:
    """A ready ``AnalyzerEngine`` for Japanese with only this pack's recognizers.

    ``with_nlp=False`` builds a pattern-only analyzer whose NLP engine does no NER (fast).
    """
    ensure_offline()
    from .nlp_engine import GinzaNlpEngine

    if nlp_engine is None:
        nlp_engine = GinzaNlpEngine(ner=with_nlp)
    registry = RecognizerRegistry(supported_languages=["ja"])
    if not add_to(registry, entities=entities, tiers=None if with_nlp else ["pattern"]):
        # Presidio would silently fill an empty registry with its English predefined recognizers.
        raise ValueError(f"no recognizer in the pack serves entities={sorted(entities or [])}")
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["ja"])
