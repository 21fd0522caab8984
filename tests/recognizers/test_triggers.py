"""Triggers are necessary conditions: where a recognizer's trigger is False, it finds nothing.

A trigger that is wrong would make the detector's fast path silently drop findings, so every
pattern-tier recognizer is checked against its trigger on generated texts built from the
fragments its patterns look for (and their near misses), and each trigger is shown to hold on a
text its recognizer does find something in.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer import EntityRecognizer

from recognizers.catalog import all_specs
from recognizers.normalize import normalize
from recognizers.registry import RecognizerSpec
from recognizers.triggers import ADDRESS, AT_SIGN, DIGIT, IP, KANA_PAIR, LATIN, LETTER, NUMERAL, SNS, URL

PATTERN_SPECS = [s for s in all_specs() if s.tier == "pattern"]
_BUILT: dict[str, EntityRecognizer] = {}


def _recognizer(spec: RecognizerSpec) -> EntityRecognizer:
    if spec.id not in _BUILT:
        _BUILT[spec.id] = spec.build()
    return _BUILT[spec.id]


def _finds(spec: RecognizerSpec, text: str) -> bool:
    rec = _recognizer(spec)
    return bool(rec.analyze(text, list(rec.supported_entities), None))


# Pieces of what the pattern recognizers look for, in several spellings, and their labels.
FRAGMENTS = [
    "090-1234-5678", "０９０－１２３４－５６７８", "03(1234)5678", "+81 90 1234 5678", "09012345678",
    "taro.yamada@example.com", "taro%40example.jp", "taro(at)example.com", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
    "https://x.com/taro_y", "www.example.jp/a", "@taro_y", "instagram.com/taro", "http://",
    "192.168.10.20", "fe80::1", "abcd:ef::", "::",
    "4111 1111 1111 1111", "4111111111111111", "1234 5678 9018", "T1234567890123",
    "TK1234567", "AB12345678CD", "12345678901",
    "普通 1234567", "記号 12345 番号 67", "被保険者番号", "口座番号", "マイナンバー", "旅券", "免許",
    "昭和元年生まれ", "平成二年五月五日", "1990年5月5日生", "生年月日", "誕生日", "May 5, 1990", "S55.5.5",
    "四十五歳", "満45歳", "30代", "年齢：", "age=", "45 years old", "山田太郎（45）", "(45)",
    "〒100-0001", "100-0001", "1000001", "郵便番号", "東京都", "千代田区", "横浜市中区山下町",
    "一丁目二番地三号", "1-2-3", "三番", "101号室", "ビル3F",
    "Taro Yamada", "Mr. Tanaka", "YAMADA Taro", "-san", "様", "さん", "先生",
    "スズキ ハナコ", "サトー タロウ", "鈴木 花子", "お名前：", "氏名", "名前", "name=", "担当",
    "電話", "TEL", "mail", "url", "ID", "key=", '"phone": "', ",", "\t", "\n", " ", "　", "：", "・", "ー",
    "٣٤٥", "①②", "Ⅻ", "㈱", "ｶﾞ",
]
ALPHABET = "0123456789０１２３４５６７８９一二三四五六七八九十元〇@%:/.-_()年月日歳市区町村郡丁番号条aZ あア漢"
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet=ALPHABET, max_size=4), max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@pytest.mark.parametrize("spec", [s for s in PATTERN_SPECS if s.trigger is not None], ids=lambda s: s.id)
def test_a_recognizer_finds_nothing_where_its_trigger_is_false(spec: RecognizerSpec, text: str) -> None:
    assert spec.trigger is not None
    if not spec.trigger(normalize(text).text):
        assert not _finds(spec, text), f"{spec.id} found something in {text!r} (trigger {spec.trigger.name})"


# fmt: off
POSITIVES = [
    ("jp.phone.v1", "電話 090-1234-5678"), ("jp.email.v1", "mail: taro(at)example.com"),
    ("jp.sns_account.v1", "フォローしてね @taro_y"), ("jp.url.v1", "www.example.jp を見て"),
    ("jp.ip_address.v1", "接続元 fe80::1"), ("jp.credit_card.v1", "カード 4111 1111 1111 1111"),
    ("jp.passport.v1", "旅券番号 TK1234567"), ("jp.date_of_birth.v1", "昭和元年生まれ"),
    ("jp.age.v1", "父は四十五歳です"), ("jp.address.v1", "横浜市中区山下町一丁目二番地"),
    ("jp.postal_code.v1", "〒100-0001"), ("jp.person_romaji.v1", "Dear Mr. Tanaka,"),
    ("jp.person_labelled.v1", "お名前：鈴木 花子"), ("jp.person_kana.v1", "スズキ ハナコ"),
]
# fmt: on


@pytest.mark.parametrize(("spec_id", "text"), POSITIVES)
def test_trigger_holds_where_its_recognizer_finds_something(spec_id: str, text: str) -> None:
    spec = next(s for s in all_specs() if s.id == spec_id)
    assert _finds(spec, text)
    assert spec.trigger is not None and spec.trigger(normalize(text).text)


@pytest.mark.parametrize(("trigger", "text", "expected"), [
    (DIGIT, "電話は未定", False), (DIGIT, "٣", True), (DIGIT, "０", True),
    (NUMERAL, "昭和元年", True), (NUMERAL, "こんにちは", False),
    (AT_SIGN, "a[at]b.jp", True), (AT_SIGN, "at home", False),
    (URL, "HTTPS://x", True), (URL, "example.jp", False),
    (SNS, "x.com/a", True), (SNS, "フォロー", False),
    (IP, "::", True), (IP, "abc", False),
    (LETTER, "山", True), (LETTER, "々", True), (LETTER, "123-456 !?", False),
    (LATIN, "Taro", True), (LATIN, "taro", False),
    (KANA_PAIR, "サトー タロウ", True), (KANA_PAIR, "サトータロウ", False),
    (ADDRESS, "千代田区1", True), (ADDRESS, "千代田区", False), (ADDRESS, "1-2-3", False),
])
def test_triggers_on_normalised_text(trigger: object, text: str, expected: bool) -> None:
    assert trigger(normalize(text).text) is expected  # type: ignore[operator]


def test_every_pattern_recognizer_with_a_trigger_has_a_positive_example() -> None:
    """A new trigger needs a POSITIVES row: it shows the trigger is not simply always False."""
    with_trigger = {s.id for s in PATTERN_SPECS if s.trigger is not None}
    digit_only = {s.id for s in PATTERN_SPECS if s.trigger is DIGIT}
    covered = {spec_id for spec_id, _ in POSITIVES}
    assert with_trigger - digit_only <= covered
