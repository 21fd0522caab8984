"""The entity types this pack reports: stable ids, never renamed (stores and reports key on them)."""

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
}

ENTITY_TYPES: tuple[str, ...] = tuple(ENTITY_LABELS)

#: Identifier types: structured values whose recall/precision targets are per type.
IDENTIFIER_TYPES: tuple[str, ...] = (
    "JP_POSTAL_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "URL", "IP_ADDRESS", "SNS_ACCOUNT",
    "CREDIT_CARD", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "JP_RESIDENT_CODE", "JP_PASSPORT",
    "JP_DRIVERS_LICENSE", "JP_RESIDENCE_CARD", "JP_BANK_ACCOUNT", "JP_HEALTH_INSURANCE",
)
