import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from coproduce.rules.school_years import (
    is_young_person,
    last_friday_of_june,
    plan_may_continue_until,
    year_group,
    young_people_born_before,
    young_person_from,
)

d = dt.date.fromisoformat


def test_year_groups_follow_the_september_cohort():
    # Born 1 March 2015 (cohort of 2014): Year 7 from September 2026.
    assert year_group(d("2015-03-01"), d("2026-11-27")) == 7
    # Born 1 September 2015: the next cohort, so Year 6 at the same time.
    assert year_group(d("2015-09-01"), d("2026-11-27")) == 6
    # Born 31 August 2015: the youngest of the older cohort.
    assert year_group(d("2015-08-31"), d("2026-11-27")) == 7
    # Reception is 0, nursery negative.
    assert year_group(d("2021-10-10"), d("2026-09-01")) == 0
    assert year_group(d("2022-10-10"), d("2026-09-01")) == -1
    # The year changes on 1 September, not on 31 August.
    assert year_group(d("2015-03-01"), d("2026-08-31")) == 6


def test_young_person_from_the_day_after_the_last_friday_in_june_of_year_11():
    assert last_friday_of_june(2026) == d("2026-06-26")
    assert young_person_from(d("2010-03-01")) == d("2026-06-27")
    assert young_person_from(d("2009-10-01")) == d("2026-06-27")
    assert young_person_from(d("2010-09-01")) == d("2027-06-26")
    assert not is_young_person(d("2010-03-01"), d("2026-06-26"))
    assert is_young_person(d("2010-03-01"), d("2026-06-27"))


def test_a_plan_can_continue_to_the_end_of_the_academic_year_they_turn_25():
    assert plan_may_continue_until(d("2001-03-01")) == d("2026-08-31")
    assert plan_may_continue_until(d("2001-10-01")) == d("2027-08-31")


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2045, 12, 31)),
)
def test_the_database_cut_off_agrees_with_the_rule(dob, on):
    assert (dob < young_people_born_before(on)) == is_young_person(dob, on)
