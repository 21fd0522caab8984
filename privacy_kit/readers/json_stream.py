"""JSON arrays read item by item, so a multi-gigabyte export never sits in memory whole.

Also reads an X (Twitter) archive's ``tweets.js``, which is a JSON array behind a JavaScript
assignment (``window.YTD.tweets.part0 = [...]``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from .jsonl import Fix, record_from_json
from .opening import has_undecodable
from .records import ReadProblem, Record

_CHUNK = 1 << 16
MAX_ITEM_CHARS = 64 * 1024 * 1024
_decoder = json.JSONDecoder()


def _skip(buf: str, pos: int, chars: str) -> int:
    while pos < len(buf) and buf[pos] in chars:
        pos += 1
    return pos


@dataclass(frozen=True, slots=True)
class ArrayItem:
    """One item of the top-level array: its value, or the problem found in its place, and where it
    lies in the decoded stream (code-point offsets, ``end`` exclusive). A broken item's span covers
    the text skipped to resynchronise, so a rewrite can keep it as it is."""

    index: int
    start: int
    end: int
    value: object = None
    problem: ReadProblem | None = None


def iter_array_spans(stream: TextIO, source: str) -> Iterator[ArrayItem | ReadProblem]:
    """Every item of the top-level array in ``stream``, with its span; problems that concern the
    whole array (none found, not closed) come as bare ``ReadProblem``s.

    Anything before the first ``[`` is skipped (the X archive's ``window.YTD… =`` prefix). A
    broken item is reported and the reader resynchronises at the next top-level item.
    """
    buf = ""
    base = 0  # stream offset of buf[0]
    eof = False

    def fill() -> bool:
        nonlocal buf, eof
        chunk = stream.read(_CHUNK)
        if not chunk:
            eof = True
            return False
        buf += chunk
        return True

    while "[" not in buf:
        if not fill():
            yield ReadProblem(source, None, "no JSON array found")
            return
    pos = buf.index("[") + 1
    index = 0
    while True:
        pos = _skip(buf, pos, " \t\r\n,")
        while pos >= len(buf) and not eof:
            base, buf, pos = base + pos, buf[pos:], 0
            fill()
            pos = _skip(buf, pos, " \t\r\n,")
        if pos >= len(buf):
            yield ReadProblem(source, index, "array not closed: file truncated")
            return
        if buf[pos] == "]":
            return
        try:
            value, end = _decoder.raw_decode(buf, pos)
            complete = end < len(buf) or eof
        except json.JSONDecodeError as exc:
            value, end, complete = None, -1, False
            error = exc
        if end >= 0 and complete:
            yield ArrayItem(index, base + pos, base + end, value)
            index += 1
            pos = end
            continue
        if not eof and len(buf) - pos < MAX_ITEM_CHARS:
            base, buf, pos = base + pos, buf[pos:], 0
            fill()
            continue
        reason = f"invalid JSON item: {error.msg}" if end < 0 else "item not complete: file truncated"
        # Resynchronise: skip to the next item boundary at nesting depth 0.
        resume = _resync(buf, pos) if end < 0 else -1
        stop = resume if resume >= 0 else len(buf)
        yield ArrayItem(index, base + pos, base + stop, problem=ReadProblem(source, index, reason))
        if resume < 0:
            return
        pos = resume
        index += 1


def iter_array_items(stream: TextIO, source: str) -> Iterator[tuple[int, object] | ReadProblem]:
    """Yield ``(index, value)`` for each item of the top-level array in ``stream``, and a problem
    for each broken item or array."""
    for item in iter_array_spans(stream, source):
        if isinstance(item, ReadProblem):
            yield item
        elif item.problem is not None:
            yield item.problem
        else:
            yield item.index, item.value


def _resync(buf: str, pos: int) -> int:
    depth, in_str, esc = 0, False, False
    for i in range(pos, len(buf)):
        c = buf[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth < 0:
                return i
        elif c == "," and depth <= 0:
            return i + 1
        elif c == "\n" and depth > 0 and buf[i + 1 : i + 2] == "{":
            return i + 1  # a broken object followed by a fresh one at the start of a line
    return -1


def read_json_array(stream: TextIO, source: str, *, text_fields: Sequence[str] | None = None,
                    fix: Fix | None = None, every_field: bool = False) -> Iterator[Record | ReadProblem]:
    for item in iter_array_items(stream, source):
        if isinstance(item, ReadProblem):
            yield item
            continue
        index, value = item
        record = record_from_json(value, source, index, text_fields, fix, every_field=every_field)
        bad = next((pos for _, t in record.fields if (pos := has_undecodable(t)) is not None), None)
        if bad is not None:
            yield ReadProblem(source, index, f"undecodable bytes at character {bad}")
            continue
        yield record
