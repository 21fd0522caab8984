"""Fixtures for the pattern-recognizer tests: recognizers built from their catalogue specs,
and a Presidio AnalyzerEngine that holds only them and a fake NLP engine (no GiNZA)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry

from .helpers import PATTERN_SPECS, SPECS_BY_ID, FakeNlpEngine


@pytest.fixture(scope="session")
def build() -> Callable[[str], EntityRecognizer]:
    """Build a recognizer from its spec id (the way the catalogue does), once per session."""
    cache: dict[str, EntityRecognizer] = {}

    def _build(spec_id: str) -> EntityRecognizer:
        if spec_id not in cache:
            cache[spec_id] = SPECS_BY_ID[spec_id].build()
        return cache[spec_id]

    return _build


@pytest.fixture(scope="session")
def pattern_analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=["ja"])
    for spec in PATTERN_SPECS:
        registry.add_recognizer(spec.build())
    return AnalyzerEngine(registry=registry, nlp_engine=FakeNlpEngine(), supported_languages=["ja"])
