"""Which entity types a pack may name, and the APPI category of each finding.

Rules name entity types (``PHONE_NUMBER``), APPI categories (``要配慮個人情報``) and 要配慮
categories (``病歴``). The recognizer pack's own list (recognizers/entities.py) is authoritative;
the context types of issue 5 are accepted by name too, so packs can be written for them before
every installation has their recognizers. A finding that carries its own ``appi_category`` /
``category`` (issue 5 adds them) is taken at its word; otherwise they follow from its type.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: 要配慮個人情報 types (Art 2(3), 施行令 Art 2) and the category each stands for.
SPECIAL_CARE: dict[str, str] = {
    "MEDICAL_CONDITION": "病歴",
    "CREED": "信条",
    "CRIMINAL_RECORD": "犯罪の経歴",
    "DISABILITY": "心身の機能の障害",
    "RACE_ETHNICITY": "人種",
    "SOCIAL_STATUS": "社会的身分",
    "CRIME_VICTIM": "犯罪により害を被った事実",
}

#: Context types of issue 5 that are not 要配慮: behaviour is personal information (Art 2(1));
#: an online identifier alone is 個人関連情報 (Art 2(7), Art 31).
CONTEXT_TYPES: dict[str, str] = {"BEHAVIOR_PATTERN": "個人情報", "ONLINE_IDENTIFIER": "個人関連情報"}


@lru_cache(maxsize=1)
def known_entity_types() -> frozenset[str]:
    from recognizers.entities import ENTITY_TYPES

    return frozenset(ENTITY_TYPES) | frozenset(SPECIAL_CARE) | frozenset(CONTEXT_TYPES)


def appi_category(finding: Any) -> str:
    """The APPI category of a finding (its own, when the recognizer set one)."""
    own = getattr(finding, "appi_category", None)
    if own:
        return str(own)
    if finding.entity_type in SPECIAL_CARE:
        return "要配慮個人情報"
    return CONTEXT_TYPES.get(finding.entity_type, "個人情報")


def special_category(finding: Any) -> str | None:
    """The 要配慮 category of a finding (``病歴``…), or None."""
    own = getattr(finding, "category", None)
    if own:
        return str(own)
    return SPECIAL_CARE.get(finding.entity_type)
