"""Ages and national curriculum years in England.

A child born on B is in year ``Y - c - 5`` during the academic year that starts on 1 September of
year Y, where c is B's calendar year if B falls in September to December and B's year minus one
otherwise. Reception is year 0; nursery years are negative.

A child becomes a young person (decisions pass to them) on the day after the last Friday in June of
the academic year in which they turn 16.
"""

from __future__ import annotations

import datetime as dt

FRIDAY = 4


def academic_year_start(on: dt.date) -> int:
    """The calendar year in which the academic year containing ``on`` began (1 September)."""
    return on.year if on.month >= 9 else on.year - 1


def cohort_year(dob: dt.date) -> int:
    """The c of the rule: children born September to December start school with the next cohort."""
    return dob.year if dob.month >= 9 else dob.year - 1


def year_group(dob: dt.date, on: dt.date) -> int:
    """National curriculum year group on the date ``on`` (Reception is 0, nursery negative)."""
    return academic_year_start(on) - cohort_year(dob) - 5


def last_friday_of_june(year: int) -> dt.date:
    day = dt.date(year, 6, 30)
    return day - dt.timedelta(days=(day.weekday() - FRIDAY) % 7)


def young_person_from(dob: dt.date) -> dt.date:
    """The first day on which the child is a young person (over compulsory school age).

    They turn 16 in the academic year that starts on 1 September of ``cohort_year(dob) + 16``;
    that academic year's June falls in the following calendar year.
    """
    june_year = cohort_year(dob) + 16 + 1
    return last_friday_of_june(june_year) + dt.timedelta(days=1)


def plan_may_continue_until(dob: dt.date) -> dt.date:
    """The end (31 August) of the academic year in which the young person turns 25."""
    return dt.date(cohort_year(dob) + 25 + 1, 8, 31)


def is_young_person(dob: dt.date, on: dt.date) -> bool:
    return on >= young_person_from(dob)


def young_people_born_before(on: dt.date) -> dt.date:
    """Everyone born before this date is a young person on ``on``; everyone born on or after it is not.

    Lets a database select young people by date of birth alone.
    """
    last_cohort = on.year - 17 if on > last_friday_of_june(on.year) else on.year - 18
    return dt.date(last_cohort + 1, 9, 1)
