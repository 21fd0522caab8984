"""Lookalike authors: confusable skeletons, edit distance, claims of officialdom."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.moderation.confusables import fold, skeleton
from privacy_kit.moderation.impersonation import find_lookalike, is_official
from privacy_kit.policy import resolve_pack
from privacy_kit.policy.schema import OfficialAccount

JSMO = resolve_pack("jsmo").official_accounts
ISJ = resolve_pack("isj").official_accounts
JSPM = resolve_pack("jspm").official_accounts
COOP = resolve_pack("seikatsuclub-saitama").official_accounts


@pytest.mark.parametrize(
    "handle",
    [
        "jsmo_0fficial",  # zero for o (the examples first)
        "ｊｓｍｏ_official",  # full width
        "jsmo.official",  # separator swapped
        "@jsmo-official",
        "JSMO__OFFICIAL",
        "jsm0_0ffici4l",
        "jsmo_offiсial",  # Cyrillic с
        "jsmо_official",  # Cyrillic о
        "jsmo_officiaI",  # capital I for l
        "jsmo_oficial",  # one letter dropped
        "jsmo_officail",  # letters swapped (2 edits)
        "jsmo_official_jp",  # the whole handle plus a suffix
        "real_jsmo_official",
        "jsmo_staff",  # the organisation's name and a claim of officialdom
        "jsmo_koushiki",
    ],
)
def test_lookalike_handles_of_jsmo_official(handle: str) -> None:
    found = find_lookalike(handle, "", JSMO)
    assert found is not None and found.official == "@jsmo_official", handle


@pytest.mark.parametrize(
    "handle",
    ["jsmo_fan_club", "jsmo_official", "JSMO_Official", "@jsmo_official", "jsmo2026_attendee", "jsmofan",
     "tanaka_onc", "jsmo", "jsmo_news", "esmo_official_jp", "asco_official", "onc_official", ""],
)
def test_not_lookalikes_of_jsmo_official(handle: str) -> None:
    assert find_lookalike(handle, "", JSMO) is None, handle


@pytest.mark.parametrize(
    ("accounts", "display_name"),
    [
        (JSMO, "日本臨床腫瘍学会 (JSMO)"),
        (JSMO, "日本臨床腫瘍学会（ＪＳＭＯ）"),
        (JSMO, "日本臨床腫瘍学会(JSMO)公式"),
        (JSMO, "日本臨床腫瘍学曾 (JSMO)"),  # one look-alike kanji
        (JSMO, "JSMO公式"),
        (JSMO, "ジェイエスエムオー公式"),  # kana spelling of the letters
        (JSMO, "JSMO事務局"),
        (JSPM, "日本緩和医療学会【公式】"),
        (JSPM, "日本緩和医療学会"),
        (COOP, "生活クラブ生協埼玉"),
        (COOP, "生活クラブ生協（埼玉）"),
        (ISJ, "Imaging Society of Japan"),
        (ISJ, "lmaging Society of Japan"),
        (ISJ, "Imaging-Society-of-Japan"),
        (ISJ, "Imaging Society of Japan (Official)"),
        (ISJ, "Imaqing Cafe"),
        (ISJ, "Imaging Cafe 公式"),
    ],
)
def test_lookalike_display_names(accounts: tuple[OfficialAccount, ...], display_name: str) -> None:
    assert find_lookalike("someone_else", display_name, accounts) is not None, display_name


@pytest.mark.parametrize(
    ("accounts", "display_name"),
    [
        (JSMO, "日本臨床腫瘍学会の会員"),
        (JSMO, "JSMOファンクラブ"),
        (JSMO, "JSMO 2026 参加者"),
        (JSMO, "がん患者の家族"),
        (JSPM, "日本緩和医療学会 会員 看護師"),
        (JSPM, "緩和ケアを学ぶ会"),
        (COOP, "生活クラブ大好き"),
        (COOP, "生活クラブ組合員 みか"),
        (ISJ, "Imaging Society of Japan fan"),
        (ISJ, "Imaging Science Lab"),
        (ISJ, "Tokyo Imaging Club"),
        (ISJ, "画像学会の会員です"),
    ],
)
def test_display_names_that_only_mention_the_organisation(accounts: tuple[OfficialAccount, ...],
                                                          display_name: str) -> None:
    assert find_lookalike("someone_else", display_name, accounts) is None, display_name


def test_the_official_account_itself_is_not_an_impersonator() -> None:
    assert is_official("@JSMO_official", JSMO) and not is_official("jsmo.official", JSMO)
    assert find_lookalike("jsmo_official", "日本臨床腫瘍学会 (JSMO)", JSMO) is None


@pytest.mark.parametrize(("text", "folded"), [
    ("ジェイエスエムオー", "jsmo"), ("せいかつくらぶ", "seikatsukurabu"), ("シャシン", "shashin"),
    ("ちょっと", "chotto"), ("オフィシャル", "ofisharu"), ("ｊｓｍｏ＿ｏｆｆｉｃｉａｌ", "jsmoofficial"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


_HANDLE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=15)


@given(_HANDLE)
def test_skeleton_ignores_width(handle: str) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in handle)
    assert skeleton(wide) == skeleton(handle)


@given(_HANDLE, st.lists(st.sampled_from("._-"), min_size=1, max_size=3), st.integers(min_value=0, max_value=15))
def test_skeleton_ignores_separators_and_case(handle: str, seps: list[str], at: int) -> None:
    at = min(at, len(handle))
    assert skeleton((handle[:at] + "".join(seps) + handle[at:]).upper()) == skeleton(handle)


@given(_HANDLE.filter(lambda h: len(h) >= 6))
def test_a_handle_is_never_its_own_lookalike_but_its_zero_variant_is(handle: str) -> None:
    account = (OfficialAccount("x", handle),)
    assert find_lookalike(handle, "", account) is None
    variant = handle.replace("o", "0") if "o" in handle else handle + "_"
    if variant != handle:
        assert find_lookalike(variant, "", account) is not None
