"""Helpers for the pattern-recognizer tests: the recognizers under test and span assertions."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult

from recognizers.contact import SPECS as CONTACT_SPECS
from recognizers.dates import SPECS as DATE_SPECS
from recognizers.identifiers import SPECS as IDENTIFIER_SPECS

PATTERN_SPECS = (*CONTACT_SPECS, *IDENTIFIER_SPECS, *DATE_SPECS)
SPECS_BY_ID = {s.id: s for s in PATTERN_SPECS}


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
