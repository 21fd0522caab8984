"""Tags, mask styles, pseudonyms, actions, generalisation: table-driven, plus properties."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kit.errors import InputError
from privacy_kit.redact.actions import DELETED, MODES, action
from privacy_kit.redact.engine import replace_spans
from privacy_kit.redact.generalise import HIERARCHIES
from privacy_kit.redact.pseudonyms import Pseudonymiser, normalise
from privacy_kit.redact.tags import LABELS, deletion_tag, parse_mask_styles, tag
from recognizers import ENTITY_TYPES
from recognizers.phone import phone_kind

ISSUE5_TYPES = ("MEDICAL_CONDITION", "CREED", "CRIMINAL_RECORD", "DISABILITY", "RACE_ETHNICITY", "SOCIAL_STATUS",
                "CRIME_VICTIM", "BEHAVIOR_PATTERN", "ONLINE_IDENTIFIER")
KEY = bytes(range(32))


@pytest.mark.parametrize("entity_type", [*ENTITY_TYPES, *ISSUE5_TYPES])
def test_every_type_has_a_tag_that_shift_jis_can_hold(entity_type: str) -> None:
    assert entity_type in LABELS
    for text in (tag(entity_type), deletion_tag(entity_type)):
        assert text.startswith("〈") and text.endswith("〉")
        assert text.encode("cp932").decode("cp932") == text


def test_known_tags() -> None:
    assert (tag("PERSON"), tag("PHONE_NUMBER"), tag("MEDICAL_CONDITION")) == ("〈氏名〉", "〈電話番号〉", "〈病歴〉")
    assert deletion_tag("JP_MY_NUMBER") == "〈削除:個人番号〉"


# fmt: off
STYLES = [
    (["PHONE_NUMBER=char:*"], "PHONE_NUMBER", "090-1234", "********"),
    (["PHONE_NUMBER=char:*"], "PERSON", "山田", "〈氏名〉"),
    (["default=char:●"], "PERSON", "山田", "●●"),
    (["default=char:●", "PERSON=tag"], "PERSON", "山田", "〈氏名〉"),
    (["PERSON=text:〈名前〉"], "PERSON", "山田太郎", "〈名前〉"),
    (["CREED=text:[要配慮]"], "CREED", "仏教徒", "[要配慮]"),
]
BAD_STYLES = [["PERSON=char:**"], ["PERSON=stars"], ["NOT_A_TYPE=tag"], ["PERSON=char:"], ["missing.toml"]]
# fmt: on


@pytest.mark.parametrize(("items", "entity", "value", "expected"), STYLES)
def test_mask_styles(items: list[str], entity: str, value: str, expected: str) -> None:
    assert parse_mask_styles(items).render(entity, value) == expected


@pytest.mark.parametrize("items", BAD_STYLES)
def test_bad_mask_styles_are_coded_errors(items: list[str]) -> None:
    with pytest.raises(InputError):
        parse_mask_styles(items)


def test_mask_styles_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "mask.toml"
    path.write_text('[mask]\ndefault = "char:*"\nPERSON = "tag"\n', encoding="utf-8")
    styles = parse_mask_styles([str(path)])
    assert (styles.render("PERSON", "山田"), styles.render("AGE", "34歳")) == ("〈氏名〉", "***")
    path.write_text('[mask]\nPERSON = 3\n', encoding="utf-8")
    with pytest.raises(InputError, match="string"):
        parse_mask_styles([str(path)])


# --- actions ---------------------------------------------------------------------------------------

# fmt: off
ACTIONS = [
    ("mask", "JP_MY_NUMBER", "tag"), ("mask", "LOCATION", "tag"), ("mask", "CREED", "tag"),
    ("pseudonymise", "JP_MY_NUMBER", "delete"), ("pseudonymise", "JP_PASSPORT", "delete"),
    ("pseudonymise", "JP_DRIVERS_LICENSE", "delete"), ("pseudonymise", "JP_HEALTH_INSURANCE", "delete"),
    ("pseudonymise", "JP_RESIDENCE_CARD", "delete"), ("pseudonymise", "JP_RESIDENT_CODE", "delete"),
    ("pseudonymise", "CREDIT_CARD", "delete"), ("pseudonymise", "JP_BANK_ACCOUNT", "delete"),
    ("pseudonymise", "PERSON", "token"), ("pseudonymise", "JP_ADDRESS", "token"),
    ("pseudonymise", "PHONE_NUMBER", "shaped"), ("pseudonymise", "EMAIL_ADDRESS", "shaped"),
    ("pseudonymise", "JP_POSTAL_CODE", "shaped"), ("pseudonymise", "LOCATION", "keep"),
    ("pseudonymise", "AGE", "keep"), ("pseudonymise", "MEDICAL_CONDITION", "keep"),
    ("anonymise", "AGE", "band"), ("anonymise", "DATE_OF_BIRTH", "tag"), ("anonymise", "CREDIT_CARD", "delete"),
]
# fmt: on


@pytest.mark.parametrize(("mode", "entity", "expected"), ACTIONS)
def test_actions(mode: str, entity: str, expected: str) -> None:
    assert action(mode, entity) == expected


@pytest.mark.parametrize("mode", [m for m in MODES if m != "mask"])
def test_identification_codes_and_financial_data_are_always_deleted(mode: str) -> None:
    assert {action(mode, t) for t in DELETED} == {"delete"}


# --- pseudonyms --------------------------------------------------------------------------------------

# fmt: off
SAME = [
    ("PERSON", ["山田 太郎", "山田太郎", "山田　太郎", "山田\u3000 太郎"]),
    ("PERSON", ["Taro Yamada", "taro yamada", "TARO  YAMADA", "ＴＡＲＯ　ＹＡＭＡＤＡ"]),
    ("PHONE_NUMBER", ["090-1234-5678", "09012345678", "０９０－１２３４－５６７８", "+81 90-1234-5678", "090 1234 5678"]),
    ("EMAIL_ADDRESS", ["Taro@Example.JP", "taro@example.jp", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"]),
    ("JP_POSTAL_CODE", ["〒100-0001", "100-0001", "1000001", "〒１００－０００１"]),
]
DIFFERENT = [
    ("PERSON", "山田太郎", "山田次郎"), ("PHONE_NUMBER", "090-1234-5678", "090-1234-5679"),
    ("EMAIL_ADDRESS", "taro@example.jp", "jiro@example.jp"),
]
# fmt: on


@pytest.mark.parametrize(("entity", "spellings"), SAME)
def test_spellings_of_one_value_get_one_pseudonym(entity: str, spellings: list[str]) -> None:
    p = Pseudonymiser(KEY)
    assert len({normalise(entity, s) for s in spellings}) == 1
    assert len({p.token(entity, s) for s in spellings}) == 1


@pytest.mark.parametrize(("entity", "a", "b"), DIFFERENT)
def test_different_values_and_different_keys_get_different_pseudonyms(entity: str, a: str, b: str) -> None:
    p, q = Pseudonymiser(KEY), Pseudonymiser(bytes(32))
    assert p.token(entity, a) != p.token(entity, b)
    assert p.token(entity, a) != q.token(entity, a)
    assert p.shaped(entity, a) != q.shaped(entity, a) or entity == "PERSON"


def test_readable_token() -> None:
    token = Pseudonymiser(KEY).token("PERSON", "山田太郎")
    assert token.startswith("氏名_") and len(token) == len("氏名_") + 8
    assert "Pseudonymiser(…)" == repr(Pseudonymiser(KEY))


phones = st.builds(lambda a, b, c, sep: f"0{a}{sep}{b}{sep}{c}", st.sampled_from(["90", "80", "70", "3", "48", "6"]),
                   st.integers(0, 9999).map(lambda n: f"{n:04d}"), st.integers(0, 9999).map(lambda n: f"{n:04d}"),
                   st.sampled_from(["-", " ", "", "－"]))


@settings(max_examples=100, deadline=None)
@given(phones)
def test_shaped_phone_keeps_its_shape_and_is_never_a_real_number(phone: str) -> None:
    out = Pseudonymiser(KEY).shaped("PHONE_NUMBER", phone)
    assert len(out) == len(phone)
    assert [c.isdigit() for c in out] == [c.isdigit() for c in phone]  # separators where they were
    assert [c for c in out if not c.isdigit()] == [c for c in phone if not c.isdigit()]
    assert phone_kind("".join(c for c in out if c.isdigit())) is None  # 00…: not in the numbering plan


def test_shaped_email_and_postal_code() -> None:
    p = Pseudonymiser(KEY)
    email = p.shaped("EMAIL_ADDRESS", "taro@example.jp")
    assert email.endswith("@pseudonym.invalid") and len(email.split("@")[0]) == 12
    assert p.shaped("JP_POSTAL_CODE", "〒100-0001").startswith("〒000-")
    assert p.shaped("JP_POSTAL_CODE", "1000001")[:3] == "000" and len(p.shaped("JP_POSTAL_CODE", "1000001")) == 7


# --- replacing by offsets -------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=30), st.data())
def test_replacing_spans_right_to_left_keeps_everything_between_them(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=6)))
    spans = [(cuts[i], cuts[i + 1], f"<{i}>") for i in range(0, len(cuts) - 1, 2)]
    expected, pos = "", 0
    for start, end, new in spans:
        expected += text[pos:start] + new
        pos = end
    assert replace_spans(text, list(reversed(spans))) == expected + text[pos:]


# --- generalisation --------------------------------------------------------------------------------

# fmt: off
GENERALISE = [
    ("age", "34", ["34", "30-34", "30-39", "20-39", "*"]),
    ("age", "34歳", ["34歳", "30-34", "30-39", "20-39", "*"]),
    ("age", 34, [34, 30, 30, 20, None]),
    ("age", "116", ["116", "90+", "90+", "90+", "*"]),
    ("age", "不明", ["不明", "不明", "不明", "不明", "*"]),
    ("address", "東京都千代田区丸の内1-1-1", ["東京都千代田区丸の内1-1-1", "東京都千代田区", "東京都", "*"]),
    ("address", "神奈川県横浜市中区山下町1", ["神奈川県横浜市中区山下町1", "神奈川県横浜市", "神奈川県", "*"]),
    ("address", "北海道石狩郡当別町太美町1", ["北海道石狩郡当別町太美町1", "北海道石狩郡当別町", "北海道", "*"]),
    ("time", "2026-11-21T13:20:33+09:00", ["2026-11-21T13:20:33+09:00", "2026-11-21", "2026-W47", "2026-11", "*"]),
    ("time", "10/Oct/2026:13:55:36 +0900", ["10/Oct/2026:13:55:36 +0900", "2026-10-10", "2026-W41", "2026-10", "*"]),
    ("time", "2026年11月21日 10時", ["2026年11月21日 10時", "2026-11-21", "2026-W47", "2026-11", "*"]),
    ("time", datetime(2026, 11, 21, 13, 20), [datetime(2026, 11, 21, 13, 20), datetime(2026, 11, 21),
                                              datetime(2026, 11, 16), datetime(2026, 11, 1), None]),
    ("birth", "1985-04-12", ["1985-04-12", "1985-04", "1985", "1980s", "*"]),
    ("birth", date(1985, 4, 12), [date(1985, 4, 12), date(1985, 4, 1), date(1985, 1, 1), date(1980, 1, 1), None]),
    ("postal", "〒100-0001", ["〒100-0001", "100-****", "1**-****", "*"]),
    ("category", "女性", ["女性", "*"]),
]
# fmt: on


@pytest.mark.parametrize(("kind", "value", "expected"), GENERALISE)
def test_generalisation_levels(kind: str, value: object, expected: list[object]) -> None:
    h = HIERARCHIES[kind]
    assert [h.apply(value, level) for level in range(h.top + 1)] == expected


# --- placeholders ---------------------------------------------------------------------------------

# fmt: off
PLACEHOLDERS = [
    ("〈氏名〉", True), ("〈削除:個人番号〉", True), ("〈病歴〉", True), ("氏名_bcdfghjk", True),
    ("ID_bcdfghjkmn", True), ("bcdfghjkmnpq@pseudonym.invalid", True), ("SNSアカウント_zzzzzzzz", True),
    ("〈山田太郎〉", False), ("〈削除:山田〉", False), ("氏名_abcdefgh", False), ("氏名_bcdfghj1", False),
    ("氏名_bcdfghjkm", False), ("taro@pseudonym.invalid", False), ("ID_12345", False), ("氏名", False),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PLACEHOLDERS)
def test_placeholders(text: str, expected: bool) -> None:
    from privacy_kit.redact.placeholders import inside, placeholder_spans

    spans = placeholder_spans(f"前{text}後")
    assert inside(spans, 1, 1 + len(text)) is expected


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(LABELS)), st.text(min_size=1, max_size=10))
def test_every_token_and_tag_is_a_placeholder(entity: str, value: str) -> None:
    from privacy_kit.redact.placeholders import inside, placeholder_spans

    p = Pseudonymiser(KEY)
    for made in (tag(entity), deletion_tag(entity), p.token(entity, value), p.shaped("EMAIL_ADDRESS", value)):
        text = f"x {made} y"
        assert inside(placeholder_spans(text), 2, 2 + len(made)), made
