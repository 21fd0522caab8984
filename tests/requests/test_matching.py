"""Search keys: name forms (kanji, kana, romaji, both orders), e-mail, phone, account, member id;
exact offsets on the original text, CJK-safe boundaries."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.requests import Identifier
from privacy_kit.requests.matching import find_matches, national_digits, search_keys
from privacy_kit.requests.names import name_forms, split_name
from privacy_kit.requests.romaji import spellings, to_romaji

SUBJECT = [
    Identifier("name", "山田 太郎"),
    Identifier("email", "taro.yamada@example.jp"),
    Identifier("phone", "090-1234-5678"),
    Identifier("account", "@taro_y"),
    Identifier("member_id", "M-0042"),
]
KEYS = search_keys(SUBJECT)

# fmt: off
POSITIVES = [
    # (text, the subject's part of it, identifier kinds that matched)
    ("山田太郎さんから連絡",                 "山田太郎",                  ("name",)),
    ("山田 太郎です",                       "山田 太郎",                 ("name",)),
    ("山田　太郎です",                      "山田　太郎",                ("name",)),   # full-width space
    ("氏名:ヤマダタロウ",                   "ヤマダタロウ",              ("name",)),
    ("ﾔﾏﾀﾞ ﾀﾛｳ様",                          "ﾔﾏﾀﾞ ﾀﾛｳ",                 ("name",)),   # half-width kana
    ("やまだ・たろう",                      "やまだ・たろう",            ("name",)),
    ("Thanks, Taro Yamada!",                "Taro Yamada",              ("name",)),
    ("YAMADA Taro (PhD)",                   "YAMADA Taro",              ("name",)),
    ("from Tarō Yamada",                    "Tarō Yamada",              ("name",)),
    ("ｔａｒｏ ｙａｍａｄａ",                 "ｔａｒｏ ｙａｍａｄａ",      ("name",)),   # full-width Latin
    ("連絡先taro.yamada@example.jp",        "taro.yamada@example.jp",   ("email", "name")),
    ("mail: TARO.YAMADA@EXAMPLE.JP.",       "TARO.YAMADA@EXAMPLE.JP",   ("email", "name")),
    ("taro.yamada@example.jpn",             "taro.yamada",              ("name",)),   # the name, not the address
    ("電話は０９０ー１２３４ー５６７８です", "０９０ー１２３４ー５６７８", ("phone",)),
    ("tel:09012345678",                     "09012345678",              ("phone",)),
    ("+81-90-1234-5678まで",                "+81-90-1234-5678",         ("phone",)),
    ("(090) 1234 5678",                     "(090) 1234 5678",          ("phone",)),
    ("返信 @taro_y さん",                   "@taro_y",                  ("account",)),
    ("twitter.com/TARO_Y",                  "TARO_Y",                   ("account",)),
    ("会員番号M-0042の方",                  "M-0042",                   ("member_id",)),
    ("会員番号Ｍ－００４２",                "Ｍ－００４２",              ("member_id",)),
]
NEGATIVES = [
    "山田花子さん",            # same surname, another person
    "山田さんと太郎くん",      # the parts apart
    "Taro Yamadaya",           # a longer word
    "taro_yamada2",            # another handle
    "090-1234-56789",          # a longer number
    "1090-1234-5678",
    "81-90-1234-5678",         # +81 without the plus is not this number
    "xtaro.yamada@example.jp", # another address ending the same way
    "t.yamada@example.jp",     # not the address, not the name
    "@taro_yy",
    "M-00421",
    "AM-0042",
]
# fmt: on


@pytest.mark.parametrize(("text", "part", "kinds"), POSITIVES)
def test_the_subject_is_found_with_exact_offsets(text: str, part: str, kinds: tuple[str, ...]) -> None:
    matches = find_matches(text, KEYS)
    assert [(text[m.start : m.end], m.kinds) for m in matches] == [(part, kinds)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_others_are_not_found(text: str) -> None:
    assert find_matches(text, KEYS) == []


# fmt: off
NAMES = [
    # (name, reading given, parts, katakana reading, some romaji forms expected)
    ("山田 太郎",   None,             ("山田", "太郎"),   ("ヤマダ", "タロウ"),   {("taro", "yamada"), ("yamada", "tarou")}),
    ("山田太郎",    None,             ("山田", "太郎"),   ("ヤマダ", "タロウ"),   {("tarō", "yamada")}),
    ("佐藤一郎",    "サトウ イチロウ", ("佐藤", "一郎"),   ("サトウ", "イチロウ"), {("ichiro", "sato"), ("satoh", "ichiroh")}),
    ("佐藤一郎",    "さとういちろう", ("佐藤", "一郎"),   ("サトウ", "イチロウ"), {("sato", "ichiro")}),
    ("本間 健",     None,             ("本間", "健"),     ("ホンマ", "ケン"),     {("homma", "ken"), ("ken", "honma")}),
    ("服部 拓哉",   "ハットリ タクヤ", ("服部", "拓哉"),   ("ハットリ", "タクヤ"), {("hattori", "takuya")}),
    ("Taro Yamada", None,             ("Taro", "Yamada"), None,                   {("taro", "yamada"), ("yamada", "taro")}),
]
# fmt: on


@pytest.mark.parametrize(("name", "reading", "parts", "kata", "romaji"), NAMES)
def test_name_forms(
    name: str, reading: str | None, parts: tuple[str, ...], kata: tuple[str, ...] | None, romaji: set
) -> None:
    forms = name_forms(name, reading)
    assert forms.written == parts
    if kata is None:
        assert forms.kana == ()
    else:
        assert forms.kana[0] == kata and forms.kana[1] == tuple(
            "".join(chr(ord(c) - 0x60) for c in p) for p in kata
        )
    assert romaji <= set(forms.romaji)


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [("ヤマダ", "yamada"), ("きょうこ", "kyouko"), ("ハットリ", "hattori"), ("イッチョウ", "itchou"),
     ("シンイチ", "shinichi"), ("ユーコ", "yuuko"), ("ジュンペイ", "junpei"), ("ヤマダ1", None)],
)
def test_kana_to_hepburn(kana: str, romaji: str | None) -> None:
    assert to_romaji(kana) == romaji


def test_spellings_cover_what_people_write() -> None:
    assert {"kyouko", "kyoko", "kyohko", "kyōko"} <= spellings("kyouko")
    assert {"junpei", "jumpei"} <= spellings("junpei")


@pytest.mark.parametrize(("text", "parts"), [("鈴木花子", ("鈴木", "花子")), ("鈴木", ("鈴木",)), ("ヤマダ タロウ", ("ヤマダ", "タロウ"))])
def test_split_name(text: str, parts: tuple[str, ...]) -> None:
    assert split_name(text) == parts


@pytest.mark.parametrize(
    ("phone", "digits"),
    [("090-1234-5678", "09012345678"), ("+81 90 1234 5678", "09012345678"), ("０３（１２３４）５６７８", "0312345678"),
     ("81-90-1234-5678", "09012345678"), ("0120-123-456", "0120123456"), ("12", None)],
)
def test_national_digits(phone: str, digits: str | None) -> None:
    assert national_digits(phone) == digits


FILLER = st.text(
    alphabet=st.sampled_from(list("あいうえおアイウエオ漢字今日はです。、 　!?") + ["\n"]), max_size=12
)
FORMS = st.sampled_from(["山田太郎", "山田　太郎", "ヤマダタロウ", "ﾔﾏﾀﾞﾀﾛｳ", "やまだ たろう", "０９０－１２３４－５６７８",
                         "taro.yamada@example.jp", "Ｔａｒｏ　Ｙａｍａｄａ"])


@settings(max_examples=200, deadline=None)
@given(before=FILLER, form=FORMS, after=FILLER)
def test_offsets_point_at_the_form_in_the_original_text(before: str, form: str, after: str) -> None:
    """Wherever a form sits in Japanese text, the match covers exactly it, in the original offsets."""
    text = before + form + after
    matches = find_matches(text, KEYS)
    spans = [(m.start, m.end) for m in matches]
    assert (len(before), len(before) + len(form)) in spans, (text, spans)
    for m in matches:
        assert unicodedata.normalize("NFKC", text[m.start : m.end]).strip() == unicodedata.normalize(
            "NFKC", text[m.start : m.end]
        )
