"""Routines: hand-made logs with known habits, and a generated log in which exactly the planted
subjects must be named."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from privacy_kit.errors import ColumnNotFoundError, InputError
from privacy_kit.risk.loading import load_records
from privacy_kit.risk.routines import RoutineOptions, find_routines, weekday_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from benchmarks.generate_activity_log import generate, write  # noqa: E402

MONDAY = datetime(2026, 11, 2)


def log(events: list[tuple[str, datetime | str, str]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    data = pa.table({
        "user": [e[0] for e in events],
        "time": [e[1].isoformat() if isinstance(e[1], datetime) else e[1] for e in events],
        "page": [e[2] for e in events],
    })
    con.register("__src", data)
    con.execute("CREATE TABLE records AS SELECT * FROM __src")
    return con


def at(day: int, hhmm: str) -> datetime:
    h, m = map(int, hhmm.split(":"))
    return MONDAY + timedelta(days=day, hours=h, minutes=m)


def habit(user: str, page: str, days: list[int], times: list[str]) -> list[tuple[str, datetime | str, str]]:
    return [(user, at(d, times[i % len(times)]), page) for i, d in enumerate(days)]


WEEKDAYS_4W = [d for d in range(28) if d % 7 < 5]
SCATTERED = ["01:00", "05:30", "09:10", "13:40", "18:20", "22:50"]  # no window holds more than a sixth
TUESDAYS_8W = [1 + 7 * w for w in range(8)]

# fmt: off
#: (name, events, routine subjects expected)
CASES = [
    ("every weekday at 07:50-08:10",
     habit("a", "/timetable", WEEKDAYS_4W, ["07:50", "08:10", "08:01", "07:55"]), {"a"}),
    ("straddles the 08:00 window edge of one grid",
     habit("a", "/timetable", WEEKDAYS_4W, ["07:45", "08:14"]), {"a"}),
    ("across midnight",
     habit("a", "/night", list(range(10)), ["23:50", "00:05"]), {"a"}),
    ("only 4 days: too few",
     habit("a", "/timetable", [0, 1, 2, 3], ["08:00"]), set()),
    ("same page at random times of day: no time window",
     habit("a", "/", list(range(20)), SCATTERED), set()),
    ("same time, different pages every day: no place",
     [("a", at(d, "08:00"), f"/p{d}") for d in range(20)], set()),
    ("habit on only 6 of 20 active days",
     habit("a", "/t", list(range(6)), ["08:00"]) + habit("a", "/other", list(range(20)), SCATTERED),
     set()),
    ("a page open all day: 20% of the visits in the window",
     habit("a", "/t", list(range(10)), ["08:00"])
     + [("a", at(d, hh), "/t") for d in range(10) for hh in ("10:00", "12:30", "15:00", "19:00")], set()),
    ("every Tuesday for 8 weeks (weekly)",
     habit("b", "/gym", TUESDAYS_8W, ["19:00", "19:20"]) + habit("b", "/", list(range(56)), SCATTERED),
     {"b"}),
    ("every Tuesday for 4 weeks: below the weekly minimum",
     habit("b", "/gym", TUESDAYS_8W[:4], ["19:00"]) + habit("b", "/", list(range(28)), SCATTERED),
     set()),
    ("two subjects, one routine",
     habit("a", "/timetable", WEEKDAYS_4W, ["08:00"]) + habit("c", "/timetable", list(range(20)), SCATTERED),
     {"a"}),
]
# fmt: on


@pytest.mark.parametrize(("name", "events", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hand_made_habits(name: str, events: list[tuple[str, datetime | str, str]], expected: set[str]) -> None:
    report = find_routines(log(events), subject="user", time="time", place="page")
    assert set(report.routine_subjects) == expected


def test_explanation_names_place_window_and_days() -> None:
    report = find_routines(log(habit("a", "/timetable?sid=9f3", WEEKDAYS_4W, ["07:52", "08:08"])),
                           subject="user", time="time", place="page")
    (routine,) = report.routines
    assert (routine.place, routine.time_range, routine.days, routine.active_days) == \
        ("/timetable", "07:52–08:08", 20, 20)
    assert routine.weekday_text == "Mon–Fri" and routine.kind == "daily"
    text = routine.explain()
    assert "/timetable" in text and "07:52–08:08" in text and "20 of 20" in text and "Mon–Fri" in text
    assert routine.to_dict(subject="s:x")["subject"] == "s:x"


def test_time_zone_offsets_are_converted_to_local_time() -> None:
    # 23:00 UTC is 08:00 in Tokyo: the habit is at 08:00 local, whatever the log's zone
    events = [("a", (at(d, "23:00") - timedelta(days=1)).isoformat() + "+00:00", "/t") for d in WEEKDAYS_4W]
    (routine,) = find_routines(log(events), subject="user", time="time", place="page").routines
    assert routine.time_range == "08:00–08:00"


def test_unparsed_times_are_counted_not_fatal() -> None:
    events = habit("a", "/t", WEEKDAYS_4W, ["08:00"]) + [("a", "yesterday", "/t"), ("a", None, "/t")]  # type: ignore[list-item]
    report = find_routines(log(events), subject="user", time="time", place="page")
    assert report.unparsed_times == 1 and report.skipped_events == 2 and report.routine_subjects == ["a"]


def test_no_timestamps_at_all_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no usable events"):
        find_routines(log([("a", "soon", "/t")]), subject="user", time="time", place="page")


@pytest.mark.parametrize(("kwargs", "error", "fragment"), [
    ({"subject": "nope", "time": "time", "place": "page"}, ColumnNotFoundError, "--subject"),
    ({"subject": "user", "time": "nope", "place": "page"}, ColumnNotFoundError, "--time"),
    ({"subject": "user", "time": "time", "place": "time"}, InputError, "three different"),
])
def test_bad_columns(kwargs: dict[str, str], error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=fragment):
        find_routines(log([("a", at(0, "08:00"), "/")]), **kwargs)


@pytest.mark.parametrize("kwargs", [{"window_minutes": 61}, {"window_minutes": 0}, {"min_days": 1},
                                    {"min_day_share": 1.5}, {"min_concentration": -0.1}])
def test_bad_thresholds(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError):
        RoutineOptions(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("days", "text"), [([1, 2, 3, 4, 5], "Mon–Fri"), ([2], "Tue"), ([1, 3, 5], "Mon, Wed, Fri"),
                                            ([1, 2, 4, 5, 6, 7], "Mon, Tue, Thu–Sun"), ([6, 7], "Sat, Sun")])
def test_weekday_text(days: list[int], text: str) -> None:
    assert weekday_text(days) == text


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_log_names_exactly_the_planted_subjects(tmp_path: Path, seed: int) -> None:
    table, planted = generate(rows=6000, users=150, routines=8, days=56, seed=seed)
    path = tmp_path / "activity.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        write(table, fh, "csv")
    loaded = load_records(path)
    report = find_routines(loaded.con, subject="user_id", time="time", place="page")
    assert set(report.routine_subjects) == {p.user_id for p in planted}
    found = {(r.subject, r.place) for r in report.routines}
    assert found == {(p.user_id, p.page) for p in planted}
    assert report.events == len(table) and report.unparsed_times == 0
