"""Placeholder GiNZA NLP engine (the NER work replaces this with a trimmed, batched engine)."""

from __future__ import annotations

from presidio_analyzer.nlp_engine import SpacyNlpEngine


class GinzaNlpEngine(SpacyNlpEngine):
    def __init__(self, *, ner: bool = True) -> None:
        super().__init__(models=[{"lang_code": "ja", "model_name": "ja_ginza"}])
        self.load()
