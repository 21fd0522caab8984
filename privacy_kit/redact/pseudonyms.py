"""Keyed pseudonyms: the same value gives the same token, in any file and any run, while the key
exists; without the key nobody can map a value to its token (an unkeyed hash of a name or an
e-mail address is reversible by dictionary, so it would not meet Rule 31's 「復元することので
きる規則性を有しない方法」).

Values are normalised first, so that spellings of one value meet: NFKC (full-width digits and
letters), case, separators in numbers (090-1234-5678 = 09012345678 = +81 90 1234 5678), 〒 marks,
and spaces inside names (山田 太郎 = 山田太郎 = 山田　太郎).

Tokens are readable (氏名_kqzmxbtd: eight consonants, 19 ** 8 ≈ 1.7e10: among ten thousand
distinct names the chance that any two share a token is about 0.3%; no digits, so no part of a token passes for
a number) or keep the value's shape where its format must survive. A shaped token is chosen so
that it can never be a real value, and the scanner does not report it:

* phone: the same digit grouping, from ``00``: no Japanese number begins with 00 (international
  prefix), e.g. 090-1234-5678 → 001-8372-4410, +81 90-… → +81 00-…;
* e-mail: ``<12 consonants>@pseudonym.invalid`` (.invalid is reserved by RFC 6761: never a mailbox);
* postal code: ``000-dddd`` (no postal area 000 exists), 〒 kept.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from audit.keys import normalise_value

from .placeholders import EMAIL_DOMAIN, EMAIL_LETTERS, TOKEN_LETTERS, letters
from .tags import label

_NAME_GAPS = re.compile(r"[\s・･.]+")
_DIGIT = re.compile(r"[0-9０-９]")
_COUNTRY = re.compile(r"\s*[+＋][8８][1１]")


def normalise(entity_type: str, value: str) -> str:
    """The form a value is keyed by (equal for every spelling of the same value)."""
    text = normalise_value(value)
    if entity_type == "PERSON":
        return _NAME_GAPS.sub("", text)
    if entity_type in ("PHONE_NUMBER", "JP_POSTAL_CODE"):
        digits = "".join(c for c in unicodedata.normalize("NFKC", value) if c.isdigit())
        if entity_type == "PHONE_NUMBER" and _COUNTRY.match(value):
            digits = "0" + digits[2:]
        return digits
    if entity_type == "EMAIL_ADDRESS":
        return text.removeprefix("mailto:")
    return text


class Pseudonymiser:
    """Pseudonyms under one key (the store's pseudonym key, or a one-run key for 匿名加工)."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:  # never print key material
        return "Pseudonymiser(…)"

    def digest(self, entity_type: str, value: str) -> bytes:
        message = f"{entity_type}\0{normalise(entity_type, value)}".encode("utf-8", "surrogatepass")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def token(self, entity_type: str, value: str) -> str:
        """氏名_kqzmxbtd."""
        return f"{label(entity_type)}_{letters(self.digest(entity_type, value), TOKEN_LETTERS)}"

    def shaped(self, entity_type: str, value: str) -> str:
        """A pseudonym in the value's own shape (see the module docstring)."""
        digest = self.digest(entity_type, value)
        if entity_type == "EMAIL_ADDRESS":
            return f"{letters(digest, EMAIL_LETTERS)}@{EMAIL_DOMAIN}"
        digits = iter(str(int.from_bytes(digest, "big")).zfill(78)[::-1])
        country = _COUNTRY.match(value) if entity_type == "PHONE_NUMBER" else None
        keep = country.end() if country else 0  # +81 stays
        # Leading zeros that make the value impossible: 00 (phone), +81 0 (phone), 000 (postal).
        zeros = 1 if country else (2 if entity_type == "PHONE_NUMBER" else 3)
        out: list[str] = []
        seen = 0
        for i, c in enumerate(value):
            if i < keep or not _DIGIT.match(c):
                out.append(c)  # separators and 〒 stay
                continue
            d = "0" if seen < zeros else next(digits)
            out.append(chr(ord(d) + 0xFEE0) if "０" <= c <= "９" else d)
            seen += 1
        return "".join(out)
