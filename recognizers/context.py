"""Japanese context words, matched on the raw text on both sides of a candidate.

Presidio's LemmaContextAwareEnhancer compares lemmas of the five tokens before a match. In
Japanese that fails twice: Sudachi keeps compounds such as 電話番号 as one token, and labels
are often written after the value (「090-…（携帯）」). A character window on both sides, on
the normalised text, sees both (presidio#2216 measured 16/36 against 36/36 for Korean).

``find_context`` answers "is any keyword near?"; ``nearest_context`` also says where, so a
recognizer can let the closest label win when a supporting word (電話) and a contradicting
one (注文番号) are both in the window.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .normalize import NormalizedText, normalize

__all__ = [
    "find_context", "field_label", "nearest_context", "prepare_keywords", "ContextHit", "FieldLabel",
    "DEFAULT_BEFORE", "DEFAULT_AFTER",
]

DEFAULT_BEFORE = 40
DEFAULT_AFTER = 20


def find_context(
    text: NormalizedText | str,
    start: int,
    end: int,
    keywords: Iterable[str],
    *,
    before: int = DEFAULT_BEFORE,
    after: int = DEFAULT_AFTER,
) -> str | None:
    """Return the first keyword found within the window around ``text[start:end]``, or None.

    ``start``/``end`` index the normalised text when ``text`` is a NormalizedText. Keywords
    are normalised the same way (so ＴＥＬ matches TEL) and compared case-insensitively.
    """
    norm = text.text if isinstance(text, NormalizedText) else normalize(text).text
    window = (norm[max(0, start - before) : start] + "\x00" + norm[end : end + after]).casefold()
    for kw in keywords:
        if normalize(kw).text.casefold() in window:
            return kw
    return None


@dataclass(frozen=True, slots=True)
class ContextHit:
    """A keyword found near a candidate: which one, on which side, how many characters away.

    ``distance`` counts the characters between the keyword and the candidate (0 = touching).
    """

    keyword: str
    side: Literal["before", "after", "field"]
    distance: int


@lru_cache(maxsize=512)
def _prepared(keywords: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((kw, normalize(kw).text.casefold()) for kw in keywords if kw)


def prepare_keywords(keywords: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Keywords paired with their normalised, case-folded form (computed once per list)."""
    return _prepared(tuple(keywords))


def nearest_context(
    text: NormalizedText | str,
    start: int,
    end: int,
    keywords: Iterable[str],
    *,
    before: int = DEFAULT_BEFORE,
    after: int = DEFAULT_AFTER,
    skip_labelled: bool = False,
) -> ContextHit | None:
    """The keyword closest to ``text[start:end]`` within the window on either side, or None.

    Ties go to the longer keyword (問い合わせ番号 beats 問い合わせ when both end at the same
    place), then to the keyword written before the value, which is how labels usually sit.
    A label belongs to the value written right after it, so a keyword after this value that
    is followed by another value (「…5678、注文番号 1234」) is skipped. With ``skip_labelled``
    a keyword BEFORE this value that labels another value in between is skipped too: for
    contradicting labels, 「member=4022 account=…」 says nothing about the account (a
    supporting word keeps counting as the topic: 保険者番号 X、記号 Y). The usual tails of a
    label (番号, No., コード, ：) count as part of it: 「在留カード番号KM…」 is at distance 0.
    """
    norm = text.text if isinstance(text, NormalizedText) else normalize(text).text
    # Field names write words with underscores (residence_card); read them as spaces.
    left = norm[max(0, start - before) : start].casefold().replace("_", " ")
    right_end = min(len(norm), end + after)
    right = norm[end:right_end].casefold().replace("_", " ")
    best: tuple[int, int, int, ContextHit] | None = None
    left_start = start - len(left)
    for original, kw in prepare_keywords(keywords):
        pos = left.rfind(kw)
        while pos >= 0 and not _word_bounded(left, pos, kw):
            pos = left.rfind(kw, 0, pos)
        while pos >= 0 and skip_labelled:
            nxt = _LABELS_NEXT_VALUE.match(norm, left_start + pos + len(kw))
            if nxt is None or nxt.end() - 1 >= start:
                break
            pos = left.rfind(kw, 0, pos)  # labels a value between it and this one
        if pos >= 0:
            gap = left[pos + len(kw) :]
            tail = _LABEL_TAIL.match(gap)
            hit = ContextHit(original, "before", len(gap) - (tail.end() if tail else 0))
            key = (hit.distance, -len(kw), 0, hit)
            if best is None or key[:3] < best[:3]:
                best = key
        pos = right.find(kw)
        while pos >= 0 and (not _word_bounded(right, pos, kw)
                            or _LABELS_NEXT_VALUE.match(norm, end + pos + len(kw))):
            pos = right.find(kw, pos + 1)
        if pos >= 0:
            hit = ContextHit(original, "after", pos)
            key = (hit.distance, -len(kw), 1, hit)
            if best is None or key[:3] < best[:3]:
                best = key
    return best[3] if best else None


