"""Report periods: parsing, JST bounds, previous periods and trends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_kit.reports.period import (
    Period,
    PeriodError,
    date_range,
    parse_period,
    previous_period,
    resolve_period,
)

# fmt: off
GOOD = [
    ("2026-10", "month", date(2026, 10, 1), date(2026, 11, 1)),
    ("2026-12", "month", date(2026, 12, 1), date(2027, 1, 1)),
    ("2024-02", "month", date(2024, 2, 1), date(2024, 3, 1)),
    ("2026-W01", "week", date(2025, 12, 29), date(2026, 1, 5)),
    ("2026-W42", "week", date(2026, 10, 12), date(2026, 10, 19)),
    ("2026-10-01_2026-10-15", "range", date(2026, 10, 1), date(2026, 10, 16)),
    (" 2026-10 ", "month", date(2026, 10, 1), date(2026, 11, 1)),
    ("２０２６－１０", "month", date(2026, 10, 1), date(2026, 11, 1)),  # typed with a Japanese IME
    ("2026-w42", "week", date(2026, 10, 12), date(2026, 10, 19)),
]
BAD = ["", "2026", "2026-13", "2026-00", "2026-W54", "2026-W00", "2026/10", "October", "2026-10-15_2026-10-01",
       "2026-02-30_2026-03-01", "٢٠٢٦-10"]
# fmt: on


@pytest.mark.parametrize(("text", "kind", "start", "end"), GOOD)
def test_periods_parse(text: str, kind: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert parse_period(period.label) == period  # a label names its period again


@pytest.mark.parametrize("text", BAD)
def test_bad_periods_are_coded_errors(text: str) -> None:
    with pytest.raises(PeriodError, match=r"PK300"):
        parse_period(text)


def test_utc_bounds_are_jst_midnights() -> None:
    start, end = parse_period("2026-10").utc_bounds()
    assert start == datetime(2026, 9, 30, 15, 0) and end == datetime(2026, 10, 31, 15, 0)


@pytest.mark.parametrize(
    ("every", "today", "label"),
    [
        ("monthly", date(2026, 11, 1), "2026-10"),
        ("monthly", date(2026, 11, 30), "2026-10"),
        ("monthly", date(2027, 1, 3), "2026-12"),
        ("weekly", date(2026, 10, 19), "2026-W42"),  # a Monday: the week that just ended
        ("weekly", date(2026, 10, 25), "2026-W42"),  # a Sunday: still the week before
    ],
)
def test_previous_period_is_the_last_complete_one(every: str, today: date, label: str) -> None:
    assert previous_period(every, today).label == label


@pytest.mark.parametrize(
    ("kwargs", "label"),
    [
        ({"period": "2026-09"}, "2026-09"),
        ({"previous": "monthly"}, "2026-10"),
        ({"since": date(2026, 10, 3), "until": date(2026, 10, 9)}, "2026-10-03_2026-10-09"),
        ({}, "2026-11"),
    ],
)
def test_resolve_period(kwargs: dict[str, object], label: str) -> None:
    assert resolve_period(today=date(2026, 11, 21), **kwargs).label == label  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"period": "2026-09", "previous": "monthly"},
        {"period": "2026-09", "since": date(2026, 9, 1), "until": date(2026, 9, 2)},
        {"since": date(2026, 9, 1)},
        {"until": date(2026, 9, 1)},
        {"since": date(2026, 9, 2), "until": date(2026, 9, 1)},
    ],
)
def test_resolve_period_refuses_conflicts(kwargs: dict[str, object]) -> None:
    with pytest.raises(PeriodError):
        resolve_period(today=date(2026, 11, 21), **kwargs)  # type: ignore[arg-type]


periods = st.one_of(
    st.builds(lambda y, m: parse_period(f"{y}-{m:02d}"), st.integers(2000, 2099), st.integers(1, 12)),
    st.builds(lambda d: parse_period(f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}"),
              st.dates(date(2000, 1, 10), date(2099, 12, 20))),
    st.builds(lambda d, n: date_range(d, d + timedelta(days=n)), st.dates(date(2000, 1, 1), date(2099, 1, 1)),
              st.integers(0, 400)),
)


@given(periods, st.integers(1, 30))
def test_trend_periods_are_contiguous_and_end_with_the_period(period: Period, count: int) -> None:
    trend = period.trend(count)
    assert len(trend) == count and trend[-1] == period
    for older, newer in zip(trend, trend[1:], strict=False):
        assert older.end == newer.start and older.kind == newer.kind and older.days > 0


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.sampled_from(["monthly", "weekly"]))
def test_previous_period_ends_on_or_before_today(today: date, every: str) -> None:
    period = previous_period(every, today)
    assert period.end <= today < period.end + timedelta(days=31 if every == "monthly" else 7)
    assert not period.contains(today)
