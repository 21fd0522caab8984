"""Japanese identification numbers and payment cards: the 個人識別符号 of APPI Art 2(2)
(施行令 Art 1: passport, 基礎年金番号, driver's licence, 住民票コード, 個人番号, health-insurance
symbols and numbers, residence card) plus card, bank-account and corporate numbers.

Two kinds of evidence, as Microsoft Purview uses them, but with the check digits it skips:

* a check digit (My Number, 法人番号, cards, and — community-sourced [verify] — 住民票コード,
  licence, insurer number). A bare number passing a mod-11 check is still weak evidence
  (about 1 random number in 10 passes), so alone it scores below the default threshold;
* a keyword on either side (マイナンバー, 口座, 旅券…). Weak formats (7 digits, 2 letters +
  7 digits) are never reported without one.

The exact score levels are tabulated in docs/recognizers.md.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import ClassVar

from . import checksums
from .base import (
    DIGITS_AFTER,
    DIGITS_BEFORE,
    NOT_A_QUANTITY,
    Candidate,
    Evidence,
    JapanesePatternRecognizer,
    Pattern,
    label_has,
    pattern_spec,
)
from .context import ContextHit
from .registry import RecognizerSpec
from .triggers import DIGIT

__all__ = [
    "BankAccountRecognizer", "CorporateNumberRecognizer", "CreditCardRecognizer",
    "DriversLicenceRecognizer", "HealthInsuranceRecognizer", "MyNumberRecognizer",
    "PassportRecognizer", "ResidenceCardRecognizer", "ResidentCodeRecognizer", "SPECS",
    "card_brand",
]

_B = DIGITS_BEFORE
_A = DIGITS_AFTER
_NQ = NOT_A_QUANTITY
#: Alphanumeric codes (passport, residence card) start and end outside any ASCII word.
_CODE_BEFORE = r"(?<![A-Za-z0-9_])"
_CODE_AFTER = r"(?![A-Za-z0-9_])"

#: Labels of other kinds of number. When one of these is nearer than any supporting keyword,
#: the number is that other thing (注文番号 1234567 is not a bank account).
ORDER_LIKE: tuple[str, ...] = (
    "注文番号", "注文ID", "受付番号", "会員番号", "会員ID", "伝票番号", "追跡番号", "問い合わせ番号",
    "問合せ番号", "お問合せ番号", "管理番号", "顧客番号", "お客様番号", "商品番号", "品番", "型番",
    "予約番号", "契約番号", "請求番号", "受注番号", "発注番号", "取引番号", "シリアル", "製造番号", "ISBN",
    "JAN", "組合員番号", "order", "invoice no", "tracking", "member", "user id", "request id", "trace id",
    "session",
)
#: Contact labels: a number next to 電話 or 〒 is a phone number or a postal code.
CONTACT_LABELS: tuple[str, ...] = ("郵便番号", "〒", "電話", "TEL", "携帯", "FAX", "zip", "postal", "phone")
_NOT_AN_ID = ORDER_LIKE + CONTACT_LABELS


def _is_yyyymmdd(digits: str) -> bool:
    """An 8-digit string that is a plausible date (20240401) is a date before it is an ID."""
    if len(digits) != 8:
        return False
    y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not 1900 <= y <= 2099:
        return False
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _all_same(digits: str) -> bool:
    return len(set(digits)) <= 1



# -- credit cards ----------------------------------------------------------------------------

CARD_CONTEXT = (
    "カード", "クレジット", "クレカ", "card", "VISA", "Master", "Mastercard", "JCB", "AMEX", "アメックス",
    "ダイナース", "Diners", "決済", "有効期限", "セキュリティコード", "CVV", "CVC", "支払", "お支払い",
)


def card_brand(digits: str) -> str | None:
    """The card scheme whose IIN range and length fit ``digits``, or None."""
    n = len(digits)
    if not 13 <= n <= 19 or not digits.isdigit():
        return None
    p2, p3, p4, p6 = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "jcb"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (300 <= p3 <= 305 or p4 == 3095 or p2 in (36, 38, 39)) and 14 <= n <= 19:
        return "diners"
    if (p4 == 6011 or 644 <= p3 <= 649 or p2 == 65 or 622126 <= p6 <= 622925) and 16 <= n <= 19:
        return "discover"
    if p2 == 62 and 16 <= n <= 19:
        return "unionpay"
    return None


class CreditCardRecognizer(JapanesePatternRecognizer):
    """CREDIT_CARD: Luhn plus IIN/length sanity (Visa, Mastercard, JCB 3528–3589, Amex, Diners…)."""

    NAME = "jp.credit_card.v1"
    TRIGGER = DIGIT
    ENTITIES = ("CREDIT_CARD",)
    CONTEXT = CARD_CONTEXT
    DENY_CONTEXT = ORDER_LIKE
    PATTERNS = (
        Pattern("card.grouped",
                rf"{_B}(?P<v>[0-9]{{4}}(?P<s>[ -])[0-9]{{4}}(?P=s)"
                rf"[0-9]{{4}}(?P=s)[0-9]{{4}}(?:(?P=s)[0-9]{{3}})?"
                rf"|[0-9]{{4}}(?P<s2>[ -])[0-9]{{6}}(?P=s2)[0-9]{{4,5}}){_A}",
                score=0.85, context_score=0.95, group="v"),
        Pattern("card.contiguous", rf"{_B}(?P<v>[0-9]{{13,19}}){_A}{_NQ}",
                score=0.6, context_score=0.95, group="v"),
    )

    def plausible(self, cand: Candidate) -> bool:
        return card_brand(cand.digits) is not None and not _all_same(cand.digits)

    def validate(self, cand: Candidate) -> bool | None:
        return checksums.luhn(cand.digits)

    def evaluate(self, cand: Candidate) -> Evidence | None:
        ev = super().evaluate(cand)
        if ev is None:
            return None
        if len(cand.digits) == 13 and ev.context is None:
            # 13-digit Visa numbers are no longer issued, while every Japanese JAN code is 13
            # digits starting 45/49 and one in ten passes Luhn: only with a card keyword.
            return None
        ev.notes.append(f"brand {card_brand(cand.digits)}")
        return ev


# -- My Number, corporate number, 住民票コード ---------------------------------------------------------


class _CheckDigitRecognizer(JapanesePatternRecognizer):
    """個人番号, 法人番号 and 住民票コード: all-digit numbers whose own check digit is the main
    evidence. A run of one digit (000000000000) passes some of these checks, but it is a
    placeholder, never anyone's number."""

    DENY_CONTEXT = _NOT_AN_ID
    #: ``checksums`` function for the digits of a candidate (staticmethod in the subclass).
    CHECK_DIGIT: ClassVar[Callable[[str], bool]]

    def plausible(self, cand: Candidate) -> bool:
        return not _all_same(cand.digits)

    def validate(self, cand: Candidate) -> bool | None:
        return self.CHECK_DIGIT(cand.digits)


