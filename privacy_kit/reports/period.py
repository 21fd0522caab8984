"""Report periods: a calendar month, an ISO week, or an explicit date range, in Japan time.

The organisations report by Japanese calendar months and weeks, while the store keeps UTC
timestamps; a period is therefore a half-open range of JST dates (UTC+9, no daylight saving)
turned into UTC bounds for queries. DATE columns (provision dates, retention ends) are compared
with the dates directly. Periods have stable labels (``2026-10``, ``2026-W42``,
``2026-10-01_2026-10-15``) that name report files, so re-running a period overwrites its file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from privacy_kit.errors import InputError

#: Japan Standard Time: the organisations' calendar. Fixed offset (Japan has no DST).
JST = timezone(timedelta(hours=9), "JST")

KINDS = ("month", "week", "range")
EVERY = ("monthly", "weekly")

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")
_RANGE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})_([0-9]{4}-[0-9]{2}-[0-9]{2})$")


class PeriodError(InputError):
    """A --period, --since or --until value that names no valid period."""

    code = "PK300"


@dataclass(frozen=True, slots=True)
class Period:
    """JST dates ``start`` (inclusive) to ``end`` (exclusive)."""

    kind: str
    start: date
    end: date

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.isoformat()}_{self.last_day.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """Naive UTC datetimes of the period's JST midnights (the store's TIMESTAMP convention)."""
        return _utc(self.start), _utc(self.end)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def previous(self) -> Period:
        """The period just before: the previous month or week, or a range of the same length."""
        if self.kind == "month":
            first = (self.start - timedelta(days=1)).replace(day=1)
            return Period("month", first, self.start)
        length = timedelta(days=self.days)
        return Period(self.kind, self.start - length, self.start)

    def trend(self, count: int) -> list[Period]:
        """``count`` periods ending with this one, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.last_day.isoformat(),
            "timezone": "+09:00",
        }


def _utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=JST).astimezone(UTC).replace(tzinfo=None)


def month(year: int, month_no: int) -> Period:
    start = date(year, month_no, 1)
    end = date(year + 1, 1, 1) if month_no == 12 else date(year, month_no + 1, 1)
    return Period("month", start, end)


def iso_week(year: int, week: int) -> Period:
    start = date.fromisocalendar(year, week, 1)
    return Period("week", start, start + timedelta(days=7))


def date_range(since: date, until: date) -> Period:
    """Both days included, as a person writes a range (``--since 2026-10-01 --until 2026-10-15``)."""
    if until < since:
        raise PeriodError(f"--until {until.isoformat()} is before --since {since.isoformat()}")
    return Period("range", since, until + timedelta(days=1))


def parse_period(text: str) -> Period:
    """``2026-10`` (month), ``2026-W42`` (ISO week) or ``2026-10-01_2026-10-15`` (a range label).

    Full-width digits and letters (``２０２６－１０``, typed with a Japanese IME) are read as ASCII."""
    value = unicodedata.normalize("NFKC", text).strip().replace("－", "-").replace("ｗ", "W").upper()
    try:
        if m := _MONTH.fullmatch(value):
            return month(int(m.group(1)), int(m.group(2)))
        if m := _WEEK.fullmatch(value):
            return iso_week(int(m.group(1)), int(m.group(2)))
        if m := _RANGE.fullmatch(value):
            return date_range(date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2)))
    except ValueError as exc:
        raise PeriodError(f"period {text!r} is not a valid date: {exc}") from exc
    raise PeriodError(
        f"period {text!r} is not understood",
        hint="write a month (2026-10), an ISO week (2026-W42), or use --since/--until",
    )


def today_jst(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(JST).date()


def previous_period(every: str, today: date) -> Period:
    """The last complete month or week before ``today`` (what a scheduled run reports on)."""
    if every == "monthly":
        first = today.replace(day=1)
        start = (first - timedelta(days=1)).replace(day=1)
        return Period("month", start, first)
    if every == "weekly":
        monday = today - timedelta(days=today.weekday())
        return Period("week", monday - timedelta(days=7), monday)
    raise PeriodError(f"--previous {every!r} is not one of {', '.join(EVERY)}")


def resolve_period(
    *,
    period: str | None = None,
    since: date | None = None,
    until: date | None = None,
    previous: str | None = None,
    today: date | None = None,
) -> Period:
    """The one period the options name; without any, the current month (JST) so far."""
    today = today or today_jst()
    given = [name for name, value in (("--period", period), ("--previous", previous)) if value]
    if since or until:
        given.append("--since/--until")
    if len(given) > 1:
        raise PeriodError(f"give only one of {', '.join(given)}")
    if period:
        return parse_period(period)
    if previous:
        return previous_period(previous, today)
    if since or until:
        if not (since and until):
            raise PeriodError("--since and --until go together")
        return date_range(since, until)
    return month(today.year, today.month)
