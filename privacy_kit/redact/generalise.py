"""Generalisation hierarchies for quasi-identifiers (匿名加工, Rule 34(5)): each level says less.

| kind | levels |
|---|---|
| ``age`` | exact → 5-year band → 10-year band → 20-year band → ``*``; 90 and over is ``90+`` from the first band on (top coding: a 116-year-old is an unusual description, Rule 34(4)) |
| ``address`` | exact → municipality → prefecture → ``*``; never exact (a street address identifies, Rule 34(1)) |
| ``time`` | exact → day → ISO week → month → ``*`` |
| ``birth`` | exact → year and month → year → decade → ``*`` |
| ``postal`` | exact → first 3 digits (``100-****``) → first digit → ``*`` |
| ``category`` | exact → ``*`` |

A value keeps its type where the file has types: a Parquet integer age becomes the band's lower
bound (34 → 30 at the 10-year level), a timestamp is truncated to the day, week or month, and
``*`` is null. In text formats values become strings (``30-39``, ``2026-W47``). A value that
cannot be read as its kind (``不明``) is left as it is at every level but ``*``: it then forms
its own class, and is suppressed if that class is too small.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from recognizers.postal_data import PREFECTURES

STAR = "*"
_INT = re.compile(r"\d+")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})日?)?"
    r"|(?P<d2>\d{1,2})/(?P<mon>[A-Za-z]{3})/(?P<y2>\d{4})"  # access logs: 10/Oct/2026:13:55:36 +0900
)
_PREFECTURE = re.compile("|".join(sorted(map(re.escape, PREFECTURES), key=len, reverse=True)))
_MUNICIPALITY = re.compile(r"(?:[^\s0-9]{1,6}?郡)?[^\s0-9]{1,7}?[市区町村]")


def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value))


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.search(_nfkc(value))
    if not m:
        return None
    try:
        if m.group("y"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d") or 1))
        month = _MONTHS.get(m.group("mon").lower())
        return date(int(m.group("y2")), month, int(m.group("d2"))) if month else None
    except ValueError:
        return None


def _age(value: Any, level: int) -> Any:
    m = _INT.search(_nfkc(value)) if not isinstance(value, (int, float)) else None
    age = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else (
        int(m.group()) if m else None)
    if age is None:
        return value
    width = (0, 5, 10, 20)[level]
    lo = 90 if age >= 90 else age // width * width
    if isinstance(value, (int, float)):
        return lo
    return "90+" if age >= 90 else f"{lo}-{lo + width - 1}"


def _time(value: Any, level: int) -> Any:
    day = _parse_date(value)
    if day is None:
        return value
    if level == 1:
        start = day
    elif level == 2:
        start = day - timedelta(days=day.weekday())
    else:
        start = day.replace(day=1)
    if isinstance(value, (datetime, date)):
        return datetime(start.year, start.month, start.day) if isinstance(value, datetime) else start
    if level == 2:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat() if level == 1 else f"{start.year}-{start.month:02d}"


def _birth(value: Any, level: int) -> Any:
    day = _parse_date(value)
    if day is None:
        return value
    if isinstance(value, (datetime, date)):
        start = (day.replace(day=1), day.replace(month=1, day=1), date(day.year // 10 * 10, 1, 1))[level - 1]
        return datetime(start.year, start.month, start.day) if isinstance(value, datetime) else start
    return (f"{day.year}-{day.month:02d}", str(day.year), f"{day.year // 10 * 10}s")[level - 1]


def _address(value: Any, level: int) -> Any:
    text = str(value)
    pref = _PREFECTURE.search(text)
    if level == 2:
        return pref.group() if pref else STAR
    rest = text[pref.end():] if pref else text.lstrip("〒0123456789- 　")
    city = _MUNICIPALITY.match(rest.lstrip())
    if city is None:
        return pref.group() if pref else value
    return (pref.group() if pref else "") + city.group()


def _postal(value: Any, level: int) -> Any:
    digits = "".join(c for c in _nfkc(value) if c.isdigit())
    if len(digits) != 7:
        return value
    return f"{digits[:3]}-****" if level == 1 else f"{digits[0]}**-****"


@dataclass(frozen=True)
class Hierarchy:
    kind: str
    levels: tuple[str, ...]  # level names; level 0 is the exact value, the last is "*"
    step: Callable[[Any, int], Any]
    floor: int = 0  # the least generalisation 匿名加工 applies (a street address identifies)

    @property
    def top(self) -> int:
        return len(self.levels) - 1

    def apply(self, value: Any, level: int) -> Any:
        if level == 0 or value is None or value == "":
            return value
        if level >= self.top:
            return STAR if isinstance(value, str) else None
        return self.step(value, level)


HIERARCHIES: dict[str, Hierarchy] = {h.kind: h for h in (
    Hierarchy("age", ("exact", "5-year band", "10-year band", "20-year band", STAR), _age),
    Hierarchy("address", ("exact", "municipality", "prefecture", STAR), _address, floor=1),
    Hierarchy("time", ("exact", "day", "week", "month", STAR), _time),
    Hierarchy("birth", ("exact", "year and month", "year", "decade", STAR), _birth),
    Hierarchy("postal", ("exact", "first 3 digits", "first digit", STAR), _postal),
    Hierarchy("category", ("exact", STAR), lambda value, level: value),
)}
KINDS = tuple(HIERARCHIES)


def age_band(value: str) -> str:
    """A 10-year band for an age written in free text (34歳 → 30-39)."""
    return str(HIERARCHIES["age"].apply(value, 2))