MY_NUMBER_CONTEXT = (
    "マイナンバー", "個人番号", "マイナ", "通知カード", "my number", "mynumber", "kojin bango",
    "individual number",
)


class MyNumberRecognizer(_CheckDigitRecognizer):
    """JP_MY_NUMBER: 12 digits (4-4-4 with space, hyphen or dot) whose mod-11 check digit holds."""

    NAME = "jp.my_number.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_MY_NUMBER",)
    CONTEXT = MY_NUMBER_CONTEXT
    CHECK_DIGIT = staticmethod(checksums.my_number)
    PATTERNS = (
        Pattern("my_number",
                rf"{_B}(?P<v>[0-9]{{4}}(?P<s>[ .\-]?)[0-9]{{4}}(?P=s)[0-9]{{4}}){_A}(?!(?P=s)[0-9]){_NQ}",
                score=0.0, context_score=0.0, checksum_score=0.4, checksum_context_score=0.95, group="v"),
    )


CORPORATE_CONTEXT = (
    "法人番号", "登録番号", "適格請求書", "インボイス", "事業者番号", "法人", "T番号", "株式会社",
    "有限会社", "合同会社", "(株)", "(有)", "corporate", "houjin", "hojin", "invoice",
)


class CorporateNumberRecognizer(_CheckDigitRecognizer):
    """JP_CORPORATE_NUMBER: 13 digits with the leading mod-9 check digit; T+13 invoice numbers."""

    NAME = "jp.corporate_number.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_CORPORATE_NUMBER",)
    CONTEXT = CORPORATE_CONTEXT
    CHECK_DIGIT = staticmethod(checksums.corporate_number)
    PATTERNS = (
        Pattern("corporate_number.invoice", rf"{_CODE_BEFORE}(?P<v>T[ \-]?[0-9]{{13}}){_A}",
                score=0.0, context_score=0.0, checksum_score=0.85, checksum_context_score=0.95, group="v"),
        Pattern("corporate_number",
                rf"{_B}(?<![A-Za-z])(?P<v>[0-9]{{13}}|[0-9]-[0-9]{{4}}-[0-9]{{4}}-[0-9]{{4}}){_A}{_NQ}",
                score=0.0, context_score=0.0, checksum_score=0.4, checksum_context_score=0.95, group="v"),
    )


