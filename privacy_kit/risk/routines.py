"""Routines in activity logs: the same place or page at the same time of day, day after day.

The log counterpart of the behaviour patterns found in posts (「毎朝8時に渋谷駅で見かける」): a
pseudonymous log in which user 4711 opens ``/timetable/line-3`` between 07:50 and 08:10 on
every weekday says when that person leaves home, and singles them out to anyone who has seen
them do it. Names are not needed for that.

**Definition** (every threshold is a field of :class:`RoutineOptions`). Times of day are cut
into windows of ``window_minutes`` on two grids, the second shifted by half a window, so any
habit whose visits vary by up to half a window falls inside one window of one grid. A subject
has a **daily routine** at place P in window w when

1. on at least ``min_days`` distinct days the subject was at P within w;
2. those days are at least ``min_day_share`` of all days on which the subject appears in the log
   (a habit, not something that happened to recur in a long log); and
3. at least ``min_concentration`` of the subject's visits to P fall within w (it is about *that
   time*: someone who has a page open all day is not on a timetable).

A **weekly routine** is the same test for one weekday at a time (every Tuesday evening), with
``min_weekly_days`` and the days on which the subject appears on that weekday; it is reported
only where no daily routine of the subject at P covers the same window.

Everything up to the candidates is SQL over the loaded records; only the candidates (few) are
merged in Python, where overlapping windows of the two grids become one routine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from privacy_kit.errors import InputError

from .sql import RECORDS_TABLE, check_columns, ident, query_rows
from .times import DEFAULT_TIMEZONE, local_timestamp, set_timezone

if TYPE_CHECKING:
    import duckdb

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class RoutineOptions:
    """Thresholds of the routine test (see the module docstring; docs/risk.md explains them)."""

    window_minutes: int = 60
    min_days: int = 5
    min_weekly_days: int = 6
    min_day_share: float = 0.5
    min_concentration: float = 0.5
    #: drop ``?query`` and ``#fragment`` from places (URLs differ by session ids, not by place)
    strip_query: bool = True
    timezone: str = DEFAULT_TIMEZONE

    def __post_init__(self) -> None:
        if not 2 <= self.window_minutes <= 720 or self.window_minutes % 2:
            raise InputError(f"the routine window must be an even number of minutes from 2 to 720, "
                             f"not {self.window_minutes}")
        if self.min_days < 2 or self.min_weekly_days < 2:
            raise InputError("a routine needs at least 2 days")
        for name in ("min_day_share", "min_concentration"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise InputError(f"{name} must be between 0 and 1")

    def to_dict(self) -> dict[str, Any]:
        return {"window_minutes": self.window_minutes, "min_days": self.min_days,
                "min_weekly_days": self.min_weekly_days, "min_day_share": self.min_day_share,
                "min_concentration": self.min_concentration, "strip_query": self.strip_query,
                "timezone": self.timezone}


@dataclass(frozen=True)
class Routine:
    """One habit of one subject, with what makes it one."""

    subject: str
    place: str
    kind: str  # "daily" or "weekly"
    #: first and last visit time of day within the window, minutes after midnight
    start_minute: int
    end_minute: int
    days: int
    #: days on which the subject appears at all (daily), or on the routine's weekday (weekly)
    active_days: int
    visits: int
    place_visits: int
    weekdays: tuple[tuple[int, int], ...]  # (ISO weekday 1-7, days) of the routine's days
    first_day: date
    last_day: date
    window: tuple[int, int] = field(default=(0, 0), compare=False)  # grid window [start, end) minutes

    @property
    def time_range(self) -> str:
        return f"{_clock(self.start_minute)}–{_clock(self.end_minute)}"

    @property
    def weekday_text(self) -> str:
        return weekday_text([d for d, _ in self.weekdays])

    def explain(self, subject: str | None = None, place: str | None = None) -> str:
        """One line: which place, which time window, on how many days (labels may be masked)."""
        return (f"{subject or self.subject} at {place or self.place} {self.time_range} on {self.days} of "
                f"{self.active_days} {'active days' if self.kind == 'daily' else 'active ' + self.weekday_text + 's'}"
                f" ({self.weekday_text}, {self.first_day.isoformat()} – {self.last_day.isoformat()}); "
                f"{self.visits} of {self.place_visits} visits there in this window")

    def to_dict(self, *, subject: str | None = None, place: str | None = None) -> dict[str, Any]:
        return {
            "subject": subject if subject is not None else self.subject,
            "place": place if place is not None else self.place,
            "kind": self.kind,
            "time_range": self.time_range,
            "weekdays": self.weekday_text,
            "days": self.days,
            "active_days": self.active_days,
            "day_share": round(self.days / self.active_days, 4) if self.active_days else 0.0,
            "visits": self.visits,
            "place_visits": self.place_visits,
            "concentration": round(self.visits / self.place_visits, 4) if self.place_visits else 0.0,
            "first_day": self.first_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "explanation": self.explain(subject, place),
        }


@dataclass(frozen=True)
class RoutineReport:
    subjects: int
    events: int
    #: rows left out: no subject, no place, or a time in no known format
    skipped_events: int
    unparsed_times: int
    routines: tuple[Routine, ...]
    options: RoutineOptions

    @property
    def routine_subjects(self) -> list[str]:
        return sorted({r.subject for r in self.routines})


def _clock(minute: int) -> str:
    minute %= _MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def weekday_text(days: Sequence[int]) -> str:
    """``Mon–Fri``, ``Tue``, ``Mon, Wed, Fri``: ISO weekdays, runs of three or more as ranges."""
    days = sorted(set(days))
    parts: list[str] = []
    run: list[int] = []
    for d in days + [99]:
        if run and d == run[-1] + 1:
            run.append(d)
            continue
        if run:
            parts.append(f"{WEEKDAYS[run[0] - 1]}–{WEEKDAYS[run[-1] - 1]}" if len(run) >= 3
                         else ", ".join(WEEKDAYS[x - 1] for x in run))
        run = [d]
    return ", ".join(parts)


def _parsed_sql(table: str, subject: str, time: str, place: str, strip_query: bool) -> str:
    """Every record as (subject, place, raw time present, local timestamp)."""
    place_expr = f"regexp_replace({ident(place)}, '[?#].*$', '')" if strip_query else ident(place)
    return f"""
        SELECT {ident(subject)} AS subject, {place_expr} AS place, {ident(time)} IS NOT NULL AS has_time,
               {local_timestamp(ident(time))} AS ts
        FROM {ident(table)}"""


_EVENTS_SQL = """
    SELECT subject, place, ts, CAST(ts AS DATE) AS day, isodow(ts) AS dow, hour(ts) * 60 + minute(ts) AS minute
    FROM __pk_parsed
    WHERE subject IS NOT NULL AND place IS NOT NULL AND place <> '' AND ts IS NOT NULL"""


def _day_cells_sql(options: RoutineOptions) -> str:
    """One row per subject, place, grid window and day: the visits made there then."""
    w, half = options.window_minutes, options.window_minutes // 2
    return f"""
        SELECT subject, place, g, m // {w} AS bucket, day, any_value(dow) AS dow, count(*) AS visits,
               min(m) AS lo, max(m) AS hi
        FROM (SELECT subject, place, day, dow, g, (minute + g * {half}) % {_MINUTES_PER_DAY} AS m
              FROM __pk_events, (VALUES (0), (1)) grids(g))
        GROUP BY ALL"""


def _candidates_sql(options: RoutineOptions, *, weekly: bool) -> str:
    """Candidate (subject, place[, weekday], grid window) cells passing the three tests."""
    half = options.window_minutes // 2
    by = "subject, place, dow" if weekly else "subject, place"
    active_by = "subject, dow" if weekly else "subject"
    min_days = options.min_weekly_days if weekly else options.min_days
    return f"""
        WITH cells AS (
            SELECT {by}, g, bucket, count(*) AS n_days, sum(visits) AS n_visits, min(lo) AS lo, max(hi) AS hi,
                   min(day) AS first_day, max(day) AS last_day,
                   [{', '.join(f"count(*) FILTER (WHERE dow = {d})" for d in range(1, 8))}] AS weekdays
            FROM __pk_day_cells GROUP BY {by}, g, bucket HAVING count(*) >= {int(min_days)}),
        active AS (SELECT {active_by}, count(DISTINCT day) AS active_days FROM __pk_events GROUP BY ALL),
        at_place AS (SELECT {by}, count(*) AS place_visits FROM __pk_events GROUP BY ALL)
        SELECT c.subject, c.place, {'c.dow' if weekly else 'NULL'} AS dow, c.g, c.bucket, c.n_days,
               a.active_days, c.n_visits, p.place_visits, c.lo - c.g * {half}, c.hi - c.g * {half},
               c.first_day, c.last_day, c.weekdays
        FROM cells c
        JOIN active a USING ({active_by})
        JOIN at_place p USING ({by})
        WHERE c.n_days >= {options.min_day_share!r} * a.active_days
          AND c.n_visits >= {options.min_concentration!r} * p.place_visits"""


def find_routines(con: duckdb.DuckDBPyConnection, *, subject: str, time: str, place: str,
                  options: RoutineOptions | None = None, table: str = RECORDS_TABLE) -> RoutineReport:
    """Routines of the subjects in ``table`` (columns ``subject``, ``time``, ``place``)."""
    options = options or RoutineOptions()
    columns = [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()]
    check_columns(columns, [subject], what="--subject")
    check_columns(columns, [time], what="--time")
    check_columns(columns, [place], what="--place")
    if len({subject, time, place}) < 3:
        raise InputError("--subject, --time and --place must be three different columns")
    set_timezone(con, options.timezone)
    con.execute(f"CREATE OR REPLACE TEMP TABLE __pk_parsed AS "
                f"{_parsed_sql(table, subject, time, place, options.strip_query)}")
    total, unparsed = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE has_time AND ts IS NULL) FROM __pk_parsed").fetchall()[0]
    con.execute(f"CREATE OR REPLACE TEMP TABLE __pk_events AS {_EVENTS_SQL}")
    con.execute("DROP TABLE __pk_parsed")
    events, subjects = con.execute("SELECT count(*), count(DISTINCT subject) FROM __pk_events").fetchall()[0]
    if total and not events:
        raise InputError(f"no usable events: the --time column {time!r} has no value in a known timestamp "
                         f"format, or --subject / --place are always empty",
                         hint="ISO 8601, access-log time, 'YYYY/MM/DD HH:MM', '2026年11月21日 7時55分', epoch seconds")
    con.execute(f"CREATE OR REPLACE TEMP TABLE __pk_day_cells AS {_day_cells_sql(options)}")
    rows: list[tuple[Any, ...]] = []
    for weekly in (False, True):
        rows += query_rows(con, _candidates_sql(options, weekly=weekly), "cannot look for routines")
    con.execute("DROP TABLE IF EXISTS __pk_day_cells")
    con.execute("DROP TABLE IF EXISTS __pk_events")
    return RoutineReport(subjects=int(subjects), events=int(events), skipped_events=int(total) - int(events),
                         unparsed_times=int(unparsed), routines=tuple(_merge(rows, options)), options=options)


def _circular_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two time-of-day windows [start, end) (minutes, may wrap midnight) overlap."""
    def expand(win: tuple[int, int]) -> list[tuple[int, int]]:
        s, e = win[0] % _MINUTES_PER_DAY, win[1] % _MINUTES_PER_DAY or _MINUTES_PER_DAY
        return [(s, e)] if s < e else [(s, _MINUTES_PER_DAY), (0, e)]
    return any(x0 < y1 and y0 < x1 for x0, x1 in expand(a) for y0, y1 in expand(b))


