"""The pack's pattern recognizers inside a plain Presidio AnalyzerEngine (no GiNZA needed)."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerResult

from .helpers import SPECS_BY_ID, found

# fmt: off
REGRESSION = [
    # japanese-pii.md §1.3: stock Presidio patterns get these wrong next to kana/kanji.
    ("連絡先はtaro@example.comです", "EMAIL_ADDRESS", 4, 20),
    ("カード番号4111111111111111です", "CREDIT_CARD", 5, 21),
    ("接続元192.168.0.1から", "IP_ADDRESS", 3, 14),
    ("携帯０９０－１２３４－５６７８", "PHONE_NUMBER", 2, 15),
]
MIXED = (
    "【問い合わせ】山田太郎（45）TEL:０３－１２３４－５６７８ / mail: taro@example.com\n"
    "マイナンバー：1234 5678 9018、口座：普通 1234567、生年月日：昭和52年4月8日、"
    "X: @taro_yamada https://example.com/blog"
)
MIXED_EXPECTED = [
    ("AGE", "45"), ("PHONE_NUMBER", "０３－１２３４－５６７８"), ("EMAIL_ADDRESS", "taro@example.com"),
    ("JP_MY_NUMBER", "1234 5678 9018"), ("JP_BANK_ACCOUNT", "1234567"), ("DATE_OF_BIRTH", "昭和52年4月8日"),
    ("SNS_ACCOUNT", "@taro_yamada"), ("URL", "https://example.com/blog"),
]
# fmt: on


@pytest.mark.parametrize(("text", "entity", "start", "end"), REGRESSION)
def test_regression_strings(pattern_analyzer: AnalyzerEngine, text: str, entity: str, start: int,
                            end: int) -> None:
    results = pattern_analyzer.analyze(text=text, language="ja")
    assert [(r.entity_type, r.start, r.end) for r in results if r.score >= 0.5] == [(entity, start, end)]


def test_mixed_post(pattern_analyzer: AnalyzerEngine) -> None:
    results = sorted(pattern_analyzer.analyze(text=MIXED, language="ja", score_threshold=0.5),
                     key=lambda r: r.start)
    assert [(r.entity_type, MIXED[r.start : r.end]) for r in results] == MIXED_EXPECTED


def test_engine_keeps_our_scores_and_names(pattern_analyzer: AnalyzerEngine) -> None:
    text = "電話 090-1234-5678"
    through_engine = pattern_analyzer.analyze(text=text, language="ja", entities=["PHONE_NUMBER"])
    alone = found(SPECS_BY_ID["jp.phone.v1"].build(), text)
    assert [(r.start, r.end, r.score) for r in through_engine] == [(r.start, r.end, r.score) for r in alone]
    assert through_engine[0].recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.phone.v1"


def test_engine_lists_all_entities(pattern_analyzer: AnalyzerEngine) -> None:
    assert set(pattern_analyzer.get_supported_entities("ja")) == {
        e for spec in SPECS_BY_ID.values() for e in spec.entities
    }


def test_decision_process_is_available(pattern_analyzer: AnalyzerEngine) -> None:
    results = pattern_analyzer.analyze(text="マイナンバー 123456789018", language="ja",
                                       entities=["JP_MY_NUMBER"], return_decision_process=True)
    assert results[0].analysis_explanation.validation_result is True
