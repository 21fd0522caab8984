"""The redaction's own placeholders: tags (〈氏名〉, 〈削除:個人番号〉), tokens (氏名_kqzmxbtd,
ID_…) and pseudonymous e-mail addresses. They hold no personal data, so the scan pipeline drops a
detection that lies wholly inside one (GiNZA may read the 氏名 of 〈氏名〉 as a name); a scan of a
redacted copy then reports only what the redaction left.

Tokens are written in consonants only: no digits (a digit run in a token could pass for an
account or insurance number) and no vowels (no word or romanised name can form).
"""

from __future__ import annotations

import re

from .tags import LABELS

LETTERS = "bcdfghjkmnpqrstvwxz"
TOKEN_LETTERS = 8
ID_LETTERS = 10
EMAIL_LETTERS = 12
EMAIL_DOMAIN = "pseudonym.invalid"


def letters(digest: bytes, n: int) -> str:
    """``n`` consonants from a digest (19 ** 8 ≈ 1.7e10 tokens for n = 8)."""
    value = int.from_bytes(digest, "big")
    out = []
    for _ in range(n):
        value, rest = divmod(value, len(LETTERS))
        out.append(LETTERS[rest])
    return "".join(out)


_LABELS = "|".join(re.escape(label) for label in sorted(set(LABELS.values()), key=len, reverse=True))
PLACEHOLDER = re.compile(
    rf"〈(?:削除:)?(?:{_LABELS})〉"
    rf"|(?:{_LABELS})_[{LETTERS}]{{{TOKEN_LETTERS}}}(?![{LETTERS}])"
    rf"|ID_[{LETTERS}]{{{ID_LETTERS}}}(?![{LETTERS}])"
    rf"|(?<![A-Za-z0-9._%+\-])[{LETTERS}]{{{EMAIL_LETTERS}}}@{re.escape(EMAIL_DOMAIN)}"
)
_MARKS = ("〈", "_", "@")


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders are in ``text`` (empty for text that cannot hold one)."""
    if not any(m in text for m in _MARKS):
        return []
    return [m.span() for m in PLACEHOLDER.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def without_placeholders(text: str) -> str:
    return PLACEHOLDER.sub(" ", text) if any(m in text for m in _MARKS) else text
