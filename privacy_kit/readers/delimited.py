"""CSV and TSV, as exported by Excel (often CP932), form tools and analytics services.

Quoted fields may contain newlines, so records are rows, not lines; ``Record.index`` is the
0-based data row (the header is not counted).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from .opening import has_undecodable
from .records import ReadProblem, Record

csv.field_size_limit(1 << 30)


def sniff_dialect(sample: str, default_delimiter: str) -> tuple[str, bool]:
    """(delimiter, has_header) from a text sample."""
    delimiter = default_delimiter
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:
        pass
    lines = sample.splitlines()
    if not lines:
        return delimiter, False
    try:
        has_header = csv.Sniffer().has_header(sample)
    except csv.Error:
        has_header = False
    first = next(csv.reader([lines[0]], delimiter=delimiter), [])
    # Sniffer only judges by types; Japanese exports often have text-only rows, so also accept a
    # first row of distinct, short, non-numeric names.
    if not has_header and first and len(set(first)) == len(first):
        has_header = all(c.strip() and len(c) <= 40 and not c.strip().lstrip("-").replace(".", "").isdigit()
                         for c in first) and len(lines) > 1
    return delimiter, has_header


def column_names(header: list[str]) -> list[str]:
    """Field names from a header row (BOM and padding removed; a blank name becomes ``columnN``)."""
    return [h.strip().lstrip("\ufeff") or f"column{i + 1}" for i, h in enumerate(header)]


def cell_name(names: Sequence[str] | None, i: int) -> str:
    """The name of cell ``i``: its header name, or ``columnN`` (headerless, or past the header)."""
    return names[i] if names is not None and i < len(names) else f"column{i + 1}"


def is_blank_row(row: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in row)


def row_record(row: Sequence[str], source: str, index: int, names: Sequence[str] | None,
               text_fields: Sequence[str] | None) -> Record | ReadProblem:
    """The record of one data row: its non-empty cells (those named, if ``text_fields``), or a
    problem when one of them holds undecodable bytes."""
    fields: list[tuple[str | None, str]] = []
    for i, cell in enumerate(row):
        name = cell_name(names, i)
        if text_fields and name not in text_fields:
            continue
        if cell:
            pos = has_undecodable(cell)
            if pos is not None:
                return ReadProblem(source, index, f"undecodable bytes in field {name!r} at character {pos}")
            fields.append((name, cell))
    return Record(source, index, tuple(fields))


@dataclass(frozen=True, slots=True)
class CsvRow:
    """A row as read: ``kind`` is ``header``, ``blank``, ``data`` or ``broken`` (then ``problem``
    says why). ``index`` is the 0-based data row (the header is not counted); ``names`` are the
    header's field names, if there is one."""

    kind: str
    index: int
    cells: list[str]
    names: list[str] | None
    problem: ReadProblem | None = None


def csv_rows(reader: Iterator[list[str]], source: str, *, has_header: bool) -> Iterator[CsvRow]:
    """Every row of a csv reader, numbered and classified; a broken row never stops the read."""
    names: list[str] | None = None
    index = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield CsvRow("broken", index, [], names, ReadProblem(source, index, f"broken CSV row: {exc}"))
            index += 1
            continue
        if names is None and has_header:
            names = column_names(cells)
            yield CsvRow("header", index, cells, names)
            continue
        yield CsvRow("blank" if is_blank_row(cells) else "data", index, cells, names)
        index += 1


def read_delimited(stream: TextIO, source: str, *, delimiter: str, has_header: bool,
                   text_fields: Sequence[str] | None = None) -> Iterator[Record | ReadProblem]:
    for row in csv_rows(csv.reader(stream, delimiter=delimiter), source, has_header=has_header):
        if row.problem is not None:
            yield row.problem
        elif row.kind == "data":
            yield row_record(row.cells, source, row.index, row.names, text_fields)
