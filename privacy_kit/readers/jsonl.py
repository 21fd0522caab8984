"""JSON Lines / NDJSON, and the JSON-value helpers every JSON-based reader shares."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .opening import has_undecodable
from .records import ReadProblem, Record

Fix = Callable[[str], str]


def string_fields(obj: Any, prefix: str = "", *, every_field: bool = False) -> Iterator[tuple[str, str]]:
    """Every string value of a JSON value, keyed by its dotted path (lists by index).

    ``every_field`` also yields numbers and booleans, as their JSON text (``34``, ``true``):
    a structural analysis (``privacy-kit risk``) needs an age stored as a number, a scan does not.
    """
    if isinstance(obj, str):
        yield prefix or "value", obj
    elif isinstance(obj, dict):
        for key, val in obj.items():
            yield from string_fields(val, f"{prefix}.{key}" if prefix else str(key), every_field=every_field)
    elif isinstance(obj, list):
        for i, val in enumerate(obj):
            yield from string_fields(val, f"{prefix}.{i}" if prefix else str(i), every_field=every_field)
    elif every_field and isinstance(obj, (int, float, bool)):
        yield prefix or "value", json.dumps(obj)


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


def read_jsonl(lines: Iterable[str], source: str, *, text_fields: Sequence[str] | None = None,
               every_field: bool = False) -> Iterator[Record | ReadProblem]:
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        bad = has_undecodable(line)
        if bad is not None:
            yield ReadProblem(source, index, f"undecodable bytes at character {bad}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(source, index, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        yield record_from_json(obj, source, index, text_fields, every_field=every_field)
