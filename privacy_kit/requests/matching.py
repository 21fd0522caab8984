"""Search keys for a request's subject, and exact matching of them in a text, offsets on the original.

Every identifier becomes one regular expression over the text as the recognizers normalise it
(NFKC: full-width letters and digits, half-width kana; one hyphen for the many dashes; one space
for the many spaces), matched case-insensitively, with offsets mapped back to the original text
through :class:`recognizers.normalize.NormalizedText`. Boundaries are lookarounds on ASCII
letters and digits only, never ``\\b``: Japanese text has no spaces, so 「山田太郎さん」 and
「連絡先taro@example.jp」 must match.

| kind | what matches |
|---|---|
| name, name_reading | the forms of names.py, parts joined by nothing, a space or ・ (romaji: . _ - ,) |
| email | the address, any case |
| phone | the digits with any separators (- space parentheses), 0 or +81 in front |
| account | the handle, with or without @ |
| member_id, other | the value, any case and width |
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audit.requests import Identifier
from privacy_kit.requests.names import name_forms
from recognizers.normalize import normalize

_WORD_SEP = "[ ・=]{0,2}"
_ROMAJI_SEP = "[ ._,-]{0,2}"
_PHONE_SEP = "[ ()-]{0,2}"


@dataclass(frozen=True, slots=True)
class SearchKey:
    """One identifier's pattern; ``forms`` counts the spellings it covers (for the evidence)."""

    kind: str
    pattern: re.Pattern[str]
    forms: int


@dataclass(frozen=True, slots=True)
class Match:
    """A span of the original text that is the subject's, and which identifier kinds matched it."""

    start: int
    end: int
    kinds: tuple[str, ...]

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _alternation(options: Iterable[str]) -> str:
    # Longest first, so "taro yamada" wins over a shorter option at the same place.
    return "(?:" + "|".join(sorted(set(options), key=lambda s: (-len(s), s))) + ")"


def _name_key(kind: str, value: str, reading: str | None) -> SearchKey | None:
    forms = name_forms(value, reading if kind == "name" else None)
    options: list[str] = []
    for form in forms.all_forms():
        if form in forms.romaji or all(p.isascii() for p in form):
            body = _ROMAJI_SEP.join(re.escape(p) for p in form)
            options.append(rf"(?<![a-z0-9]){body}(?![a-z0-9])")
        else:
            options.append(_WORD_SEP.join(re.escape(p) for p in form))
    if not options:
        return None
    return SearchKey(kind, re.compile(_alternation(options), re.IGNORECASE), len(set(options)))


def national_digits(phone: str) -> str | None:
    """The number as dialled inside Japan: digits only, +81 replaced by 0 (None: not a phone)."""
    text = unicodedata.normalize("NFKC", phone).strip()
    digits = "".join(c for c in text if c.isdigit())
    if text.startswith("+81") or (text.startswith("81") and not text.startswith("810") and len(digits) >= 11):
        digits = "0" + digits[2:].lstrip("0")
    return digits if 6 <= len(digits) <= 15 else None


def _phone_key(value: str) -> SearchKey | None:
    digits = national_digits(value)
    if digits is None:
        return None
    rest = _PHONE_SEP.join(digits[1:])
    head = rf"(?:\(?{digits[0]}|\+81{_PHONE_SEP}(?:\(0\))?{_PHONE_SEP})" if digits[0] == "0" else digits[0]
    return SearchKey("phone", re.compile(rf"(?<![0-9]){head}{_PHONE_SEP}{rest}(?![0-9])"), 2)


def _exact_key(kind: str, value: str) -> SearchKey | None:
    text = normalize(unicodedata.normalize("NFKC", value).strip()).text
    if not text:
        return None
    if kind == "account":
        handle = text.lstrip("@")
        return SearchKey(
            kind, re.compile(rf"(?<![A-Za-z0-9_])@?{re.escape(handle)}(?![A-Za-z0-9_])", re.IGNORECASE), 2
        )
    if kind == "email":
        return SearchKey(
            kind,
            re.compile(
                rf"(?<![A-Za-z0-9._%+-]){re.escape(text)}(?![A-Za-z0-9-])(?!\.[A-Za-z0-9])", re.IGNORECASE
            ),
            1,
        )
    edge = "0-9" if text.isdigit() else "A-Za-z0-9"
    return SearchKey(kind, re.compile(rf"(?<![{edge}]){re.escape(text)}(?![{edge}])", re.IGNORECASE), 1)


def search_keys(identifiers: Sequence[Identifier]) -> list[SearchKey]:
    """The patterns of every identifier (a name is paired with the first reading given)."""
    reading = next((i.value for i in identifiers if i.kind == "name_reading"), None)
    keys: list[SearchKey] = []
    for ident in identifiers:
        if ident.kind in ("name", "name_reading"):
            key = _name_key(ident.kind, ident.value, reading)
        elif ident.kind == "phone":
            key = _phone_key(ident.value)
        else:
            key = _exact_key(ident.kind, ident.value)
        if key is not None:
            keys.append(key)
    return keys


def find_matches(text: str, keys: Sequence[SearchKey]) -> list[Match]:
    """Spans of ``text`` (original offsets) matched by any key; overlapping spans are merged."""
    norm = normalize(text)
    found: list[tuple[int, int, str]] = []
    for key in keys:
        for m in key.pattern.finditer(norm.text):
            if m.end() > m.start():
                start, end = norm.to_original(m.start(), m.end())
                found.append((start, end, key.kind))
    return merge_spans(found)


def merge_spans(spans: Iterable[tuple[int, int, str]]) -> list[Match]:
    """Overlapping or touching-inside spans become one Match holding every label."""
    out: list[Match] = []
    for start, end, label in sorted(spans):
        if out and start < out[-1].end:
            last = out[-1]
            out[-1] = Match(last.start, max(last.end, end), tuple(sorted({*last.kinds, label})))
        else:
            out.append(Match(start, end, (label,)))
    return out
