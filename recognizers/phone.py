"""Japanese telephone numbers in every way people write them (jp.phone.v1).

Candidates are found with a few shapes (separated, parenthesised area code or exchange,
+81, bare digits) and then checked against the numbering plan by digit count and prefix:
070/080/090, 050, 020 and 060 are 11 digits; 0800 is 11; 0120, 0570, 0990 and 0180 are 10;
every other 0AB… number is 10 digits with area code + exchange = 6 digits. This native check
is used instead of ``phonenumbers`` because ``phonenumbers`` rejects numbers outside the
currently assigned ranges, and people (and test data) write plausible numbers such as
011-123-4567; see ``benchmarks/phone_validators.py`` for the measured comparison.

Bare digit strings are the dangerous case: an order or member number can be 10 or 11 digits.
A bare landline-shaped number needs a phone keyword; a bare mobile number (0[789]0 + 8) is
reported at a modest score on its own. Either is dropped when the nearest label says it is
something else (注文番号, 会員番号, …).
"""

from __future__ import annotations

import regex

from .base import DIGITS_AFTER, DIGITS_BEFORE, Candidate, Evidence, JapanesePatternRecognizer, Pattern
from .normalize import NormalizedText
from .triggers import DIGIT

__all__ = ["PhoneRecognizer", "phone_kind", "PHONE_CONTEXT", "PHONE_DENY_CONTEXT"]

ID = "jp.phone.v1"

PHONE_CONTEXT: tuple[str, ...] = (
    "電話", "でんわ", "TEL", "携帯", "ケータイ", "けいたい", "スマホ", "連絡先", "連絡", "問い合わせ",
    "問合せ", "問合わせ", "お問い合せ", "FAX", "ファックス", "ファクス", "phone", "mobile", "cell", "call",
    "コール", "ダイヤル", "着信", "SMS", "ショートメール", "自宅", "直通", "代表", "☎", "📞", "📱",
    "keitai", "denwa",
)
#: Labels that say a number is NOT a phone number when they are nearer than any phone label.
PHONE_DENY_CONTEXT: tuple[str, ...] = (
    "注文番号", "注文ID", "注文No", "受付番号", "会員番号", "会員ID", "伝票番号", "追跡番号",
    "問い合わせ番号", "問合せ番号", "お問合せ番号", "管理番号", "顧客番号", "お客様番号", "顧客ID",
    "ユーザーID", "商品番号", "品番", "型番", "予約番号", "契約番号", "請求番号", "整理番号", "受注番号",
    "発注番号", "取引番号", "口座番号", "口座", "証券番号", "シリアル", "製造番号", "個人番号",
    "マイナンバー", "法人番号", "登録番号", "郵便番号", "〒", "ISBN", "JAN", "order id", "order no",
    "invoice", "tracking", "記号", "被保険者", "免許証", "住民票", "旅券", "パスポート", "組合員番号",
    "member",
)

_SEP = r"(?:[ ]?[-.][ ]?|[ ])"
_DOMESTIC = (
    rf"(?P<sep3>0[0-9]{{1,4}}{_SEP}[0-9]{{1,4}}{_SEP}[0-9]{{3,4}})"
    rf"|(?P<sep2>0[0-9]{{1,4}}{_SEP}[0-9]{{5,8}})"
    rf"|(?P<parea>\(0[0-9]{{1,4}}\)[ ]?[0-9]{{1,4}}(?:{_SEP}?)[0-9]{{3,4}})"
    rf"|(?P<plocal>0[0-9]{{1,4}}[ ]?\([0-9]{{1,4}}\)[ ]?[0-9]{{3,4}})"
)
_INTL = (
    rf"\+[ ]?81(?:[ ]?[-.]?[ ]?)(?:\(0\)[ ]?[-.]?[ ]?)?"
    rf"(?:[1-9][0-9]{{0,3}}{_SEP}[0-9]{{1,4}}{_SEP}[0-9]{{3,4}}"
    rf"|\([1-9][0-9]{{0,3}}\)[ ]?[0-9]{{1,4}}{_SEP}?[0-9]{{3,4}}"
    rf"|[1-9][0-9]{{0,3}}{_SEP}[0-9]{{5,8}}"
    rf"|[1-9][0-9]{{8,9}})"
)

