"""Facebook and Instagram "Download your information" JSON exports.

Both wrap their items in one top-level key (``comments_v2``, ``comments_media_comments``…) and
write non-ASCII text as UTF-8 bytes escaped one byte per ``\\u00XX`` (mojibake such as
``ã\\x81\\x82`` for あ). We undo that so Japanese text is scanned as Japanese.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from .jsonl import record_from_json
from .records import ReadProblem, Record

MARKERS = ("comments_v2", "comments_media_comments", "string_map_data", "post_comments", "likes_media_likes")


def fix_mojibake(text: str) -> str:
    """Re-decode Meta's byte-per-code-point escaping; leave proper text untouched."""
    if not any("\x80" <= c <= "\xff" for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def export_items(doc: Any) -> list[Any]:
    """The records of an export: a top-level list, the one list inside an object, or the document."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        lists = [v for v in doc.values() if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
        return [doc]
    return [doc]


def read_meta_export(stream: TextIO, source: str, *, text_fields: Sequence[str] | None = None,
                     every_field: bool = False) -> Iterator[Record | ReadProblem]:
    # These exports are per-category files of modest size; they are parsed whole (documented).
    try:
        doc = json.load(stream)
    except json.JSONDecodeError as exc:
        yield ReadProblem(source, None, f"invalid JSON: {exc.msg} (line {exc.lineno})")
        return
    for index, item in enumerate(export_items(doc)):
        yield record_from_json(item, source, index, text_fields, fix_mojibake, every_field=every_field)