RESIDENT_CODE_CONTEXT = (
    "住民票コード", "住民票", "住基", "住民基本台帳", "resident code", "juminhyo", "jumin",
)


class ResidentCodeRecognizer(_CheckDigitRecognizer):
    """JP_RESIDENT_CODE: 11 digits beside 住民票コード; the mod-11 check digit [verify] raises the score."""

    NAME = "jp.resident_code.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_RESIDENT_CODE",)
    CONTEXT = RESIDENT_CODE_CONTEXT
    CHECK_DIGIT = staticmethod(checksums.resident_code)
    PATTERNS = (
        Pattern("resident_code", rf"{_B}(?P<v>[0-9]{{11}}|[0-9]{{4}}[ \-][0-9]{{4}}[ \-][0-9]{{3}}){_A}{_NQ}",
                score=0.0, context_score=0.0, checksum_score=0.0, checksum_context_score=0.95,
                failed_checksum_score=0.6, group="v"),
    )


# -- passport, driver's licence, residence card -----------------------------------------------------

PASSPORT_CONTEXT = ("パスポート", "旅券", "passport", "ryoken")


class PassportRecognizer(JapanesePatternRecognizer):
    """JP_PASSPORT: 2 letters + 7 digits, only beside パスポート/旅券 (the format alone is too common)."""

    NAME = "jp.passport.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_PASSPORT",)
    CONTEXT = PASSPORT_CONTEXT
    DENY_CONTEXT = _NOT_AN_ID
    PATTERNS = (
        Pattern("passport", rf"{_CODE_BEFORE}(?P<v>[A-Za-z]{{2}}[ \-]?[0-9]{{7}}){_CODE_AFTER}",
                score=0.0, context_score=0.85, group="v"),
    )


LICENCE_CONTEXT = ("免許", "運転経歴", "license", "licence", "driver", "menkyo", "lic#", "dl#")
#: 公安委員会 codes that begin a licence number (北海道 10–14 … 沖縄 97) [verify].
_LICENCE_ISSUERS = frozenset(
    [10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
     50, 51, 52, 53, 54, 55, 60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 80, 81, 82, 83,
     90, 91, 92, 93, 94, 95, 96, 97]
)


class DriversLicenceRecognizer(JapanesePatternRecognizer):
    """JP_DRIVERS_LICENSE: 12 digits beside 免許証; issuer code + community check digit raise the score."""

    NAME = "jp.drivers_license.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_DRIVERS_LICENSE",)
    CONTEXT = LICENCE_CONTEXT
    DENY_CONTEXT = _NOT_AN_ID
    PATTERNS = (
        Pattern("drivers_license",
                rf"{_B}(?P<v>[0-9]{{12}}|[0-9]{{4}}(?P<s>[ \-])[0-9]{{4}}(?P=s)[0-9]{{4}}){_A}{_NQ}",
                score=0.0, context_score=0.0, checksum_score=0.0, checksum_context_score=0.9,
                failed_checksum_score=0.8, group="v"),
    )

    def validate(self, cand: Candidate) -> bool | None:
        d = cand.digits
        return int(d[:2]) in _LICENCE_ISSUERS and checksums.drivers_licence(d)


RESIDENCE_CARD_CONTEXT = ("在留カード", "在留番号", "在留", "特別永住", "residence card", "zairyu")


