"""Rule 7's four categories, the exemption, and the deadlines of Rule 8: the decision, as data.

``decide`` is a pure function of what the organisation declared (the stored incident) and what
the files showed (a :class:`~privacy_kit.incidents.people.PeopleCount`), so an assessment can
be re-decided without rescanning when a declaration changes, and tested as a table.

The law (current numbering; docs/incidents.md cites the sources and the [verify] points):

- Art 26(1) with Rule 7: reporting to the PPC is mandatory when personal data was leaked, lost
  or damaged (or may have been) and (i) it included 要配慮個人情報, (ii) its misuse may cause
  financial damage, (iii) it may have been caused by an act with a wrongful purpose (不正の目的)
  against the business, or (iv) more than 1,000 people are affected. (i)-(iii): one person is
  enough. Rule 7(i) defines 個人データ for the whole rule as excluding data protected by
  high-grade encryption or other necessary measures (「以下この条及び次条第一項において同じ」),
  so the exemption applies to all four categories; it is applied only when the encryption *and*
  the custody of the key are declared, and not when the key may have leaked too.
- Rule 8(1): a preliminary report (速報) 「速やかに」 after learning of it; the PPC guideline's
  target is about 3-5 days. Rule 8(2): a final report (確報) within 30 days, 60 for (iii).
- Art 26(2), Rule 10: notify the individuals 「速やかに」 (no fixed day).

Days are counted with the day of learning as day 1 (our reading of GL 3-5-3-3/3-5-3-4, marked
[verify] in appi.md §13): 30 days from 2 November is 1 December. Counting from the next day
(民法140条) would give one day more; the earlier date is used so that a deadline is never missed,
and no date is moved for weekends or holidays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from audit.incidents import Deadline
from privacy_kit.policy.types import DEFAULT_CATEGORY
from recognizers.entities import SENSITIVE_CATEGORIES
from recognizers.entities import SENSITIVE_TYPES as PACK_SENSITIVE_TYPES

if TYPE_CHECKING:
    from audit.incidents import Incident
    from privacy_kit.incidents.people import PeopleCount

#: Japan Standard Time (no daylight saving): the day an incident was learned of is a Japanese day.
JST = timezone(timedelta(hours=9), "JST")

#: Which text of the rules the decision follows (appi.md §2: keep rule sets versioned; the
#: 令和8年改正 will change Art 26(2) once in force). Rule 7(iii) as amended on 2024-04-01.
RULE_SET = "APPI-2022"

#: 要配慮個人情報 (Art 2(3), Cabinet Order Art 2): the recognizer pack's 要配慮 types with the words of
#: the statutory category each stands for, known by name so that findings of them count whether or
#: not a detector for them is installed.
SENSITIVE_TYPES: dict[str, str] = {t: SENSITIVE_CATEGORIES[DEFAULT_CATEGORY[t]] for t in PACK_SENSITIVE_TYPES}

# fmt: off
#: Rule 7(ii) on the evidence alone: card numbers (the guideline's first example).
FINANCIAL_TYPES: dict[str, str] = {"CREDIT_CARD": "クレジットカード番号"}
#: Financial only together with credentials (PIN, net-banking password), which no detector finds:
#: the user declares them (--financial); the assessment says that these were seen.
FINANCIAL_WITH_CREDENTIALS: dict[str, str] = {"JP_BANK_ACCOUNT": "口座番号"}
# fmt: on

#: Rule 7(iv): "more than 1,000" (千人を超える): 1,000 people is not reportable, 1,001 is.
PEOPLE_THRESHOLD = 1000


@dataclass(frozen=True, slots=True)
class BreachPolicy:
    """The configurable assumptions: the 速報 target and how days are counted."""

    preliminary_days: int = 3
    final_days: int = 30
    final_days_wrongful: int = 60
    people_threshold: int = PEOPLE_THRESHOLD
    learning_day_is_day_one: bool = True

    def due(self, learned_on: date, days: int) -> date:
        return learned_on + timedelta(days=days - 1 if self.learning_day_is_day_one else days)


def in_japan(value: datetime) -> datetime:
    """A stored (naive UTC) or aware timestamp as Japan time."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(JST)


def learned_on(learned_at: datetime) -> date:
    """The Japanese calendar day an incident was learned of: deadlines count from it."""
    return in_japan(learned_at).date()


