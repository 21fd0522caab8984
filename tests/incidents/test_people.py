"""Counting distinct people: records joined by keyed identity, never counted as rows."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.keys import SHREDDED
from audit.scans import FindingKey
from privacy_kit.incidents.people import NOT_A_PERSON, count_people, record_keys, records_of

Rec = list[tuple[str, str]]

# fmt: off
#: (case, records, distinct people)
PEOPLE_TABLE: list[tuple[str, list[Rec], int]] = [
    ("no records",                      [], 0),
    ("one row",                         [[("EMAIL_ADDRESS", "a")]], 1),
    ("a row repeated",                  [[("EMAIL_ADDRESS", "a")]] * 3, 1),
    ("same e-mail, other fields",       [[("EMAIL_ADDRESS", "a"), ("PERSON", "n1")], [("EMAIL_ADDRESS", "a")]], 1),
    ("linked through a chain",          [[("EMAIL_ADDRESS", "a"), ("PHONE_NUMBER", "p")],
                                         [("PHONE_NUMBER", "p"), ("JP_MY_NUMBER", "m")],
                                         [("JP_MY_NUMBER", "m")]], 1),
    ("different e-mails",               [[("EMAIL_ADDRESS", "a")], [("EMAIL_ADDRESS", "b")]], 2),
    ("same name, nothing else",         [[("PERSON", "n")], [("PERSON", "n")]], 1),
    ("same name, different e-mails",    [[("PERSON", "n"), ("EMAIL_ADDRESS", "a")],
                                         [("PERSON", "n"), ("EMAIL_ADDRESS", "b")]], 2),
    ("name + address links",            [[("PERSON", "n"), ("JP_ADDRESS", "x"), ("EMAIL_ADDRESS", "a")],
                                         [("PERSON", "n"), ("JP_ADDRESS", "x"), ("PHONE_NUMBER", "p")]], 1),
    ("name + other address",            [[("PERSON", "n"), ("JP_ADDRESS", "x"), ("EMAIL_ADDRESS", "a")],
                                         [("PERSON", "n"), ("JP_ADDRESS", "y"), ("PHONE_NUMBER", "p")]], 2),
    ("name + birth date links",         [[("PERSON", "n"), ("DATE_OF_BIRTH", "d"), ("PHONE_NUMBER", "p")],
                                         [("PERSON", "n"), ("DATE_OF_BIRTH", "d")]], 1),
    ("a place is nobody",               [[("LOCATION", "横浜")], [("URL", "u")], [("IP_ADDRESS", "i")]], 0),
    ("a place with a person",           [[("LOCATION", "横浜"), ("PERSON", "n")]], 1),
    ("same address, different names",   [[("PERSON", "n1"), ("JP_ADDRESS", "x")], [("PERSON", "n2"), ("JP_ADDRESS", "x")]], 2),
    ("shredded values are one each",    [[("EMAIL_ADDRESS", SHREDDED)], [("EMAIL_ADDRESS", SHREDDED)]], 2),
    ("shredded value does not link",    [[("EMAIL_ADDRESS", SHREDDED), ("PERSON", "n1")],
                                         [("EMAIL_ADDRESS", SHREDDED), ("PERSON", "n2")]], 2),
]
# fmt: on


@pytest.mark.parametrize(("records", "people"), [c[1:] for c in PEOPLE_TABLE], ids=[c[0] for c in PEOPLE_TABLE])
def test_people_are_counted_by_identity(records: list[Rec], people: int) -> None:
    assert count_people(enumerate(records)).people == people


def test_groups_count_the_people_who_have_a_type() -> None:
    records = [
        [("EMAIL_ADDRESS", "a"), ("MEDICAL_CONDITION", "m")],
        [("EMAIL_ADDRESS", "a"), ("CREDIT_CARD", "card1")],  # the same person: one in both groups
        [("EMAIL_ADDRESS", "b"), ("CREDIT_CARD", "card2")],
        [("EMAIL_ADDRESS", "c")],
    ]
    count = count_people(enumerate(records), {"sensitive": {"MEDICAL_CONDITION"}, "financial": {"CREDIT_CARD"}})
    assert (count.people, count.records, count.findings) == (3, 4, 7)
    assert count.people_in == {"sensitive": 1, "financial": 2}
    assert count.entity_types == {"CREDIT_CARD": 2, "EMAIL_ADDRESS": 4, "MEDICAL_CONDITION": 1}
    assert count.largest_group == 2


def test_records_with_several_values_of_one_identifier_are_flagged() -> None:
    count = count_people(enumerate([[("EMAIL_ADDRESS", "a"), ("EMAIL_ADDRESS", "b")], [("EMAIL_ADDRESS", "c")]]))
    assert count.multi_value_records == 1 and count.people == 2


def test_keys_never_contain_the_values() -> None:
    keys = record_keys(("f", 1), [("EMAIL_ADDRESS", "hash-a"), ("PERSON", "hash-n"), ("JP_ADDRESS", "hash-x")])
    assert keys[0] == "v:hash-a"  # keyed hashes only, as stored
    assert all(k.startswith(("v:", "p:", "r:")) for k in keys) and len(keys) == 3


def test_stored_findings_are_grouped_by_record() -> None:
    keys = [
        FindingKey("r1", "a.csv", 0, "EMAIL_ADDRESS", "h1"),
        FindingKey("r1", "a.csv", 0, "PERSON", "h2"),
        FindingKey("r1", "a.csv", 1, "EMAIL_ADDRESS", "h1"),
        FindingKey("r2", "a.csv", 1, "EMAIL_ADDRESS", "h3"),
    ]
    grouped = list(records_of(keys))
    assert grouped == [
        (("a.csv", 0), [("EMAIL_ADDRESS", "h1"), ("PERSON", "h2")]),
        (("a.csv", 1), [("EMAIL_ADDRESS", "h1")]),
        (("a.csv", 1), [("EMAIL_ADDRESS", "h3")]),
    ]
    assert count_people(grouped).people == 2


# Property: the count depends on who is in the data, not on how the rows are arranged.
_TYPES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "JP_ADDRESS", "DATE_OF_BIRTH", "LOCATION", "MEDICAL_CONDITION",
          "CREDIT_CARD", "URL"]
_VALUE = st.tuples(st.sampled_from(_TYPES), st.sampled_from(["h1", "h2", "h3", "h4", "h5", SHREDDED]))
_RECORDS = st.lists(st.lists(_VALUE, min_size=1, max_size=5), max_size=25)


def _identifiable(values: Rec) -> bool:
    """A row whose copies are recognisable as copies: it has a person's value that was not shredded."""
    return any(t not in NOT_A_PERSON and h != SHREDDED for t, h in values)


@settings(max_examples=300, deadline=None)
@given(records=_RECORDS, seed=st.integers(0, 2**32 - 1), copies=st.lists(st.integers(0, 3), max_size=25))
def test_the_count_is_invariant_to_order_and_duplicated_rows(records: list[Rec], seed: int, copies: list[int]) -> None:
    groups = {"sensitive": {"MEDICAL_CONDITION"}, "financial": {"CREDIT_CARD"}}
    rng = random.Random(seed)
    arranged: list[tuple[Any, Rec]] = []
    for rid, values in enumerate(records):
        extra = copies[rid] if rid < len(copies) and _identifiable(values) else 0
        # each copy is a new row (its own record number), with its values in another order
        arranged += [((rid, n), rng.sample(values, len(values))) for n in range(1 + extra)]
    rng.shuffle(arranged)
    before, after = count_people(enumerate(records), groups), count_people(arranged, groups)
    assert (after.people, after.people_in) == (before.people, before.people_in)
    assert before.people <= len(records)
