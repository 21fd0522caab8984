"""The balanced tier's NER gate: texts with a place name, a surname or an unknown katakana word
pay for GiNZA's NER; the rest are only tokenized, and their findings are the fast tier's."""

from __future__ import annotations

import pytest

from privacy_kit.detect import Detector
from recognizers.analyzer import build_analyzer
from recognizers.ner_gate import needs_ner
from recognizers.nlp_engine import GinzaNlpEngine, has_japanese

pytestmark = pytest.mark.ginza


@pytest.mark.parametrize(("text", "expected"), [
    ("東京で友人に会った。", True),            # a place name
    ("大阪府警は発表した", True),              # a place name inside an organisation
    ("田中は来なかった。", True),              # a surname
    ("山田さんと食事", True),
    ("フリッチュは反対した。", True),          # a katakana word Sudachi does not know
    ("今日は雨が降っている。", False),
    ("ありがとうございました", False),
    ("日本の経済は回復した。", False),          # a country alone does not need NER
    ("コーヒーを飲んだ", False),                # katakana, but a known word
    ("", False),
])
def test_which_texts_need_ner(ginza_engine: GinzaNlpEngine, text: str, expected: bool) -> None:
    assert ginza_engine.nlp is not None
    doc = ginza_engine.nlp.make_doc(text)
    assert needs_ner(doc) is expected
    # the gate must not cache the token view: NER has not run yet, entity labels would be stale
    assert "privacy_kit.tokens" not in doc.user_data


@pytest.fixture(scope="module")
def detectors(ginza_engine: GinzaNlpEngine) -> dict[str, Detector]:
    nlp = ginza_engine.nlp

    def detector(**engine: object) -> Detector:
        return Detector(analyzer=build_analyzer(nlp_engine=GinzaNlpEngine(nlp=nlp, ner_when=has_japanese, **engine)))

    return {"fast": Detector(analyzer=build_analyzer(nlp_engine=GinzaNlpEngine(nlp=nlp, ner_when=lambda t: False))),
            "balanced": detector(ner_gate=needs_ner), "full": detector()}


def test_balanced_is_full_where_gated_and_fast_elsewhere(ginza_engine: GinzaNlpEngine,
                                                         detectors: dict[str, Detector]) -> None:
    texts = ["田中は来なかった。", "昨日、佐藤さんを大宮駅で見かけました。", "松本は横浜で生まれた。",
             "今日は雨が降っている。電話は090-1234-5678です。", "日本代表の試合を見た。"]
    found = {tier: d.analyze_batch(texts) for tier, d in detectors.items()}
    assert ginza_engine.nlp is not None
    for i, text in enumerate(texts):
        want = "full" if needs_ner(ginza_engine.nlp.make_doc(text)) else "fast"
        assert found["balanced"][i] == found[want][i], text
    assert found["balanced"] != found["fast"]  # the gate did send some texts to NER


def test_the_engine_counts_the_pieces_that_paid_for_ner(ginza_engine: GinzaNlpEngine) -> None:
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, ner_when=has_japanese, ner_gate=needs_ner)
    docs = [a.tokens for _, a in engine.process_batch(["田中さんは東京に住む。", "雨が降る。", "hello"], "ja")]
    assert engine.ner_pieces == 1
    assert [e.label_ for e in docs[0].ents] and not docs[1].ents


def test_a_piece_wanted_only_by_the_parser_gets_no_ner(ginza_engine: GinzaNlpEngine) -> None:
    """The fast tier means no NER, also for the texts the context recognizers have parsed."""
    assert ginza_engine.nlp is not None and "parser" in ginza_engine.nlp.pipe_names
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, parser=True, ner_when=lambda text: False)
    [(_, arts)] = engine.process_batch(["昨日、佐藤さんを大宮駅で見かけました。"], "ja")
    assert not arts.tokens.ents and arts.tokens.has_annotation("DEP")
    assert engine.ner_pieces == 0 and engine.parsed_pieces == 1


def test_an_unknown_tier_is_refused_before_loading_anything() -> None:
    with pytest.raises(ValueError, match="unknown tier"):
        Detector(tier="turbo")
