"""Rule 7's four categories and their edges, the encryption exemption, and Rule 8's dates, as tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from audit.incidents import Incident
from privacy_kit.incidents.people import PeopleCount
from privacy_kit.incidents.rules import (
    SENSITIVE_TYPES,
    BreachPolicy,
    decide,
    learned_on,
    parse_when,
)
from privacy_kit.errors import InputError

D = date.fromisoformat
CUSTODY = "復号鍵は別拠点のHSMに保管し、漏えいした媒体には含まれない"


def _incident(**changes: Any) -> Incident:
    base: dict[str, Any] = {
        "incident_id": "INC-000001",
        "title": "t",
        "kind": "leak",
        "suspected": False,
        "learned_at": datetime(2026, 11, 2, 1, 30),  # 10:30 in Japan
        "occurred_at": None,
        "description": None,
        "cause": None,
        "encryption": None,
        "key_custody": None,
        "key_compromised": False,
        "wrongful_act": False,
        "sensitive_declared": False,
        "financial_declared": False,
        "people_declared": None,
        "preliminary_days": 3,
        "status": "open",
        "close_reason": None,
        "created_at": datetime(2026, 11, 2, 2, 0),
        "created_by": "t",
        "updated_at": datetime(2026, 11, 2, 2, 0),
        "closed_at": None,
    }
    return Incident(**(base | changes))


def _count(people: int = 5, types: dict[str, int] | None = None, sensitive: int = 0, financial: int = 0) -> PeopleCount:
    types = types if types is not None else {"EMAIL_ADDRESS": people}
    return PeopleCount(
        people=people,
        records=people,
        findings=sum(types.values()),
        entity_types=types,
        people_in={"sensitive": sensitive, "financial": financial},
        largest_group=1 if people else 0,
    )


def _applying(incident: Incident, count: PeopleCount) -> list[str]:
    return [c.item for c in decide(incident, count).categories if c.applies]


# fmt: off
#: (case, incident changes, evidence, categories that apply)
CATEGORY_TABLE: list[tuple[str, dict[str, Any], PeopleCount, list[str]]] = [
    ("nothing reportable",          {},                            _count(5),                                   []),
    ("999 people",                  {},                            _count(999),                                 []),
    ("1,000 people: not more than", {},                            _count(1000),                                []),
    ("1,001 people",                {},                            _count(1001),                                ["iv"]),
    ("1,001 declared, 10 found",    {"people_declared": 1001},     _count(10),                                  ["iv"]),
    ("1,000 declared",              {"people_declared": 1000},     _count(10),                                  []),
    ("one 要配慮 record",            {},                            _count(1, {"MEDICAL_CONDITION": 1}, 1),      ["i"]),
    ("要配慮 declared",              {"sensitive_declared": True},  _count(3),                                   ["i"]),
    ("one card number",             {},                            _count(1, {"CREDIT_CARD": 1}, financial=1),  ["ii"]),
    ("bank account alone",          {},                            _count(4, {"JP_BANK_ACCOUNT": 4}),           []),
    ("bank account + credentials",  {"financial_declared": True},  _count(4, {"JP_BANK_ACCOUNT": 4}),           ["ii"]),
    ("wrongful act, one person",    {"wrongful_act": True},        _count(1),                                   ["iii"]),
    ("wrongful act, nobody found",  {"wrongful_act": True},        _count(0, {}),                               ["iii"]),
    ("everything",                  {"wrongful_act": True},
        _count(1500, {"MEDICAL_CONDITION": 2, "CREDIT_CARD": 3}, 2, 3),                                         ["i", "ii", "iii", "iv"]),
    # the exemption: high-grade encryption with the key kept apart covers the whole of Rule 7
    ("encrypted, key kept apart",   {"encryption": "AES-256-GCM", "key_custody": CUSTODY, "wrongful_act": True},
        _count(1500, {"MEDICAL_CONDITION": 2, "CREDIT_CARD": 3}, 2, 3),                                         []),
    ("encrypted, custody unsaid",   {"encryption": "AES-256-GCM"},
        _count(1, {"MEDICAL_CONDITION": 1}, 1),                                                                 ["i"]),
    ("custody without encryption",  {"key_custody": CUSTODY},
        _count(1, {"MEDICAL_CONDITION": 1}, 1),                                                                 ["i"]),
    ("encrypted, key leaked too",   {"encryption": "AES-256-GCM", "key_custody": CUSTODY, "key_compromised": True},
        _count(1, {"CREDIT_CARD": 1}, financial=1),                                                             ["ii"]),
]
# fmt: on


@pytest.mark.parametrize(("changes", "count", "expected"), [c[1:] for c in CATEGORY_TABLE],
                         ids=[c[0] for c in CATEGORY_TABLE])
def test_the_four_categories(changes: dict[str, Any], count: PeopleCount, expected: list[str]) -> None:
    incident = _incident(**changes)
    decision = decide(incident, count)
    assert _applying(incident, count) == expected
    assert decision.mandatory is bool(expected)
    assert [d.kind for d in decision.deadlines(BreachPolicy())] == (
        ["ppc-preliminary", "ppc-final", "individuals"] if expected else []
    )


@pytest.mark.parametrize("etype", sorted(SENSITIVE_TYPES))
def test_each_要配慮_type_alone_makes_category_i(etype: str) -> None:
    category = decide(_incident(), _count(1, {etype: 1}, sensitive=1)).categories[0]
    assert category.applies and category.found and category.people == 1
    assert category.finding_types == {etype: 1} and "one person suffices" in category.reason


@pytest.mark.parametrize("etype", ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "JP_MY_NUMBER", "JP_ADDRESS", "AGE"])
def test_other_types_alone_are_not_category_i_or_ii(etype: str) -> None:
    decision = decide(_incident(), _count(3, {etype: 3}))
    assert not decision.mandatory and not decision.categories[0].found and not decision.categories[1].found


def test_evidence_is_reported_for_every_category() -> None:
    count = _count(1200, {"MEDICAL_CONDITION": 2, "CREDIT_CARD": 5, "EMAIL_ADDRESS": 1200}, sensitive=2, financial=4)
    cats = {c.item: c for c in decide(_incident(), count).categories}
    assert (cats["i"].people, cats["i"].finding_types) == (2, {"MEDICAL_CONDITION": 2})
    assert (cats["ii"].people, cats["ii"].finding_types) == (4, {"CREDIT_CARD": 5})
    assert not cats["iii"].applies and "no wrongful act" in cats["iii"].reason
    assert cats["iv"].reason == "1,200 distinct people > 1,000"
    assert all(c.rule == f"Rule 7({c.item})" for c in cats.values())


def test_the_exemption_is_stated() -> None:
    decision = decide(
        _incident(encryption="AES-256-GCM", key_custody=CUSTODY), _count(1, {"CREDIT_CARD": 1}, financial=1)
    )
    assert decision.encryption_exempt and not decision.mandatory
    assert decision.categories[1].found and "excluded: high-grade encryption" in decision.categories[1].reason
    assert "NOT mandatory: high-grade encryption" in decision.summary()
    assert any("encryption exemption applied" in n for n in decision.notes)


# fmt: off
#: (learned at, changes, policy, preliminary due, final due) - the day of learning is day 1
DATE_TABLE = [
    ("2026-11-02T10:30+09:00", {},                      BreachPolicy(),                   "2026-11-04", "2026-12-01"),
    ("2026-11-02T10:30+09:00", {"wrongful_act": True},  BreachPolicy(),                   "2026-11-04", "2026-12-31"),
    ("2026-11-01T23:30+00:00", {},                      BreachPolicy(),                   "2026-11-04", "2026-12-01"),  # 08:30 JST
    ("2026-11-02T23:59+09:00", {},                      BreachPolicy(),                   "2026-11-04", "2026-12-01"),
    ("2026-11-02T10:30+09:00", {"preliminary_days": 5}, None,                             "2026-11-06", "2026-12-01"),
    ("2026-11-02T10:30+09:00", {},                      BreachPolicy(preliminary_days=5), "2026-11-06", "2026-12-01"),
    ("2026-11-02T10:30+09:00", {},                      BreachPolicy(learning_day_is_day_one=False),
                                                                                          "2026-11-05", "2026-12-02"),
    ("2026-12-20T09:00+09:00", {"wrongful_act": True},  BreachPolicy(),                   "2026-12-22", "2027-02-17"),
    ("2028-02-01T09:00+09:00", {},                      BreachPolicy(),                   "2028-02-03", "2028-03-01"),  # leap year
]
# fmt: on


@pytest.mark.parametrize(("learned", "changes", "policy", "preliminary", "final"), DATE_TABLE)
def test_rule_8_dates(
    learned: str, changes: dict[str, Any], policy: BreachPolicy | None, preliminary: str, final: str
) -> None:
    incident = _incident(learned_at=parse_when(learned), sensitive_declared=True, **changes)
    decision = decide(incident, _count(1), policy)
    assert (decision.preliminary_due, decision.final_due) == (D(preliminary), D(final))
    assert decision.final_days == (60 if changes.get("wrongful_act") else 30)


def test_no_dates_when_nothing_is_reportable() -> None:
    decision = decide(_incident(), _count(3))
    assert (decision.preliminary_due, decision.final_due, decision.final_days) == (None, None, None)
    assert any("voluntary report" in n for n in decision.notes)


def test_learning_is_a_japanese_day() -> None:
    assert learned_on(datetime(2026, 11, 1, 15, 0)) == D("2026-11-02")  # stored UTC: midnight in Japan
    assert learned_on(datetime(2026, 11, 1, 14, 59)) == D("2026-11-01")


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-11-02", "2026-11-01T15:00:00+00:00"),
        ("2026-11-02 10:30", "2026-11-02T01:30:00+00:00"),
        ("2026-11-02T10:30:00+09:00", "2026-11-02T01:30:00+00:00"),
        ("2026-11-02T01:30Z", "2026-11-02T01:30:00+00:00"),
    ],
)
def test_times_without_an_offset_are_japan_time(text: str, utc: str) -> None:
    assert parse_when(text) == datetime.fromisoformat(utc)


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01", "02/11/2026"])
def test_unreadable_times_are_input_errors(text: str) -> None:
    with pytest.raises(InputError, match="not a date or time"):
        parse_when(text)


@pytest.mark.parametrize(
    ("changes", "count", "needle"),
    [
        ({}, _count(4, {"JP_BANK_ACCOUNT": 4}), "account numbers alone are not category (ii)"),
        ({"encryption": "AES"}, _count(1), "without a description of the key's custody"),
        ({"encryption": "AES", "key_custody": CUSTODY, "key_compromised": True}, _count(1), "key may have leaked"),
        ({"people_declared": 2000}, _count(10), "the declared 2,000 is used"),
        ({}, replace(_count(900), records=1500, largest_group=600), "1,500 records were linked into 900 people"),
        ({}, replace(_count(9), multi_value_records=2), "may concern more than one person"),
    ],
)
def test_notes_point_at_what_a_person_must_check(changes: dict[str, Any], count: PeopleCount, needle: str) -> None:
    assert any(needle in n for n in decide(_incident(**changes), count).notes)

