"""Date arithmetic as clock-rules.md words it; expected values read off the calendar."""

import datetime as dt

import pytest

from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS as WORKING_DAYS
from coproduce.rules.clock.dates import (
    WorkingDays,
    add_months,
    add_weeks,
    days_beginning_with,
    months_starting_with,
)

d = dt.date.fromisoformat


def test_weeks_are_seven_calendar_days():
    assert add_weeks(d("2025-01-06"), 6) == d("2025-02-17")
    assert add_weeks(d("2025-01-06"), 16) == d("2025-04-28")
    assert add_weeks(d("2025-01-06"), 20) == d("2025-05-26")
    assert add_weeks(d("2026-02-02"), -2) == d("2026-01-19")


def test_fifteen_days_beginning_with_the_day_served_include_that_day():
    assert days_beginning_with(d("2025-01-06"), 15) == d("2025-01-20")
    assert days_beginning_with(d("2024-02-20"), 15) == d("2024-03-05")  # across 29 Feb


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-15", 1, "2025-02-15"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-12-31", 2, "2025-02-28"),
        ("2023-12-31", 2, "2024-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2026-07-31", -5, "2026-02-28"),
        ("2028-07-31", -5, "2028-02-29"),
        ("2026-03-31", -1, "2026-02-28"),
    ],
)
def test_months_keep_the_day_or_clamp_to_the_month_end(start, months, expected):
    assert add_months(d(start), months) == d(expected)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-03-15", 12, "2026-03-14"),
        ("2025-01-01", 12, "2025-12-31"),
        ("2024-02-28", 12, "2025-02-27"),
        ("2023-03-01", 12, "2024-02-29"),  # the day before 1 March in a leap year
        ("2024-03-01", 12, "2025-02-28"),
        # D + N months clamps to the shorter month's end, then the day before it.
        ("2024-02-29", 12, "2025-02-27"),
        ("2025-08-31", 6, "2026-02-27"),
        ("2025-01-31", 1, "2025-02-27"),
        ("2025-03-01", 1, "2025-03-31"),
    ],
)
def test_period_of_months_starting_with_ends_the_day_before_the_anniversary(start, months, expected):
    assert months_starting_with(d(start), months) == d(expected)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-12-24", True),  # Christmas Eve is not a bank holiday
        ("2026-12-25", False),
        ("2026-12-28", False),  # Boxing Day (Saturday) substitute
        ("2026-12-29", True),
        ("2027-12-27", False),  # Christmas Day (Saturday) substitute
        ("2027-12-28", False),  # Boxing Day (Sunday) substitute
        ("2028-01-03", False),  # New Year's Day (Saturday) substitute
        ("2027-01-01", False),
        ("2026-04-03", False),  # Good Friday
        ("2026-04-06", False),  # Easter Monday
        ("2027-03-26", False),
        ("2027-03-29", False),
        ("2022-09-19", False),  # one-off: state funeral
        ("2023-05-08", False),  # one-off: coronation
        ("2026-05-23", False),  # Saturday
        ("2026-05-25", False),  # spring bank holiday
        ("2026-08-31", False),  # summer bank holiday (England, not Scotland's 3 August)
        ("2026-08-03", True),
        ("2026-01-02", True),  # a bank holiday in Scotland only
    ],
)
def test_working_days_are_weekdays_that_are_not_english_bank_holidays(day, working):
    assert WORKING_DAYS.is_working_day(d(day)) is working


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2025-01-06", 3, "2025-01-09"),
        ("2026-04-02", 3, "2026-04-09"),  # over Easter 2026
        ("2027-03-25", 3, "2027-04-01"),  # over Easter 2027
        ("2026-12-24", 3, "2026-12-31"),  # over Christmas 2026
        ("2027-12-23", 3, "2027-12-30"),  # over Christmas 2027, both substitute days
        ("2026-05-22", 1, "2026-05-26"),  # over the spring bank holiday weekend
        ("2026-08-28", 3, "2026-09-03"),  # over the summer bank holiday weekend
        ("2027-01-09", 3, "2027-01-13"),  # from a Saturday
    ],
)
def test_adding_working_days_skips_weekends_and_bank_holidays(start, days, expected):
    assert WORKING_DAYS.add(d(start), days) == d(expected)


def test_first_working_day_after_new_year():
    assert WORKING_DAYS.first_after(d("2026-01-01")) == d("2026-01-02")
    assert WORKING_DAYS.first_after(d("2027-01-01")) == d("2027-01-04")
    assert WORKING_DAYS.first_after(d("2028-01-01")) == d("2028-01-04")


def test_first_working_day_of_september():
    assert WORKING_DAYS.first_on_or_after(d("2024-09-01")) == d("2024-09-02")
    assert WORKING_DAYS.first_on_or_after(d("2025-09-01")) == d("2025-09-01")


def test_bank_holidays_are_looked_up_once_per_year():
    calls = []

    def holidays_in(year: int) -> set[dt.date]:
        calls.append(year)
        return set()

    days = WorkingDays(holidays_in)
    days.add(d("2026-12-01"), 40)
    assert calls == [2026, 2027]


def test_working_days_must_be_positive():
    with pytest.raises(ValueError):
        WORKING_DAYS.add(d("2026-01-05"), 0)
