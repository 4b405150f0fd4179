"""Identifiers a child's record may carry: the Unique Pupil Number and the NHS number.

Both carry a check character, so a mistyped number is caught when it is entered.
"""

from __future__ import annotations

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the 23 check letters: no I, O or S


def normalise(value: str) -> str:
    return "".join(value.split()).upper()


def upn_problem(value: str) -> str | None:
    """None if ``value`` is a valid UPN (permanent or temporary), else what is wrong, in plain words."""
    upn = normalise(value)
    if len(upn) != 13:
        return "A UPN is 13 characters long"
    if upn[0] not in UPN_LETTERS:
        return "A UPN starts with a letter"
    if not upn[1:12].isdigit():
        return "Characters 2 to 12 of a UPN are numbers"
    last = upn[12]
    if not (last.isdigit() or last in UPN_LETTERS):
        return "The last character of a UPN is a number or a letter"
    values = [int(c) for c in upn[1:12]] + [int(last) if last.isdigit() else UPN_LETTERS.index(last)]
    total = sum(weight * value for weight, value in zip(range(2, 14), values, strict=True))
    if UPN_LETTERS[total % 23] != upn[0]:
        return "Check the UPN: its first letter does not match the rest of the number"
    return None


def upn_check_letter(rest: str) -> str:
    """The check letter for the 12 characters after it (used to make valid demo and test numbers)."""
    values = [int(c) if c.isdigit() else UPN_LETTERS.index(c) for c in rest]
    return UPN_LETTERS[sum(w * v for w, v in zip(range(2, 14), values, strict=True)) % 23]


def nhs_number_problem(value: str) -> str | None:
    """None if ``value`` is a valid NHS number (10 digits, modulus 11 check), else what is wrong."""
    digits = normalise(value).replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return "An NHS number is 10 numbers"
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        return "Check the NHS number: it is not a valid number"
    return None


def format_nhs_number(value: str) -> str:
    digits = normalise(value).replace("-", "")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