def parse_when(text: str) -> datetime:
    """``2026-11-02``, ``2026-11-02 10:30`` or ISO 8601 with an offset; without one, Japan time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        from privacy_kit.errors import InputError

        raise InputError(
            f"{text!r} is not a date or time", hint="write e.g. 2026-11-02, 2026-11-02 10:30 or 2026-11-02T10:30+09:00"
        ) from exc
    return value if value.tzinfo is not None else value.replace(tzinfo=JST)


@dataclass(frozen=True, slots=True)
class Category:
    """One Rule 7 item, decided: whether it applies, and the evidence either way."""

    item: str  # "i" .. "iv"
    title: str
    applies: bool
    found: bool  # the scanned data alone shows it
    declared: bool  # the organisation declared it
    people: int  # people concerned, as far as the evidence shows
    finding_types: Mapping[str, int] = field(default_factory=dict)
    reason: str = ""

    @property
    def rule(self) -> str:
        return f"Rule 7({self.item})"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["rule"] = self.rule
        out["finding_types"] = dict(self.finding_types)
        return out


@dataclass(frozen=True, slots=True)
class Decision:
    categories: tuple[Category, ...]
    encryption_exempt: bool
    mandatory: bool
    learned_on: date
    preliminary_due: date | None
    final_due: date | None
    final_days: int | None
    notes: tuple[str, ...] = ()

    @property
    def applying(self) -> list[Category]:
        return [c for c in self.categories if c.applies]

    def summary(self) -> str:
        if self.mandatory:
            items = ", ".join(f"({c.item})" for c in self.applying)
            return f"reporting to the PPC is MANDATORY (Art 26(1); Rule 7 {items})"
        if self.encryption_exempt and any(c.found or c.declared for c in self.categories):
            return "reporting is NOT mandatory: high-grade encryption with the key kept apart (Rule 7)"
        return "reporting is not mandatory: none of the four Rule 7 categories applies"

    def deadlines(self, policy: BreachPolicy) -> list[Deadline]:
        """The steps a mandatory report requires, with their due dates (none otherwise)."""
        if not self.mandatory:
            return []
        return [
            Deadline(
                "ppc-preliminary",
                self.preliminary_due,
                f"Rule 8(1): 速やかに; target {policy.preliminary_days} days (PPC guideline: 概ね3〜5日)",
            ),
            Deadline(
                "ppc-final",
                self.final_due,
                f"Rule 8(2): within {self.final_days} days"
                + (" (Rule 7(iii): wrongful purpose)" if self.final_days == policy.final_days_wrongful else ""),
            ),
            Deadline("individuals", None, "Art 26(2), Rule 10: 速やかに (no fixed day)"),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "mandatory": self.mandatory,
            "summary": self.summary(),
            "encryption_exempt": self.encryption_exempt,
            "learned_on": self.learned_on.isoformat(),
            "preliminary_due": self.preliminary_due.isoformat() if self.preliminary_due else None,
            "final_due": self.final_due.isoformat() if self.final_due else None,
            "final_days": self.final_days,
            "categories": [c.to_dict() for c in self.categories],
            "notes": list(self.notes),
        }


def _types(counts: Mapping[str, int], wanted: Mapping[str, str]) -> dict[str, int]:
    return {t: n for t, n in sorted(counts.items()) if t in wanted and n}


def _found_reason(types: Mapping[str, int], people: int) -> str:
    listed = ", ".join(f"{t} ×{n}" for t, n in types.items())
    return f"{listed} concerning {people} {'person' if people == 1 else 'people'}"


def _category(
    item: str, title: str, *, found: bool, declared: bool, exempt: bool, people: int,
    types: Mapping[str, int], found_text: str, none_text: str,
) -> Category:  # fmt: skip
    if exempt and (found or declared):
        reason = "excluded: high-grade encryption with the key kept apart was declared"
    elif found and declared:
        reason = f"{found_text}; also declared"
    elif found:
        reason = found_text
    elif declared:
        reason = "declared by the organisation"
    else:
        reason = none_text
    return Category(item, title, (found or declared) and not exempt, found, declared, people, dict(types), reason)


def decide(incident: Incident, count: PeopleCount, policy: BreachPolicy | None = None) -> Decision:
    """Decide the four categories, the exemption and the deadlines for ``incident``."""
    policy = policy or BreachPolicy(preliminary_days=incident.preliminary_days)
    exempt = incident.encryption_declared
    notes: list[str] = []

    sensitive = _types(count.entity_types, SENSITIVE_TYPES)
    sensitive_people = count.people_in.get("sensitive", 0)
    financial = _types(count.entity_types, FINANCIAL_TYPES)
    financial_people = count.people_in.get("financial", 0)
    people = max(count.people, incident.people_declared or 0)

    categories = (
        _category(
            "i", "要配慮個人情報", found=bool(sensitive), declared=incident.sensitive_declared, exempt=exempt,
            people=sensitive_people, types=sensitive, found_text=_found_reason(sensitive, sensitive_people)
            + "; one person suffices", none_text="no findings of 要配慮 types; not declared",
        ),
        _category(
            "ii", "不正に利用されることにより財産的被害が生じるおそれ", found=bool(financial),
            declared=incident.financial_declared, exempt=exempt, people=financial_people, types=financial,
            found_text=_found_reason(financial, financial_people) + "; one person suffices",
            none_text="no card numbers found; no credentials declared",
        ),
        _category(
            "iii", "不正の目的をもって行われたおそれがある行為", found=False, declared=incident.wrongful_act,
            exempt=exempt, people=people, types={}, found_text="",
            none_text="no wrongful act suspected (declare it if unauthorised access, ransomware, "
            "insider exfiltration or skimming is possible)",
        ),
        _category(
            "iv", "本人の数が千人を超える", found=count.people > policy.people_threshold,
            declared=(incident.people_declared or 0) > policy.people_threshold, exempt=exempt, people=people,
            types={}, found_text=f"{count.people:,} distinct people > {policy.people_threshold:,}",
            none_text=f"{people:,} {'person' if people == 1 else 'people'}, not more than "
            f"{policy.people_threshold:,}",
        ),
    )  # fmt: skip

    if exempt:
        notes.append(
            f"encryption exemption applied: {incident.encryption}; key custody: {incident.key_custody} "
            "(check: CRYPTREC / ISO/IEC 18033 algorithm, correctly implemented, key stored apart; appi.md §8.5)"
        )
    elif incident.encryption and incident.key_compromised:
        notes.append("encryption declared, but the key may have leaked too: no exemption")
    elif incident.encryption:
        notes.append("encryption declared without a description of the key's custody: no exemption")
    for t, n in _types(count.entity_types, FINANCIAL_WITH_CREDENTIALS).items():
        if not incident.financial_declared:
            notes.append(
                f"{n} {t} finding(s): account numbers alone are not category (ii); if PINs, passwords "
                "or net-banking credentials leaked with them, declare it (--financial)"
            )
    if not _sensitive_detector_installed():
        notes.append(
            "no 要配慮個人情報 detector is installed: category (i) rests on findings of those types in "
            "stored scans and on the declaration (--sensitive)"
        )
    if incident.people_declared is not None and incident.people_declared > count.people:
        notes.append(f"people: the declared {incident.people_declared:,} is used (scans found {count.people:,})")
    if count.people <= policy.people_threshold < count.records:
        notes.append(
            f"{count.records:,} records were linked into {count.people:,} people (largest group: "
            f"{count.largest_group:,} records); check that shared values (a family or office phone) "
            "did not join different people"
        )
    if count.multi_value_records:
        notes.append(
            f"{count.multi_value_records:,} record(s) hold several values of one identifier type "
            "(e.g. two e-mail addresses) and may concern more than one person: the count may be low"
        )

    mandatory = any(c.applies for c in categories)
    day = learned_on(incident.learned_at)
    wrongful = categories[2].applies
    final_days = policy.final_days_wrongful if wrongful else policy.final_days
    if not mandatory:
        notes.append("no report is required; a voluntary report (任意の報告) is possible; keep the reasons")
    return Decision(
        categories,
        exempt,
        mandatory,
        day,
        policy.due(day, policy.preliminary_days) if mandatory else None,
        policy.due(day, final_days) if mandatory else None,
        final_days if mandatory else None,
        tuple(notes),
    )


def _sensitive_detector_installed() -> bool:
    from recognizers import ENTITY_TYPES

    return any(t in ENTITY_TYPES for t in SENSITIVE_TYPES)


def category_labels(types: Sequence[str]) -> list[str]:
    """Japanese labels of entity types, for drafts (unknown types keep their id)."""
    from recognizers import ENTITY_LABELS

    labels = {**ENTITY_LABELS, **SENSITIVE_TYPES}
    return [labels.get(t, t) for t in types]
