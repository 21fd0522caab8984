"""jp.date_of_birth.v1 and jp.age.v1: birth dates only with birth context; ages, not age rules."""

from __future__ import annotations

import pytest

from recognizers.dates import era_to_gregorian, kanji_to_int

from .helpers import assert_spans, found

DOB = "jp.date_of_birth.v1"
AGE = "jp.age.v1"

# fmt: off
DOB_POSITIVES = [
    ("生年月日：昭和52年4月8日", ["昭和52年4月8日"]),
    ("生年月日：昭和５２年４月８日（４６歳）", ["昭和５２年４月８日"]),
    ("S52.4.8生", ["S52.4.8"]),
    ("H1.1.8生まれ", ["H1.1.8"]),
    ("令和元年5月1日生まれの娘", ["令和元年5月1日"]),
    ("平成元年1月8日生まれ", ["平成元年1月8日"]),
    ("昭和64年1月7日生まれ", ["昭和64年1月7日"]),
    ("1985年3月12日生まれ", ["1985年3月12日"]),
    ("１９８５年３月１２日生", ["１９８５年３月１２日"]),
    ("生年月日 1985/03/12", ["1985/03/12"]),
    ("DOB: 1985-03-12", ["1985-03-12"]),
    ("誕生日：2000.2.29", ["2000.2.29"]),
    ("生年月日19850312", ["19850312"]),
    ("昭和五十二年四月八日生まれ", ["昭和五十二年四月八日"]),
    ("born March 12, 1985", ["March 12, 1985"]),
    ("誕生日は3月12日です", ["3月12日"]),
    ("1985年3月生まれ", ["1985年3月"]),
    ("山田太郎,男,1985/03/12生", ["1985/03/12"]),
    ("1985年3月12日に東京で生まれた", ["1985年3月12日"]),
    ("登録日 2024/01/15 生年月日 1985/03/12", ["1985/03/12"]),
    ("昭和18年生の父", ["昭和18年"]),
    ("1985年生まれです", ["1985年"]),
    ("dob=14 MAR 1987", ["14 MAR 1987"]),
    ("本日11月21日は私の誕生日", ["11月21日"]),
]
DOB_NEGATIVES = [
    "2024年1月15日に会議",                 # no birth context
    "1985/03/12",
    "先生 2024年1月15日",                  # 生 inside 先生 is not a birth word
    "昭和64年1月8日生まれ",                # that day is 平成元年
    "平成31年5月1日生まれ",                # that day is 令和元年
    "1985年2月30日生まれ",
    "1985年13月1日生まれ",
    "誕生日は2月30日",
    "生年月日：1700年1月1日",
    "2024年1月15日生命保険の契約",          # 生命 is not 生まれ
    "登録日：2024/01/15 誕生日プレゼント",   # the nearer label is 登録日
    "1985年に東京で生まれ",                # a year alone needs 生/生まれ right after it
    "2024年生活が変わった",
]
AGE_POSITIVES = [
    ("私は45歳です", ["45歳"]),
    ("４５才の会社員", ["４５才"]),
    ("満45歳", ["満45歳"]),
    ("年齢：45", ["45"]),
    ("年齢は４５歳", ["４５歳"]),
    ("30代男性", ["30代"]),
    ("20代前半の女性", ["20代前半"]),
    ("山田太郎（45）＝東京都", ["45"]),
    ("I am 45 years old", ["45 years old"]),
    ("age: 45", ["45"]),
    ("四十五歳", ["四十五歳"]),
    ("二十歳になりました", ["二十歳"]),
    ("5さいの息子", ["5さい"]),
    ("3歳の誕生日", ["3歳"]),
    ("20歳前後の男", ["20歳"]),
    ("応募します 24歳、会社員", ["24歳"]),         # the space before is not part of the age
    ("満 45 歳", ["満 45 歳"]),
    ("age=45,sex=F", ["45"]),
    ('{"age": 45}', ["45"]),
    ("年齢=62", ["62"]),
    ("享年88歳", ["88歳"]),
]
AGE_NEGATIVES = [
    "45歳以上の方",
    "20歳未満の飲酒は禁止",
    "3歳児健診のお知らせ",
    "18歳から選挙権",
    "20〜30代向け",
    "20～30歳の方",
    "3歳年上の兄",
    "歳の差は5歳差",
    "10代目",
    "1990年代",
    "第3章（12）",
    "150歳",
    "十八歳未満",
    "お歳暮",
    "65歳以上限定",
    "20代〜30代の方が活躍中",
    "0〜15歳",
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), DOB_POSITIVES)
def test_dob_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    results = found(build(DOB), text)
    assert_spans(results, text, expected)
    assert all(r.score >= 0.7 for r in results)


@pytest.mark.parametrize("text", DOB_NEGATIVES)
def test_dob_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build(DOB), text) == []


@pytest.mark.parametrize(("text", "expected"), AGE_POSITIVES)
def test_age_positives(build, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert_spans(found(build(AGE), text), text, expected)


@pytest.mark.parametrize("text", AGE_NEGATIVES)
def test_age_negatives(build, text: str) -> None:  # type: ignore[no-untyped-def]
    assert found(build(AGE), text) == []


def test_age_band_scores_below_an_exact_age(build) -> None:  # type: ignore[no-untyped-def]
    rec = build(AGE)
    assert found(rec, "30代")[0].score < found(rec, "35歳")[0].score


def test_partial_date_scores_below_a_full_date(build) -> None:  # type: ignore[no-untyped-def]
    rec = build(DOB)
    assert found(rec, "誕生日は3月12日")[0].score < found(rec, "誕生日は1985年3月12日")[0].score


# fmt: off
ERAS = [
    ("昭和", 52, 1977), ("S", 52, 1977), ("平成", 1, 1989), ("H", 31, 2019), ("令和", 1, 2019),
    ("明治", 45, 1912), ("大正", 15, 1926), ("昭和", 65, None), ("平成", 32, None), ("X", 1, None),
    ("昭和", 0, None),
]
KANJI = [
    ("元", 1), ("四十五", 45), ("二十", 20), ("十", 10), ("百二", 102), ("二〇", 20), ("12", 12),
    ("abc", None),
]
# fmt: on


@pytest.mark.parametrize(("era", "year", "gregorian"), ERAS)
def test_era_to_gregorian(era: str, year: int, gregorian: int | None) -> None:
    assert era_to_gregorian(era, year) == gregorian


@pytest.mark.parametrize(("text", "value"), KANJI)
def test_kanji_to_int(text: str, value: int | None) -> None:
    assert kanji_to_int(text) == value
