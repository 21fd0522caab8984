"""Which entity types and categories a pack may name, and the APPI category of each finding.

Rules name entity types (``PHONE_NUMBER``), APPI categories (``要配慮個人情報``) and 要配慮
categories (``statutory.medical_history``). All three vocabularies are the recognizer pack's
(recognizers/entities.py): the reported types, the issue-5 context types (要配慮 and behaviour,
declared there before every one of their recognizers exists), the APPI class of each type, and
the statutory category ids. A finding carries its own ``appi_category`` and ``category``; a
stand-in without them (a test double, an older finding) gets them from its type.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: The statutory category a 要配慮 type stands for when a finding does not say (the recognizer
#: may be more precise, e.g. ``order.treatment`` for a MEDICAL_CONDITION).
DEFAULT_CATEGORY: dict[str, str] = {
    "MEDICAL_CONDITION": "statutory.medical_history",
    "CREED": "statutory.creed",
    "CRIMINAL_RECORD": "statutory.criminal_record",
    "DISABILITY": "order.disability",
    "RACE_ETHNICITY": "statutory.race",
    "SOCIAL_STATUS": "statutory.social_status",
    "CRIME_VICTIM": "statutory.crime_victim",
}


@lru_cache(maxsize=1)
def known_entity_types() -> frozenset[str]:
    from recognizers import entities

    return frozenset(entities.ENTITY_TYPES) | frozenset(entities.CONTEXT_TYPES) | frozenset(entities.ONLINE_TYPES)


@lru_cache(maxsize=1)
def known_categories() -> frozenset[str]:
    from recognizers.entities import SENSITIVE_CATEGORIES

    return frozenset(SENSITIVE_CATEGORIES)


def appi_category(finding: Any) -> str:
    """The APPI category of a finding (its own, when it carries one)."""
    own = getattr(finding, "appi_category", None)
    if own:
        return str(own)
    from recognizers.entities import PERSONAL, SENSITIVE, SENSITIVE_TYPES
    from recognizers.entities import appi_category as of_type

    if finding.entity_type in SENSITIVE_TYPES:
        return SENSITIVE
    return of_type(finding.entity_type) or PERSONAL


def special_category(finding: Any) -> str | None:
    """The 要配慮 category id of a finding (``statutory.medical_history``…), or None."""
    own = getattr(finding, "category", None)
    return str(own) if own else DEFAULT_CATEGORY.get(finding.entity_type)


def type_label(entity_type: str) -> str:
    """The Japanese label of a type (氏名, 病歴…) for reasons."""
    from recognizers.entities import ENTITY_LABELS, SENSITIVE_CATEGORIES

    if entity_type in ENTITY_LABELS:
        return ENTITY_LABELS[entity_type]
    if entity_type in DEFAULT_CATEGORY:
        return SENSITIVE_CATEGORIES[DEFAULT_CATEGORY[entity_type]]
    return {"BEHAVIOR_PATTERN": "行動・生活パターン"}.get(entity_type, entity_type)
