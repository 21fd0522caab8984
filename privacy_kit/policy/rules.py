"""Applying a pack's rules: which clauses a comment or a finding breaks, and the reason to give.

Rules are OR-conditions over three kinds of evidence: personal-data findings (entity type, APPI
category, 要配慮 category, each at or above the rule's ``min_score``), and moderation signals
computed from the whole export. Values the organisation itself publishes (its own contact
numbers and addresses, listed as ``public_values``) are never evidence of a disclosure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from privacy_kit.policy.schema import SIGNALS, Pack, Rule
from privacy_kit.policy.types import appi_category, special_category, type_label


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that applies, with the evidence that made it apply."""

    rule: Rule
    entity_types: tuple[str, ...]
    signals: tuple[str, ...]


def _fold(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


def public_value_filter(pack: Pack) -> frozenset[str]:
    return frozenset(_fold(v) for v in pack.public_values)


def is_public(value: str, public: frozenset[str]) -> bool:
    """Is ``value`` (or a part of it of 3+ characters) something the organisation publishes?"""
    folded = _fold(value)
    return len(folded) >= 3 and any(folded in p for p in public)


def finding_matches(rule: Rule, finding: Any, public: frozenset[str]) -> bool:
    """Does this single finding satisfy the rule's data conditions?"""
    when = rule.when
    if finding.score < when.min_score or (public and is_public(finding.value, public)):
        return False
    return (finding.entity_type in when.entities
            or appi_category(finding) in when.appi_categories
            or (special_category(finding) or "") in when.categories)


def evaluate(pack: Pack, findings: Sequence[Any], signals: Iterable[str], *, scope: str,
             public: frozenset[str] | None = None) -> list[Hit]:
    """Every rule of ``pack`` for ``scope`` that the evidence satisfies, strongest first."""
    public = public_value_filter(pack) if public is None else public
    present = set(signals)
    hits = []
    for rule in pack.rules:
        if scope not in rule.applies_to:
            continue
        types = tuple(dict.fromkeys(f.entity_type for f in findings if finding_matches(rule, f, public)))
        sigs = tuple(s for s in rule.when.signals if s in present)
        if types or sigs:
            hits.append(Hit(rule, types, sigs))
    return sorted(hits, key=lambda h: h.rule.rank)


def reason(pack: Pack, hit: Hit) -> str:
    """The rule's Japanese reason with its placeholders filled in."""
    labels = [type_label(t) for t in hit.entity_types]
    clause = pack.clause(hit.rule.clause)
    return hit.rule.reason.format(
        clause=clause.id, clause_text=clause.text, labels="・".join(labels),
        signals="・".join(SIGNALS[s] for s in hit.signals), action=hit.rule.action,
        organisation=pack.organisation,
    )
