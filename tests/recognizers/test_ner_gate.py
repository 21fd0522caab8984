"""The balanced tier's NER gate: GiNZA's NER reads a few tokens round weak person evidence,
surnames and unknown katakana words; the rest of a text is only tokenized, and the recognizers
use the fast tier's stand-in evidence there."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_kit.detect import Detector
from recognizers.analyzer import build_analyzer
from recognizers.ner_gate import AFTER, BEFORE, _merge, ner_windows
from recognizers.nlp_engine import GinzaNlpEngine, has_japanese
from recognizers.sudachi_tags import doc_tokens

pytestmark = pytest.mark.ginza


def _windows(engine: GinzaNlpEngine, text: str) -> list[str]:
    assert engine.nlp is not None
    doc = engine.nlp.make_doc(text)
    return [doc[s:e].text for s, e in ner_windows(doc)]


@pytest.mark.parametrize(("text", "expected"), [
    # a person reported on a lone Sudachi 人名 tag: NER may veto it (a firm, a club)
    ("ジョン・ワトソンがマクラーレンのステアリングを握った", ["ワトソンがマクラーレンの"]),
    ("決勝ではACミランを破った。", ["はACミランを"]),
    # a surname the rules leave unreported (before a noun it is as often a place or a firm)
    ("田中家の墓に参った。", ["田中家"]),
    ("鈴木建設の社長", ["鈴木建設"]),
    # an unknown katakana word before a particle, not part of a reported name
    ("彼はボウスキーと会った", ["彼はボウスキーと"]),
    # at the start of a text the window is cut there
    ("マクラーレンが勝った。", ["マクラーレンが"]),
    # evidence the rules settle alone: nothing to read
    ("山田太郎さんに会った。", []),
    ("山本選手が打った", []),                 # a surname with a role
    ("チュブコフらとともに出撃した", []),       # an unknown katakana word with ら
    ("今日は雨が降っている。", []),
    ("コーヒーを飲んだ", []),               # katakana, but a word Sudachi knows
    ("", []),
])
def test_which_tokens_ner_reads(ginza_engine: GinzaNlpEngine, text: str, expected: list[str]) -> None:
    assert _windows(ginza_engine, text) == expected


def test_windows_are_the_seeds_with_context_either_side(ginza_engine: GinzaNlpEngine) -> None:
    assert ginza_engine.nlp is not None
    doc = ginza_engine.nlp.make_doc("昨日、私たちはマクラーレンの新車を見に行きました。")
    [(s, e)] = ner_windows(doc)
    seed = next(t.i for t in doc if t.text == "マクラーレン")
    assert (s, e) == (max(0, seed - BEFORE), min(len(doc), seed + 1 + AFTER))


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1])), max_size=12))
def test_merged_windows_cover_exactly_the_seeds_sorted_and_apart(spans: list[tuple[int, int]]) -> None:
    merged = _merge(spans)
    covered = {k for s, e in spans for k in range(s, e)}
    assert {k for s, e in merged for k in range(s, e)} == covered
    assert all(s < e for s, e in merged)
    assert all(a[1] < b[0] for a, b in zip(merged, merged[1:]))  # disjoint and not touching


@pytest.fixture(scope="module")
def detectors(ginza_engine: GinzaNlpEngine) -> dict[str, Detector]:
    nlp = ginza_engine.nlp

    def detector(**engine: object) -> Detector:
        return Detector(analyzer=build_analyzer(nlp_engine=GinzaNlpEngine(nlp=nlp, ner_when=has_japanese, **engine)))

    return {"fast": Detector(analyzer=build_analyzer(nlp_engine=GinzaNlpEngine(nlp=nlp, ner_when=lambda t: False))),
            "balanced": detector(ner_gate=ner_windows), "full": detector()}


def _persons(found: list) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    return [(f.start, f.end) for f in found if f.entity_type == "PERSON"]


def test_ner_in_a_window_vetoes_a_club_the_fast_tier_takes_for_a_person(detectors: dict[str, Detector]) -> None:
    text = "決勝ではACミランを破り、優勝を成し遂げた。"
    found = {tier: _persons(d.analyze_batch([text])[0]) for tier, d in detectors.items()}
    assert found["fast"] == [(6, 9)]                      # ミラン, a lone Sudachi 人名 tag
    assert found["balanced"] == found["full"] == []       # GiNZA: ACミラン is a team


def test_texts_without_windows_get_the_fast_tiers_findings(detectors: dict[str, Detector]) -> None:
    texts = ["今日は雨が降っている。電話は090-1234-5678です。", "山田太郎さんに会った。", "日本代表の試合を見た。"]
    assert detectors["balanced"].analyze_batch(texts) == detectors["fast"].analyze_batch(texts)


def test_ner_annotates_only_the_window_tokens(ginza_engine: GinzaNlpEngine) -> None:
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, ner_when=has_japanese, ner_gate=ner_windows)
    texts = ["昨日、私たちはマクラーレンの新車を見に行きました。", "雨が降る。", "hello"]
    docs = [a.tokens for _, a in engine.process_batch(texts, "ja")]
    assert ginza_engine.nlp is not None
    windows = ner_windows(ginza_engine.nlp.make_doc(texts[0]))
    inside = {k for s, e in windows for k in range(s, e)}
    seen = doc_tokens(docs[0]).ner_seen
    assert {k for k, looked in enumerate(seen) if looked} == inside
    assert doc_tokens(docs[0]).ner_saw(*windows[0]) and not doc_tokens(docs[0]).ner_saw(0, windows[0][0])
    assert not any(doc_tokens(docs[1]).ner_seen)
    assert engine.ner_pieces == 1 and engine.ner_tokens == len(inside)


def test_a_piece_wanted_only_by_the_parser_gets_no_ner(ginza_engine: GinzaNlpEngine) -> None:
    """The fast tier means no NER, also for the texts the context recognizers have parsed."""
    assert ginza_engine.nlp is not None and "parser" in ginza_engine.nlp.pipe_names
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, parser=True, ner_when=lambda text: False)
    [(_, arts)] = engine.process_batch(["昨日、佐藤さんを大宮駅で見かけました。"], "ja")
    assert not arts.tokens.ents and arts.tokens.has_annotation("DEP")
    assert engine.ner_pieces == 0 and engine.parsed_pieces == 1


def test_a_parsed_piece_keeps_its_parse_and_gets_window_entities(ginza_engine: GinzaNlpEngine) -> None:
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, parser=True, ner_when=has_japanese, ner_gate=ner_windows)
    [(_, arts)] = engine.process_batch(["決勝ではACミランを破り、母が入院した。"], "ja")
    assert arts.tokens.has_annotation("DEP")
    assert any(doc_tokens(arts.tokens).ner_seen) and not all(doc_tokens(arts.tokens).ner_seen)


def test_an_unknown_tier_is_refused_before_loading_anything() -> None:
    with pytest.raises(ValueError, match="unknown tier"):
        Detector(tier="turbo")


def test_a_chunked_long_text_keeps_the_windows_of_its_pieces(ginza_engine: GinzaNlpEngine) -> None:
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, ner_when=has_japanese, ner_gate=ner_windows, chunk_bytes=2000)
    text = "今日は雨が降っている。" * 100 + "決勝ではACミランを破った。" + "今日は晴れ。" * 50
    [(_, arts)] = engine.process_batch([text], "ja")
    view = doc_tokens(arts.tokens)
    assert [(e.text, e.label_) for e in arts.tokens.ents] == [("ACミラン", "Product_Other")]
    assert sum(view.ner_seen) == engine.ner_tokens == 4 and engine.ner_pieces == 1


_ALPHABET = st.sampled_from(list("田中山本佐藤家駅がはのとに、。・ーボウスキマクラレンミAC 　\t\n…😀ab1２-@"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=4))
def test_any_text_gets_entities_only_inside_its_windows(ginza_engine: GinzaNlpEngine, texts: list[str]) -> None:
    engine = GinzaNlpEngine(nlp=ginza_engine.nlp, ner_when=has_japanese, ner_gate=ner_windows)
    docs = [a.tokens for _, a in engine.process_batch(texts, "ja")]
    assert ginza_engine.nlp is not None
    for text, doc in zip(texts, docs):
        view = doc_tokens(doc)
        assert view.text == doc.text
        windows = ner_windows(ginza_engine.nlp.make_doc(doc.text)) if has_japanese(doc.text) else []
        inside = {k for s, e in windows for k in range(s, e)}
        assert {k for k, looked in enumerate(view.ner_seen) if looked} == inside
        assert all(set(range(ent.start, ent.end)) <= inside for ent in doc.ents)
