"""Retention and subject access dates."""

from __future__ import annotations

import datetime as dt

import pytest

from coproduce.rules import retention


def test_the_default_is_the_31st_birthday():
    assert retention.disposal_due(dt.date(2009, 1, 15)) == dt.date(2040, 1, 15)


def test_a_leap_day_birthday_is_due_on_28_february_in_a_common_year():
    assert retention.disposal_due(dt.date(2008, 2, 29), 31) == dt.date(2039, 2, 28)
    assert retention.disposal_due(dt.date(2008, 2, 29), 32) == dt.date(2040, 2, 29)


@pytest.mark.parametrize("years", [25, 31, 32, 40])
def test_the_database_cut_off_agrees_with_the_rule_for_every_day_and_birthday_around_leap_years(years):
    births = [dt.date(1996, 1, 1) + dt.timedelta(days=n) for n in range(0, 366 * 5, 1)]
    for today in (dt.date(2027, 2, 27) + dt.timedelta(days=n) for n in range(0, 366 * 3, 7)):
        cut_off = retention.born_on_or_before_due(today, years)
        for born in births:
            assert (born <= cut_off) == retention.is_due(born, years, today), (born, today, years)


def test_around_28_february_and_1_march_the_cut_off_is_exact():
    for today in (dt.date(2039, 2, 28), dt.date(2039, 3, 1), dt.date(2040, 2, 28), dt.date(2040, 2, 29)):
        for born in (dt.date(2008, 2, 28), dt.date(2008, 2, 29), dt.date(2008, 3, 1), dt.date(2009, 2, 28)):
            for years in (31, 32):
                assert (born <= retention.born_on_or_before_due(today, years)) == retention.is_due(born, years, today)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.date(2026, 11, 27), dt.date(2026, 12, 27)),
        (dt.date(2026, 12, 15), dt.date(2027, 1, 15)),
        (dt.date(2027, 1, 31), dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 31), dt.date(2028, 2, 29)),
        (dt.date(2026, 8, 31), dt.date(2026, 9, 30)),
    ],
)
def test_subject_access_is_due_one_calendar_month_later(received, due):
    assert retention.subject_access_due(received) == due


def test_the_rule_in_words():
    assert retention.retention_rule(31) == "Date of birth + 31 years"
