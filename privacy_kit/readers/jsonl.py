"""JSON Lines / NDJSON: one JSON value per line, read line by line (bounded memory)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from .records import ReadProblem, Record


def string_fields(obj: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every string value of a JSON value, keyed by its dotted path (lists by index)."""
    if isinstance(obj, str):
        yield prefix or "value", obj
    elif isinstance(obj, dict):
        for key, val in obj.items():
            yield from string_fields(val, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(obj, list):
        for i, val in enumerate(obj):
            yield from string_fields(val, f"{prefix}.{i}" if prefix else str(i))


def select_fields(obj: Any, text_fields: Sequence[str] | None) -> tuple[tuple[str | None, str], ...]:
    pairs = list(string_fields(obj))
    if text_fields:
        wanted = set(text_fields)
        pairs = [(k, v) for k, v in pairs if k in wanted]
    return tuple((k, v) for k, v in pairs if v)


def read_jsonl(stream: BinaryIO, source: str, *, text_fields: Sequence[str] | None = None,
               encoding: str = "utf-8") -> Iterator[Record | ReadProblem]:
    for index, raw in enumerate(stream):
        if index == 0 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            yield ReadProblem(source, index, f"undecodable bytes as {encoding} at byte {exc.start}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(source, index, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield Record(source, index, select_fields(obj, text_fields))
