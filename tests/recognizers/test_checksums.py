"""Check-digit functions against the test vectors of japanese-pii.md §6, plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognizers import checksums

# fmt: off
MY_NUMBER = [
    ("123456789018", True), ("111111111118", True), ("621498320257", True), ("983205673214", True),
    ("123456789019", False), ("621498320258", False),
    ("12345678901", False), ("1234567890180", False), ("12345678901a", False),
    ("１２３４５６７８９０１８", False),
]
CORPORATE = [
    ("5835678256246", True), ("7123456789012", True), ("4011001098993", True), ("6010701027558", True),
    ("7040001016687", True), ("1180301018771", True), ("8700110005901", True), ("2120901007402", True),
    ("6123456789012", False), ("7123456789013", False), ("712345678901", False), ("T7123456789012", False),
]
RESIDENT_CODE = [
    ("24727059608", True), ("24846016224", True), ("25208017643", True),
    ("24727059609", False), ("2472705960", False),
]
LICENCE = [
    ("301234567810", True), ("301234567819", True),  # digit 12 is the reissue count, not checked
    ("301234567820", False), ("30123456781", False),
]
LUHN = [
    ("4111111111111111", True), ("5555555555554444", True), ("3530111333300000", True),
    ("378282246310005", True), ("30569309025904", True), ("6011111111111117", True),
    ("01130012", True),  # 全国健康保険協会 東京支部 保険者番号
    ("4111111111111112", False), ("1", False), ("", False), ("41111111111111a1", False),
]
# fmt: on


@pytest.mark.parametrize(("digits", "valid"), MY_NUMBER)
def test_my_number(digits: str, valid: bool) -> None:
    assert checksums.my_number(digits) is valid


@pytest.mark.parametrize(("digits", "valid"), CORPORATE)
def test_corporate_number(digits: str, valid: bool) -> None:
    assert checksums.corporate_number(digits) is valid


def test_corporate_number_worked_example() -> None:
    # NTA's example: 基礎番号 123456789012 -> weighted sum 74, 74 mod 9 = 2, 9 - 2 = 7.
    assert checksums.corporate_number_check_digit("123456789012") == 7


@pytest.mark.parametrize(("digits", "valid"), RESIDENT_CODE)
def test_resident_code(digits: str, valid: bool) -> None:
    assert checksums.resident_code(digits) is valid


@pytest.mark.parametrize(("digits", "valid"), LICENCE)
def test_drivers_licence(digits: str, valid: bool) -> None:
    assert checksums.drivers_licence(digits) is valid


def test_drivers_licence_worked_example() -> None:
    # §6.4: base 3012345678 -> weighted sum 153, 153 mod 11 = 10, (11 - 10) mod 10 = 1.
    assert checksums.drivers_licence_check_digit("3012345678") == 1


@pytest.mark.parametrize(("digits", "valid"), LUHN)
def test_luhn(digits: str, valid: bool) -> None:
    assert checksums.luhn(digits) is valid


@pytest.mark.parametrize("func", [
    checksums.my_number_check_digit, checksums.corporate_number_check_digit,
    checksums.resident_code_check_digit, checksums.drivers_licence_check_digit, checksums.luhn_check_digit,
])
def test_check_digit_functions_reject_non_digits(func) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        func("12345x")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_my_number_exactly_one_check_digit_fits(base: str) -> None:
    fits = [d for d in "0123456789" if checksums.my_number(base + d)]
    assert fits == [str(checksums.my_number_check_digit(base))]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_corporate_check_digit_is_never_zero_and_unique(base: str) -> None:
    fits = [d for d in "0123456789" if checksums.corporate_number(d + base)]
    assert len(fits) == 1 and fits[0] != "0"


@given(st.text(alphabet="0123456789", min_size=1, max_size=18))
def test_luhn_check_digit_makes_a_valid_number(base: str) -> None:
    assert checksums.luhn(base + str(checksums.luhn_check_digit(base)))


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 11), st.integers(1, 9))
def test_my_number_detects_every_single_digit_error(digits: str, pos: int, delta: int) -> None:
    valid = digits[:11] + str(checksums.my_number_check_digit(digits[:11]))
    changed = valid[:pos] + str((int(valid[pos]) + delta) % 10) + valid[pos + 1 :]
    # Mod 11 with weights 2..7 catches every single substitution, except where the check
    # value 10 or 11 folds to 0 (remainder 0 and 1 both give 0).
    if checksums.my_number(changed):
        assert pos < 11
        weights = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
        assert sum(w * int(d) for w, d in zip(weights, changed[:11], strict=True)) % 11 <= 1
