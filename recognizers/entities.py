"""The entity types this pack reports: stable ids, never renamed (stores and reports key on them).

Each type also has its APPI class (``APPI_CATEGORIES``), because the law treats them differently:

* 要配慮個人情報 (special care-required, Art 2(3) and 施行令 Art 2): acquisition needs prior
  consent (Art 20(2)), opt-out provision is prohibited (Art 27(2)), and a leak involving even one
  person is reportable to the PPC (Art 26, 施行規則 Art 7(1));
* 個人関連情報 (personally referable, Art 2(7), Art 31): a cookie, device or advertising id, an IP
  address; not personal information by itself, but providing it to a recipient who will join it
  to a person needs the consent confirmation of Art 31;
* 個人情報 (Art 2(1)): everything else the pack reports (names, contact data, identifiers).
"""

from __future__ import annotations

#: Entity type -> Japanese label used in masks and reports.
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "氏名",
    "LOCATION": "地名",
    "JP_ADDRESS": "住所",
    "JP_POSTAL_CODE": "郵便番号",
    "PHONE_NUMBER": "電話番号",
    "EMAIL_ADDRESS": "メールアドレス",
    "URL": "URL",
    "IP_ADDRESS": "IPアドレス",
    "SNS_ACCOUNT": "SNSアカウント",
    "CREDIT_CARD": "クレジットカード番号",
    "JP_MY_NUMBER": "個人番号",
    "JP_CORPORATE_NUMBER": "法人番号",
    "JP_RESIDENT_CODE": "住民票コード",
    "JP_PASSPORT": "旅券番号",
    "JP_DRIVERS_LICENSE": "運転免許証番号",
    "JP_RESIDENCE_CARD": "在留カード番号",
    "JP_BANK_ACCOUNT": "口座番号",
    "JP_HEALTH_INSURANCE": "被保険者番号",
    "DATE_OF_BIRTH": "生年月日",
    "AGE": "年齢",
    # 要配慮個人情報 about a person (Art 2(3); 施行令 Art 2)
    "MEDICAL_CONDITION": "病歴",
    "CREED": "信条",
    "CRIMINAL_RECORD": "犯罪歴",
    "DISABILITY": "障害",
    "RACE_ETHNICITY": "人種",
    "SOCIAL_STATUS": "社会的身分",
    "CRIME_VICTIM": "犯罪被害",
    # context detections
    "BEHAVIOR_PATTERN": "行動パターン",
    "ONLINE_IDENTIFIER": "オンライン識別子",
}

ENTITY_TYPES: tuple[str, ...] = tuple(ENTITY_LABELS)

#: Identifier types: structured values whose recall/precision targets are per type.
IDENTIFIER_TYPES: tuple[str, ...] = (
    "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "SNS_ACCOUNT",
    "CREDIT_CARD", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "JP_RESIDENT_CODE", "JP_PASSPORT",
    "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD", "JP_BANK_ACCOUNT", "JP_HEALTH_INSURANCE",
)

#: 要配慮個人情報 types: a lexicon word is reported only when it is said about a person.
SENSITIVE_TYPES: tuple[str, ...] = (
    "MEDICAL_CONDITION", "CREED", "CRIMINAL_RECORD", "DISABILITY", "RACE_ETHNICITY", "SOCIAL_STATUS",
    "CRIME_VICTIM",
)

#: Types that are about what a text says of someone, not values in it (issue 5): the
#: 要配慮 types and behaviour patterns. ``PERSONAL_VALUE_TYPES`` is everything else.
CONTEXT_TYPES: tuple[str, ...] = (*SENSITIVE_TYPES, "BEHAVIOR_PATTERN")
ONLINE_TYPES: tuple[str, ...] = ("ONLINE_IDENTIFIER",)
PERSONAL_VALUE_TYPES: tuple[str, ...] = tuple(
    t for t in ENTITY_TYPES if t not in CONTEXT_TYPES and t not in ONLINE_TYPES
)

SENSITIVE = "要配慮個人情報"
REFERABLE = "個人関連情報"
PERSONAL = "個人情報"

#: Entity type -> APPI class (see the module docstring). An IP address alone identifies a
#: connection, not a person: like a cookie id it is 個人関連情報 unless the holder can easily
#: match it to someone (容易照合性), which a scanner cannot know.
APPI_CATEGORIES: dict[str, str] = {
    **{t: PERSONAL for t in ENTITY_TYPES},
    **{t: SENSITIVE for t in SENSITIVE_TYPES},
    "ONLINE_IDENTIFIER": REFERABLE,
    "IP_ADDRESS": REFERABLE,
}


def appi_category(entity_type: str) -> str | None:
    """The APPI class of an entity type (None for a type this pack does not report)."""
    return APPI_CATEGORIES.get(entity_type)


#: ``RecognizerResult.recognition_metadata`` keys under which results carry their APPI class
#: and, for 要配慮 types, the statutory category (``SENSITIVE_CATEGORIES``).
APPI_CATEGORY_KEY = "appi_category"
CATEGORY_KEY = "category"

#: Statutory categories of 要配慮個人情報: stable ids (after appi.md §4's design labels) ->
#: the words of Art 2(3) or 施行令 Art 2. Findings carry the id (policy packs and reports key on
#: it); reports show the words.
SENSITIVE_CATEGORIES: dict[str, str] = {
    "statutory.race": "人種",
    "statutory.creed": "信条",
    "statutory.social_status": "社会的身分",
    "statutory.medical_history": "病歴",
    "statutory.criminal_record": "犯罪の経歴",
    "statutory.crime_victim": "犯罪により害を被った事実",
    "order.disability": "身体障害・知的障害・精神障害等",
    "order.health_check": "健康診断その他の検査の結果",
    "order.treatment": "医師等による指導・診療・調剤",
    "order.criminal_procedure": "被疑者・被告人としての刑事事件に関する手続",
    "order.juvenile_procedure": "少年の保護事件に関する手続",
}


def overlap_layer(entity_type: str) -> str:
    """Which findings an overlap is resolved against: values compete with values (a phone number
    inside a My Number), but a 要配慮 expression or a behaviour sentence is a statement about a
    person that legitimately contains or touches values (the name it is about), so each context
    kind is a layer of its own."""
    if entity_type in SENSITIVE_TYPES:
        return "sensitive"
    if entity_type == "BEHAVIOR_PATTERN":
        return "behaviour"
    return "value"
