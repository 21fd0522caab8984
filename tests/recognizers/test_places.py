"""LOCATION: GiNZA place/facility labels, Sudachi 地名 runs, facility heads, organisation filter."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from recognizers.nlp_engine import GinzaNlpEngine
from recognizers.places import SPECS, JapaneseLocationRecognizer, PlaceConfig, find_locations


def places(engine: GinzaNlpEngine, text: str, config: PlaceConfig = PlaceConfig()) -> list[str]:
    doc = engine.process_text(text, "ja").tokens
    return [text[h.start:h.end] for h in find_locations(doc, config)]


# fmt: off
POSITIVES = [
    ("大阪府に住んでいます",                       ["大阪府"]),
    ("来週、東京駅で待ち合わせ",                    ["東京駅"]),
    ("札幌ドームでのイベントに行きます",              ["札幌ドーム"]),          # event venue
    ("田中病院に通院している",                      ["田中病院"]),            # a facility, not a person
    ("横浜市中区のカフェで働く",                     ["横浜市中区"]),
    ("明日は渋谷でライブ！#ライブ",                  ["渋谷"]),               # hashtag after
    ("日本人の観光客が増えた",                      ["日本"]),               # place inside a nationality word
    ("ベルギー・フランスの合作映画",                  ["ベルギー", "フランス"]),  # a list of two places
    ("佐賀県三養基郡基山町にある工場",                ["佐賀県三養基郡基山町"]),
    ("ファミリーマート新宿店で買った",                ["ファミリーマート新宿店"]),
    ("ＪＲ大阪駅で集合",                           ["ＪＲ大阪駅"]),          # full-width letters
    ("京都\u3000嵐山に行った",                      ["京都", "嵐山"]),         # U+3000 between places
    ("吉祥寺駅周辺で財布を拾った",                   ["吉祥寺駅"]),            # 「周辺」 is not part of it
]

NEGATIVES = [
    "日本臨床腫瘍学会に参加した",          # a place inside an organisation name
    "ロサンゼルス・レイカーズに移籍した",    # a place inside a team name
    "ポーランド銀行の資料",
    "イギリス軍が上陸した",
    "長篠の戦いに参加した",               # a place naming an event
    "#緩和ケア について話した",
    "首都圏の天気",                     # an ordinary noun GiNZA may call a region
    "会場：パシフィコ横浜",               # event venues (labelling guidelines)
    "集合：大宮駅西口 8:30",
    "来年は仙台開催らしい",
    "北海道公安委員会に届け出た",          # a place inside an organisation name
    "埼玉りそな銀行 浦和中央支店",
]
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_location_positives(ginza_engine: GinzaNlpEngine, text: str, expected: list[str]) -> None:
    assert places(ginza_engine, text) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", NEGATIVES)
def test_location_negatives(ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert places(ginza_engine, text) == []


@pytest.mark.ginza
def test_components_can_be_switched_off(ginza_engine: GinzaNlpEngine) -> None:
    assert places(ginza_engine, "日本人の観光客が増えた", PlaceConfig(nationality=False)) == []
    assert places(ginza_engine, "イギリス軍が上陸した", PlaceConfig(organization_filter=False)) == ["イギリス"]


@pytest.mark.ginza
def test_recognizer_reports_exact_offsets_and_its_id(ginza_engine: GinzaNlpEngine) -> None:
    rec = SPECS[0].build()
    assert isinstance(rec, JapaneseLocationRecognizer)
    text = "ｶﾌｪは大阪府にある"  # half-width katakana before: offsets still index the original
    arts = ginza_engine.process_text(text, "ja")
    results = rec.analyze(text, ["LOCATION"], arts)
    assert [(text[r.start:r.end], r.entity_type) for r in results] == [("大阪府", "LOCATION")]
    assert results[0].recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.location.v1"
    assert rec.analyze(text, ["PERSON"], arts) == []
