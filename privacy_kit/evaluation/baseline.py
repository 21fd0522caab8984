"""The naive baseline: what a user builds for Japanese from Presidio's documentation alone.

Exactly, and nothing more:

1. ``NlpEngineProvider`` with ``{"nlp_engine_name": "spacy", "models": [{"lang_code": "ja",
   "model_name": "ja_ginza"}]}`` and a ``ner_model_configuration`` whose
   ``model_to_presidio_entity_mapping`` is the typical GiNZA (ENE) → Presidio map below;
2. ``AnalyzerEngine(nlp_engine=..., supported_languages=["ja"])`` with no registry, so Presidio
   loads its predefined recognizers for ``ja`` itself (``RecognizerRegistryProvider`` with
   ``supported_languages=["ja"]``: the language-agnostic ones, e.g. Email, Phone, IP, URL,
   Date, plus the ``SpacyRecognizer`` over GiNZA's mapped entities; recognizers whose YAML
   entry pins other languages, such as CreditCard, are not loaded);
3. ``BatchAnalyzerEngine(analyzer).analyze_iterator(texts, language="ja", batch_size=32)``.

No Japanese context words, no overlap resolution, no score threshold, no normalisation. The
point is an honest "before" figure, so do not improve it here.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privacy_kit.errors import ModelMissingError
from privacy_kit.evaluation.spans import Span

if TYPE_CHECKING:
    from presidio_analyzer import BatchAnalyzerEngine

#: The typical YAML mapping a user writes for GiNZA's ENE labels (japanese-pii.md §1.2), plus
#: ``Country``: anyone mapping GiNZA's place labels maps countries, and the issue's reference
#: figure (LOCATION F1 about 0.61) is only reproduced with it. It makes the baseline stronger.
GINZA_TO_PRESIDIO: Mapping[str, str] = {
    "Person": "PERSON",
    "Province": "LOCATION",
    "City": "LOCATION",
    "Country": "LOCATION",
    "Postal_Address": "LOCATION",
    "Company": "ORGANIZATION",
    "Phone_Number": "PHONE_NUMBER",
    "Email": "EMAIL_ADDRESS",
    "Date": "DATE_TIME",
}

#: Presidio entity names that are also privacy-kit entity names. Presidio types with no
#: privacy-kit counterpart (DATE_TIME, ORGANIZATION, NRP, IBAN_CODE, ...) keep their names and
#: fall outside every label set privacy-kit scores, so they are never counted as errors.
PRESIDIO_TO_PRIVACY_KIT: Mapping[str, str] = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
}

BATCH_SIZE = 32
NLP_CONFIGURATION: Mapping[str, Any] = {
    "nlp_engine_name": "spacy",
    "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
    "ner_model_configuration": {"model_to_presidio_entity_mapping": dict(GINZA_TO_PRESIDIO)},
}


@contextmanager
def quiet_presidio() -> Iterator[None]:
    """Silence Presidio's per-entity warnings ("Entity Country is not mapped ...") while we run.

    They go to stderr through logging's last-resort handler, once per unmapped GiNZA entity, and
    would bury the progress bar. Results are unaffected; the previous level is restored.
    """
    log = logging.getLogger("presidio-analyzer")
    before = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(before)


@dataclass
class BaselineSystem:
    """Presidio as documented, on ja_ginza; predictions are mapped to privacy-kit names."""

    engine: BatchAnalyzerEngine
    name: str = "baseline"
    batch_size: int = BATCH_SIZE

    def analyze_batch(self, texts: Sequence[str]) -> list[list[Span]]:
        with quiet_presidio():
            results = self.engine.analyze_iterator(list(texts), language="ja", batch_size=self.batch_size)
        return [
            [Span(r.start, r.end, PRESIDIO_TO_PRIVACY_KIT.get(r.entity_type, r.entity_type)) for r in rs]
            for rs in results
        ]


def build_baseline() -> BaselineSystem:
    """Load ja_ginza and assemble the documented Presidio pipeline (the slow part: seconds)."""
    from recognizers.offline import ensure_offline

    ensure_offline()
    import spacy.util

    if not spacy.util.is_package("ja_ginza"):
        # Presidio would try to download it; we never download at run time.
        raise ModelMissingError(
            "the ja_ginza model is not installed", hint="pip install ja-ginza (into the same environment)"
        )
    with quiet_presidio():
        from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        config = copy.deepcopy(dict(NLP_CONFIGURATION))
        nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
        analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["ja"])
    return BaselineSystem(BatchAnalyzerEngine(analyzer))
