"""The labelled evaluation set checks itself: sync with its source, span hygiene, coverage, valid identifiers.

The detection targets (micro F1, per-type recall/precision) are measured on this file, so a stale
JSONL, a span that swallowed an honorific or a My Number with a wrong check digit would quietly
move those numbers. These tests fail on any of that; they do not run the detector.
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
import urllib.parse
from collections import Counter

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.data import build_labelled as bl
from tests.data import checkdigits as cd

RECORDS = bl.parse_source(bl.SOURCE.read_text(encoding="utf-8"))
JSONL_LINES = bl.OUTPUT.read_text(encoding="utf-8").splitlines()

IDENTIFIER_TYPES = (
    "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "SNS_ACCOUNT",
    "CREDIT_CARD", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "JP_RESIDENT_CODE", "JP_PASSPORT",
    "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD", "JP_BANK_ACCOUNT", "JP_HEALTH_INSURANCE",
)

# fmt: off
MIN_SPANS: dict[str, int] = {
    "PERSON": 40, "LOCATION": 25, "JP_ADDRESS": 15, "DATE_OF_BIRTH": 12, "AGE": 12,
    **{t: 12 for t in IDENTIFIER_TYPES},
}
# fmt: on


def _spans(etype: str) -> list[tuple[str, str]]:
    """(record id, surface) of every span of one type."""
    return [(r.id, r.text[s.start:s.end]) for r in RECORDS for s in r.entities if s.type == etype]


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


# --------------------------------------------------------------------------- file-level checks


def test_jsonl_is_in_sync_with_source() -> None:
    assert bl.OUTPUT.read_text(encoding="utf-8") == bl.to_jsonl(RECORDS), (
        "labelled_posts.jsonl is stale: run .venv/bin/python tests/data/build_labelled.py"
    )


def test_check_mode_agrees() -> None:
    assert bl.main(["--check"]) == 0


def test_jsonl_objects_have_exactly_the_documented_shape() -> None:
    for line in JSONL_LINES:
        obj = json.loads(line)
        assert list(obj) == ["id", "kind", "text", "entities"]
        for ent in obj["entities"]:
            assert list(ent) == ["start", "end", "type"]
            assert isinstance(ent["start"], int) and isinstance(ent["end"], int)
        assert "\\u" not in line, "written with ensure_ascii=False: Japanese stays readable"


def test_the_project_loader_reads_it() -> None:
    from privacy_kit.evaluation.datasets import load_dataset

    ds = load_dataset(bl.OUTPUT)
    assert len(ds) == len(RECORDS)
    assert ds.labels == frozenset(bl.ENTITY_TYPES)


def test_entity_types_match_the_package() -> None:
    from recognizers.entities import IDENTIFIER_TYPES as PACKAGE_IDENTIFIERS
    from recognizers.entities import PERSONAL_VALUE_TYPES

    # This set labels personal values; context types (要配慮, behaviour, online ids) have their own sets.
    assert set(bl.ENTITY_TYPES) == set(PERSONAL_VALUE_TYPES)
    assert set(IDENTIFIER_TYPES) == set(PACKAGE_IDENTIFIERS)


def test_ids_are_unique_and_there_are_enough_records() -> None:
    ids = [r.id for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert len(RECORDS) >= 200


@pytest.mark.parametrize("etype", sorted(MIN_SPANS))
def test_each_type_has_its_minimum_span_count(etype: str) -> None:
    assert len(_spans(etype)) >= MIN_SPANS[etype], f"{etype}: {len(_spans(etype))} spans"


def test_every_entity_type_is_present() -> None:
    assert {s.type for r in RECORDS for s in r.entities} == set(bl.ENTITY_TYPES)


def test_composition_follows_the_brief() -> None:
    kinds = Counter(r.kind for r in RECORDS)
    n = len(RECORDS)
    assert (kinds["post"] + kinds["comment"]) / n >= 0.40
    assert kinds["log"] / n >= 0.20
    assert (kinds["form"] + kinds["dm"]) / n >= 0.12
    pure_negative = [r for r in RECORDS if not r.entities]
    assert len(pure_negative) / n >= 0.12
    # a record with no entity must at least carry a deliberate trap, otherwise it tests nothing
    assert all(r.hard_negatives for r in pure_negative if r.id.startswith("n"))


def test_hard_negatives_cover_the_issue_list() -> None:
    assert sum(1 for r in RECORDS if r.hard_negatives) >= 60
    per_category = Counter(s.type for r in RECORDS for s in r.hard_negatives)
    for category in ("order_no", "member_no", "date", "time", "amount", "venue", "org", "hashtag",
                     "product_code", "version", "isbn", "general_age"):
        assert per_category[category] >= 3, category
    # order / registration numbers of identifier length (10-13 digits) are the sharpest traps
    long_numbers = [r.text[s.start:s.end] for r in RECORDS for s in r.hard_negatives
                    if s.type in ("order_no", "member_no") and 10 <= len(re.sub(r"\D", "", r.text[s.start:s.end])) <= 13]
    assert len(long_numbers) >= 10


# --------------------------------------------------------------------------- span hygiene

_EDGE_PUNCT = set("「」『』【】、。，．：:;；\"'“”・")
_HONORIFICS = ("さん", "様", "さま", "先生", "くん", "君", "ちゃん", "氏", "殿", "医師")


def test_spans_are_in_range_non_empty_and_trimmed() -> None:
    for r in RECORDS:
        for s in (*r.entities, *r.hard_negatives):
            assert 0 <= s.start < s.end <= len(r.text), r.id
            surface = r.text[s.start:s.end]
            assert surface == surface.strip(), (r.id, surface)
            assert "\n" not in surface, (r.id, surface)


def test_spans_do_not_overlap() -> None:
    for r in RECORDS:
        spans = sorted((*r.entities, *r.hard_negatives), key=lambda s: s.start)
        for a, b in zip(spans, spans[1:]):
            assert a.end <= b.start, (r.id, r.text[a.start:a.end], r.text[b.start:b.end])


def test_spans_carry_no_surrounding_punctuation() -> None:
    for r in RECORDS:
        for s in r.entities:
            surface = r.text[s.start:s.end]
            assert surface[0] not in _EDGE_PUNCT and surface[-1] not in _EDGE_PUNCT, (r.id, surface)
            if s.type != "PHONE_NUMBER":  # (03)5789-2201 keeps its parentheses
                assert surface[0] not in "(（" and surface[-1] not in ")）", (r.id, surface)


def test_markup_left_nothing_behind() -> None:
    for r in RECORDS:
        assert "[[" not in r.text and "]]" not in r.text, r.id


@pytest.mark.parametrize("rid,surface", _spans("PERSON"))
def test_person_spans_exclude_honorifics(rid: str, surface: str) -> None:
    assert not surface.endswith(_HONORIFICS), (rid, surface)
    assert not surface.startswith(("Dr.", "Dr ", "Mr.", "Ms.", "Prof.")), (rid, surface)
    assert not re.search(r"\d", surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("LOCATION"))
def test_location_spans_have_no_street_numbers(rid: str, surface: str) -> None:
    assert not re.search(r"\d", _nfkc(surface)), f"{rid}: {surface!r} looks like an address"


@pytest.mark.parametrize("rid,surface", _spans("JP_ADDRESS"))
def test_address_spans_are_street_addresses(rid: str, surface: str) -> None:
    assert re.search(r"\d", _nfkc(surface)), (rid, surface)
    assert "〒" not in surface and not re.match(r"\d{3}-?\d{4}", _nfkc(surface)), (rid, surface)
    assert re.match(r"(東京都|北海道|(京都|大阪)府|.{2,3}県|.{1,5}市)", surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("DATE_OF_BIRTH"))
def test_birth_dates_are_bare_dates(rid: str, surface: str) -> None:
    assert re.search(r"\d", _nfkc(surface)), (rid, surface)
    assert not re.search(r"生年月日|生まれ|誕生日|birth", surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("AGE"))
def test_ages_are_ages(rid: str, surface: str) -> None:
    assert re.fullmatch(r"(満|享年)?\d{1,3}(歳|才|さい|代)?", _nfkc(surface)), (rid, surface)


# --------------------------------------------------------------------------- identifier validity


@pytest.mark.parametrize("rid,surface", _spans("JP_MY_NUMBER"))
def test_my_numbers_have_valid_check_digits(rid: str, surface: str) -> None:
    assert re.fullmatch(r"\d{4}[ \-.]?\d{4}[ \-.]?\d{4}", _nfkc(surface)), (rid, surface)
    assert cd.is_valid_my_number(surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("JP_CORPORATE_NUMBER"))
def test_corporate_numbers_have_valid_check_digits(rid: str, surface: str) -> None:
    assert re.fullmatch(r"T?\d{13}", _nfkc(surface)), (rid, surface)
    assert cd.is_valid_corporate_number(surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("CREDIT_CARD"))
def test_card_numbers_pass_luhn(rid: str, surface: str) -> None:
    assert re.fullmatch(r"[\d \-]{14,23}", _nfkc(surface)), (rid, surface)
    assert cd.is_valid_luhn(surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("JP_RESIDENT_CODE"))
def test_resident_codes_have_valid_check_digits(rid: str, surface: str) -> None:
    assert re.fullmatch(r"\d{11}", _nfkc(surface)), (rid, surface)
    assert cd.is_valid_resident_code(surface), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("JP_DRIVERS_LICENSE"))
def test_licence_numbers_have_valid_check_digits(rid: str, surface: str) -> None:
    assert re.fullmatch(r"\d{12}", _nfkc(surface)), (rid, surface)
    assert cd.is_valid_drivers_license(surface), (rid, surface)


# fmt: off
FORMATS: dict[str, str] = {
    "JP_PASSPORT": r"[A-Z]{2}\d{7}",
    "JP_RESIDENCE_CARD": r"[A-Z]{2}\d{8}[A-Z]{2}",
    "JP_POSTAL_CODE": r"\d{3}-?\d{4}",
    # 7-digit account; bank-branch-account; ゆうちょ 記号(5)-番号(8)
    "JP_BANK_ACCOUNT": r"\d{7}|\d{4}-\d{3}-\d{7}|1\d{3}0-\d{8}",
    # 保険者番号 (6/8), 記号 (may hold kana/kanji), 番号, 基礎年金番号 4-6, 介護保険 10
    "JP_HEALTH_INSURANCE": r"\d{6}|\d{8}|\d{10}|\d{4}-\d{6}|[^\s\d]{0,2}\d{1,7}(-\d{1,4})?",
    "SNS_ACCOUNT": r"@[A-Za-z0-9_.]{1,30}|https://(www\.)?(x|instagram|facebook|youtube)\.com/@?[A-Za-z0-9_.]+/?|https://note\.com/[A-Za-z0-9_]+",
}
# fmt: on


@pytest.mark.parametrize("etype", sorted(FORMATS))
def test_identifier_formats(etype: str) -> None:
    bad = [(rid, s) for rid, s in _spans(etype) if not re.fullmatch(FORMATS[etype], _nfkc(s))]
    assert not bad, bad


@pytest.mark.parametrize("rid,surface", _spans("PHONE_NUMBER"))
def test_phone_numbers_are_japanese_numbers(rid: str, surface: str) -> None:
    value = _nfkc(surface).replace("−", "-")
    assert re.fullmatch(r"\+?[\d\-() ]+", value), (rid, surface)
    digits = re.sub(r"\D", "", value)
    if value.startswith("+81"):
        digits = "0" + digits[2:]
    assert digits.startswith("0") and len(digits) in (10, 11), (rid, surface)


_FICTIONAL_MAIL = re.compile(r"(^|\.)example\.(com|jp|org)$")


@pytest.mark.parametrize("rid,surface", _spans("EMAIL_ADDRESS"))
def test_email_addresses_are_fictional(rid: str, surface: str) -> None:
    local, _, domain = urllib.parse.unquote(surface).partition("@")
    assert local and _FICTIONAL_MAIL.search(domain), (rid, surface)


@pytest.mark.parametrize("rid,surface", _spans("IP_ADDRESS"))
def test_ip_addresses_parse_and_are_documentation_or_private(rid: str, surface: str) -> None:
    ip = ipaddress.ip_address(surface)
    documentation = [ipaddress.ip_network(n) for n in
                     ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")]
    assert ip.is_private or any(ip in net for net in documentation if net.version == ip.version), surface


@pytest.mark.parametrize("rid,surface", _spans("URL"))
def test_urls_are_whole_web_addresses(rid: str, surface: str) -> None:
    assert re.match(r"(https?://|www\.)\S+$", surface), (rid, surface)


# --------------------------------------------------------------------------- the validators themselves

# fmt: off
CHECK_VECTORS = [
    (cd.is_valid_my_number, "123456789018", True), (cd.is_valid_my_number, "621498320257", True),
    (cd.is_valid_my_number, "1234 5678 9018", True), (cd.is_valid_my_number, "123456789019", False),
    (cd.is_valid_my_number, "621498320258", False), (cd.is_valid_my_number, "12345678901", False),
    (cd.is_valid_corporate_number, "7123456789012", True), (cd.is_valid_corporate_number, "T4011001098993", True),
    (cd.is_valid_corporate_number, "5835678256246", True), (cd.is_valid_corporate_number, "6123456789012", False),
    (cd.is_valid_resident_code, "24727059608", True), (cd.is_valid_resident_code, "25208017643", True),
    (cd.is_valid_resident_code, "24727059609", False),
    (cd.is_valid_drivers_license, "301234567810", True), (cd.is_valid_drivers_license, "301234567820", False),
    (cd.is_valid_luhn, "4111111111111111", True), (cd.is_valid_luhn, "378282246310005", True),
    (cd.is_valid_luhn, "4111111111111112", False), (cd.is_valid_luhn, "５５５５５５５５５５５５４４４４", True),
]
# fmt: on


@pytest.mark.parametrize("check,value,expected", CHECK_VECTORS)
def test_check_digit_vectors(check, value: str, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert check(value) is expected


# --------------------------------------------------------------------------- the builder


def _one(body: str, kind: str = "post") -> bl.LabelledRecord:
    (record,) = bl.parse_source(f"### id=x1 kind={kind}\n{body}\n")
    return record


# fmt: off
GOOD_MARKUP = [
    # body, expected text, expected (surface, type) list
    ("[[山田太郎|PERSON]]さん", "山田太郎さん", [("山田太郎", "PERSON")]),
    ("電話[[090-1234-5678|PHONE_NUMBER]]（携帯）", "電話090-1234-5678（携帯）", [("090-1234-5678", "PHONE_NUMBER")]),
    ("🎉🎉[[札幌|LOCATION]]", "🎉🎉札幌", [("札幌", "LOCATION")]),
    ("a\n[[b@example.jp|EMAIL_ADDRESS]]", "a\nb@example.jp", [("b@example.jp", "EMAIL_ADDRESS")]),
    ("[[x|y|URL]]", "x|y", [("x|y", "URL")]),
    ("注文番号[[123|~order_no]]", "注文番号123", []),
    ("\n\n本文  \n\n", "本文", []),
]
BAD_MARKUP = [
    ("[[山田|NAME]]", "unknown entity type"),
    ("[[山田 |PERSON]]", "whitespace"),
    ("[[|PERSON]]", "empty span"),
    ("[[山田PERSON]]", "no '|TYPE'"),
    ("[[山田|PERSON]", "unbalanced"),
    ("山田|PERSON]]", "unbalanced"),
    ("[[[山田|PERSON]]]", "ambiguous"),
    ("[[123|~secret]]", "unknown hard-negative category"),
    ("", "no text"),
]
BAD_HEADERS = [
    ("### id=a kind=tweet\nx", "unknown kind"),
    ("### id=a\nx", "needs both"),
    ("### id=a kind=post lang=ja\nx", "unknown header attributes"),
    ("### id=a kind=post\nx\n### id=a kind=post\ny", "duplicate id"),
    ("hello\n### id=a kind=post\nx", "before the first"),
    ("####id=a kind=post\nx", "malformed header"),
]
# fmt: on


@pytest.mark.parametrize("body,text,expected", GOOD_MARKUP)
def test_builder_offsets(body: str, text: str, expected: list[tuple[str, str]]) -> None:
    record = _one(body)
    assert record.text == text
    assert [(record.text[s.start:s.end], s.type) for s in record.entities] == expected


@pytest.mark.parametrize("body,message", BAD_MARKUP)
def test_builder_rejects_bad_markup(body: str, message: str) -> None:
    with pytest.raises(bl.LabelledDataError, match=re.escape(message)):
        _one(body)


@pytest.mark.parametrize("source,message", BAD_HEADERS)
def test_builder_rejects_bad_headers(source: str, message: str) -> None:
    with pytest.raises(bl.LabelledDataError, match=re.escape(message)):
        bl.parse_source(source)


def test_comment_lines_are_dropped() -> None:
    record = _one("#! note\n本文\n#! another")
    assert record.text == "本文"


_plain = st.text(st.characters(blacklist_characters="[]|\n", blacklist_categories=("Cs",)), max_size=8)
_surface = st.text(st.characters(blacklist_characters="[]|\n", blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
                   min_size=1, max_size=8)


@given(st.lists(st.tuples(_plain, _surface, st.sampled_from(bl.ENTITY_TYPES)), min_size=1, max_size=5), _plain)
def test_builder_offsets_property(parts: list[tuple[str, str, str]], tail: str) -> None:
    body = "".join(f"{pre}[[{surface}|{etype}]]" for pre, surface, etype in parts) + tail
    # a record's outer whitespace is trimmed (GOOD_MARKUP covers that); "#!"/"###" starts are markup
    assume(body.strip() == body and not body.startswith(("#!", "###")))
    record = _one(body)
    assert record.text == "".join(pre + surface for pre, surface, _ in parts) + tail
    assert [(record.text[s.start:s.end], s.type) for s in record.entities] == [(s, t) for _, s, t in parts]
