"""jp.behaviour.v1: sentences tying a person to whereabouts or a schedule; recognizers.sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from presidio_analyzer import AnalyzerEngine

from recognizers import build_analyzer
from recognizers.behaviour import SPECS, behaviour_precheck
from recognizers.empty_nlp import pattern_analyzer
from recognizers.nlp_engine import GinzaNlpEngine
from recognizers.sentences import TERMINATORS, sentence_at, sentences

# fmt: off
POSITIVES = [
    ("さっき駅前のスタバで田中さん見かけた。", ["さっき駅前のスタバで田中さん見かけた。"]),
    ("隣の部屋の人、毎晩11時過ぎに帰ってくる。", ["隣の部屋の人、毎晩11時過ぎに帰ってくる。"]),
    ("佐藤部長って川崎市に住んでるらしい。", ["佐藤部長って川崎市に住んでるらしい。"]),
    ("鈴木さんち、来週から旅行で留守らしいよ。", ["鈴木さんち、来週から旅行で留守らしいよ。"]),
    ("山田さん、今〇〇病院に入院してるって。", ["山田さん、今〇〇病院に入院してるって。"]),
    ("今日は雨。うちの上司、毎週水曜は在宅勤務なんだよね。", ["うちの上司、毎週水曜は在宅勤務なんだよね。"]),
    ("2階の奥さん、毎朝7時にゴミを出して駅まで歩いていく。", ["2階の奥さん、毎朝7時にゴミを出して駅まで歩いていく。"]),
    ("  高橋くんは駅の近くの塾に通ってるよ！", ["高橋くんは駅の近くの塾に通ってるよ！"]),
    ("妹の彼氏、最近うちの近所に引っ越してきたらしい", ["妹の彼氏、最近うちの近所に引っ越してきたらしい"]),
    ("店長は明日から出張で店にいない。", ["店長は明日から出張で店にいない。"]),
]
NEGATIVES = [
    "今日は横浜で教育セミナーでした。",
    "会長の佐藤が開会の挨拶を行いました。",
    "田中さんの講演、とても分かりやすかったです。",
    "毎週火曜日は休館日です。",
    "田中さんに教えてもらったカフェ、毎週火曜が定休日なんだって。",
    "佐藤さん、いつもありがとうございます。",
    "駅前のスーパーは夜11時まで営業しています。",
    "来週、大阪で講演します。",
    "鈴木先生の研究室は3階にあります。受付時間は9時から17時です。",
    "毎朝7時に起きてジョギングしています。",
    "母の作ったカレーはいつも美味しい。",
    "山田さんの新刊、本屋で平積みになってた。",
]
# fmt: on


def _found(analyzer: AnalyzerEngine, text: str, engine: GinzaNlpEngine | None = None) -> list[str]:
    kwargs = {}
    if engine is not None:
        kwargs["nlp_artifacts"] = engine.process_text(text, "ja")
    results = analyzer.analyze(text=text, language="ja", entities=["BEHAVIOR_PATTERN"], **kwargs)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)]


# -- sentences ------------------------------------------------------------------------------------

# fmt: off
SENTENCE_CASES = [
    ("今日は晴れ。 田中さんを駅で見た！！\n明日も　雨？ です", ["今日は晴れ。", "田中さんを駅で見た！！", "明日も　雨？", "です"]),
    ("", []),
    ("。。", []),
    ("終わりのない文", ["終わりのない文"]),
    ("A?B!C", ["A?", "B!", "C"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


@given(st.text(alphabet="あ田。！？!?\n 　", max_size=60))
def test_sentences_are_ordered_trimmed_and_end_at_a_terminator(text: str) -> None:
    spans = list(sentences(text))
    assert spans == sorted(spans)
    for (s, e), nxt in zip(spans, spans[1:] + [(len(text), len(text))]):
        assert 0 <= s < e <= nxt[0]
        body = text[s:e]
        assert body == body.strip(" \u3000") and "\n" not in body
        inner = body.rstrip("。！？!?")
        assert not any(c in TERMINATORS for c in inner)
    for s, e in spans:
        assert sentence_at(text, s) == (s, e)


# -- pre-check and close patterns (no parse) ----------------------------------------------------------


@pytest.mark.parametrize(("text", "_"), POSITIVES)
def test_precheck_passes_every_positive(text: str, _: list[str]) -> None:
    assert behaviour_precheck(text)


@pytest.mark.parametrize("text", ["今日は横浜で教育セミナーでした。", "毎週火曜日は休館日です。", "こんにちは"])
def test_precheck_fails_without_a_person(text: str) -> None:
    assert not behaviour_precheck(text)


@pytest.fixture(scope="module")
def pattern_only() -> AnalyzerEngine:
    return pattern_analyzer(SPECS)


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_same_sentence_fallback_finds_positives(pattern_only: AnalyzerEngine, text: str, expected: list[str]) -> None:
    assert _found(pattern_only, text) == expected


@pytest.mark.parametrize("text", [t for t in NEGATIVES if "カフェ" not in t])
def test_same_sentence_fallback_skips_negatives(pattern_only: AnalyzerEngine, text: str) -> None:
    assert _found(pattern_only, text) == []


# -- dependency parse (GiNZA) -------------------------------------------------------------------


@pytest.fixture(scope="module")
def parsed(ginza_engine: GinzaNlpEngine) -> AnalyzerEngine:
    return build_analyzer(nlp_engine=ginza_engine, entities=["BEHAVIOR_PATTERN"])


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_parse_keeps_positives(parsed: AnalyzerEngine, ginza_engine: GinzaNlpEngine, text: str,
                               expected: list[str]) -> None:
    assert _found(parsed, text, ginza_engine) == expected


@pytest.mark.ginza
@pytest.mark.parametrize("text", NEGATIVES)
def test_parse_skips_negatives(parsed: AnalyzerEngine, ginza_engine: GinzaNlpEngine, text: str) -> None:
    assert _found(parsed, text, ginza_engine) == []