class ResidenceCardRecognizer(JapanesePatternRecognizer):
    """JP_RESIDENCE_CARD: 2 letters + 8 digits + 2 letters (AB12345678CD)."""

    NAME = "jp.residence_card.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_RESIDENCE_CARD",)
    CONTEXT = RESIDENCE_CARD_CONTEXT
    DENY_CONTEXT = _NOT_AN_ID
    PATTERNS = (
        Pattern("residence_card",
                rf"{_CODE_BEFORE}(?P<v>[A-Za-z]{{2}}[ \-]?[0-9]{{8}}[ \-]?[A-Za-z]{{2}}){_CODE_AFTER}",
                score=0.4, context_score=0.85, group="v"),
    )


# -- bank accounts ------------------------------------------------------------------------------------

BANK_CONTEXT = (
    "口座", "普通", "当座", "銀行", "支店", "信用金庫", "信金", "労金", "農協", "預金", "振込", "振り込み",
    "店番", "account", "bank", "koza", "kouza",
)
YUCHO_CONTEXT = ("ゆうちょ", "郵便局", "貯金", "総合口座", "振替")
_ACCOUNT_TYPE = r"(?:普通|当座|貯蓄|\(普\)|\(当\)|普)[ ]?(?:預金)?[ ]?(?:口座)?[ ]?(?:番号)?[ ]?[:]?[ ]?"


class BankAccountRecognizer(JapanesePatternRecognizer):
    """JP_BANK_ACCOUNT: 7-digit accounts (with bank/branch codes) and ゆうちょ 記号-番号, keyword-bound."""

    NAME = "jp.bank_account.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_BANK_ACCOUNT",)
    CONTEXT = BANK_CONTEXT
    DENY_CONTEXT = _NOT_AN_ID
    PATTERNS = (
        # 0001-123-1234567: bank code, branch code, account.
        Pattern("bank.full", rf"{_B}(?P<v>[0-9]{{4}}[ \-][0-9]{{3}}[ \-][0-9]{{7}}){_A}",
                score=0.45, context_score=0.9, group="v"),
        # 普通 1234567 / (普)1234567: the account type is itself the label.
        Pattern("bank.typed", rf"{_ACCOUNT_TYPE}(?P<v>[0-9]{{7,8}}){_A}{_NQ}",
                score=0.9, context_score=0.9, group="v"),
        # 123-1234567: branch code and account.
        Pattern("bank.branch_account", rf"{_B}(?P<v>[0-9]{{3}}[ \-][0-9]{{7}}){_A}{_NQ}",
                score=0.0, context_score=0.85, group="v"),
        Pattern("bank.account", rf"{_B}(?P<v>[0-9]{{7,8}}){_A}{_NQ}",
                score=0.0, context_score=0.85, group="v"),
        # ゆうちょ: 記号 1xxx0 and 番号 up to 8 digits ending in 1.
        Pattern("bank.yucho", rf"{_B}(?P<v>1[0-9]{{3}}0[ \-][0-9]{{5,7}}1){_A}",
                score=0.45, context_score=0.9, group="v", context=YUCHO_CONTEXT + ("口座", "account")),
        Pattern("bank.yucho_symbol", r"記号[ ]?[:]?[ ]?(?P<v>1[0-9]{3}0)(?=[ ]?[,、・/]?[ ]?番号)",
                score=0.0, context_score=0.9, group="v", context=YUCHO_CONTEXT),
        Pattern("bank.yucho_number",
                r"(?<=記号[ ]?[:]?[ ]?1[0-9]{3}0[ ]?[,、・/]?[ ]"
                r"?)番号[ ]?[:]?[ ]?(?P<v>[0-9]{5,7}1)(?![0-9])",
                score=0.0, context_score=0.9, group="v", context=YUCHO_CONTEXT),
    )

    def plausible(self, cand: Candidate) -> bool:
        d = cand.digits
        return not _all_same(d) and not (len(d) == 8 and _is_yyyymmdd(d))


# -- health insurance and pension -----------------------------------------------------------------

HEALTH_CONTEXT = (
    "保険証", "被保険者", "保険者番号", "健康保険", "健保", "国保", "国民健康保険", "社会保険", "社保",
    "後期高齢", "介護保険", "資格確認書", "保険番号", "health insurance", "insurance card", "insurer",
    "insured", "hokensha", "hihokensha", "kenpo",
)
PENSION_CONTEXT = (
    "基礎年金番号", "年金番号", "年金手帳", "年金", "ねんきん", "nenkin", "pension", "social insurance",
)
EMPLOYMENT_CONTEXT = ("雇用保険", "koyo hoken", "employment insurance")


