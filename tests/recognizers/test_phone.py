"""jp.phone.v1: every Japanese way of writing a phone number, and the numbers that are not."""

from __future__ import annotations

import pytest

from recognizers.phone import phone_kind

from .helpers import assert_spans, found

ID = "jp.phone.v1"

# fmt: off
POSITIVES = [
    # text, expected values (exact substrings of the original), minimum score
    ("携帯０９０－１２３４－５６７８", ["０９０－１２３４－５６７８"], 0.85),
    ("電話番号: 03-1234-5678", ["03-1234-5678"], 0.85),
    ("TEL:06-6123-4567 FAX:06-6123-4568", ["06-6123-4567", "06-6123-4568"], 0.85),
    ("お問い合わせは0120-123-456まで", ["0120-123-456"], 0.85),
    ("フリーダイヤル0800-123-4567", ["0800-123-4567"], 0.7),
    ("050-1234-5678", ["050-1234-5678"], 0.7),
    ("(048)424-2763", ["(048)424-2763"], 0.7),
    ("048(424)2763", ["048(424)2763"], 0.7),
    ("０４８（４２４）２７６３へ", ["０４８（４２４）２７６３"], 0.7),
    ("03 1234 5678", ["03 1234 5678"], 0.7),
    ("090.1234.5678", ["090.1234.5678"], 0.7),
    ("090ー1234ー5678", ["090ー1234ー5678"], 0.7),
    ("０９０‐１２３４‐５６７８", ["０９０‐１２３４‐５６７８"], 0.7),
    ("０１２３－４５－６７８９", ["０１２３－４５－６７８９"], 0.7),
    ("011-123-4567", ["011-123-4567"], 0.7),
    ("03-12345678", ["03-12345678"], 0.7),
    ("+81 90-1234-5678です", ["+81 90-1234-5678"], 0.85),
    ("+81-3-1234-5678", ["+81-3-1234-5678"], 0.85),
    ("+81 (0)3-1234-5678", ["+81 (0)3-1234-5678"], 0.85),
    ("+819012345678", ["+819012345678"], 0.85),
    ("ＴＥＬ０３１２３４５６７８", ["０３１２３４５６７８"], 0.85),
    ("電話 0312345678", ["0312345678"], 0.85),
    ("0312345678（自宅）", ["0312345678"], 0.85),
    ("09012345678まで連絡ください", ["09012345678"], 0.85),
    ("09012345678", ["09012345678"], 0.6),
    ("山田,09012345678,東京都", ["09012345678"], 0.6),
    ("注文番号は0312345678、電話は090-1234-5678", ["090-1234-5678"], 0.85),
    ("電話:03-1234-5678/携帯:080-1111-2222", ["03-1234-5678", "080-1111-2222"], 0.85),
    ("娘の花子（090-2222-3333）です", ["090-2222-3333"], 0.7),
    ("電話：03-1111-2222（日中は携帯080-4444-5555）", ["03-1111-2222", "080-4444-5555"], 0.85),
    ("(090-2222-3333)", ["090-2222-3333"], 0.7),
]
NEGATIVES = [
    "0312345678",                   # bare landline shape without a phone word
    "注文番号 09012345678",
    "受付番号：0312345678 電話ください",  # nearest label is 受付番号
    "会員番号09011112222",
    "2024-01-15",
    "2024/01/15 10:30",
    "〒123-4567",
    "123-4567",
    "マイナンバー 123456789018",
    "123456789012",
    "¥12,345,678",
    "価格は1,234,567円",
    "090-1234-567",                 # one digit short
    "090-1234-56789",               # one digit long
    "03-1234-56789",
    "0312-345-678",                 # area + exchange must be 6 digits
    "00-1234-5678",
    "1234-5678-9012",
    "ISBN 978-4-7741-9896-6",
    "v1.0.3-2024",
    "03-1234-5678-9012",            # part of a longer number
]
# fmt: on


@pytest.mark.parametrize(("text", "expected", "min_score"), POSITIVES)
def test_positives(build, text: str, expected: list[str], min_score: float) -> None:  # type: ignore[no-untyped-def]
    results = found(build(ID), text)
    assert_spans(results, text, expected)
    assert all(r.entity_type == "PHONE_NUMBER" and r.score >= min_score for r in results)


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build(ID), text) == []


def test_bare_mobile_alone_scores_below_a_labelled_one(build) -> None:  # type: ignore[no-untyped-def]
    alone = found(build(ID), "09012345678")[0].score
    labelled = found(build(ID), "携帯09012345678")[0].score
    separated = found(build(ID), "090-1234-5678")[0].score
    assert alone < separated < labelled


# fmt: off
KINDS = [
    ("0312345678", (), "landline"), ("09012345678", (), "mobile"), ("05012345678", (), "ip"),
    ("0120123456", (), "toll_free"), ("08001234567", (), "toll_free"), ("0570123456", (), "special"),
    ("0312345678", (2, 4, 4), "landline"), ("0451234567", (3, 3, 4), "landline"),
    ("0312345678", (2, 3, 5), None), ("0312345678", (1, 5, 4), None), ("09012345678", (4, 3, 4), None),
    ("012012345", (), None), ("0012345678", (), None), ("1234567890", (), None), ("031234567", (), None),
]
# fmt: on


@pytest.mark.parametrize(("national", "groups", "kind"), KINDS)
def test_phone_kind(national: str, groups: tuple[int, ...], kind: str | None) -> None:
    assert phone_kind(national, groups) == kind
