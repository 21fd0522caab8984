"""CSV and TSV, as exported by Excel (often CP932), form tools and analytics services.

Quoted fields may contain newlines, so records are rows, not lines; ``Record.index`` is the
0-based data row (the header is not counted).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
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


def header_names(row: Sequence[str]) -> list[str]:
    """Column names from a header row: trimmed, BOM removed, a blank name becomes ``columnN``."""
    return [h.strip().lstrip("\ufeff") or f"column{i + 1}" for i, h in enumerate(row)]


def read_delimited(stream: TextIO, source: str, *, delimiter: str, has_header: bool,
                   text_fields: Sequence[str] | None = None) -> Iterator[Record | ReadProblem]:
    reader = csv.reader(stream, delimiter=delimiter)
    header: list[str] | None = None
    index = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadProblem(source, index, f"broken CSV row: {exc}")
            index += 1
            continue
        if header is None and has_header:
            header = header_names(row)
            continue
        if not any(cell.strip() for cell in row):
            index += 1
            continue
        names = header or []
        fields: list[tuple[str | None, str]] = []
        bad = None
        for i, cell in enumerate(row):
            name = names[i] if i < len(names) else f"column{i + 1}"
            if text_fields and name not in text_fields:
                continue
            if cell:
                pos = has_undecodable(cell)
                if pos is not None:
                    bad = (name, pos)
                    break
                fields.append((name, cell))
        if bad is not None:
            yield ReadProblem(source, index, f"undecodable bytes in field {bad[0]!r} at character {bad[1]}")
        else:
            yield Record(source, index, tuple(fields))
        index += 1
