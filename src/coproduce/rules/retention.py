"""Information rights dates: when a record is due for disposal, and when a subject access request is due.

Retention: the IRMS toolkit gives files about special educational needs, including EHC plans, the
child's date of birth plus 31 years (25 years for the life of a possible plan, plus 6). Councils may set
their own number of years.

Subject access (UK GDPR article 15): answer within one calendar month, counted from the day the request
is received to the corresponding calendar date in the next month; if the next month has no such date,
the last day of that month (ICO guidance).
"""

from __future__ import annotations

import calendar
import datetime as dt

DEFAULT_RETENTION_YEARS = 31
#: A plan can last until the young person is 25, so no council may dispose of a record sooner.
MINIMUM_RETENTION_YEARS = 25
MAXIMUM_RETENTION_YEARS = 100


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar date ``years`` later; 29 February becomes 28 February in a year that has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def disposal_due(date_of_birth: dt.date, years: int = DEFAULT_RETENTION_YEARS) -> dt.date:
    """The first day on which the record may be disposed of: the birthday ``years`` after birth."""
    return add_years(date_of_birth, years)


def is_due(date_of_birth: dt.date, years: int, today: dt.date) -> bool:
    return disposal_due(date_of_birth, years) <= today


def born_on_or_before_due(today: dt.date, years: int) -> dt.date:
    """The latest date of birth whose record is due on ``today``: for one database query."""
    latest = add_years(today, -years)
    # Someone born on 29 February is due on 28 February in a common year.
    if (latest.month, latest.day) == (2, 28) and calendar.isleap(latest.year) and not calendar.isleap(today.year):
        return dt.date(latest.year, 2, 29)
    return latest


def subject_access_due(received_on: dt.date) -> dt.date:
    """One calendar month from the day the request is received."""
    year, month = (received_on.year + 1, 1) if received_on.month == 12 else (received_on.year, received_on.month + 1)
    return dt.date(year, month, min(received_on.day, calendar.monthrange(year, month)[1]))


def retention_rule(years: int) -> str:
    """The rule in words, as kept on a disposal record."""
    return f"Date of birth + {years} years"