#: Field names that by themselves name an insurance number.
_INSURER_FIELDS = ("保険者番号", "被保険者", "保険証", "hokensha", "hihokensha", "insurer", "insured")
#: 記号 and 番号 (symbol/number, kigo/bango) name insurance numbers only as a pair in one record.
_SYMBOL_FIELDS = ("記号", "kigo", "symbol")
_NUMBER_FIELDS = ("番号", "bango", "number", "no")


def _is_insurance_field(name: str, siblings: tuple[str, ...]) -> bool:
    if any(label_has(name, k) for k in _INSURER_FIELDS):
        return True
    is_symbol = any(label_has(name, k) for k in _SYMBOL_FIELDS)
    is_number = any(label_has(name, k) for k in _NUMBER_FIELDS)
    if not (is_symbol or is_number):
        return False
    pair = _NUMBER_FIELDS if is_symbol else _SYMBOL_FIELDS
    return any(s != name and any(label_has(s, k) for k in pair) for s in siblings)


#: A header-less 保険証 row: 保険者番号, 記号, 番号 as three consecutive delimited fields. The insurer
#: number is 法別番号 (a health-insurance law: 01-04, 06, 07, 31-34, 39, 63, 67, 72-75 [verify]) +
#: 都道府県番号 (01-47) + 3 digits + 検証番号; the row shape and the check digit are the evidence that
#: a keyword gives elsewhere, so a bare 8-digit code in a row is still never enough.
_ROW_START = r'(?:(?<=^)|(?<=[,\t\n]))"?'
_ROW_INSURER = r"(?P<ins>(?:0[1-467]|3[1-49]|6[37]|7[2-5])(?:0[1-9]|[1-3][0-9]|4[0-7])[0-9]{4})"
_ROW_SYMBOL = r"(?P<sym>[\p{Han}\p{Katakana}]{0,3}[0-9]{1,8}(?:-[0-9]{1,4})?)"
_ROW_NUMBER = r"(?P<num>[0-9]{1,10})"
_ROW = rf'{_ROW_START}{_ROW_INSURER}"?[,\t]"?{_ROW_SYMBOL}"?[,\t]"?{_ROW_NUMBER}"?(?=[,\t\r\n]|$)'


