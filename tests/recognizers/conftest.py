"""Fixtures for the pattern-recognizer tests: recognizers built from their catalogue specs,
and a Presidio AnalyzerEngine that holds only them and an empty NLP engine (no GiNZA)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import AnalyzerEngine, EntityRecognizer

from recognizers import empty_nlp

from .helpers import PATTERN_SPECS, SPECS_BY_ID


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
    return empty_nlp.pattern_analyzer(PATTERN_SPECS)
