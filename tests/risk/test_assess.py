"""One analysis end to end, and what its presenter lets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_kit.errors import InputError
from privacy_kit.risk.assess import Presenter, RiskOptions, assess_risk


def test_subject_labels_are_keyed_short_hashes() -> None:
    one, other = Presenter(key=b"k" * 32), Presenter(key=b"x" * 32)
    assert one.subject("u0012345") == one.subject("u0012345") != one.subject("u0012346")
    assert one.subject("u0012345") != other.subject("u0012345")  # not linkable across reports
    assert one.subject("u0012345").startswith("s:") and "0012345" not in one.subject("u0012345")
    assert Presenter(show_values=True).subject("u0012345") == "u0012345"


@pytest.mark.parametrize(("place", "shown"), [
    ("/timetable/line-3", "/timetable/line-3"),
    ("/contact?tel=090-1234-5678", "/contact?tel=***-****-****"),
    ("/u/taro.yamada@example.jp/home", "/u/****.******@*******.**/home"),
])
def test_places_keep_their_text_except_personal_data(place: str, shown: str) -> None:
    assert Presenter().place(place) == shown
    assert Presenter(show_values=True).place(place) == place


def test_values_masked_unless_shown() -> None:
    assert Presenter().values(["34", None, "150-0001"]) == ["**", None, "***-****"]
    assert Presenter(show_values=True).values(["34", None]) == ["34", None]


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"subject": "u"}, "missing --time, --place"),
    ({"time": "t", "place": "p"}, "missing --subject"),
    ({"k": 0}, "at least 1"),
])
def test_option_errors(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        RiskOptions(**kwargs)  # type: ignore[arg-type]


def test_report_parts(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("年齢,性別,メモ\n34,女,a\n34,女,b\n35,男,c\n", encoding="utf-8")
    report = assess_risk(path, RiskOptions(k=2))
    assert report.quasi == ("年齢", "性別") and report.quasi_inferred
    assert report.kanon is not None and report.kanon.records_below_k == 1
    assert report.without == pytest.approx({"年齢": 1 / 3, "性別": 1 / 3})
    assert report.smallest[0] == (("35", "男"), 1)
    assert [(p.column, p.distinct, p.singletons) for p in report.profiles] == [
        ("年齢", 2, 1), ("性別", 2, 1), ("メモ", 3, 3)]
    assert report.routines is None and report.attention() == {"records_below_k": 1, "routine_subjects": 0}
    assert set(report.timings) == {"load", "columns", "profile", "k_anonymity"}