class HealthInsuranceRecognizer(JapanesePatternRecognizer):
    """JP_HEALTH_INSURANCE: 保険証 記号・番号, 被保険者番号, 保険者番号 (Luhn [verify]), 基礎年金番号."""

    NAME = "jp.health_insurance.v1"
    TRIGGER = DIGIT
    ENTITIES = ("JP_HEALTH_INSURANCE",)
    CONTEXT = HEALTH_CONTEXT
    DENY_CONTEXT = _NOT_AN_ID
    CONTEXT_BEFORE = 30
    PATTERNS = (
        Pattern("pension", rf"{_B}(?P<v>[0-9]{{4}}[ \-]?[0-9]{{6}}){_A}{_NQ}",
                score=0.0, context_score=0.85, group="v", context=PENSION_CONTEXT),
        Pattern("employment_insurance", rf"{_B}(?P<v>[0-9]{{4}}[ \-]?[0-9]{{6}}[ \-]?[0-9]){_A}{_NQ}",
                score=0.0, context_score=0.85, group="v", context=EMPLOYMENT_CONTEXT),
        # 記号 12345 番号 67: the two labelled halves of a 保険証, each reported.
        # A 記号 may start with kanji or katakana (都ア3521) or hold a hyphen (12-34).
        Pattern("insurance.symbol",
                r"記号[ ]?[:]?[ ]?(?:は[ ]?)?"
                r"(?P<v>[\p{Han}\p{Katakana}]{0,3}[0-9]{1,8}(?:-[0-9]{1,4})?)(?![0-9])",
                score=0.0, context_score=0.85, group="v"),
        Pattern("insurance.number",
                r"(?<=記号[ ]?[:]?[ ]?(?:は[ ]?)?[\p{Han}\p{Katakana}]{0,3}[0-9]{1,8}(?:-[0-9]{1,4})?"
                r"[ ]?[,、・/]?[ ]?)"
                r"番号[ ]?[:]?[ ]?(?:は[ ]?)?"
                r"(?P<v>[0-9]{1,10})(?![0-9])",
                score=0.0, context_score=0.85, group="v"),
        # 被保険者番号 / 保険者番号 / 保険証番号 followed by the value.
        Pattern("insurance.labelled",
                r"(?:被保険者(?:証)?番号|保険者番号|保険証(?:の)?番号"
                r"|記号番号|記号・番号)[ ]?[:]?[ ]?(?:は[ ]?)?"
                r"(?P<v>[0-9]{2,10}(?:[ \-・][0-9]{1,8})?)(?![0-9])",
                score=0.0, context_score=0.85, checksum_context_score=0.9, failed_checksum_score=0.85,
                group="v"),
        # A value in a field of an insurance record: kigo="2410" bango="35", a CSV 記号 column.
        Pattern("insurance.field",
                r"(?<![0-9A-Za-z_])(?P<v>[\p{Han}\p{Katakana}]{0,3}[0-9]{1,10}(?:-[0-9]{1,4})?)(?![0-9A-Za-z_])",
                score=0.0, context_score=0.85, group="v", field_only=True),
        # 01136845,3021,187 in a CSV row with no header: each of the three fields reported.
        *(Pattern(f"insurance.row.{g}", _ROW, score=0.0, checksum_score=0.7, context_score=0.85,
                  checksum_context_score=0.9, group=g) for g in ("ins", "sym", "num")),
        Pattern("insurance.bare", rf"{_B}(?P<v>[0-9]{{6,10}}){_A}{_NQ}",
                score=0.0, context_score=0.8, checksum_context_score=0.85, failed_checksum_score=0.75,
                group="v"),
    )

    def plausible(self, cand: Candidate) -> bool:
        d = cand.digits
        return not _is_yyyymmdd(d) and not (len(d) > 1 and _all_same(d))

    def evaluate(self, cand: Candidate) -> Evidence | None:
        if cand.pattern.name != "insurance.field":
            return super().evaluate(cand)
        label = self.field_label(cand)
        if label is None or not self.plausible(cand) or not _is_insurance_field(label.name, label.siblings):
            return None
        return Evidence(score=cand.pattern.context_score, context=ContextHit(label.name, "field", 0),
                        notes=["insurance record field"])

    def validate(self, cand: Candidate) -> bool | None:
        d = cand.digits
        if cand.pattern.name.startswith("insurance.row."):
            return checksums.luhn(cand.group("ins") or "")
        if cand.pattern.name in ("insurance.labelled", "insurance.bare") and len(d) in (6, 8):
            # 保険者番号 (8 digits; 6 for 国保) ends in a Luhn 検証番号 [verify].
            return checksums.luhn(d)
        return None


SPECS: tuple[RecognizerSpec, ...] = (
    pattern_spec(CreditCardRecognizer,
                 "Payment cards: Luhn + IIN/length (Visa, Mastercard, JCB, Amex, Diners, Discover, "
                 "UnionPay)"),
    pattern_spec(MyNumberRecognizer,
                 "個人番号: 12 digits, mod-11 check digit; high only beside マイナンバー/個人番号"),
    pattern_spec(CorporateNumberRecognizer,
                 "法人番号: 13 digits, leading mod-9 check digit; T+13 invoice registration numbers"),
    pattern_spec(ResidentCodeRecognizer,
                 "住民票コード: 11 digits beside a keyword; mod-11 check digit [verify]"),
    pattern_spec(PassportRecognizer,
                 "旅券番号: 2 letters + 7 digits beside パスポート/旅券"),
    pattern_spec(DriversLicenceRecognizer,
                 "運転免許証番号: 12 digits beside 免許; issuer code + community check digit"),
    pattern_spec(ResidenceCardRecognizer,
                 "在留カード番号: 2 letters + 8 digits + 2 letters"),
    pattern_spec(BankAccountRecognizer,
                 "口座番号: 7-digit accounts with bank context, bank/branch codes, ゆうちょ 記号-番号"),
    pattern_spec(HealthInsuranceRecognizer,
                 "被保険者番号: 保険証 記号・番号, 保険者番号, 基礎年金番号, 雇用保険被保険者番号"),
)
