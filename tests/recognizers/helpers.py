"""Helpers for the pattern-recognizer tests: the fake NLP engine and span assertions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from recognizers.contact import SPECS as CONTACT_SPECS
from recognizers.dates import SPECS as DATE_SPECS
from recognizers.identifiers import SPECS as IDENTIFIER_SPECS

PATTERN_SPECS = (*CONTACT_SPECS, *IDENTIFIER_SPECS, *DATE_SPECS)
SPECS_BY_ID = {s.id: s for s in PATTERN_SPECS}


class FakeNlpEngine(NlpEngine):
    """An NLP engine that does nothing: pattern recognizers never read NlpArtifacts."""

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


def found(rec: EntityRecognizer, text: str, entity: str | None = None) -> list[RecognizerResult]:
    """Run one recognizer in isolation, the way an AnalyzerEngine calls it."""
    entities = [entity] if entity else list(rec.supported_entities)
    return sorted(rec.analyze(text, entities, None), key=lambda r: r.start)


def values(results: list[RecognizerResult], text: str) -> list[str]:
    return [text[r.start : r.end] for r in results]


def assert_spans(results: list[RecognizerResult], text: str, expected: list[str]) -> None:
    """Each expected value is found exactly, at its first occurrence in the original text."""
    got = [(r.start, r.end) for r in results]
    want = []
    pos = 0
    for value in expected:
        start = text.index(value, pos)
        want.append((start, start + len(value)))
        pos = start + len(value)
    assert got == want, f"{text!r}: got {values(results, text)}, want {expected}"
