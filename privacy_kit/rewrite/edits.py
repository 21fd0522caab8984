"""Changing some fields of a record in the record's own text, and nothing else.

Each format has an editor that finds where each field's value lies in the record's text
(``spans``) and writes a new value the way the file writes its values (``render``): a JSON
string with the file's escaping, a CSV cell quoted as the file quotes, a part of a log line.
``splice`` then replaces only those spans in the record's bytes, so whitespace, key order, number
spellings, quoting of other cells and even undecodable bytes elsewhere in the record survive.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from privacy_kit.errors import RewriteError
from privacy_kit.readers.jsonl import join_path
from privacy_kit.readers.logs import COMBINED
from privacy_kit.readers.social import fix_mojibake

from .model import Row

Span = tuple[int, int]
_WS = " \t\r\n"
_decoder = json.JSONDecoder()


class Editor(Protocol):
    def spans(self, text: str, row: Row) -> list[Span] | None:
        """Where each of ``row.fields`` lies in ``text`` (None: cannot tell; ``rebuild`` instead)."""

    def render(self, token: str, value: Any, codec: str, text: str) -> str:
        """The new value as the file would write it where ``token`` stands now (in record ``text``)."""

    def rebuild(self, text: str, row: Row, values: list[Any]) -> str:
        """The whole record written anew (only when ``spans`` returned None)."""


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _encode_new(text: str, codec: str, row: Row, position: int) -> bytes:
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        name = row.fields[position][0]
        raise RewriteError(  # the value itself is never shown: it may be personal data
            f"record {row.index}, field {name!r}: the new value has a character that {codec} cannot hold",
            hint="choose replacements the file's encoding can hold (the default tags are JIS X 0208)",
        ) from exc


def splice(text: str, raw: bytes, row: Row, editor: Editor, updates: Mapping[int, Any], codec: str,
           exact: bool) -> bytes:
    """The record's bytes with the fields at the positions in ``updates`` replaced."""
    spans = editor.spans(text, row)
    if spans is None:
        values = [updates.get(i, value) for i, (_, value) in enumerate(row.fields)]
        return editor.rebuild(text, row, values).encode(codec, "surrogateescape")
    out = bytearray()
    t_pos = b_pos = 0
    for position in sorted(updates, key=lambda i: spans[i][0]):
        start, end = spans[position]
        before = text[t_pos:start].encode(codec, "surrogateescape")
        old = text[start:end].encode(codec, "surrogateescape")
        if exact:
            out += raw[b_pos : b_pos + len(before)]
            b_pos += len(before) + len(old)
        else:
            out += before
        out += _encode_new(editor.render(text[start:end], updates[position], codec, text), codec, row, position)
        t_pos = end
    out += raw[b_pos:] if exact else text[t_pos:].encode(codec, "surrogateescape")
    return bytes(out)


# --- JSON --------------------------------------------------------------------------------------


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _expect(text: str, pos: int, char: str) -> int:
    pos = _skip_ws(text, pos)
    if text[pos : pos + 1] != char:
        raise ValueError(f"expected {char!r} at {pos}")
    return pos + 1


def json_member_spans(text: str, pos: int) -> list[tuple[str, int, int]]:
    """``(key, start, end)`` of each member value of the JSON object starting at ``pos``."""
    out: list[tuple[str, int, int]] = []
    pos = _expect(text, pos, "{")
    if text[_skip_ws(text, pos)] == "}":
        return out
    while True:
        key, pos = _decoder.raw_decode(text, _skip_ws(text, pos))
        start = _skip_ws(text, _expect(text, pos, ":"))
        end = _value_end(text, start)
        out.append((key, start, end))
        pos = _skip_ws(text, end)
        if text[pos] != ",":
            return out
        pos += 1


def _value_end(text: str, pos: int, leaves: dict[str, Span] | None = None, path: str = "") -> int:
    """The end of the JSON value at ``pos``; with ``leaves``, also the span of every scalar in it."""
    char = text[pos]
    if char == "{":
        members = json_member_spans(text, pos)
        if leaves is not None:
            for key, start, _ in members:
                _value_end(text, start, leaves, join_path(path, key))
        return _expect(text, members[-1][2] if members else pos + 1, "}")
    if char == "[":
        pos = _skip_ws(text, pos + 1)
        i = 0
        while text[pos] != "]":
            pos = _value_end(text, pos, leaves, join_path(path, i))
            pos = _skip_ws(text, pos)
            if text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
            i += 1
        return pos + 1
    _, end = _decoder.raw_decode(text, pos)
    if leaves is not None:
        leaves[path or "value"] = (pos, end)
    return end


def json_leaf_spans(text: str, pos: int = 0) -> dict[str, Span]:
    """The span of every scalar of the JSON value at (or after whitespace from) ``pos``, by the
    dotted path ``json_leaves`` gives it. A key given twice keeps its last value, as json.loads does."""
    leaves: dict[str, Span] = {}
    _value_end(text, _skip_ws(text, pos), leaves)
    return leaves


