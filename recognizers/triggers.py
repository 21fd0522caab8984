"""Cheap tests that tell a detector a recognizer cannot find anything in a text.

A scan runs two dozen recognizers over every field; most texts give most of them nothing to do
(a sentence without a digit holds no phone number, a log line without ``@`` no e-mail
address). Each recognizer may declare a ``Trigger``: a test on the normalised text that is
True whenever the recognizer could report something. A detector may skip the recognizer when
its trigger is False, and the findings must not change: a trigger is a necessary condition
read off the recognizer's own patterns, never a heuristic. tests/recognizers/test_triggers.py
checks each one against its recognizer on generated texts.

Triggers read ``normalize(text).text`` (NFKC, one hyphen, one space): the same string the
pattern recognizers match, computed once per text and shared through ``normalize``'s cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

__all__ = [
    "ADDRESS", "AT_SIGN", "DIGIT", "IP", "KANA_PAIR", "LATIN", "LETTER", "NUMERAL", "SNS", "URL",
    "Trigger",
]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A named necessary condition on the normalised text (see the module docstring)."""

    name: str
    test: Callable[[str], bool]

    def __call__(self, normalized: str) -> bool:
        return self.test(normalized)


def _search(name: str, pattern: str, flags: int = 0) -> Trigger:
    compiled = regex.compile(pattern, flags)
    return Trigger(name, lambda text: compiled.search(text) is not None)


#: A digit of any script (the pattern recognizers' ``[0-9]`` after NFKC, and ``\d``).
DIGIT = _search("digit", r"\d")
#: A digit or a kanji numeral (四十五歳, 昭和元年生まれ, 平成二年五月五日).
NUMERAL = _search("numeral", r"\d|[〇一二三四五六七八九十百千元]")
#: An e-mail address needs ``@``, ``%40`` (in a query string) or an anti-spam ``(at)``.
AT_SIGN = _search("at_sign", r"@|%40|[(\[<]at[)\]>]", regex.IGNORECASE)
#: A URL starts with a scheme or ``www.``.
URL = _search("url", r"://|www\.", regex.IGNORECASE)
#: An @handle or a profile URL (which has a path).
SNS = _search("sns", r"[@/]")
#: IPv4 has digits; IPv6 always has a colon.
IP = _search("ip", r"\d|:")
#: Any letter of any script: names and places (Sudachi tags romaji names too).
LETTER = _search("letter", r"[^\W\d_]")
#: Romaji names are capitalised.
LATIN = _search("latin", r"[A-Z]")
#: Katakana surname, a space, katakana given name.
KANA_PAIR = _search("kana_pair", r"[\p{Katakana}ー][ ]\p{Katakana}")


def _address(text: str) -> bool:
    # A street address needs a municipality (ending in 市区町村郡) and a street number: digits,
    # or kanji numerals that normalisation turns into digits only before 丁目/番地/号/条/丁.
    return _ADMIN.search(text) is not None and _STREET_NUMBER.search(text) is not None


_ADMIN = regex.compile(r"[市区町村郡]")
_STREET_NUMBER = regex.compile(r"\d|[丁番号条]")
#: A municipality and a street number.
ADDRESS = Trigger("address", _address)
