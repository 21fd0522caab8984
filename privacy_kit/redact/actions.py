"""What each mode does with each entity type, and why (APPI Rules 31 and 34, appi.md §9).

| action | writes | used for |
|---|---|---|
| ``tag`` | the mask style (〈氏名〉 by default) | every type in ``mask`` mode |
| ``delete`` | a deletion tag (〈削除:個人番号〉) | 個人識別符号 (Rule 31(2)) and data whose misuse causes financial damage (Rule 31(3)) |
| ``shaped`` | a keyed pseudonym in the value's own shape (phone, e-mail, postal code) | where the format must survive |
| ``token`` | a keyed pseudonym such as 氏名_kqzmxbtd | identifying descriptions (Rule 31(1)) |
| ``band`` | a 10-year band (30-39) | ages in free text, in ``anonymise`` |
| ``keep`` | the value unchanged | types that do not identify a person on their own (a place name, an age, a corporate number) or that are what the analysis is about (要配慮 context) |
"""

from __future__ import annotations

MODES = ("mask", "pseudonymise", "anonymise")

#: 個人識別符号 the pack detects (施行令 Art 1; Rules 2–4): deleted whole in 仮名加工 and 匿名加工.
IDENTIFICATION_CODES = ("JP_MY_NUMBER", "JP_PASSPORT", "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD",
                        "JP_HEALTH_INSURANCE", "JP_RESIDENT_CODE")
#: Data whose misuse could cause financial damage (Rule 31(3)): deleted even if analysts want it.
FINANCIAL = ("CREDIT_CARD", "JP_BANK_ACCOUNT")
DELETED = (*IDENTIFICATION_CODES, *FINANCIAL)
#: Identifiers whose format must survive: replaced by pseudonyms of the same shape.
SHAPED = ("PHONE_NUMBER", "EMAIL_ADDRESS", "JP_POSTAL_CODE")
#: Identifying descriptions (Rule 31(1)): replaced by readable keyed pseudonyms.
TOKENS = ("PERSON", "JP_ADDRESS", "SNS_ACCOUNT", "URL", "IP_ADDRESS", "ONLINE_IDENTIFIER", "DATE_OF_BIRTH")


def action(mode: str, entity_type: str) -> str:
    if mode == "mask":
        return "tag"
    if entity_type in DELETED:
        return "delete"
    if mode == "anonymise" and entity_type == "DATE_OF_BIRTH":
        return "tag"  # a birth date is too specific for anonymised data; structured ones are generalised
    if mode == "anonymise" and entity_type == "AGE":
        return "band"
    if entity_type in SHAPED:
        return "shaped"
    if entity_type in TOKENS:
        return "token"
    return "keep"


def replaced_types(mode: str, types: tuple[str, ...]) -> tuple[str, ...]:
    """The types among ``types`` that ``mode`` replaces (what a round-trip scan must not find)."""
    return tuple(t for t in types if action(mode, t) != "keep")
