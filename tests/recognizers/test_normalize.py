"""Property tests for recognizers.normalize: the offset map is exact for any text.

The normaliser decides two things from a character's neighbours: ー is a hyphen only between
digits, and (with ``address_numerals``) kanji numerals become digits only before an address
unit. Cutting a span next to such a character can change its reading, so the round-trip
property is stated on the context-free alphabet, and those two rules get their own tests.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.normalize import DASHES, SPACES, normalize

# Characters the normaliser treats specially, plus ordinary Japanese and ASCII.
_SPECIAL = (
    "０１２３４５６７８９ＡＢＣａｂｃ＠．－（）："
    + DASHES.replace("\u30fc", "").replace("\uff70", "")
    + SPACES
    + "ｶﾞﾊﾟｱｲｳﾞｯｰ"[:-1] + "㈱①②㍻ﬁ\u3099\u309a゛゜が\u0301é"
)
_PLAIN = "あいうかきくアイウ漢字東京都電話番号携帯住所abcXYZ0123456789-@. \n"
context_free_text = st.text(alphabet=st.sampled_from(sorted(set(_SPECIAL + _PLAIN))), max_size=40)
any_text = st.text(max_size=40)


def _group_bounds(norm) -> list[int]:  # type: ignore[no-untyped-def]
    """Normalised indices where a new original character group starts (plus both ends)."""
    n = len(norm.text)
    if norm.starts is None:
        return list(range(n + 1))
    return [0, *[i for i in range(1, n) if norm.starts[i] != norm.starts[i - 1]], n]


@given(any_text, st.booleans())
def test_mapped_spans_are_in_bounds_and_monotone(text: str, address_numerals: bool) -> None:
    norm = normalize(text, address_numerals=address_numerals)
    prev_start = prev_end = 0
    for i in range(len(norm.text)):
        start, end = norm.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)
        assert start >= prev_start and end >= prev_end
        prev_start, prev_end = start, end
    if norm.text:
        assert norm.to_original(0, len(norm.text)) == (0, len(text))


@given(any_text)
def test_every_original_character_is_covered(text: str) -> None:
    norm = normalize(text)
    covered = set()
    for i in range(len(norm.text)):
        covered.update(range(*norm.to_original(i, i + 1)))
    assert covered == set(range(len(text)))


@settings(max_examples=300)
@given(context_free_text)
def test_original_of_a_span_normalises_back_to_the_span(text: str) -> None:
    norm = normalize(text)
    bounds = _group_bounds(norm)
    for a in bounds:
        for b in bounds:
            if a < b:
                start, end = norm.to_original(a, b)
                assert normalize(text[start:end]).text == norm.text[a:b]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_is_the_identity(text: str) -> None:
    norm = normalize(text)
    assert norm.text == text
    assert norm.is_identity
    for i in range(len(text) + 1):
        assert norm.to_original(i, len(text)) == (i, len(text))


@given(st.text(alphabet="０１２３４５６７８９", min_size=1, max_size=20))
def test_full_width_digits_map_one_to_one(text: str) -> None:
    norm = normalize(text)
    assert norm.text == unicodedata.normalize("NFKC", text)
    assert norm.text.isascii()
    for i in range(len(text)):
        for j in range(i, len(text) + 1):
            assert norm.to_original(i, j) == (i, j)


@given(st.text(alphabet="0123456789０１２３４５６７８９", min_size=1, max_size=4),
       st.sampled_from(list(DASHES)),
       st.text(alphabet="0123456789０１２３４５６７８９", min_size=1, max_size=4))
def test_any_dash_between_digits_is_a_hyphen(left: str, dash: str, right: str) -> None:
    norm = normalize(left + dash + right)
    assert norm.text == unicodedata.normalize("NFKC", left) + "-" + unicodedata.normalize("NFKC", right)
    assert norm.to_original(len(left), len(left) + 1) == (len(left), len(left) + 1)


# fmt: off
CHOON = [
    ("０９０ー１２３４", "090-1234"),
    ("090ｰ1234", "090-1234"),
    ("コーヒー", "コーヒー"),
    ("3ーヒ", "3ーヒ"),
    ("ー1", "ー1"),
]
SPAN_MAPS = [
    # (text, normalised span, original span)
    ("携帯０９０－１２３４－５６７８", (2, 15), (2, 15)),
    ("㈱ABC 090", (0, 3), (0, 1)),        # 「㈱」 expands to 「(株)」
    ("ｶﾞｽ 03-1234", (0, 1), (0, 2)),     # 「ｶﾞ」 merges into 「ガ」
    ("ｶﾞｽ 03-1234", (3, 10), (4, 11)),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CHOON)
def test_choon_is_a_hyphen_only_between_digits(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize(("text", "norm_span", "orig_span"), SPAN_MAPS)
def test_span_maps(text: str, norm_span: tuple[int, int], orig_span: tuple[int, int]) -> None:
    assert normalize(text).to_original(*norm_span) == orig_span


@given(any_text)
def test_to_normalized_inverts_group_starts(text: str) -> None:
    norm = normalize(text)
    for i in _group_bounds(norm)[:-1]:
        start, _ = norm.to_original(i, i + 1)
        assert norm.to_normalized(start) == i


def test_out_of_range_span_is_an_error() -> None:
    with pytest.raises(ValueError):
        normalize("０９０").to_original(0, 4)


# fmt: off
ADDRESS_NUMERALS = [
    ("三丁目5番", "3丁目5番"),
    ("二十三番地", "23番地"),
    ("二〇二六号", "2026号"),
    ("一郎さん", "一郎さん"),      # not before an address unit
    ("8百番地", "8百番地"),        # mixed arabic + kanji: left alone rather than read as 8100
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ADDRESS_NUMERALS)
def test_address_numerals(text: str, expected: str) -> None:
    assert normalize(text, address_numerals=True).text == expected
    assert normalize(text).text == text