def _merge(rows: list[tuple[Any, ...]], options: RoutineOptions) -> list[Routine]:
    """One routine per habit: the two grids' overlapping windows merged (the one covering more
    days, then the tighter one, wins), and weekly habits already covered by a daily one dropped."""
    w, half = options.window_minutes, options.window_minutes // 2
    candidates = []
    for (subject, place, dow, g, bucket, days, active, visits, place_visits, lo, hi, first, last,
         weekdays) in rows:
        start = bucket * w - g * half
        histogram = [(d, int(n)) for d, n in enumerate(weekdays, start=1) if n]
        routine = Routine(subject=str(subject), place=str(place), kind="weekly" if dow else "daily",
                          start_minute=int(lo) % _MINUTES_PER_DAY, end_minute=int(hi) % _MINUTES_PER_DAY,
                          days=int(days), active_days=int(active), visits=int(visits),
                          place_visits=int(place_visits), weekdays=tuple(histogram), first_day=first,
                          last_day=last, window=(start, start + w))
        candidates.append((dow, routine))
    candidates.sort(key=lambda c: (c[0] is not None, -c[1].days, (c[1].end_minute - c[1].start_minute)
                                   % _MINUTES_PER_DAY, c[1].subject, c[1].place, c[1].window))
    kept: list[tuple[Any, Routine]] = []
    for dow, routine in candidates:
        clash = any(
            k.subject == routine.subject and k.place == routine.place
            and (kdow is None or kdow == dow) and _circular_overlap(k.window, routine.window)
            for kdow, k in kept)
        if not clash:
            kept.append((dow, routine))
    return sorted(_join_weekdays([r for _, r in kept]),
                  key=lambda r: (r.subject, r.place, r.start_minute, r.kind))


def _join_weekdays(routines: list[Routine]) -> list[Routine]:
    """Weekly routines of one subject at one place in the same window (Tuesdays and Thursdays
    at 19:00) become one routine over those weekdays."""
    out: list[Routine] = []
    groups: dict[tuple[str, str, tuple[int, int]], list[Routine]] = {}
    for r in routines:
        if r.kind == "weekly":
            groups.setdefault((r.subject, r.place, r.window), []).append(r)
        else:
            out.append(r)
    for group in groups.values():
        first = group[0]
        out.append(Routine(
            subject=first.subject, place=first.place, kind="weekly",
            start_minute=min(r.start_minute for r in group), end_minute=max(r.end_minute for r in group),
            days=sum(r.days for r in group), active_days=sum(r.active_days for r in group),
            visits=sum(r.visits for r in group), place_visits=sum(r.place_visits for r in group),
            weekdays=tuple(sorted(w for r in group for w in r.weekdays)),
            first_day=min(r.first_day for r in group), last_day=max(r.last_day for r in group),
            window=first.window))
    return out
