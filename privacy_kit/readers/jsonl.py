"""JSON Lines / NDJSON, and the JSON-value helpers every JSON-based reader shares."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .opening import has_undecodable
from .records import ReadProblem, Record

Fix = Callable[[str], str]


def join_path(prefix: str, key: object) -> str:
    """The dotted path of a member or list item under ``prefix`` (``user.name``, ``tags.0``)."""
    return f"{prefix}.{key}" if prefix else str(key)


def json_leaves(obj: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a JSON value (string, number, boolean, null), keyed by its dotted path
    (lists by index; a bare top-level scalar is ``value``). Rewriting needs all of them;
    scanning only the strings."""
    if isinstance(obj, dict):
        for key, val in obj.items():
            yield from json_leaves(val, join_path(prefix, key))
    elif isinstance(obj, list):
        for i, val in enumerate(obj):
            yield from json_leaves(val, join_path(prefix, i))
    else:
        yield prefix or "value", obj


def string_fields(obj: Any, prefix: str = "", *, every_field: bool = False) -> Iterator[tuple[str, str]]:
    """Every string value of a JSON value, keyed by its dotted path (lists by index).

    ``every_field`` also yields numbers and booleans, as their JSON text (``34``, ``true``):
    a structural analysis (``privacy-kit risk``) needs an age stored as a number, a scan does not.
    """
    for key, value in json_leaves(obj, prefix):
        if isinstance(value, str):
            yield key, value
        elif every_field and isinstance(value, (int, float, bool)):
            yield key, json.dumps(value)


def select_fields(obj: Any, text_fields: Sequence[str] | None, fix: Fix | None = None, *,
                  every_field: bool = False) -> tuple[tuple[str | None, str], ...]:
    """The fields to scan: all non-empty strings, or only those named (exact dotted path, or any
    path ending in ``.name`` so ``--text-field comment`` finds ``data.0.comment.comment``)."""
    pairs: Iterable[tuple[str, str]] = string_fields(obj, every_field=every_field)
    if text_fields:
        wanted = set(text_fields)
        pairs = [(k, v) for k, v in pairs if k in wanted or k.rsplit(".", 1)[-1] in wanted]
    return tuple((k, fix(v) if fix else v) for k, v in pairs if v)


def record_from_json(obj: Any, source: str, index: int, text_fields: Sequence[str] | None,
                     fix: Fix | None = None, *, every_field: bool = False) -> Record:
    return Record(source, index, select_fields(obj, text_fields, fix, every_field=every_field))


def jsonl_line(line: str, source: str, index: int, text_fields: Sequence[str] | None, *,
               every_field: bool = False) -> tuple[Any, Record] | ReadProblem:
    """One non-blank JSON Lines line: its parsed value and record, or the problem instead."""
    bad = has_undecodable(line)
    if bad is not None:
        return ReadProblem(source, index, f"undecodable bytes at character {bad}")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadProblem(source, index, f"invalid JSON: {exc.msg} (column {exc.colno})")
    return obj, record_from_json(obj, source, index, text_fields, every_field=every_field)


def read_jsonl(lines: Iterable[str], source: str, *, text_fields: Sequence[str] | None = None,
               every_field: bool = False) -> Iterator[Record | ReadProblem]:
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        item = jsonl_line(line, source, index, text_fields, every_field=every_field)
        yield item if isinstance(item, ReadProblem) else item[1]
