"""Text normalisation with an exact map back to the original string.

Recognizers match on a normalised copy of the text (NFKC, one ASCII hyphen for the many
dash characters, one ASCII space for the many space characters, optionally arabic numerals
for kanji numerals in address units) so that a single pattern covers 「０９０－１２３４」,
「090‐1234」 and 「090ー1234」. Every finding must still index the ORIGINAL text, so the
normaliser records, for each normalised character, the span of original characters it came
from. NFKC can expand one character (「㈱」→「(株)」) or merge several (「ｶﾞ」→「ガ」); the map is
kept at the granularity of such groups, which is the finest that is still exact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NormalizedText", "normalize", "DASHES", "SPACES"]

#: Characters that are hyphens in Japanese numbers and codes, whatever their code point.
#: U+30FC (the katakana long-vowel mark) is only a hyphen between digits; see ``_CHOON``.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u2500\u2501\u30fc\uff70"
#: Space-like characters other than ASCII space (NFKC already folds most of them).
SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_CHOON = "\u30fc"  # ー after NFKC (half-width ｰ becomes this too)
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Kanji numerals are rewritten only directly before an address unit, where they cannot be
# part of a name (一郎) or an idiom (一番好き is not followed by 地/号), and not right after an
# arabic digit: 「8百番地」 is 800, and rewriting only its kanji part would give 「8100」.
_ADDRESS_NUMERAL = re.compile(r"(?<![0-9])[〇零一二三四五六七八九十百千]+(?=丁目|番地|番町?|号|条|丁)")
_NEEDS_WORK = re.compile("[" + re.escape(DASHES + SPACES) + "\u3099\u309a\uff9e\uff9f]")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised string and the map from its indices to the original's.

    ``starts[i]`` / ``ends[i]`` are the original span of normalised character ``i``.
    ``None`` for both means the two strings are identical (the common, fast case).
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def is_identity(self) -> bool:
        return self.starts is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def to_normalized(self, pos: int) -> int:
        """The first normalised index whose original span starts at or after ``pos``."""
        if self.starts is None:
            return pos
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _group_end(text: str, i: int) -> int:
    """End of the character group starting at ``i``: a base character and the marks NFKC folds into it."""
    j = i + 1
    n = len(text)
    while j < n and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f\u3099\u309a"):
        j += 1
    return j


def _kanji_number(s: str) -> int:
    """Value of a kanji numeral: positional (二〇二六) or with units (二十三, 百五)."""
    if not any(c in _KANJI_UNITS for c in s):
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total, digit = 0, 0
    for c in s:
        if c in _KANJI_UNITS:
            total += (digit or 1) * _KANJI_UNITS[c]
            digit = 0
        else:
            digit = digit * 10 + _KANJI_DIGITS[c]
    return total + digit


def _fold(piece: str) -> str:
    """NFKC plus the project's dash and space folding, for one character group."""
    out = unicodedata.normalize("NFKC", piece)
    if out == _CHOON:
        return out  # decided later from its neighbours
    chars = []
    for c in out:
        if c in DASHES:
            chars.append("-")
        elif c in SPACES:
            chars.append(" ")
        else:
            chars.append(c)
    return "".join(chars)


@lru_cache(maxsize=4096)
def _normalize_cached(text: str, address_numerals: bool) -> NormalizedText:
    if text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and not _NEEDS_WORK.search(text)
    ):
        if not (address_numerals and _ADDRESS_NUMERAL.search(text)):
            return NormalizedText(text, text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = _group_end(text, i)
        folded = _fold(text[i:j])
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    # ー is a hyphen only between digits (携帯０９０ー１２３４); elsewhere it is a long vowel.
    for k, c in enumerate(out):
        if c == _CHOON and 0 < k < len(out) - 1 and out[k - 1].isdigit() and out[k + 1].isdigit():
            out[k] = "-"
    norm = "".join(out)
    if address_numerals:
        norm, starts, ends = _rewrite_address_numerals(norm, starts, ends)
    return NormalizedText(text, norm, tuple(starts), tuple(ends))


def _rewrite_address_numerals(
    norm: str, starts: list[int], ends: list[int]
) -> tuple[str, list[int], list[int]]:
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for m in _ADDRESS_NUMERAL.finditer(norm):
        pieces.append(norm[pos : m.start()])
        new_starts.extend(starts[pos : m.start()])
        new_ends.extend(ends[pos : m.start()])
        digits = str(_kanji_number(m.group()))
        span_start, span_end = starts[m.start()], ends[m.end() - 1]
        pieces.append(digits)
        new_starts.extend([span_start] * len(digits))
        new_ends.extend([span_end] * len(digits))
        pos = m.end()
    pieces.append(norm[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(pieces), new_starts, new_ends


def normalize(text: str, *, address_numerals: bool = False) -> NormalizedText:
    """Normalise ``text`` for matching; see the module docstring for what changes.

    Results are cached: every recognizer of an analyzer normalises the same text, and log
    exports repeat the same values many times.
    """
    return _normalize_cached(text, address_numerals)
