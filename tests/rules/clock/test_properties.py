"""Properties that hold for every rule: no deadline before its trigger, later triggers never earlier."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.rules.clock import ClockException, get_regime
from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS, add_months

ENGLAND = get_regime("england")
CLOCK = settings(max_examples=200, deadline=None)
DATES = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2045, 12, 31))

# Rules that count back from an event rather than forward from a trigger.
BEFORE_THE_EVENT = {
    "annual_review.invitations_by",
    "annual_review.advice_circulated_by",
    "phase_transfer.final_amended_plan_due",
}


def every_deadline(day: dt.date) -> dict[str, dt.date]:
    """Every deadline England computes, each from the one date ``day``, named process.key."""
    schedules = {
        "needs_assessment": ENGLAND.needs_assessment(day, advice_requested=day, draft_served=day),
        "re_assessment": ENGLAND.re_assessment(day),
        "annual_review": ENGLAND.annual_review(day, meeting=day, amendment_notice=day, under_five_review_months=3),
        "phase_transfer": ENGLAND.phase_transfer("post16-move", transfer_date=day),
        "mediation": ENGLAND.mediation(decision_letter=day, declined=day, requested=day),
    }
    return {
        f"{process}.{key}": deadline.due
        for process, deadlines in schedules.items()
        for key, deadline in deadlines.items()
    }


def test_every_deadline_covers_every_rule():
    assert len(every_deadline(dt.date(2025, 1, 6))) == 18  # + appeal and fixed-date transfers below


@CLOCK
@given(DATES)
def test_no_deadline_falls_before_its_trigger(day):
    for key, due in every_deadline(day).items():
        if key in BEFORE_THE_EVENT:
            assert due < day, key
        else:
            assert due > day, key


@CLOCK
@given(DATES, DATES)
def test_a_later_trigger_never_gives_an_earlier_deadline(first, second):
    earlier, later = sorted((first, second))
    before, after = every_deadline(earlier), every_deadline(later)
    for key in before:
        assert before[key] <= after[key], key


@CLOCK
@given(st.integers(min_value=2015, max_value=2045), st.sampled_from(["school", "post16"]))
def test_phase_transfer_falls_early_in_the_year_of_transfer(year, kind):
    due = ENGLAND.phase_transfer(kind, year=year)["final_amended_plan_due"].due
    assert due.year == year and due.month <= 3
    assert due < ENGLAND.phase_transfer(kind, year=year + 1)["final_amended_plan_due"].due


def plain_appeal_limit(letter: dt.date, certificate: dt.date | None) -> dt.date:
    return max(add_months(letter, 2), add_months(certificate, 1) if certificate else letter)


def in_closed_window(day: dt.date) -> bool:
    return day.month == 8 or (day.month, day.day) >= (12, 25) or (day.month, day.day) == (1, 1)


@CLOCK
@given(DATES, st.none() | DATES)
def test_appeal_due_is_never_earlier_than_the_plain_limit_nor_in_a_closed_window(letter, certificate):
    due = ENGLAND.appeal(letter, certificate=certificate)["appeal_due"].due
    plain = plain_appeal_limit(letter, certificate)
    assert due >= plain > letter
    assert not in_closed_window(due)
    if due != plain:
        assert in_closed_window(plain) and ENGLAND_WORKING_DAYS.is_working_day(due)
        assert (due.month, due.day) <= (1, 4) or (due.month == 9 and due.day <= 3)


@CLOCK
@given(DATES, DATES, st.none() | DATES)
def test_appeal_later_letter_never_earlier_plain_limit_and_window_dates_move_forward(a, b, certificate):
    # The adjusted date is monotone except just after a window, where the contract moves a date in the
    # window to a working day but leaves a later plain limit on a non-working day (see test_england).
    earlier, later = sorted((a, b))
    assert plain_appeal_limit(earlier, certificate) <= plain_appeal_limit(later, certificate)
    due_earlier = ENGLAND.appeal(earlier, certificate=certificate)["appeal_due"].due
    due_later = ENGLAND.appeal(later, certificate=certificate)["appeal_due"].due
    if due_later < due_earlier:
        assert not ENGLAND_WORKING_DAYS.is_working_day(due_later)
        assert (due_earlier - due_later).days <= 3


@CLOCK
@given(
    DATES,
    st.sampled_from(["school_closed_4_weeks", "exceptional_personal_circumstances", "family_away_4_weeks"]),
    DATES,
    st.integers(min_value=28, max_value=200),
)
def test_exceptions_mark_but_never_move(received, reason, start, length):
    deadlines = ENGLAND.needs_assessment(received, advice_requested=received, draft_served=received)
    exception = ClockException(reason, start, start + dt.timedelta(days=length - 1))
    marked = ENGLAND.apply_exceptions(deadlines, [exception])
    assert {key: x.due for key, x in marked.items()} == {key: x.due for key, x in deadlines.items()}
    for key, deadline in marked.items():
        covers = exception.start <= deadline.due and exception.end >= received
        relaxed = key in {"decision_to_assess", "decision_not_to_issue", "final_plan"}
        assert deadline.excepted is (relaxed and covers), key


@CLOCK
@given(DATES, st.integers(min_value=-36, max_value=36))
def test_adding_months_keeps_the_day_or_clamps_it_to_the_month_end(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + dt.timedelta(days=1)).day == 1)


@CLOCK
@given(DATES, st.integers(min_value=1, max_value=30))
def test_adding_working_days_lands_on_the_nth_working_day(day, count):
    result = ENGLAND_WORKING_DAYS.add(day, count)
    between = [day + dt.timedelta(days=n) for n in range(1, (result - day).days + 1)]
    assert sum(ENGLAND_WORKING_DAYS.is_working_day(x) for x in between) == count
    assert ENGLAND_WORKING_DAYS.is_working_day(result)