def _is_ascii_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _word_bounded(text: str, pos: int, kw: str) -> bool:
    """An ASCII keyword must be a word of its own: DOB is not in "Adobe", TEL not in "hotel",
    IP not in "zip". A plural ending is allowed (accounts). Japanese keywords match anywhere."""
    if _is_ascii_letter(kw[0]) and pos > 0 and _is_ascii_letter(text[pos - 1]):
        return False
    if _is_ascii_letter(kw[-1]):
        after = pos + len(kw)
        for ending in ("es", "s", ""):
            if text.startswith(ending, after) and not (
                after + len(ending) < len(text) and _is_ascii_letter(text[after + len(ending)])
            ):
                return True
        return False
    return True


#: After a keyword: an optional separator, then the start of a value: digits, at most three
#: letters and a digit (TK1234567), +81…, @handle, (03)… — not a word such as ``number``.
_LABELS_NEXT_VALUE = re.compile(
    r"[ ]?(?:番号|No\.?|コード)?[ ]?(?:[:=#]|は)?[ ]?[\"']?"
    r"(?:[A-Za-z]{0,3}[0-9]|\+[0-9]|@[A-Za-z0-9_]|\([0-9])"
)
#: What often follows a keyword inside its label: 「在留カード番号：」「passport no.」「TEL#」.
_LABEL_TAIL = re.compile(r"(?:番号|ナンバー|コード|no\.?|number|#|[ ]|[:=]|は)*")


# -- field labels: key=value, JSON and CSV ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FieldLabel:
    """The name a structured record gives a value: its key or its CSV column header.

    In logs and exports the field name is the value's label, and the text around it is other
    fields (a 普通 in the next column says nothing about this one). ``name`` and ``siblings``
    (every key or header of the record, for pairs such as 記号/番号) are normalised and
    case-folded; ``kind`` says where the name came from.
    """

    name: str
    kind: Literal["key", "column"]
    siblings: tuple[str, ...]


# key=value, key: value, "key": "value" — an ASCII identifier directly before the value.
_KEY_BEFORE = re.compile(
    r"""(?:"(?P<qkey>[^"\n]{1,40})"|(?<![A-Za-z0-9_.\-])(?P<key>[A-Za-z_][A-Za-z0-9_.\-]{0,40}))"""
    r"""[ ]?[=:][ ]?["']?\Z"""
)
_LINE_KEYS = re.compile(r"""(?:"([^"\n]{1,40})"|([A-Za-z_][A-Za-z0-9_.\-]{0,40}))[ ]?[=:]""")
_DELIMITERS = (",", "\t")


def field_label(text: NormalizedText | str, start: int, end: int) -> FieldLabel | None:
    """The key or CSV column header that names the value at ``text[start:end]``, if any."""
    norm = text.text if isinstance(text, NormalizedText) else normalize(text).text
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[max(line_start, start - 48) : start]
    m = _KEY_BEFORE.search(before)
    if m:
        line_end = norm.find("\n", end)
        line_end = len(norm) if line_end < 0 else line_end
        # Sibling keys from the same line, within a bounded stretch (a JSON log line can be long).
        line = norm[max(line_start, start - 512) : min(line_end, end + 512)]
        siblings = tuple((a or b).casefold() for a, b in _LINE_KEYS.findall(line))
        return FieldLabel((m.group("qkey") or m.group("key")).casefold(), "key", siblings)
    return _column_header(norm, start)


def _split_fields(line: str, delim: str) -> list[tuple[int, int]]:
    """Field spans of one delimited line, honouring double quotes."""
    spans, start, quoted = [], 0, False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == delim and not quoted:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(line)))
    return spans


def _looks_like_header(fields: list[str]) -> bool:
    """A header row names columns: no field is a number, a date or empty-and-alone."""
    named = [f.strip().strip('"') for f in fields]
    numeric = any(f and not re.search(r"[^\d\s/.:+\-]", f) for f in named)
    return sum(1 for f in named if f) >= 2 and not numeric


def _column_header(norm: str, start: int) -> FieldLabel | None:
    starts, headers = _csv_layout(norm)
    idx = bisect_right(starts, start) - 1
    found = headers[idx]
    if found is None:
        return None
    delim, names = found
    line_start = starts[idx]
    line_end = norm.find("\n", line_start)
    line = norm[line_start : len(norm) if line_end < 0 else line_end]
    col = next(i for i, (a, b) in enumerate(_split_fields(line, delim)) if a <= start - line_start <= b)
    if col >= len(names):
        return None
    return FieldLabel(names[col], "column", names)


@lru_cache(maxsize=32)
def _csv_layout(norm: str) -> tuple[list[int], list[tuple[str, tuple[str, ...]] | None]]:
    """Line starts, and for each data line of a delimited block the header that names its columns.

    One pass per text: a header row (no numeric field) opens a block; following rows with as
    many fields, or a field or two more (exports often leave amounts unquoted: 30,000), are
    its data rows; a blank or undelimited line closes the block.
    """
    lines = norm.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    headers: list[tuple[str, tuple[str, ...]] | None] = [None] * len(lines)
    for delim in _DELIMITERS:
        if delim not in norm:
            continue
        current: tuple[str, ...] | None = None
        for i, line in enumerate(lines):
            if line.count(delim) < 2:
                current = None
                continue
            fields = [line[a:b] for a, b in _split_fields(line, delim)]
            if _looks_like_header(fields):
                current = tuple(f.strip().strip('"').casefold() for f in fields)
            elif current is not None and headers[i] is None and 0 <= len(fields) - len(current) <= 2:
                headers[i] = (delim, current)
    return starts, headers
