"""The delivery rule: how much a provision item promises, and what was delivered against it."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.rules import delivery as rule
from coproduce.rules.delivery import Every, Kind, Per, Record

NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@pytest.mark.parametrize(
    ("text", "count", "per"),
    [
        ("once a week", 1, Per.WEEK),
        ("weekly", 1, Per.WEEK),
        ("every week", 1, Per.WEEK),
        ("three times a week", 3, Per.WEEK),
        ("3 times per week", 3, Per.WEEK),
        ("twice weekly", 2, Per.WEEK),
        ("3x per week", 3, Per.WEEK),
        ("three 20-minute sessions a week", 3, Per.WEEK),
        ("two sessions per week", 2, Per.WEEK),
        ("3 days a week", 3, Per.WEEK),
        ("on Mondays and Thursdays", 2, Per.WEEK),
        ("every Monday, Wednesday and Friday", 3, Per.WEEK),
        ("daily", 1, Per.SCHOOL_DAY),
        ("every day", 1, Per.SCHOOL_DAY),
        ("every school day", 1, Per.SCHOOL_DAY),
        ("each morning", 1, Per.SCHOOL_DAY),
        ("Monday to Friday", 1, Per.SCHOOL_DAY),
        ("twice a day", 2, Per.SCHOOL_DAY),
        ("fortnightly", 1, Per.FORTNIGHT),
        ("once a fortnight", 1, Per.FORTNIGHT),
        ("every other week", 1, Per.FORTNIGHT),
        ("monthly", 1, Per.MONTH),
        ("once every half term", 1, Per.HALF_TERM),
        ("termly", 1, Per.TERM),
        ("three times a term", 3, Per.TERM),
        ("once a year", 1, Per.YEAR),
    ],
)
def test_frequencies_the_plans_use(text, count, per):
    assert rule.frequency(text) == rule.Frequency(Fraction(count), per)


@pytest.mark.parametrize("text", ["", "regular", "as needed", "when required", "ongoing", "bi-weekly", "biweekly"])
def test_a_frequency_that_cannot_be_read_without_guessing_gives_nothing(text):
    assert rule.frequency(text) is None


def test_every_n_weeks():
    assert rule.frequency("every 3 weeks").sessions_per_week == Fraction(1, 3)
    assert rule.frequency("every two weeks").sessions_per_week == Fraction(1, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("once a week", Fraction(1)),
        ("three times a week", Fraction(3)),
        ("every school day", Fraction(5)),
        ("twice a day", Fraction(10)),
        ("fortnightly", Fraction(1, 2)),
        ("monthly", Fraction(12, 52)),
        ("once a half term", Fraction(2, 13)),
        ("once a term", Fraction(1, 13)),
        ("once a year", Fraction(1, 39)),
    ],
)
def test_sessions_a_week(text, expected):
    assert rule.frequency(text).sessions_per_week == expected


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30 minutes", 30),
        ("45 mins", 45),
        ("20-minute", 20),
        ("one hour", 60),
        ("1 hour", 60),
        ("an hour", 60),
        ("a full hour", 60),
        ("half an hour", 30),
        ("a quarter of an hour", 15),
        ("three quarters of an hour", 45),
        ("an hour and a half", 90),
        ("one and a half hours", 90),
        ("1.5 hours", 90),
        ("1½ hours", 90),
        ("90 minutes", 90),
        ("1 hour 15 minutes", 75),
        ("one hour and fifteen minutes", 75),
        ("forty-five minutes", 45),
        ("twenty five minutes", 25),
        ("2h", 120),
        ("20-30 minutes", 20),
        ("20 to 30 mins", 20),
        ("12:15 to 13:00", 45),
        ("9am to 10am", 60),
        ("1.30pm to 2.15pm", 45),
    ],
)
def test_durations(text, minutes):
    assert rule.minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "the whole afternoon", "as long as needed", "2-3"])
def test_a_duration_that_says_no_length_gives_nothing(text):
    assert rule.minutes(text) is None


@given(st.integers(min_value=1, max_value=600))
def test_any_number_of_minutes_in_digits(n):
    assert rule.minutes(f"{n} minutes") == n


@given(st.integers(min_value=1, max_value=10))
def test_any_number_of_hours(n):
    assert rule.minutes(f"{n} hours") == 60 * n
    assert rule.minutes(f"{NUMBER_WORDS[n - 1]} hours") == 60 * n


@given(st.integers(min_value=1, max_value=10), st.sampled_from(["week", "fortnight", "month", "term"]))
def test_any_count_in_words_or_digits(n, period):
    in_words = rule.frequency(f"{NUMBER_WORDS[n - 1]} times a {period}")
    in_digits = rule.frequency(f"{n} times a {period}")
    assert in_words == in_digits
    assert in_words.count == n


def test_the_length_can_be_in_the_frequency_field():
    promised = rule.promise("30 minutes, three times a week", "")
    assert promised.minutes == 30
    assert promised.minutes_per_week == 90


def test_the_promise_in_words():
    assert rule.promise("once a week", "45 minutes").words == (
        "45 minutes once a week (45 minutes in a full school week)"
    )
    assert rule.promise("every school day", "").words.startswith("a session every school day (5 in a full school week")
    assert rule.promise("regular", "30 minutes") is None


# --- periods ---------------------------------------------------------------------------------------------


def test_weeks_run_monday_to_sunday():
    week = rule.week_of(dt.date(2026, 3, 12))  # a Thursday
    assert (week.start, week.end) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert week.label == "Week beginning 9 March 2026"


@pytest.mark.parametrize(
    ("day", "label", "start", "end"),
    [
        (dt.date(2025, 9, 1), "Autumn term 2025", dt.date(2025, 9, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 2, 14), "Spring term 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 7, 20), "Summer term 2026", dt.date(2026, 4, 1), dt.date(2026, 8, 31)),
    ],
)
def test_terms(day, label, start, end):
    term = rule.term_of(day)
    assert (term.label, term.start, term.end) == (label, start, end)


def test_check_ins_each_term_half_term_or_month():
    day = dt.date(2026, 2, 20)
    assert rule.check_in_period(day).label == "Spring term 2026"
    half = rule.check_in_period(day, Every.HALF_TERM)
    assert (half.start, half.end, half.label) == (
        dt.date(2026, 2, 15),
        dt.date(2026, 3, 31),
        "Spring term 2026, second half",
    )
    assert rule.check_in_period(day, Every.MONTH).label == "February 2026"


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)), st.sampled_from(list(Every)))
def test_every_day_is_in_exactly_its_check_in(day, every):
    period = rule.check_in_period(day, every)
    assert day in period
    assert rule.check_in_period(period.start, every) == period
    assert rule.check_in_period(period.end, every) == period


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(min_value=0, max_value=400))
def test_weeks_and_terms_cover_each_day_once(start, length):
    end = start + dt.timedelta(days=length)
    for periods in (rule.weeks(start, end), rule.terms(start, end)):
        day = start
        while day <= end:
            assert sum(1 for period in periods if day in period) == 1
            day += dt.timedelta(days=1)


def test_the_shortfall_window_is_the_four_full_weeks_before_this_one():
    window = rule.shortfall_window(dt.date(2026, 3, 12))
    assert (window.start, window.end) == (dt.date(2026, 2, 9), dt.date(2026, 3, 8))
    assert window.label == "the 4 weeks from 9 February 2026 to 8 March 2026"


# --- delivered against promised ------------------------------------------------------------------------------

WEEKLY = rule.promise("once a week", "30 minutes")
MARCH_9 = rule.week_of(dt.date(2026, 3, 9))  # no bank holidays


def test_a_week_delivered_in_full():
    tally = rule.tally(WEEKLY, MARCH_9, [Record(dt.date(2026, 3, 10), Kind.DELIVERED, 30)])
    assert (tally.school_days, tally.expected_minutes, tally.delivered_minutes, tally.percent) == (5, 30, 30, 100)
    assert not tally.below(80)


def test_a_week_with_nothing_recorded_is_nothing_delivered():
    tally = rule.tally(WEEKLY, MARCH_9, [])
    assert (tally.expected_minutes, tally.delivered_minutes, tally.percent) == (30, 0, 0)
    assert tally.below(80)


def test_a_bank_holiday_takes_a_fifth_off_a_weekly_promise():
    easter_monday_week = rule.week_of(dt.date(2026, 4, 6))
    tally = rule.tally(rule.promise("three times a week", "20 minutes"), easter_monday_week, [])
    assert tally.school_days == 4
    assert tally.expected_sessions == Fraction(12, 5)
    assert tally.expected_minutes == 48


def test_every_school_day_counts_each_school_day():
    tally = rule.tally(rule.promise("every school day", "15 minutes"), MARCH_9, [])
    assert (tally.expected_sessions, tally.expected_minutes) == (5, 75)


def test_a_closure_promises_nothing_and_a_child_away_is_not_owed():
    closed = Record(dt.date(2026, 3, 9), Kind.CLOSED, until=dt.date(2026, 3, 13))
    assert rule.tally(WEEKLY, MARCH_9, [closed]).expected_minutes == 0
    assert rule.tally(WEEKLY, MARCH_9, [closed]).percent is None
    away = Record(dt.date(2026, 3, 10), Kind.EXCUSED)
    assert rule.tally(WEEKLY, MARCH_9, [away]).expected_minutes == 0
    missed = Record(dt.date(2026, 3, 10), Kind.MISSED)
    tally = rule.tally(WEEKLY, MARCH_9, [missed])
    assert (tally.expected_minutes, tally.missed_sessions, tally.percent) == (30, 1, 0), "still owed"


def test_nothing_is_owed_before_the_provision_starts():
    tally = rule.tally(WEEKLY, MARCH_9, [], starts_on=dt.date(2026, 3, 12))  # Thursday: 2 school days left
    assert tally.school_days == 2
    assert tally.expected_minutes == 12


def test_sessions_are_counted_when_the_plan_gives_no_length():
    promised = rule.promise("twice a week", "")
    tally = rule.tally(promised, MARCH_9, [Record(dt.date(2026, 3, 10), Kind.DELIVERED, 40)])
    assert (tally.unit, tally.expected, tally.delivered, tally.percent) == ("sessions", 2, 1, 50)


def test_a_term():
    spring = rule.term_of(dt.date(2026, 2, 1))
    records = [
        Record(week.start + dt.timedelta(days=1), Kind.DELIVERED, 30) for week in rule.weeks(spring.start, spring.end)
    ]
    tally = rule.tally(WEEKLY, spring, records)
    assert tally.school_days == 63  # 64 weekdays from 1 January to 31 March 2026, less New Year's Day
    assert tally.delivered_sessions == 13
    assert tally.expected_minutes == Fraction(63, 5) * 30
    assert tally.percent == 103


def test_a_shortfall_over_four_weeks():
    today = dt.date(2026, 3, 12)
    window = rule.shortfall_window(today)
    tuesdays = [week.start + dt.timedelta(days=1) for week in rule.weeks(window.start, window.end)]
    three = rule.shortfall(WEEKLY, [Record(day, Kind.DELIVERED, 30) for day in tuesdays[:3]], today)
    assert three is not None and three.percent == 75, "75% is below the usual 80%"
    found = rule.shortfall(WEEKLY, [Record(day, Kind.DELIVERED, 30) for day in tuesdays[:2]], today)
    assert found is not None and (found.delivered, found.expected, found.percent) == (60, 120, 50)
    assert rule.shortfall(WEEKLY, [Record(day, Kind.DELIVERED, 30) for day in tuesdays], today) is None


def test_the_threshold_is_compared_exactly():
    today = dt.date(2026, 3, 12)
    window = rule.shortfall_window(today)
    tuesdays = [week.start + dt.timedelta(days=1) for week in rule.weeks(window.start, window.end)]
    three = [Record(day, Kind.DELIVERED, 30) for day in tuesdays[:3]]
    assert rule.shortfall(WEEKLY, three, today, threshold=75) is None, "exactly 75% is not below 75%"
    assert rule.shortfall(WEEKLY, three, today, threshold=76) is not None


records = st.lists(
    st.builds(
        Record,
        st.dates(min_value=dt.date(2026, 3, 2), max_value=dt.date(2026, 3, 22)),
        st.sampled_from([Kind.DELIVERED, Kind.MISSED, Kind.EXCUSED]),
        st.integers(min_value=1, max_value=120),
    ),
    max_size=12,
)
PERIOD = rule.Period(dt.date(2026, 3, 2), dt.date(2026, 3, 22), "three weeks")


@given(records, st.integers(min_value=1, max_value=120))
def test_delivering_more_never_lowers_the_share_delivered(found, minutes):
    before = rule.tally(WEEKLY, PERIOD, found)
    after = rule.tally(WEEKLY, PERIOD, [*found, Record(dt.date(2026, 3, 11), Kind.DELIVERED, minutes)])
    assert after.delivered > before.delivered
    if before.percent is not None:
        assert after.percent >= before.percent


@given(records)
def test_a_closure_never_raises_what_is_promised(found):
    closure = Record(dt.date(2026, 3, 16), Kind.CLOSED, until=dt.date(2026, 3, 18))
    assert rule.tally(WEEKLY, PERIOD, [*found, closure]).expected <= rule.tally(WEEKLY, PERIOD, found).expected


@given(st.sampled_from(["once a week", "three times a week", "every school day", "fortnightly", "termly"]))
def test_the_promise_over_a_period_is_the_sum_over_its_weeks(frequency):
    promised = rule.promise(frequency, "30 minutes")
    whole = rule.tally(promised, PERIOD, [])
    weeks = [rule.tally(promised, week, []) for week in rule.weeks(PERIOD.start, PERIOD.end)]
    assert whole.expected_minutes == sum(week.expected_minutes for week in weeks)
