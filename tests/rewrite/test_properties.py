"""Properties of the rewriter over generated CSV, JSON Lines and JSON arrays: an identity transform
gives the input back byte for byte; a transform of some fields changes those and nothing else
(record count, field order, encoding, every other value)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_kit.readers import Record, read_path
from privacy_kit.readers.delimited import sniff_dialect
from privacy_kit.rewrite import DELETE, Row, rewrite_file

settings_ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters CP932 can hold, with everything that makes CSV and JSON hard: quotes, delimiters,
# line breaks inside values, backslashes, full-width and half-width forms, NEC's ≒ (0x8790).
CP932_TEXT = st.text(st.sampled_from(list('山田太郎東京都髙橋ｱｲｳ０１２abc ,;\t"\'\\\n\r-:@。、〒≒')), max_size=12)
JSON_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def changed(old: str) -> str:
    """A value that always differs from ``old`` and is written back with quotes and breaks."""
    return "〈" + old[::-1].replace("\r", "") + "〉"


# --- CSV -----------------------------------------------------------------------------------------

csv_files = st.fixed_dictionaries({
    "rows": st.lists(st.lists(CP932_TEXT, min_size=3, max_size=3), min_size=1, max_size=8),
    "codec": st.sampled_from(["cp932", "utf-8", "utf-8-sig"]),
    "terminator": st.sampled_from(["\r\n", "\n"]),
    "quoting": st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    "delimiter": st.sampled_from([",", "\t"]),
})


def csv_bytes(spec: dict[str, Any]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=spec["delimiter"], lineterminator=spec["terminator"], quoting=spec["quoting"])
    writer.writerow(["氏名", "メモ", "番号"])
    writer.writerows(spec["rows"])
    return buf.getvalue().encode(spec["codec"])


def parse_csv(data: bytes, codec: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(codec), newline=""), delimiter=delimiter))


@settings_
@given(csv_files)
def test_csv_identity_is_byte_identical(tmp_path: Path, spec: dict[str, Any]) -> None:
    src = tmp_path / ("in.tsv" if spec["delimiter"] == "\t" else "in.csv")
    src.write_bytes(csv_bytes(spec))
    seen: list[Record] = []
    result = rewrite_file(src, tmp_path / "out", lambda row: seen.append(row.record))
    assert (tmp_path / "out").read_bytes() == src.read_bytes()
    assert result.problems == [] and result.unchanged == result.records
    assert seen == [r for r in read_path(src) if isinstance(r, Record)]


@settings_
@given(csv_files)
def test_csv_change_touches_only_the_changed_cells(tmp_path: Path, spec: dict[str, Any]) -> None:
    data = csv_bytes(spec)
    src = tmp_path / ("in.tsv" if spec["delimiter"] == "\t" else "in.csv")
    src.write_bytes(data)
    out = tmp_path / "out"

    def transform(row: Row) -> dict[int, str] | None:
        return {1: changed(str(row.fields[1][1]))} if len(row.fields) > 1 else None

    result = rewrite_file(src, out, transform)
    new = out.read_bytes()
    new.decode(spec["codec"])  # still the same encoding, strictly
    assert new.startswith(b"\xef\xbb\xbf") == (spec["codec"] == "utf-8-sig")
    # Compare in the dialect the readers detect (a sniffer may read a TSV as CSV: then both do).
    text = data.decode(spec["codec"])
    delimiter, has_header = sniff_dialect(text[: 32 * 1024], "\t" if src.suffix == ".tsv" else ",")
    before = parse_csv(data, spec["codec"], delimiter)
    after = parse_csv(new, spec["codec"], delimiter)
    assert len(after) == len(before)  # record count, header and blank rows included
    n_changed = 0
    for i, (old, cur) in enumerate(zip(before, after)):
        is_changed = not (i == 0 and has_header) and any(c.strip() for c in old) and len(old) > 1
        # the changed cell, and field order and every other value unchanged
        assert cur == (old[:1] + [changed(old[1])] + old[2:] if is_changed else old)
        n_changed += is_changed
    assert result.changed == n_changed


# --- JSON ----------------------------------------------------------------------------------------

scalars = st.one_of(JSON_TEXT, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                    st.booleans(), st.none())
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["name", "text", "id", "a.b", "メモ"]), inner, max_size=3)),
    max_leaves=8)
json_objects = st.dictionaries(st.sampled_from(["name", "text", "id", "user", "tags"]), json_values, min_size=1, max_size=5)
json_style = st.fixed_dictionaries({"ensure_ascii": st.booleans(), "compact": st.booleans()})


def dumps(obj: Any, style: dict[str, bool], indent: int | None = None) -> str:
    seps = (",", ":") if style["compact"] else (", ", ": ")
    return json.dumps(obj, ensure_ascii=style["ensure_ascii"], separators=seps, indent=indent)


def replace_strings(obj: Any, path: str = "") -> Any:
    """``obj`` with every string at a path ending in ``name`` changed, as the transform below does."""
    if isinstance(obj, dict):
        return {k: replace_strings(v, f"{path}.{k}" if path else k) for k, v in obj.items()}
    if isinstance(obj, list):
        return [replace_strings(v, f"{path}.{i}" if path else str(i)) for i, v in enumerate(obj)]
    return changed(obj) if isinstance(obj, str) and path.split(".")[-1] == "name" else obj


def change_names(row: Row) -> dict[str, str]:
    return {str(k): changed(v) for k, v in row.fields if isinstance(v, str) and str(k).split(".")[-1] == "name"}


def ordered(obj: Any) -> str:
    """An order-sensitive rendering, so that equal output means equal key order too."""
    return json.dumps(obj, ensure_ascii=False)


@settings_
@given(st.lists(json_objects, min_size=1, max_size=6), json_style, st.sampled_from(["\n", "\r\n"]))
def test_jsonl_identity_and_change(tmp_path: Path, objs: list[dict[str, Any]], style: dict[str, bool],
                                   newline: str) -> None:
    data = "".join(dumps(o, style) + newline for o in objs).encode()
    src = tmp_path / "in.jsonl"
    src.write_bytes(data)
    seen: list[Record] = []
    rewrite_file(src, tmp_path / "same.jsonl", lambda row: seen.append(row.record))
    assert (tmp_path / "same.jsonl").read_bytes() == data
    assert seen == [r for r in read_path(src) if isinstance(r, Record)]

    result = rewrite_file(src, tmp_path / "out.jsonl", change_names)
    lines = (tmp_path / "out.jsonl").read_bytes().decode().split(newline)
    assert lines[-1] == "" and len(lines) - 1 == len(objs)
    assert [ordered(json.loads(ln)) for ln in lines[:-1]] == [ordered(replace_strings(o)) for o in objs]
    assert all((ln == dumps(o, style)) == (replace_strings(o) == o) for ln, o in zip(lines, objs))
    assert result.changed == sum(1 for o in objs if replace_strings(o) != o)


@settings_
@given(st.lists(json_objects, max_size=6), json_style, st.sets(st.integers(0, 5)), st.sampled_from([None, 1, 2]))
def test_json_array_change_and_delete(tmp_path: Path, objs: list[dict[str, Any]], style: dict[str, bool],
                                      gone: set[int], indent: int | None) -> None:
    data = dumps(objs, style, indent).encode()
    src = tmp_path / "in.json"
    src.write_bytes(data)
    rewrite_file(src, tmp_path / "same.json", lambda row: None, fmt="json")
    assert (tmp_path / "same.json").read_bytes() == data

    result = rewrite_file(src, tmp_path / "out.json", lambda row: DELETE if row.index in gone else change_names(row),
                          fmt="json")
    back = json.loads((tmp_path / "out.json").read_bytes())
    assert ordered(back) == ordered([replace_strings(o) for i, o in enumerate(objs) if i not in gone])
    assert result.deleted == len(gone & set(range(len(objs))))
