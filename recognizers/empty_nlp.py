"""An NLP engine that produces nothing, for running pattern recognizers without a model.

Pattern-tier recognizers read only the text, so the pack's tests and
``benchmarks/pattern_tier_eval.py`` run them in an ``AnalyzerEngine`` whose NLP step is free:
no GiNZA load, seconds instead of minutes. Real analyzers use ``GinzaNlpEngine``
(``build_analyzer``); ``nlp``-tier recognizers given these empty artifacts find nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from .registry import RecognizerSpec

__all__ = ["EmptyNlpEngine", "pattern_analyzer"]


class EmptyNlpEngine(NlpEngine):
    """Empty artifacts for every text; always loaded, knows no stop words or punctuation."""

    def load(self) -> None:
        pass

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return NlpArtifacts(entities=[], tokens=[], tokens_indices=[], lemmas=[], nlp_engine=self,
                            language=language)

    def process_batch(self, texts: Iterable[str], language: str, batch_size: int = 1, n_process: int = 1,
                      **kwargs: Any) -> Iterator[tuple[str, NlpArtifacts]]:
        for text in texts:
            yield text, self.process_text(text, language)

    def is_stopword(self, word: str, language: str) -> bool:
        return False

    def is_punct(self, word: str, language: str) -> bool:
        return False

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return ["ja"]


def pattern_analyzer(specs: Iterable[RecognizerSpec]) -> AnalyzerEngine:
    """A Japanese analyzer holding only the recognizers of ``specs``, on :class:`EmptyNlpEngine`."""
    registry = RecognizerRegistry(supported_languages=["ja"])
    for spec in specs:
        registry.add_recognizer(spec.build())
    return AnalyzerEngine(registry=registry, nlp_engine=EmptyNlpEngine(), supported_languages=["ja"])
