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
    """The pack's GinzaNlpEngine, loaded once per test session: tok2vec + ner on every text, and
    the dependency parser on the texts the context recognizers need it for (as in production)."""
    if importlib.util.find_spec("ja_ginza") is None:
        pytest.skip("ja_ginza is not installed")
    from recognizers.context_tier import needs_parse
    from recognizers.nlp_engine import GinzaNlpEngine

    return GinzaNlpEngine(parser=True, parser_when=needs_parse)
