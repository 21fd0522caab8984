"""How many distinct people a leak concerns: records linked by keyed identity, never counted as rows.

Rule 7(iv) turns on the number of *people* (本人の数), and an export holds one person many times:
a member in several rows, a commenter in many comments. Records are therefore joined with
union-find wherever they share something that identifies one person, and each group is one
person:

- a strong identifier (``LINK_TYPES``: e-mail, phone, SNS account, My Number, card and account
  numbers, passport, licence…): the same value is the same person;
- a name together with an address or a birth date (``PAIR_TYPES``): the same pair is the same
  person (a name alone is not: two 田中太郎 are two people);
- the record's whole set of personal values: identical records (a duplicated row) are one person.

Everything is compared by keyed hash (HMAC under the store's index key, as stored with every
finding), so no value is held in clear here, and the result depends neither on the order of the
records nor on rows repeated.

Assumptions (printed with the assessment when they matter): one record concerns one person, so a
comment that names three people counts once (``multi_value_records`` flags records with several
values of one identifier type); a shared value (an office phone) joins different people, so the
largest group is reported for a person to check; records whose values were crypto-shredded count
as one person each. Types that are not about a person by themselves (``NOT_A_PERSON``: URLs,
places, IP addresses, ages, postcodes, corporate numbers, online identifiers) make no record a
person, but a record that is about a person keeps them in its type set.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from audit.keys import SHREDDED

if TYPE_CHECKING:
    from audit.scans import FindingKey

#: Types that identify one person by value.
LINK_TYPES: frozenset[str] = frozenset(
    {
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "SNS_ACCOUNT",
        "CREDIT_CARD",
        "JP_MY_NUMBER",
        "JP_RESIDENT_CODE",
        "JP_PASSPORT",
        "JP_DRIVERS_LICENSE",
        "JP_RESIDENCE_CARD",
        "JP_BANK_ACCOUNT",
        "JP_HEALTH_INSURANCE",
    }
)
#: Pairs that identify one person together (neither does alone).
PAIR_TYPES: tuple[tuple[str, str], ...] = (("PERSON", "JP_ADDRESS"), ("PERSON", "DATE_OF_BIRTH"))
#: Types that do not make a record about a person by themselves.
NOT_A_PERSON: frozenset[str] = frozenset(
    {"URL", "LOCATION", "IP_ADDRESS", "AGE", "JP_POSTAL_CODE", "JP_CORPORATE_NUMBER", "ONLINE_IDENTIFIER"}
)

#: A record's values: (entity type, keyed hash) pairs.
Values = Iterable[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class PeopleCount:
    """The evidence an assessment rests on (stored with it, so a decision can be re-made)."""

    people: int = 0  # distinct people
    records: int = 0  # records about a person
    findings: int = 0
    entity_types: Mapping[str, int] = field(default_factory=dict)  # findings per type
    people_in: Mapping[str, int] = field(default_factory=dict)  # people per named group of types
    largest_group: int = 0  # records in the largest linked group
    multi_value_records: int = 0
    shredded_records: int = 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["entity_types"] = dict(sorted(self.entity_types.items()))
        out["people_in"] = dict(sorted(self.people_in.items()))
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PeopleCount:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        self.size.setdefault(key, 1)
        while parent != key:
            grand = self.parent[parent]
            self.parent[key] = grand  # path halving
            key, parent = parent, grand
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def record_keys(record_id: Hashable, values: Sequence[tuple[str, str]]) -> list[str]:
    """The identity keys of one record (see the module docstring); never empty."""
    usable = sorted({(t, h) for t, h in values if h != SHREDDED})
    keys = [f"v:{h}" for t, h in usable if t in LINK_TYPES]
    by_type: dict[str, list[str]] = defaultdict(list)
    for t, h in usable:
        by_type[t].append(h)
    for a, b in PAIR_TYPES:
        keys += [f"p:{_digest(a, ha, b, hb)}" for ha in by_type.get(a, ()) for hb in by_type.get(b, ())]
    personal = [f"{t}={h}" for t, h in usable if t not in NOT_A_PERSON]
    keys.append(f"r:{_digest(*personal)}" if personal else f"u:{_digest(repr(record_id))}")
    return keys


def is_about_a_person(values: Iterable[tuple[str, str]]) -> bool:
    return any(t not in NOT_A_PERSON for t, _ in values)


def count_people(
    records: Iterable[tuple[Hashable, Values]], groups: Mapping[str, Iterable[str]] | None = None
) -> PeopleCount:
    """Count distinct people in ``(record id, values)``; ``groups`` names sets of entity types
    whose people are counted too (e.g. ``{"sensitive": {...}}``: people with any of them)."""
    group_sets = {name: frozenset(types) for name, types in (groups or {}).items()}
    uf = _UnionFind()
    type_counts: Counter[str] = Counter()
    kept: list[tuple[str, frozenset[str]]] = []  # (a key of the record, its types)
    type_sets: dict[frozenset[str], frozenset[str]] = {}  # one object per combination: millions of records share few
    multi = shredded = findings = 0
    for record_id, raw in records:
        values = list(raw)
        findings += len(values)
        type_counts.update(t for t, _ in values)
        if not is_about_a_person(values):
            continue
        keys = record_keys(record_id, values)
        for other in keys[1:]:
            uf.union(keys[0], other)
        types = frozenset(t for t, _ in values)
        kept.append((keys[0], type_sets.setdefault(types, types)))
        per_type = Counter(t for t, h in {(t, h) for t, h in values if h != SHREDDED} if t in LINK_TYPES)
        multi += any(n > 1 for n in per_type.values())
        shredded += all(h == SHREDDED for _, h in values)
    # a duplicated row adds a record but no person; count each distinct record once per group
    group_records: Counter[str] = Counter()
    group_types: dict[str, set[str]] = defaultdict(set)
    for key, types in kept:
        root = uf.find(key)
        group_records[root] += 1
        group_types[root] |= types
    people_in = {
        name: sum(1 for types in group_types.values() if types & wanted) for name, wanted in group_sets.items()
    }
    return PeopleCount(
        people=len(group_records),
        records=len(kept),
        findings=findings,
        entity_types=dict(sorted(type_counts.items())),
        people_in=people_in,
        largest_group=max(group_records.values(), default=0),
        multi_value_records=multi,
        shredded_records=shredded,
    )


def records_of(findings: Iterable[FindingKey]) -> Iterator[tuple[tuple[str, int | None], list[tuple[str, str]]]]:
    """Group stored findings (in record order, as ``iter_finding_keys`` yields them) by record."""
    for key, group in groupby(findings, key=lambda f: (f.run_id, f.source, f.record)):
        yield (key[1], key[2]), [(f.entity_type, f.value_hash) for f in group]
