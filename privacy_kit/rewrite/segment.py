"""Cutting each text format into pieces, numbering and reading records exactly as the readers do.

The record of every ``Item`` is built by the readers' own helpers (``jsonl_line``,
``record_from_json``, ``row_record``, ``access_log_fields``), so a scan finding's record number
and field name point at the same record and field here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence

from privacy_kit.readers import ReadProblem, Record
from privacy_kit.readers.delimited import cell_name, csv_rows, row_record
from privacy_kit.readers.json_stream import ArrayItem, iter_array_spans
from privacy_kit.readers.jsonl import Fix, json_leaves, jsonl_line, record_from_json
from privacy_kit.readers.logs import access_log_fields
from privacy_kit.readers.opening import has_undecodable
from privacy_kit.readers.social import export_items, fix_mojibake

from .edits import AccessLogEditor, CsvEditor, JsonEditor, LineEditor, access_log_parts, json_member_spans
from .model import Row
from .pieces import Broken, Gap, Item, Note, Piece
from .tracked import TrackedText

Fields = Sequence[str] | None


def _rest(tt: TrackedText) -> Iterator[Piece]:
    _, raw = tt.cut_rest()
    if raw:
        yield Gap(raw)


def line_pieces(tt: TrackedText, source: str, fmt: str, text_fields: Fields) -> Iterator[Piece]:
    """JSON Lines, plain text and access logs: a record per non-blank line."""
    index = 0
    while (span := tt.line()) is not None:
        text, raw = tt.cut(span[1])
        line = text.rstrip("\r\n")
        if not line.strip():
            yield Gap(raw)
        elif fmt == "jsonl":
            item = jsonl_line(text, source, index, text_fields)
            if isinstance(item, ReadProblem):
                yield Broken(raw, item)
            else:
                row = Row(index, tuple(json_leaves(item[0])), item[1])
                yield Item(row, text, raw, JsonEditor())
        elif (bad := has_undecodable(line)) is not None:
            yield Broken(raw, ReadProblem(source, index, f"undecodable bytes at character {bad}"))
        elif fmt == "access-log":
            parts = tuple((name, value) for name, value, _ in access_log_parts(line))
            yield Item(Row(index, parts, Record(source, index, access_log_fields(line))), text, raw,
                       AccessLogEditor())
        else:
            yield Item(Row(index, ((None, line),), Record(source, index, ((None, line),))), text, raw, LineEditor())
        index += 1


def csv_pieces(tt: TrackedText, source: str, *, delimiter: str, has_header: bool,
               text_fields: Fields) -> Iterator[Piece]:
    """CSV/TSV: a record per row, however many lines its quoted cells span. The csv module
    pulls lines one at a time, so the lines it took for a row are that row's text."""
    taken = 0

    def lines() -> Iterator[str]:
        nonlocal taken
        while (span := tt.line()) is not None:
            taken = span[1]
            yield tt.text(*span)

    for found in csv_rows(csv.reader(lines(), delimiter=delimiter), source, has_header=has_header):
        text, raw = tt.cut(taken)
        if found.problem is not None:
            yield Broken(raw, found.problem)
        elif found.kind != "data":
            yield Gap(raw)
        else:
            record = row_record(found.cells, source, found.index, found.names, text_fields)
            if isinstance(record, ReadProblem):
                yield Broken(raw, record)
            else:
                names = tuple((cell_name(found.names, i), c) for i, c in enumerate(found.cells))
                yield Item(Row(found.index, names, record), text, raw, CsvEditor(delimiter))
    yield from _rest(tt)


def _json_item(tt: TrackedText, item: ArrayItem, source: str, text_fields: Fields,
               fix: Fix | None, check: bool) -> Piece:
    text, raw = tt.cut(item.end)
    if item.problem is not None:
        return Broken(raw, item.problem)
    record = record_from_json(item.value, source, item.index, text_fields, fix)
    bad = next((pos for _, t in record.fields if (pos := has_undecodable(t)) is not None), None) if check else None
    if bad is not None:
        return Broken(raw, ReadProblem(source, item.index, f"undecodable bytes at character {bad}"))
    leaves = json_leaves(item.value)
    fields = tuple((k, fix(v) if fix and isinstance(v, str) else v) for k, v in leaves)
    return Item(Row(item.index, fields, record), text, raw, JsonEditor(meta=fix is not None))


def _is_separator(text: str) -> bool:
    return text.count(",") == 1 and not text.replace(",", "").strip()


def _array_pieces(tt: TrackedText, items: Iterator[ArrayItem | ReadProblem], source: str,
                  text_fields: Fields, fix: Fix | None, *, check: bool = True) -> Iterator[Piece]:
    first = True
    for item in items:
        if isinstance(item, ReadProblem):
            yield Note(item)
            continue
        gap, raw = tt.cut(item.start)
        if raw:
            yield Gap(raw, separator=not first and _is_separator(gap))
        yield _json_item(tt, item, source, text_fields, fix, check)
        first = False


def json_array_pieces(tt: TrackedText, source: str, text_fields: Fields) -> Iterator[Piece]:
    """JSON arrays and X archives: a record per top-level array item, streamed."""
    yield from _array_pieces(tt, iter_array_spans(tt, source), source, text_fields, None)
    yield from _rest(tt)


def _array_in(text: str, start: int, end: int, source: str) -> Iterator[ArrayItem | ReadProblem]:
    """The items of the array ``text[start:end]``, at their positions in ``text``."""
    for item in iter_array_spans(io.StringIO(text[start:end]), source):
        if isinstance(item, ArrayItem):
            item = ArrayItem(item.index, item.start + start, item.end + start, item.value, item.problem)
        yield item


def meta_json_pieces(tt: TrackedText, source: str, text_fields: Fields) -> Iterator[Piece]:
    """Facebook/Instagram exports (and any single JSON document): parsed whole, as the reader
    does; a record per item of its one list, or the document itself."""
    text = tt.read()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Broken(tt.cut_rest()[1], ReadProblem(source, None, f"invalid JSON: {exc.msg} (line {exc.lineno})"))
        return
    items = export_items(doc)
    start = len(text) - len(text.lstrip(" \t\r\n"))
    end = len(text.rstrip(" \t\r\n"))
    if items is doc:
        found = _array_in(text, start, end, source)
    elif len(items) == 1 and items[0] is doc:
        found = iter([ArrayItem(0, start, end, doc)])
    else:
        key = next(k for k, v in doc.items() if v is items)
        _, list_start, list_end = next(m for m in reversed(json_member_spans(text, start)) if m[0] == key)
        found = _array_in(text, list_start, list_end, source)
    # The reader takes a Meta export's values as they are (no undecodable-byte check).
    yield from _array_pieces(tt, found, source, text_fields, fix_mojibake, check=False)
    yield from _rest(tt)
