"""Date arithmetic for statutory time limits, worded as the law words them.

All dates are calendar dates; "days" and "weeks" are calendar days and weeks unless a rule says
"working days" (see ``clock-rules.md``, "Date arithmetic").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Callable, Collection

import holidays

ONE_DAY = dt.timedelta(days=1)
SATURDAY = 5


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def add_weeks(day: dt.date, weeks: int) -> dt.date:
    """``D + N weeks`` = D plus 7×N days; "within N weeks of D" ends on this day."""
    return add_days(day, 7 * weeks)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later (or earlier, if negative).

    Where that month is shorter, the last day of that month: 31 Jan + 1 month = 28 (or 29) Feb.
    """
    year, month_index = divmod(day.year * 12 + (day.month - 1) + months, 12)
    month = month_index + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_starting_with(day: dt.date, months: int) -> dt.date:
    """The last day of "the period of N months starting with D": D + N months − 1 day, as the contract
    in clock-rules.md defines it, with D + N months clamped to the end of a shorter month.

    So the 12 months starting with 29 Feb 2024 end on 27 Feb 2025 (28 Feb 2025 − 1 day): at a month
    end the period closes a day early rather than late, so a council that meets it is never late.
    """
    return add_months(day, months) - ONE_DAY


def days_beginning_with(day: dt.date, days: int) -> dt.date:
    """The last day of "N days, beginning with the day on which X was served": D + (N − 1) days."""
    return add_days(day, days - 1)


def england_bank_holidays(year: int) -> frozenset[dt.date]:
    """Bank holidays in England in ``year``, substitute days and one-off holidays included."""
    return frozenset(holidays.UK(subdiv="ENG", years=year))


class WorkingDays:
    """Monday to Friday, excluding one jurisdiction's public holidays (looked up once per year)."""

    def __init__(self, holidays_in_year: Callable[[int], Collection[dt.date]]) -> None:
        self._holidays_in_year = functools.cache(holidays_in_year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < SATURDAY and day not in self._holidays_in_year(day.year)

    def first_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def first_after(self, day: dt.date) -> dt.date:
        return self.first_on_or_after(day + ONE_DAY)

    def add(self, day: dt.date, working_days: int) -> dt.date:
        """The Nth working day after D ("within N working days of D"); D itself does not count."""
        if working_days < 1:
            raise ValueError("working_days must be at least 1")
        for _ in range(working_days):
            day = self.first_after(day)
        return day


ENGLAND_WORKING_DAYS = WorkingDays(england_bank_holidays)