_PATTERNS = (
    Pattern("phone.international", rf"(?<![0-9+])(?P<v>{_INTL}){DIGITS_AFTER}",
            score=0.85, context_score=0.95, group="v"),
    Pattern("phone.separated", rf"{DIGITS_BEFORE}(?<![+])(?P<v>{_DOMESTIC}){DIGITS_AFTER}",
            score=0.75, context_score=0.9, group="v"),
    # Bare digits: scored in PhoneRecognizer.evaluate (mobile alone is modest, landline needs a keyword).
    Pattern("phone.bare", rf"{DIGITS_BEFORE}(?<![+])(?P<v>0[0-9]{{9,10}}){DIGITS_AFTER}",
            score=0.0, context_score=0.85, group="v"),
)

_TEN_DIGIT_SPECIAL = ("0120", "0570", "0990", "0180")
_ELEVEN_DIGIT_PREFIXES = ("070", "080", "090", "050", "020", "060")


def phone_kind(national: str, groups: tuple[int, ...] = ()) -> str | None:
    """Classify a national number (leading 0, digits only) by the numbering plan, or None.

    ``groups`` are the digit counts of the written groups (03-1234-5678 → (2, 4, 4)); when
    given, a 10-digit geographic number must split as area + exchange = 6, subscriber = 4.
    """
    n = len(national)
    if n < 10 or national[0] != "0" or national[1] == "0" or not national.isdigit():
        return None
    if national[:4] == "0800":
        return "toll_free" if n == 11 else None
    if national[:4] in _TEN_DIGIT_SPECIAL:
        return ("toll_free" if national[:4] == "0120" else "special") if n == 10 else None
    if national[:3] in _ELEVEN_DIGIT_PREFIXES:
        if n != 11:
            return None
        if len(groups) == 3 and groups != (3, 4, 4):
            return None
        return "ip" if national[:3] == "050" else "mobile"
    if n != 10:
        return None
    if len(groups) == 3 and (groups[2] != 4 or groups[0] + groups[1] != 6 or not 2 <= groups[0] <= 5):
        return None
    if len(groups) == 2 and not 2 <= groups[0] <= 5:
        return None
    return "landline"


_GROUPS = regex.compile(r"[0-9]+")


class PhoneRecognizer(JapanesePatternRecognizer):
    """PHONE_NUMBER: 03-1234-5678, ０９０－１２３４－５６７８, (048)424-2763, +81 90-…, 0120-…."""

    NAME = ID
    TRIGGER = DIGIT
    ENTITIES = ("PHONE_NUMBER",)
    PATTERNS = _PATTERNS
    CONTEXT = PHONE_CONTEXT
    DENY_CONTEXT = PHONE_DENY_CONTEXT

    def validate(self, cand: Candidate) -> bool | None:
        return self._kind(cand) is not None

    def evaluate(self, cand: Candidate) -> Evidence | None:
        ev = super().evaluate(cand)
        if ev is None:
            return None
        kind = self._kind(cand)
        ev.checksum = None  # the numbering-plan check is structural, not a check digit
        ev.notes.append(f"numbering plan: {kind}")
        if cand.pattern.name == "phone.bare" and ev.context is None and kind in ("mobile", "ip"):
            ev.score = 0.6
        return ev

    @staticmethod
    def _kind(cand: Candidate) -> str | None:
        value = cand.value
        groups = tuple(len(g) for g in _GROUPS.findall(value))
        if value.startswith("+"):
            rest = value[value.index("81") + 2 :]
            rest = rest.replace("(0)", "", 1)
            groups = tuple(len(g) for g in _GROUPS.findall(rest))
            national = "0" + "".join(c for c in rest if c.isdigit())
            if len(groups) == 3:
                groups = (groups[0] + 1, groups[1], groups[2])
            elif len(groups) == 2:
                groups = (groups[0] + 1, groups[1])
            else:
                groups = ()
            return phone_kind(national, groups)
        if len(groups) == 1:
            groups = ()
        return phone_kind(cand.digits, groups)

    def span(self, norm: NormalizedText, match: regex.Match[str], pattern: Pattern) -> tuple[int, int] | None:
        return match.span("v")
