"""Check-digit algorithms for Japanese identifiers and payment cards (pure functions).

Each ``is_*``/named validator takes the digits as a string and answers True only for a
string of the right length whose check digit is right; anything else (wrong length,
non-digits) is simply False, because callers pass candidates cut out of free text. The
``*_check_digit`` functions compute the digit, for tests and for generating examples.

Sources and test vectors: /work/shared/reference/japanese-pii.md §6. The 住民票コード and
driver's-licence formulas are community-sourced [verify]; recognizers use them only
together with a keyword.
"""

from __future__ import annotations

__all__ = [
    "corporate_number", "corporate_number_check_digit",
    "drivers_licence", "drivers_licence_check_digit",
    "luhn", "luhn_check_digit",
    "my_number", "my_number_check_digit",
    "resident_code", "resident_code_check_digit",
]

_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_RESIDENT_CODE_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _is_digits(s: str, *lengths: int) -> bool:
    return len(s) in lengths and s.isascii() and s.isdigit()


def my_number_check_digit(base: str) -> int:
    """Check digit of a 個人番号 from its first 11 digits (総務省令第85号 第5条).

    Weights 6,5,4,3,2,7,6,5,4,3,2 left to right; remainder ≤ 1 gives 0, else 11 − remainder.
    """
    if not _is_digits(base, 11):
        raise ValueError("my number base must be 11 ASCII digits")
    remainder = sum(w * int(d) for w, d in zip(_MY_NUMBER_WEIGHTS, base, strict=False)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def my_number(digits: str) -> bool:
    """Is ``digits`` a 12-digit 個人番号 (My Number) with a correct check digit (last digit)?"""
    return _is_digits(digits, 12) and my_number_check_digit(digits[:11]) == int(digits[11])


def corporate_number_check_digit(base: str) -> int:
    """Check digit of a 法人番号 from its 12-digit 基礎番号 (財務省令第70号 第2条).

    Weights 1,2,1,2… from the least significant digit; 9 − (sum mod 9), so 1..9, never 0.
    """
    if not _is_digits(base, 12):
        raise ValueError("corporate number base must be 12 ASCII digits")
    total = sum((1 if i % 2 == 0 else 2) * int(d) for i, d in enumerate(reversed(base)))
    return 9 - total % 9


def corporate_number(digits: str) -> bool:
    """Is ``digits`` a 13-digit 法人番号 whose FIRST digit is the correct check digit?"""
    return _is_digits(digits, 13) and corporate_number_check_digit(digits[1:]) == int(digits[0])


def resident_code_check_digit(base: str) -> int:
    """Check digit of a 住民票コード from its first 10 digits [verify against 告示436号].

    The My Number rule applied to 10 digits: weights 5,4,3,2,7,6,5,4,3,2 left to right,
    remainder ≤ 1 gives 0, else 11 − remainder.
    """
    if not _is_digits(base, 10):
        raise ValueError("resident code base must be 10 ASCII digits")
    remainder = sum(w * int(d) for w, d in zip(_RESIDENT_CODE_WEIGHTS, base, strict=False)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def resident_code(digits: str) -> bool:
    """Is ``digits`` an 11-digit 住民票コード with a correct check digit (last digit)?"""
    return _is_digits(digits, 11) and resident_code_check_digit(digits[:10]) == int(digits[10])


def drivers_licence_check_digit(base: str) -> int:
    """Digit 11 of a driver's licence number from digits 1–10 (community formula [verify]).

    ``(11 − (5a+4b+3c+2d+7e+6f+5g+4h+3i+2j) mod 11) mod 10``.
    """
    if not _is_digits(base, 10):
        raise ValueError("driver's licence base must be 10 ASCII digits")
    total = sum(w * int(d) for w, d in zip(_RESIDENT_CODE_WEIGHTS, base, strict=False))
    return (11 - total % 11) % 10


def drivers_licence(digits: str) -> bool:
    """Is ``digits`` a 12-digit licence number whose 11th digit matches the community check?

    Digit 12 is the reissue count and is not checked.
    """
    return _is_digits(digits, 12) and drivers_licence_check_digit(digits[:10]) == int(digits[10])


def luhn_check_digit(base: str) -> int:
    """The Luhn (mod 10) digit to append to ``base``."""
    if not base or not base.isascii() or not base.isdigit():
        raise ValueError("luhn base must be ASCII digits")
    total = 0
    for i, d in enumerate(reversed(base)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def luhn(digits: str) -> bool:
    """Does ``digits`` (at least 2 ASCII digits) pass the Luhn check?

    Used for payment cards and for 保険者番号 (insurer numbers, whose 検証番号 is computed
    the same way [verify]).
    """
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    return luhn_check_digit(digits[:-1]) == int(digits[-1])
