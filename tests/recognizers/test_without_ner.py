"""Names and places where GiNZA's NER did not run (the fast tier, and texts the balanced tier's
gate passes over): the evidence that stands in for NER, and that it is not used where NER ran."""

from __future__ import annotations

import pytest

from recognizers.names import find_persons
from recognizers.nlp_engine import GinzaNlpEngine
from recognizers.places import PlaceConfig, find_locations
from recognizers.sudachi_tags import doc_tokens


def _tokenized(engine: GinzaNlpEngine, text: str, *, ner_ran: bool = False):  # type: ignore[no-untyped-def]
    assert engine.nlp is not None
    doc = engine.nlp.make_doc(text)  # the tokenizer only, as the fast tier runs it
    if ner_ran:
        doc.set_ents([], default="outside")  # what NER leaves on a text where it found nothing
    return doc


def persons(engine: GinzaNlpEngine, text: str, *, ner_ran: bool = False) -> list[str]:
    doc = _tokenized(engine, text, ner_ran=ner_ran)
    return [text[h.start:h.end] for h in find_persons(doc) if h.score >= 0.5]


def places(engine: GinzaNlpEngine, text: str, config: PlaceConfig = PlaceConfig()) -> list[str]:
    doc = _tokenized(engine, text)
    return [text[h.start:h.end] for h in find_locations(doc, config) if h.score >= 0.5]


# fmt: off
PLACE_POSITIVES = [
    ("浜松市が新しい条例を定めた。",  ["浜松市"]),           # one token with its 市: no locative context needed
    ("デラウェア州は小さな州だ。",    ["デラウェア州"]),
    ("三宮駅から歩いて帰った。",      ["三宮駅"]),           # a station written as one proper-noun token
    ("東海道線が止まった。",          ["東海道線"]),
    ("台湾、香港を訪れた。",          ["台湾", "香港"]),      # a list of places
    ("九州・沖縄の天気",             ["九州", "沖縄"]),
    ("中国側の主張を聞いた。",        ["中国"]),             # a side of a country is still the country
    ("ドイツ最大の港",               ["ドイツ"]),
    ("水戸藩の武士だった。",          ["水戸藩"]),           # 藩 is a place suffix
]

PLACE_NEGATIVES = [
    "茨城県代表として出場した。",     # the prefecture modifies 代表
    "スイス選手団が到着した。",       # a country naming a team
    "日本ダンロップ製のタイヤ",       # ... or a company
]

PERSON_POSITIVES = [
    ("岩下が戻ってきた。",            ["岩下"]),             # a surname as the subject
    ("そのとき鈴木は黙っていた。",     ["鈴木"]),             # ... as the topic
    ("加藤と山田が話した。",          ["加藤", "山田"]),      # ... as partners
    ("田中の家に行った。",            ["田中"]),             # ... as a possessor
    ("オルガー・クラウセンが来日した。", ["オルガー・クラウセン"]),  # joined katakana words Sudachi does not know
    ("ペトリーは町を出た。",          ["ペトリー"]),          # an unknown katakana word opening its clause as topic
    ("西沢・高木がそれぞれ出場した。",  ["西沢", "高木"]),      # a list of surnames
    ("小沢から離反した。",            ["小沢"]),
    ("地元中国の楊秀麗に敗れた。",     ["楊秀麗"]),            # a one-kanji surname and a short given name
]

PERSON_NEGATIVES = [
    "田中駅に着いた。",              # the surname is part of a station's name
    "潤がいた。",                    # one character tagged as a given name is not enough
    "山田電機で買った。",             # a surname written into a company name
]

# Evidence that stands in for NER only: where NER ran and found nothing, it is not used.
NER_ONLY_STAND_INS = [
    "オルガー・クラウセンが来日した。",
    "ペトリーは町を出た。",
]
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), PLACE_POSITIVES)
def test_places_without_ner(ginza_engine: GinzaNlpEngine, text: str, expected: list[str]) -> None:
    assert places(ginza_engine, text) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", PLACE_NEGATIVES)
def test_place_negatives_without_ner(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert places(ginza_engine, text) == []


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), PERSON_POSITIVES)
def test_persons_without_ner(ginza_engine: GinzaNlpEngine, text: str, expected: list[str]) -> None:
    assert persons(ginza_engine, text) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", PERSON_NEGATIVES)
def test_person_negatives_without_ner(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert persons(ginza_engine, text) == []


@pytest.mark.ginza
@pytest.mark.parametrize("text", NER_ONLY_STAND_INS)
def test_stand_ins_are_not_used_where_ner_ran(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert persons(ginza_engine, text) != []
    assert persons(ginza_engine, text, ner_ran=True) == []


@pytest.mark.ginza
def test_ner_ran_is_read_from_the_doc(ginza_engine: GinzaNlpEngine) -> None:
    text = "岩下が戻ってきた。"
    assert doc_tokens(_tokenized(ginza_engine, text)).ner_ran is False
    assert doc_tokens(_tokenized(ginza_engine, text, ner_ran=True)).ner_ran is True
    assert doc_tokens(ginza_engine.process_text(text, "ja").tokens).ner_ran is True


@pytest.mark.ginza
@pytest.mark.parametrize(("switch", "text", "without"), [
    ("suffixed_tokens", "浜松市が新しい条例を定めた。", []),
    ("place_lists", "台湾、香港を訪れた。", ["香港"]),  # 香港を has locative context of its own
    ("country_modifiers", "スイス選手団が到着した。", ["スイス"]),
])
def test_place_rules_can_be_switched_off(ginza_engine: GinzaNlpEngine, switch: str, text: str,
                                         without: list[str]) -> None:
    assert places(ginza_engine, text, PlaceConfig(**{switch: False})) == without
