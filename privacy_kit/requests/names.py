"""The forms a person's name takes in comments and logs, generated from the name a request gives.

The same person is 山田 太郎 on a membership form, 山田太郎 in a comment, ヤマダタロウ in a CSV
column of readings, やまだ たろう in a child's message, and Taro Yamada or YAMADA Taro in English.
A request gives one or two of these; the rest are generated here: the name split into surname and
given name (at the space given, else by Sudachi's 人名 姓/名 tags), its reading (the one given,
else Sudachi's), katakana and hiragana, and Hepburn romaji in both orders. Width and case are left
to the matcher (NFKC, case-insensitive). Only the full name is searched, never a surname alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from privacy_kit.requests.romaji import is_kana, spellings, to_romaji
from recognizers.kana import to_hiragana, to_katakana

_SPACE = re.compile(r"[\s\u3000・･=＝]+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")


@dataclass(frozen=True, slots=True)
class NameForms:
    """A name's forms, each a tuple of parts (surname first; romaji also given-name first)."""

    written: tuple[str, ...]  # as given (kanji, kana or Latin), split into parts
    kana: tuple[tuple[str, ...], ...]  # katakana and hiragana readings, split like ``written``
    romaji: tuple[tuple[str, ...], ...]  # lower-case Latin spellings, both orders

    def all_forms(self) -> list[tuple[str, ...]]:
        seen: dict[tuple[str, ...], None] = {self.written: None}
        for form in (*self.kana, *self.romaji):
            seen.setdefault(form, None)
        return list(seen)


@cache
def _tokenizer() -> Any:
    from sudachipy import Dictionary

    return Dictionary().create()


def _sudachi_parts(name: str) -> list[tuple[str, str]]:
    """(surface, katakana reading) of each word Sudachi sees in a name written without a space."""
    return [
        (m.surface(), m.reading_form())
        for m in _tokenizer().tokenize(name)
        if m.part_of_speech()[0] != "空白"
    ]


def split_name(name: str) -> tuple[str, ...]:
    """Surname and given name: at the space (or ・) given, else where Sudachi tags 姓 then 名."""
    name = unicodedata.normalize("NFKC", name).strip()
    parts = tuple(p for p in _SPACE.split(name) if p)
    if len(parts) != 1 or _LATIN.match(parts[0]) or is_kana(parts[0]):
        return parts
    words = _sudachi_parts(parts[0])
    if len(words) == 2:
        return (words[0][0], words[1][0])
    return parts


def _readings(parts: tuple[str, ...], reading: str | None) -> tuple[str, ...] | None:
    """Katakana reading split like ``parts``: the reading given, else Sudachi's per part."""
    if reading:
        words = _SPACE.split(unicodedata.normalize("NFKC", reading).strip())
        given = tuple(to_katakana(p) for p in words if p)
        if len(given) == len(parts) or len(parts) == 1:
            return given if len(parts) > 1 else ("".join(given),)
        # A reading without a space for a two-part name: split it where Sudachi's readings do.
        derived = _readings(parts, None)
        joined = "".join(given)
        if derived and "".join(derived) == joined:
            return derived
        return (joined,)
    if all(is_kana(p) for p in parts):
        return tuple(to_katakana(p) for p in parts)
    out = []
    for part in parts:
        words = _sudachi_parts(part)
        if not words or any(not is_kana(r) for _, r in words):
            return None
        out.append("".join(r for _, r in words))
    return tuple(out)


def _romaji_forms(parts: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Every combination of the parts' spellings, in the order given and reversed."""
    combos: list[tuple[str, ...]] = [()]
    for part in parts:
        combos = [c + (s,) for c in combos for s in sorted(spellings(part))]
    return {c for combo in combos for c in (combo, tuple(reversed(combo)))}


def name_forms(name: str, reading: str | None = None) -> NameForms:
    """The forms of ``name`` (and of its ``reading``, if given) that a search looks for."""
    written = split_name(name)
    if not written:
        return NameForms((), (), ())
    if all(_LATIN.match(p) for p in written):
        latin = tuple(p.lower() for p in written)
        return NameForms(written, (), tuple(sorted(_romaji_forms(latin))))
    kata = _readings(written, reading)
    if kata is None:
        return NameForms(written, (), ())
    kana = (kata, tuple(to_hiragana(p) for p in kata))
    romaji_parts = [to_romaji(p) for p in kata]
    if any(r is None for r in romaji_parts):
        return NameForms(written, kana, ())
    romaji = tuple(sorted(_romaji_forms(tuple(r for r in romaji_parts if r is not None))))
    return NameForms(written, kana, romaji)