@dataclass(frozen=True)
class JsonEditor:
    """A JSON record (a JSON Lines line, an array item): each scalar is a field.

    ``meta``: the file is a Facebook/Instagram export whose strings the reader repaired, so a new
    value is written back in the export's own mojibake. Only then: in any other JSON a string such
    as "Â\x80" is just a string and must be written as given.
    """

    meta: bool = False

    def spans(self, text: str, row: Row) -> list[Span] | None:
        leaves = json_leaf_spans(text)
        return [leaves[str(name)] for name, _ in row.fields]

    def render(self, token: str, value: Any, codec: str, text: str) -> str:
        if self.meta and isinstance(value, str) and token.startswith('"'):
            old = json.loads(token)
            if fix_mojibake(old) != old:  # Meta's exports write each UTF-8 byte as \u00XX
                value = value.encode("utf-8").decode("latin-1")
        # Escape non-ASCII as \uXXXX where the file does: as this value was written, or, for a
        # value with no non-ASCII to tell, as the rest of the record is. Characters the encoding
        # lacks are escaped whatever the style.
        if not token.isascii():
            escaped = False
        elif "\\u" in token:
            escaped = True
        else:
            escaped = text.isascii() and "\\u" in text
        out = json.dumps(value, ensure_ascii=escaped)
        return out if escaped or _encodable(out, codec) else json.dumps(value, ensure_ascii=True)

    def rebuild(self, text: str, row: Row, values: list[Any]) -> str:  # pragma: no cover - spans never fail
        raise NotImplementedError


# --- CSV ---------------------------------------------------------------------------------------


def csv_cell_spans(text: str, delimiter: str) -> list[tuple[int, int, bool]]:
    """``(start, end, quoted)`` of each cell of one CSV record (line break excluded), read as the
    csv module reads: a cell is quoted only if its first character is the quote."""
    cells: list[tuple[int, int, bool]] = []
    n = len(text.rstrip("\r\n"))
    pos = 0
    while True:
        start, quoted = pos, text[pos : pos + 1] == '"'
        if quoted:
            pos += 1
            while pos < n:
                if text[pos] == '"':
                    if text[pos + 1 : pos + 2] == '"':
                        pos += 2
                        continue
                    break
                pos += 1
            pos += 1
        while pos < n and text[pos] != delimiter:
            pos += 1
        cells.append((start, min(pos, n), quoted))
        if pos >= n:
            return cells
        pos += 1


@dataclass(frozen=True)
class CsvEditor:
    """A CSV/TSV record: cells keep their quoting; a new value is quoted if its cell was, or if
    it needs quotes (delimiter, quote or line break inside)."""

    delimiter: str

    def spans(self, text: str, row: Row) -> list[Span] | None:
        cells = csv_cell_spans(text, self.delimiter)
        if len(cells) != len(row.fields):
            return None
        return [(start, end) for start, end, _ in cells]

    def render(self, token: str, value: Any, codec: str, text: str) -> str:
        value = "" if value is None else str(value)
        if token.startswith('"') or any(c in value for c in (self.delimiter, '"', "\r", "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    def rebuild(self, text: str, row: Row, values: list[Any]) -> str:
        body = text.rstrip("\r\n")
        buf = io.StringIO()
        csv.writer(buf, delimiter=self.delimiter, lineterminator=text[len(body):]).writerow(
            ["" if v is None else v for v in values])
        return buf.getvalue()


# --- lines -------------------------------------------------------------------------------------


def _one_line(value: Any) -> str:
    text = "" if value is None else str(value)
    if "\n" in text or "\r" in text:
        raise RewriteError("a new value for a line of a text or log file contains a line break",
                           hint="a line break would split the record in two")
    return text


@dataclass(frozen=True)
class LineEditor:
    """A line of a text file: the whole line (without its line break) is the one field."""

    def spans(self, text: str, row: Row) -> list[Span] | None:
        return [(0, len(text.rstrip("\r\n")))]

    def render(self, token: str, value: Any, codec: str, text: str) -> str:
        return _one_line(value)

    def rebuild(self, text: str, row: Row, values: list[Any]) -> str:  # pragma: no cover - spans never fail
        raise NotImplementedError


def access_log_parts(line: str) -> list[tuple[str, str, Span]]:
    """``(name, value, span)`` of every part of a combined/common log line that is present."""
    m = COMBINED.match(line)
    if not m:
        return [("line", line, (0, len(line)))]
    return [(name, value, m.span(name)) for name, value in m.groupdict().items() if value is not None]


@dataclass(frozen=True)
class AccessLogEditor:
    """A web server log line: each part (ip, user, time, path…) is a field."""

    def spans(self, text: str, row: Row) -> list[Span] | None:
        return [span for _, _, span in access_log_parts(text.rstrip("\r\n"))]

    def render(self, token: str, value: Any, codec: str, text: str) -> str:
        return _one_line(value)

    def rebuild(self, text: str, row: Row, values: list[Any]) -> str:  # pragma: no cover - spans never fail
        raise NotImplementedError
