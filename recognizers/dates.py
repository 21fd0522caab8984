"""Dates of birth and ages (jp.date_of_birth.v1, jp.age.v1).

A date is personal data here only when it is someone's birth date, so DATE_OF_BIRTH needs a
birth word close by (生年月日, 誕生日, 生まれ, 「…生」, DOB, born…) on either side; a bare
「2024年1月15日」 is not a finding. Dates are validated as calendar dates, and 和暦 dates
against the era's real span (昭和64年1月7日 exists, 昭和64年1月8日 does not: it is 平成元年).

AGE covers 45歳/４５才/満45歳/年齢：45/45 years old/四十五歳, the news style 「山田太郎（45）」, and
age bands (30代, 20代前半), which are reported at a lower score: a band says less than an
age but, combined with a name or place, still narrows down a person. General statements are
not ages of anyone: 「20歳未満の飲酒」「65歳以上」「3歳児健診」「18歳から」「20〜30代向け」, age
differences (3歳年上, 歳の差) and ranges are skipped.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import regex

from .base import (
    DIGITS_AFTER,
    DIGITS_BEFORE,
    Candidate,
    Evidence,
    JapanesePatternRecognizer,
    Pattern,
    pattern_spec,
)
from .context import ContextHit
from .normalize import NormalizedText
from .registry import RecognizerSpec
from .triggers import NUMERAL

__all__ = ["AgeRecognizer", "DateOfBirthRecognizer", "SPECS", "era_to_gregorian", "kanji_to_int"]

# -- calendar helpers ---------------------------------------------------------------------------

#: era -> (first Gregorian year, first day, last day). 明治 starts on 1868-01-01 for our purpose
#: (the era was proclaimed retroactively to the start of the lunar year).
_ERAS: dict[str, tuple[int, _dt.date, _dt.date]] = {
    "明治": (1868, _dt.date(1868, 1, 1), _dt.date(1912, 7, 30)),
    "大正": (1912, _dt.date(1912, 7, 30), _dt.date(1926, 12, 25)),
    "昭和": (1926, _dt.date(1926, 12, 25), _dt.date(1989, 1, 7)),
    "平成": (1989, _dt.date(1989, 1, 8), _dt.date(2019, 4, 30)),
    "令和": (2019, _dt.date(2019, 5, 1), _dt.date(2099, 12, 31)),
}
_ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}


def kanji_to_int(s: str) -> int | None:
    """Value of 元, ASCII digits, or a kanji numeral up to the hundreds (四十五, 二〇, 百二)."""
    if s == "元":
        return 1
    if s.isascii() and s.isdigit():
        return int(s)
    if not s or any(c not in _KANJI_DIGITS and c not in "十百" for c in s):
        return None
    if "十" not in s and "百" not in s:
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total, digit = 0, 0
    for c in s:
        if c == "百":
            total += (digit or 1) * 100
            digit = 0
        elif c == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = digit * 10 + _KANJI_DIGITS[c]
    return total + digit


def era_to_gregorian(era: str, year: int) -> int | None:
    """Gregorian year of ``era`` year ``year`` (元年 = 1), or None outside the era's span."""
    era = _ERA_LETTERS.get(era.upper(), era)
    if era not in _ERAS or year < 1:
        return None
    first, _, last = _ERAS[era]
    gy = first + year - 1
    return gy if gy <= last.year else None


