"""k-anonymity in DuckDB: hand-made tables with known classes, generalisations, and a property
test against a plain-Python group-by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kit.errors import ColumnNotFoundError, InputError
from privacy_kit.risk import CLASS_SIZE, DEFAULT_K, class_sizes, k_anonymity, with_class_size


def table(rows: Sequence[Sequence[str | None]], names: Sequence[str]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    data = pa.table({n: pa.array([r[i] for r in rows], pa.string()) for i, n in enumerate(names)})
    con.register("__src", data)
    con.execute("CREATE TABLE records AS SELECT * FROM __src")
    return con


MEMBERS = [  # age, gender, zip
    ("34", "F", "150-0001"),
    ("34", "F", "150-0001"),
    ("34", "F", "150-0002"),
    ("35", "M", "150-0001"),
    ("35", "M", "150-0001"),
    ("35", "M", "150-0001"),
    ("71", "M", "160-0023"),  # unique on (age), and on every combination with it
    (None, "F", "150-0001"),  # a missing age is one more value
]

# fmt: off
#: (quasi, k, records, classes, smallest class, records below k, classes below k, unique records)
CASES = [
    (["gender"],                 2, 8, 2, 4, 0, 0, 0),
    (["gender"],                 4, 8, 2, 4, 0, 0, 0),
    (["gender"],                 5, 8, 2, 4, 8, 2, 0),
    (["age"],                    2, 8, 4, 1, 2, 2, 2),
    (["age", "gender"],          3, 8, 4, 1, 2, 2, 2),
    (["age", "gender"],          4, 8, 4, 1, 8, 4, 2),
    (["age", "gender", "zip"],   2, 8, 5, 1, 3, 3, 3),
    (["age", "gender", "zip"],   1, 8, 5, 1, 0, 0, 3),   # k=1: nothing is below
    (["zip"],                    DEFAULT_K, 8, 3, 1, 2, 2, 2),
]
# fmt: on


@pytest.mark.parametrize(("quasi", "k", "records", "classes", "smallest", "below", "classes_below", "unique"),
                         CASES)
def test_known_classes(quasi: list[str], k: int, records: int, classes: int, smallest: int, below: int,
                       classes_below: int, unique: int) -> None:
    report = k_anonymity(table(MEMBERS, ["age", "gender", "zip"]), quasi, k)
    assert (report.records, report.classes, report.smallest_class, report.records_below_k,
            report.classes_below_k, report.unique_records) == (records, classes, smallest, below,
                                                               classes_below, unique)
    assert report.share_below_k == pytest.approx(below / records)
    assert report.uniqueness == pytest.approx(unique / records)
    assert report.is_k_anonymous == (below == 0)
    assert report.achieved_k == smallest


def test_histogram_of_small_classes_and_json() -> None:
    report = k_anonymity(table(MEMBERS, ["age", "gender", "zip"]), ["age", "gender", "zip"], 3)
    # classes: (34,F,0001)x2, (34,F,0002)x1, (35,M,0001)x3, (71,M,..)x1, (None,F,0001)x1
    assert report.small_class_sizes == ((1, 3), (2, 1))
    doc = report.to_dict()
    assert doc["small_class_sizes"] == {"1": 3, "2": 1}
    assert doc["records_below_k"] == 5 and doc["k_anonymous"] is False


# fmt: off
#: (generalisation, k, smallest class, records below k)
GENERALISATIONS = [
    ({},                                                             2, 1, 3),
    ({"zip": "left(\"zip\", 3)"},                                    2, 1, 2),   # 150-0001/2 merge
    ({"zip": "left(\"zip\", 3)",
      "age": "floor(CAST(\"age\" AS INTEGER) / 10) * 10"},           2, 1, 2),   # 34, 35 -> 30: F/M still differ
    ({"zip": "left(\"zip\", 1)",
      "age": "CASE WHEN CAST(\"age\" AS INTEGER) >= 70 OR \"age\" IS NULL THEN 'other' ELSE '30s' END",
      "gender": "'*'"},                                              2, 2, 0),   # top coding + suppression
]
# fmt: on


@pytest.mark.parametrize(("generalise", "k", "smallest", "below"), GENERALISATIONS)
def test_candidate_generalisations(generalise: dict[str, str], k: int, smallest: int, below: int) -> None:
    con = table(MEMBERS, ["age", "gender", "zip"])
    report = k_anonymity(con, ["age", "gender", "zip"], k, generalise=generalise)
    assert (report.smallest_class, report.records_below_k) == (smallest, below)
    assert report.generalise == generalise
    # the records themselves are untouched
    assert con.execute("SELECT count(DISTINCT zip) FROM records").fetchall() == [(3,)]


def test_generalisation_may_define_a_new_quasi_name() -> None:
    con = table(MEMBERS, ["age", "gender", "zip"])
    report = k_anonymity(con, ["area"], 2, generalise={"area": "left(\"zip\", 1)"})
    assert (report.classes, report.smallest_class) == (1, 8)


def test_class_sizes_and_with_class_size_agree() -> None:
    con = table(MEMBERS, ["age", "gender", "zip"])
    sizes = {row[:-1]: row[-1] for row in class_sizes(con, ["age", "gender"]).fetchall()}
    assert sizes == {("34", "F"): 3, ("35", "M"): 3, ("71", "M"): 1, (None, "F"): 1}
    rows = with_class_size(con, ["age", "gender"]).fetchall()
    assert len(rows) == len(MEMBERS)
    for age, gender, _zip, size in rows:
        assert size == sizes[(age, gender)]
    kept = with_class_size(con, ["age", "gender"]).filter(f"{CLASS_SIZE} >= 3").fetchall()
    assert sorted(r[0] for r in kept) == ["34", "34", "34", "35", "35", "35"]


def test_relation_input_and_odd_column_names() -> None:
    con = table([("a", "x"), ("a", "y"), ("b", "x")], ['会員 "年齢"', "user.zip"])
    rel = con.table("records")
    report = k_anonymity(rel, ['会員 "年齢"', "user.zip"], 2)
    assert (report.classes, report.unique_records) == (3, 3)
    assert k_anonymity(rel, ['会員 "年齢"'], 2).records_below_k == 1


def test_empty_table() -> None:
    report = k_anonymity(table([], ["age"]), ["age"], 5)
    assert (report.records, report.classes, report.smallest_class, report.share_below_k) == (0, 0, 0, 0.0)
    assert report.is_k_anonymous


@pytest.mark.parametrize(("quasi", "k", "generalise", "error", "fragment"), [
    (["nope"], 5, None, ColumnNotFoundError, "no column 'nope'"),
    (["age", "nope", "also"], 5, None, ColumnNotFoundError, "'nope', 'also'"),
    ([], 5, None, InputError, "no quasi-identifier"),
    (["age", "age"], 5, None, InputError, "repeated"),
    (["age"], 0, None, InputError, "at least 1"),
    (["age"], 5, {"age": "nonsense("}, InputError, "cannot compute"),
])
def test_bad_requests_are_coded_errors(quasi: list[str], k: int, generalise: dict[str, str] | None,
                                       error: type[Exception], fragment: str) -> None:
    with pytest.raises(error, match=fragment.replace("(", r"\(")):
        k_anonymity(table(MEMBERS, ["age", "gender", "zip"]), quasi, k, generalise=generalise)


def test_a_failing_generalisation_never_prints_the_value() -> None:
    con = table([("山田花子",), ("34",)], ["age"])
    with pytest.raises(InputError) as info:
        k_anonymity(con, ["age"], 2, generalise={"age": "CAST(\"age\" AS INTEGER)"})
    assert "山田花子" not in str(info.value) and "PK100" in str(info.value)


def test_missing_table_in_connection() -> None:
    with pytest.raises(InputError, match="no table"):
        k_anonymity(duckdb.connect(), ["age"])


def test_with_class_size_refuses_to_shadow_a_column() -> None:
    con = table([("1", "2")], ["age", "class_size"])
    with pytest.raises(InputError, match="already has a column"):
        with_class_size(con, ["age"])


def _python_report(rows: list[tuple[str | None, ...]], quasi_idx: list[int], k: int) -> tuple[int, ...]:
    counts = Counter(tuple(r[i] for i in quasi_idx) for r in rows)
    sizes = list(counts.values())
    return (len(rows), len(counts), min(sizes, default=0), sum(s for s in sizes if s < k),
            sum(1 for s in sizes if s < k), sum(1 for s in sizes if s == 1))


VALUES = st.one_of(st.none(), st.sampled_from(["a", "b", "c", "東京", "", " "]))


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(VALUES, VALUES, VALUES), max_size=40),
       quasi_idx=st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
       k=st.integers(1, 6))
def test_duckdb_equals_python_group_by(rows: list[tuple[str | None, ...]], quasi_idx: list[int], k: int) -> None:
    names = ["c0", "c1", "c2"]
    report = k_anonymity(table(rows, names), [names[i] for i in quasi_idx], k)
    assert (report.records, report.classes, report.smallest_class, report.records_below_k,
            report.classes_below_k, report.unique_records) == _python_report(rows, quasi_idx, k)
