"""Names, places and addresses inside one Detector: which result wins an overlap."""

from __future__ import annotations

import pytest

from privacy_kit.detect import Detector
from recognizers.analyzer import build_analyzer
from recognizers.nlp_engine import GinzaNlpEngine


@pytest.fixture(scope="module")
def detector(ginza_engine: GinzaNlpEngine) -> Detector:
    return Detector(analyzer=build_analyzer(nlp_engine=ginza_engine))


# fmt: off
CASES = [
    # An address beats the places inside it; the 〒 code is its own finding.
    ("〒100-0001 東京都千代田区千代田1-1の山田太郎さん宛",
     [("JP_POSTAL_CODE", "100-0001"), ("JP_ADDRESS", "東京都千代田区千代田1-1"), ("PERSON", "山田太郎")]),
    # A city with no street number stays a place. The sentence ties 山本さん to a workplace: a
    # behaviour pattern, in its own layer, so it knocks out neither the place nor the name.
    ("横浜市中区のカフェで働く山本さん", [("LOCATION", "横浜市中区"),
                                        ("BEHAVIOR_PATTERN", "横浜市中区のカフェで働く山本さん"), ("PERSON", "山本")]),
    # An e-mail address is one finding, with no name inside it.
    ("連絡先 taro.yamada@example.com まで", [("EMAIL_ADDRESS", "taro.yamada@example.com")]),
    # A hospital named after a person is a place, not a person.
    ("田中病院に入院した", [("LOCATION", "田中病院")]),
    # Labelled name in a form, kana reading in brackets.
    ("お名前：鈴木 花子（スズキ ハナコ）", [("PERSON", "鈴木 花子"), ("PERSON", "スズキ ハナコ")]),
]
# fmt: on


@pytest.mark.ginza
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_overlap_resolution(detector: Detector, text: str, expected: list[tuple[str, str]]) -> None:
    found = [(d.entity_type, text[d.start:d.end]) for d in detector.analyze(text)]
    assert found == expected
