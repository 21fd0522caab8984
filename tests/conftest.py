"""Shared fixtures. The GiNZA model is loaded at most once per test run (session scope) and
tests that need it are marked ``@pytest.mark.ginza``; without ja_ginza they are skipped."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from recognizers.nlp_engine import GinzaNlpEngine


@pytest.fixture(scope="session")
def ginza_engine() -> GinzaNlpEngine:
    """The pack's GinzaNlpEngine (tok2vec + ner), loaded once per test session."""
    if importlib.util.find_spec("ja_ginza") is None:
        pytest.skip("ja_ginza is not installed")
    from recognizers.nlp_engine import GinzaNlpEngine

    return GinzaNlpEngine()
