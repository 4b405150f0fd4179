import pytest

from coproduce.rules.identifiers import format_nhs_number, nhs_number_problem, upn_check_letter, upn_problem


def test_valid_nhs_numbers_pass_with_or_without_spaces():
    assert nhs_number_problem("9434765919") is None
    assert nhs_number_problem("943 476 5919") is None
    assert format_nhs_number("9434765919") == "943 476 5919"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("943476591", "An NHS number is 10 numbers"),
        ("94347659AB", "An NHS number is 10 numbers"),
        ("9434765918", "Check the NHS number: it is not a valid number"),
    ],
)
def test_invalid_nhs_numbers_say_what_is_wrong(value, message):
    assert nhs_number_problem(value) == message


def test_upn_check_letter_round_trip():
    rest = "938201910001"
    upn = upn_check_letter(rest) + rest
    assert upn_problem(upn) is None
    assert upn_problem(upn.lower()) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A12345", "A UPN is 13 characters long"),
        ("1123456789012", "A UPN starts with a letter"),
        ("A12345678901X", "Check the UPN: its first letter does not match the rest of the number"),
        ("A1234567890.2", "Characters 2 to 12 of a UPN are numbers"),
    ],
)
def test_invalid_upns_say_what_is_wrong(value, message):
    assert upn_problem(value) == message


def test_a_wrong_check_letter_is_caught():
    rest = "938201910001"
    right = upn_check_letter(rest)
    wrong = "A" if right != "A" else "B"
    assert upn_problem(wrong + rest) == "Check the UPN: its first letter does not match the rest of the number"
