"""Check-digit rules for the fictional identifiers in the labelled evaluation set.

Real My Numbers, 法人番号 and card numbers always carry a valid check digit, so a labelled set
that used random digits would reward a detector for skipping validation and punish one that
validates.  These functions exist so the data can be generated with valid values (run this file)
and so ``tests/test_labelled_data.py`` can prove every labelled value is still valid after hand
edits.  The formulas and vectors are those of /work/shared/reference/japanese-pii.md §6; the
住民票コード and driver's-licence rules are the best public evidence there, marked [verify].

Usage (prints the complete number for a base)::

    python tests/data/checkdigits.py mynumber 12345678901       -> 123456789018
    python tests/data/checkdigits.py corporate 123456789012     -> 7123456789012
    python tests/data/checkdigits.py resident 1234567890
    python tests/data/checkdigits.py license 3012345678 [reissue digit, default 0]
    python tests/data/checkdigits.py luhn 411111111111111
"""

from __future__ import annotations

import sys
import unicodedata

_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_RESIDENT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_LICENSE_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def digits_only(value: str) -> str:
    """Fold full-width digits/letters (NFKC) and drop separators, keeping letters and digits."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if ch.isalnum())


def _mod11_check(base: str, weights: tuple[int, ...]) -> int:
    remainder = sum(w * int(d) for w, d in zip(weights, base, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def my_number_check(base11: str) -> int:
    """個人番号: 総務省令第八十五号 第五条, weights 6..2,7..2 left to right; remainder ≤ 1 → 0."""
    return _mod11_check(base11, _MY_NUMBER_WEIGHTS)


def is_valid_my_number(value: str) -> bool:
    d = digits_only(value)
    return len(d) == 12 and d.isdigit() and my_number_check(d[:11]) == int(d[11])


def corporate_check(base12: str) -> int:
    """法人番号: the check digit is the FIRST digit, 9 − (Σ weights 1,2 from the right) mod 9."""
    total = sum((1 if i % 2 == 0 else 2) * int(d) for i, d in enumerate(reversed(base12)))
    return 9 - total % 9


def is_valid_corporate_number(value: str) -> bool:
    """Accepts the bare 13 digits or the invoice form ``T`` + 13 digits."""
    d = digits_only(value)
    if d[:1] in ("T", "t"):
        d = d[1:]
    return len(d) == 13 and d.isdigit() and corporate_check(d[1:]) == int(d[0])


def resident_check(base10: str) -> int:
    """住民票コード [verify]: the My Number rule applied to 10 digits (weights 5..2,7..2)."""
    return _mod11_check(base10, _RESIDENT_WEIGHTS)


def is_valid_resident_code(value: str) -> bool:
    d = digits_only(value)
    return len(d) == 11 and d.isdigit() and resident_check(d[:10]) == int(d[10])


def license_check(base10: str) -> int:
    """運転免許証番号 digit 11 [verify]: (11 − Σ(5,4,3,2,7,6,5,4,3,2) mod 11) mod 10; digit 12 is the reissue count."""
    total = sum(w * int(d) for w, d in zip(_LICENSE_WEIGHTS, base10, strict=True))
    return (11 - total % 11) % 10


def is_valid_drivers_license(value: str) -> bool:
    d = digits_only(value)
    return len(d) == 12 and d.isdigit() and license_check(d[:10]) == int(d[10])


def luhn_check(payload: str) -> int:
    """The Luhn digit to append to ``payload``."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def is_valid_luhn(value: str) -> bool:
    d = digits_only(value)
    return 12 <= len(d) <= 19 and d.isdigit() and luhn_check(d[:-1]) == int(d[-1])


def _main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    kind, base = argv[0], argv[1]
    if kind == "mynumber" and len(base) == 11:
        print(base + str(my_number_check(base)))
    elif kind == "corporate" and len(base) == 12:
        print(str(corporate_check(base)) + base)
    elif kind == "resident" and len(base) == 10:
        print(base + str(resident_check(base)))
    elif kind == "license" and len(base) == 10:
        reissue = argv[2] if len(argv) > 2 else "0"
        print(base + str(license_check(base)) + reissue)
    elif kind == "luhn":
        print(base + str(luhn_check(base)))
    else:
        print(f"unknown kind or wrong base length: {kind} {base}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
