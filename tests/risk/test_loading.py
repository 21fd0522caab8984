"""Loading inputs into DuckDB: every format and encoding, both routes giving the same table."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_kit.errors import InputError
from privacy_kit.readers import Record, read_path
from privacy_kit.risk.loading import _load_with_readers, connect, load_records, unique_names

ROWS = [("34", "女", "150-0001"), ("35", "男", "160-0023"), ("34", "女", "150-0001")]


def rows_of(loaded: object) -> list[tuple[object, ...]]:
    con, table = loaded.con, loaded.table  # type: ignore[attr-defined]
    return sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)


def csv_bytes(rows: list[tuple[str, ...]], header: tuple[str, ...] = ("年齢", "性別", "郵便番号"),
              encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


# fmt: off
#: (file name, bytes, route expected)
INPUTS = [
    ("members.csv",      csv_bytes(ROWS),                                      "duckdb"),
    ("members.csv.gz",   gzip.compress(csv_bytes(ROWS)),                       "duckdb"),
    ("members_sjis.csv", csv_bytes(ROWS, encoding="cp932"),                    "readers"),
    ("members_euc.csv",  csv_bytes(ROWS, encoding="euc_jp"),                   "readers"),
    ("members.tsv",      csv_bytes(ROWS).replace(b",", b"\t"),                 "duckdb"),
    ("members.jsonl",    "\n".join(json.dumps({"年齢": int(a), "性別": g, "郵便番号": z}, ensure_ascii=False)
                                   for a, g, z in ROWS).encode(),               "readers"),
    ("members.json",     json.dumps([{"年齢": a, "性別": g, "郵便番号": z} for a, g, z in ROWS],
                                    ensure_ascii=False).encode("utf-16"),     "readers"),
]
# fmt: on


@pytest.mark.parametrize(("name", "data", "route"), INPUTS, ids=[i[0] for i in INPUTS])
def test_every_format_gives_the_same_table(tmp_path: Path, name: str, data: bytes, route: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    loaded = load_records(path)
    assert loaded.route == route
    assert sorted(loaded.columns) == sorted(["年齢", "性別", "郵便番号"])
    got = loaded.con.execute('SELECT "年齢", "性別", "郵便番号" FROM records').fetchall()
    assert sorted(got) == sorted(ROWS) and loaded.rows == 3


def test_parquet_is_read_by_duckdb_as_text(tmp_path: Path) -> None:
    path = tmp_path / "m.parquet"
    pq.write_table(pa.table({"age": [34, 35], "sex": ["F", "M"]}), path)
    loaded = load_records(path)
    assert loaded.route == "duckdb" and rows_of(loaded) == [("34", "F"), ("35", "M")]


def test_access_log_keeps_the_time(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_text('203.0.113.5 - - [21/Nov/2026:07:55:01 +0900] "GET /timetable?sid=1 HTTP/1.1" 200 512 '
                    '"-" "Mozilla/5.0"\n', encoding="utf-8")
    loaded = load_records(path)
    (row,) = loaded.con.execute("SELECT ip, time, path, status FROM records").fetchall()
    assert row == ("203.0.113.5", "21/Nov/2026:07:55:01 +0900", "/timetable?sid=1", "200")


def test_bad_rows_are_reported_and_the_rest_loaded(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'{"a": "1"}\n{broken\n{"a": "\xff\xfe"}\n{"a": "2", "b": "x"}\n')
    loaded = load_records(path)
    assert rows_of(loaded) == [("1", None), ("2", "x")]
    assert [p.record for p in loaded.problems] == [1, 2]
    assert all("\xff" not in p.reason for p in loaded.problems)


def test_short_csv_row_leaves_duckdb_for_the_readers(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("a,b,c\n1,2,3\n4,5\n", encoding="utf-8")
    loaded = load_records(path)
    assert loaded.route == "readers" and rows_of(loaded) == [("1", "2", "3"), ("4", "5", None)]


def test_repeated_header_names_get_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("氏名,氏名,age\nA,B,1\n", encoding="utf-8")
    assert load_records(path).columns == ["氏名", "氏名_2", "age"]
    assert unique_names(["x", "x", "y", "x"]) == ["x", "x_2", "y", "x_3"]


def test_small_batches_add_late_columns(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [{"a": "1"}, {"a": "2"}, {"b": "3"}, {"a": "4", "c": "5"}]),
                    encoding="utf-8")
    loaded = load_records(path, batch_rows=1)
    assert rows_of(loaded) == [("1", None, None), ("2", None, None), ("4", None, "5"), (None, "3", None)]


@pytest.mark.parametrize(("content", "fragment"), [
    (b"", "no records"),
    (b"just some words\nand more\n", "plain text"),
    (b"\x00\x01\x02binary", "binary file"),
])
def test_inputs_without_records_are_input_errors(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=fragment):
        load_records(path)


def test_missing_file_and_unknown_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_records(tmp_path / "nope.csv")
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes(ROWS))
    with pytest.raises(InputError, match="unknown encoding"):
        load_records(path, encoding="klingon")


def test_every_field_reads_numbers_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text('{"age": 34, "ok": true, "x": null, "name": "A"}\n', encoding="utf-8")
    (plain,) = [r for r in read_path(path) if isinstance(r, Record)]
    (every,) = [r for r in read_path(path, every_field=True) if isinstance(r, Record)]
    assert plain.fields == (("name", "A"),)
    assert every.fields == (("age", "34"), ("ok", "true"), ("name", "A"))


CELL = st.one_of(st.just(""), st.text(alphabet="ab,\"\n 東京0", max_size=6))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=12))
def test_duckdb_route_equals_readers_route(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes(rows, header=("c1", "c2", "c3")))
    try:
        native = load_records(path)
    except InputError:
        native = None
    try:
        readers = _load_with_readers(connect(), path, fmt="csv", encoding="utf-8", table="records",
                                     batch_rows=5, on_progress=None)
    except InputError:
        assert native is None
        return
    assert native is not None
    # the readers' route only knows columns that have a value somewhere
    assert set(readers.columns) <= set(native.columns)
    for extra in set(native.columns) - set(readers.columns):
        assert native.con.execute(f'SELECT count("{extra}") FROM records').fetchall() == [(0,)]
    cols = ", ".join(f'"{c}"' for c in readers.columns)
    got = sorted(native.con.execute(f"SELECT {cols} FROM records").fetchall(), key=repr)
    assert got == rows_of(readers)
