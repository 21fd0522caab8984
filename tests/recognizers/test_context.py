"""Context words on both sides of a candidate, and which label is nearest."""

from __future__ import annotations

import pytest

from recognizers.context import ContextHit, find_context, nearest_context
from recognizers.normalize import normalize


def _around(text: str, value: str, keywords: list[str]) -> ContextHit | None:
    norm = normalize(text)
    start = norm.text.index(normalize(value).text)
    return nearest_context(norm, start, start + len(normalize(value).text), keywords)


# fmt: off
NEAREST = [
    # text, value, keywords, expected (keyword, side, distance) or None
    ("電話：090-1234-5678", "090-1234-5678", ["電話"], ("電話", "before", 0)),    # ： is part of the label
    ("電話番号は 090-1234-5678", "090-1234-5678", ["電話"], ("電話", "before", 0)),
    ("在留カード番号KM41988643JAで登録", "KM41988643JA", ["在留カード"], ("在留カード", "before", 0)),
    ("doc=residence_card number=PL64731498EN", "PL64731498EN", ["residence card"],
     ("residence card", "before", 0)),
    ("090-1234-5678（携帯）", "090-1234-5678", ["携帯"], ("携帯", "after", 1)),
    ("ＴＥＬ０３－１２３４－５６７８", "０３－１２３４－５６７８", ["TEL"], ("TEL", "before", 0)),
    ("電話は後で。注文番号 0312345678", "0312345678", ["電話", "注文番号"], ("注文番号", "before", 0)),
    ("お問い合わせ番号0312345678", "0312345678", ["問い合わせ", "問い合わせ番号"],
     ("問い合わせ番号", "before", 0)),
    ("番号 0312345678", "0312345678", ["電話"], None),
    ("電話" + "あ" * 45 + "0312345678", "0312345678", ["電話"], None),   # outside the 40-char window
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "keywords", "expected"), NEAREST)
def test_nearest_context(text: str, value: str, keywords: list[str],
                         expected: tuple[str, str, int] | None) -> None:
    hit = _around(text, value, keywords)
    assert (None if hit is None else (hit.keyword, hit.side, hit.distance)) == expected


def test_find_context_sees_both_sides() -> None:
    norm = normalize("090-1234-5678（携帯）")
    assert find_context(norm, 0, 13, ["携帯"]) == "携帯"
    assert find_context(norm, 0, 13, ["電話"]) is None


# fmt: off
NEXT_LABELS = [
    # a keyword after the value that labels the NEXT value does not count for this one
    ("0312345678、注文番号 12345", "0312345678", ["注文番号"], None),
    ("0312345678、携帯:090-1111-2222", "0312345678", ["携帯"], None),
    ("0312345678（携帯）", "0312345678", ["携帯"], ("携帯", "after", 1)),
    ("0312345678 携帯です", "0312345678", ["携帯"], ("携帯", "after", 1)),
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "keywords", "expected"), NEXT_LABELS)
def test_labels_of_the_next_value_are_skipped(text: str, value: str, keywords: list[str],
                                              expected: tuple[str, str, int] | None) -> None:
    hit = _around(text, value, keywords)
    assert (None if hit is None else (hit.keyword, hit.side, hit.distance)) == expected


def test_contradicting_label_of_another_value_is_skipped() -> None:
    norm = normalize("member=4022 account=0009-218-9663161")
    start = norm.text.index("0009")
    assert nearest_context(norm, start, len(norm.text), ["member"], skip_labelled=True) is None
    # ... but not when it labels this very value
    norm = normalize("member=0009-218-9663161")
    assert nearest_context(norm, 7, len(norm.text), ["member"], skip_labelled=True) is not None


# fmt: off
ASCII_WORDS = [
    # ASCII keywords are words of their own; Japanese keywords match inside compounds
    ("2017年2月、Adobe社", "2017年2月", ["DOB"], None),
    ("hotel 0312345678", "0312345678", ["TEL"], None),
    ("zip 192.0.2.1", "192.0.2.1", ["IP"], None),
    ("TEL0312345678", "0312345678", ["TEL"], ("TEL", "before", 0)),
    ("src_ip=192.0.2.1", "192.0.2.1", ["IP"], ("IP", "before", 0)),
    ("accounts: 1234567", "1234567", ["account"], ("account", "before", 3)),
    ("電話番号は0312345678", "0312345678", ["電話"], ("電話", "before", 0)),
]
# fmt: on


@pytest.mark.parametrize(("text", "value", "keywords", "expected"), ASCII_WORDS)
def test_ascii_keywords_are_whole_words(text: str, value: str, keywords: list[str],
                                        expected: tuple[str, str, int] | None) -> None:
    hit = _around(text, value, keywords)
    assert (None if hit is None else (hit.keyword, hit.side, hit.distance)) == expected