def _valid_date(year: int | None, month: int, day: int | None, era: str | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return year is None or 1868 <= year <= 2099
    probe_year = year if year is not None else 2000  # leap year: 2月29日 is a birthday
    try:
        date = _dt.date(probe_year, month, day)
    except ValueError:
        return False
    if year is not None and not 1868 <= year <= 2099:
        return False
    if era is not None:
        _, first, last = _ERAS[_ERA_LETTERS.get(era.upper(), era)]
        return first <= date <= last
    return True


# -- date of birth ------------------------------------------------------------------------------

BIRTH_CONTEXT = (
    "生年月日", "誕生日", "誕生", "生誕", "出生", "生まれ", "産まれ", "うまれ", "生年", "バースデー", "DOB",
    "D.O.B", "birthday", "birth", "born", "seinengappi", "tanjobi",
)
#: Other dates a record carries; when one of these labels is nearer, the date is not a birth date.
NOT_BIRTH_CONTEXT = (
    "登録日", "作成日", "更新日", "投稿日", "日時", "申込日", "入社", "入学", "卒業", "発行日", "交付日",
    "有効期限", "期限", "予約", "受付日", "開催", "死亡", "逝去", "命日", "納品", "発送", "契約日",
)
#: A date followed by a clock time is a timestamp (2026-11-21T17:02:45, 2026/11/21 10:30).
_NOT_A_TIMESTAMP = r"(?!(?:T|[ ])?[0-9]{1,2}:[0-9]{2})"
#: Written right after a date or year: 生まれ, or a bare 生 that is not the start of a word.
_BORN = r"(?:生まれ|産まれ|うまれ|生(?!\p{Han}))"
_BORN_AFTER = regex.compile(rf"[ ]?{_BORN}")

_K = r"[〇一二三四五六七八九十]"
_N2 = r"[0-9]{1,2}"
_KJ = r"[ ]?"
_ERA = "|".join(_ERAS)
#: A four-digit year someone alive or on record could be born in.
_YEAR = r"(?:18|19|20)[0-9]{2}"
#: 昭和52年 or 1977年 (group ``ey`` holds the era year, ``y`` the Gregorian one).
_ERA_OR_YEAR = rf"(?:(?P<era>{_ERA}){_KJ}(?P<ey>元|{_N2})|(?P<y>{_YEAR}))"
_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH_RE = "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS)

_DOB_PATTERNS = (
    Pattern("dob.wareki",
            rf"(?P<v>(?P<era>{_ERA}){_KJ}(?P<y>元|{_N2}){_KJ}年{_KJ}(?P<m>{_N2}){_KJ}月"
            rf"{_KJ}(?P<d>{_N2}){_KJ}日)",
            context_score=0.85, group="v"),
    Pattern("dob.wareki_kanji",
            rf"(?P<v>(?P<era>{_ERA})(?P<y>元|{_K}{{1,3}})年(?P<m>{_K}{{1,3}})月(?P<d>{_K}{{1,3}})日)",
            context_score=0.85, group="v"),
    Pattern("dob.wareki_letter",
            rf"(?<![A-Za-z0-9])(?P<v>(?P<era>[MTSHRmtshr])[ ]?(?P<y>{_N2})(?P<s>[./\-])(?P<m>{_N2})(?P=s)"
            rf"(?P<d>{_N2}))(?![0-9])",
            context_score=0.85, group="v"),
    Pattern("dob.seireki",
            rf"(?<![0-9])(?P<v>(?P<y>{_YEAR}){_KJ}年{_KJ}(?P<m>{_N2}){_KJ}月{_KJ}(?P<d>{_N2}){_KJ}日)",
            context_score=0.85, group="v"),
    Pattern("dob.numeric",
            rf"(?<![0-9./\-])(?P<v>(?P<y>{_YEAR})(?P<s>[./\-])(?P<m>{_N2})(?P=s)(?P<d>{_N2}))"
            rf"(?![0-9]|[./\-][0-9]){_NOT_A_TIMESTAMP}",
            context_score=0.85, group="v"),
    Pattern("dob.compact",
            r"(?<![0-9])(?P<v>(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>[0-3][0-9]))(?![0-9])"
            + _NOT_A_TIMESTAMP,
            context_score=0.8, group="v"),
    Pattern("dob.english",
            rf"(?<![A-Za-z])(?P<v>(?:(?P<mn>{_MONTH_RE})\.?[ ](?P<d>{_N2}),?[ ](?P<y>{_YEAR})"
            rf"|(?P<d2>{_N2})[ ](?P<mn2>{_MONTH_RE})\.?,?[ ](?P<y2>{_YEAR})))(?![0-9])",
            context_score=0.85, group="v", flags=regex.IGNORECASE),
    # Partial dates: a birthday without the year, a birth month with the year.
    Pattern("dob.month_day",
            rf"(?<![0-9年])(?P<v>(?P<m>{_N2}){_KJ}月{_KJ}(?P<d>{_N2}){_KJ}日)",
            context_score=0.7, group="v"),
    # A birth year alone: only with 生/生まれ right after it (昭和18年生, 1985年生まれ).
    Pattern("dob.birth_year",
            rf"(?<![0-9])(?P<v>{_ERA_OR_YEAR}{_KJ}年)(?={_KJ}{_BORN})",
            context_score=0.7, group="v"),
    Pattern("dob.year_month",
            rf"(?<![0-9])(?P<v>{_ERA_OR_YEAR}{_KJ}年{_KJ}(?P<m>{_N2}){_KJ}月)(?!{_KJ}[0-9])",
            context_score=0.7, group="v"),
)


class DateOfBirthRecognizer(JapanesePatternRecognizer):
    """DATE_OF_BIRTH: 和暦/西暦/numeric/English dates, only with a birth word close by."""

    NAME = "jp.date_of_birth.v1"
    TRIGGER = NUMERAL
    ENTITIES = ("DATE_OF_BIRTH",)
    PATTERNS = _DOB_PATTERNS
    CONTEXT = BIRTH_CONTEXT
    DENY_CONTEXT = NOT_BIRTH_CONTEXT
    CONTEXT_BEFORE = 20
    CONTEXT_AFTER = 10

    def plausible(self, cand: Candidate) -> bool:
        g = cand.match.groupdict()
        if cand.pattern.name == "dob.english":
            name = (g.get("mn") or g.get("mn2") or "")[:3].lower()
            month = [m[:3] for m in _MONTHS].index(name) + 1
            day = int(g.get("d") or g.get("d2") or 0)
            return _valid_date(int(g.get("y") or g.get("y2") or 0), month, day)
        era = g.get("era")
        year_text = g.get("ey") if g.get("ey") is not None else g.get("y")
        year_num = kanji_to_int(year_text) if year_text else None
        if era is not None:
            if year_num is None:
                return False
            year: int | None = era_to_gregorian(era, year_num)
            if year is None:
                return False
        else:
            year = year_num
        if cand.pattern.name == "dob.birth_year":
            return year is not None and 1868 <= year <= 2099
        month = kanji_to_int(g["m"]) if g.get("m") else None
        day = kanji_to_int(g["d"]) if g.get("d") else None
        if month is None or (g.get("d") and day is None):
            return False
        return _valid_date(year, month, day, era if day is not None else None)

    def supporting_context(self, cand: Candidate, keywords: Sequence[str]) -> ContextHit | None:
        # 「S52.4.8生」: a bare 生 right after the date counts (never before it: 先生, 学生).
        if _BORN_AFTER.match(cand.norm.text, cand.end):
            return ContextHit("生", "after", 0)
        return super().supporting_context(cand, keywords)


# -- age --------------------------------------------------------------------------------------------

#: After an age, these make it a rule or a comparison about people in general.
_GENERAL_AFTER = (
    r"(?![ ]?(?:以上|以下|未満|以降|以前|超|児|向け|む"
    r"け|から|まで|限定|対象|以上の|差|の差|年上|年下|年少|年長"
    r"|刻み|ごと|毎|おき|~|〜|-[0-9]))"
)
#: Before an age: the second half of a range (20〜30歳, 20-30代).
_NOT_RANGE_END = r"(?<![0-9](?:歳|才|代)?[ ]?[~〜\-][ ]?)"
_NOT_LIST_NUMBER = r"(?<!第|章|節|条|項|号|図|表|式|注|問|例|回|巻|話|部|編|版|号室)"


class AgeRecognizer(JapanesePatternRecognizer):
    """AGE: someone's age or age band; not age limits, ranges or differences."""

    NAME = "jp.age.v1"
    TRIGGER = NUMERAL
    ENTITIES = ("AGE",)
    PATTERNS = (
        Pattern("age.labelled",
                r"年齢[\"']?[ ]?[:=]?[ ]?(?:は[ ]?)?"
                r"(?P<v>(?:満[ ]?)?(?P<n>[0-9]{1,3})(?:[ ]?(?:歳|才))?)(?![0-9])"
                + _GENERAL_AFTER,
                score=0.9, context_score=0.9, group="v"),
        Pattern("age.years",
                rf"{_NOT_RANGE_END}(?<![0-9.])"
                rf"(?P<v>(?:(?:満|数え)[ ]?)?(?P<n>[0-9]{{1,3}})[ ]?(?:歳|才|さい))"
                + _GENERAL_AFTER,
                score=0.85, context_score=0.85, group="v"),
        Pattern("age.kanji",
                r"(?<![〇一二三四五六七八九十百])(?P<v>(?:満|数え)?(?P<k>[一二三四五六七八九十百]{1,4})(?:歳|才))"
                + _GENERAL_AFTER,
                score=0.85, context_score=0.85, group="v"),
        Pattern("age.band",
                rf"{_NOT_RANGE_END}(?<![0-9年])(?P<v>(?P<n>[1-9]0)[ ]?代(?:前半|後半|半ば|なかば)?)(?!目)"
                + _GENERAL_AFTER,
                score=0.6, context_score=0.6, group="v"),
        Pattern("age.english",
                r"(?<![A-Za-z])(?:age[\"']?[ ]?[:=]?[ ]?|aged[ ])(?P<v>(?P<n>[0-9]{1,3}))(?![0-9])"
                r"|(?<![0-9])(?P<v2>(?P<n2>[0-9]{1,3})[ ]?(?:years?[ \-]old|yrs?[ ]old|y/o|yo))(?![A-Za-z])",
                score=0.85, context_score=0.85, group=0, flags=regex.IGNORECASE),
        # A bare number in an age field: age=45, "年齢": 45, a CSV 年齢 column.
        Pattern("age.field", rf"{DIGITS_BEFORE}(?P<v>(?P<n>[0-9]{{1,3}})(?:[ ]?(?:歳|才))?){DIGITS_AFTER}",
                score=0.0, context_score=0.85, group="v", context=("age", "年齢", "nenrei"), field_only=True),
        # News style: 山田太郎(45). Two digits right after a name-like character.
        Pattern("age.parenthesised",
                rf"(?<=[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}]){_NOT_LIST_NUMBER}\((?P<v>(?P<n>[1-9][0-9]))\)",
                score=0.6, context_score=0.6, group="v"),
    )

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        if pattern.name == "age.english":
            key = "v" if match.group("v") is not None else "v2"
            return match.span(key)
        return super().span(norm, match, pattern)

    def plausible(self, cand: Candidate) -> bool:
        g = cand.match.groupdict()
        raw = g.get("n") or g.get("n2") or g.get("k")
        value = kanji_to_int(raw) if raw else None
        return value is not None and 0 <= value <= 120

    def evaluate(self, cand: Candidate) -> Evidence | None:
        ev = super().evaluate(cand)
        if ev is not None and cand.pattern.name == "age.band":
            ev.notes.append("age band")
        return ev


SPECS: tuple[RecognizerSpec, ...] = (
    pattern_spec(DateOfBirthRecognizer,
                 "生年月日: 和暦/西暦/numeric dates with a birth word nearby; calendar and era checked"),
    pattern_spec(AgeRecognizer,
                 "年齢: 45歳, 満45歳, 年齢：45, 四十五歳, (45) after a name; 30代 bands at a lower score"),
)
