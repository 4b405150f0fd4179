"""Exceptions mark deadlines and never move them; a deadline's status follows from the dates."""

import dataclasses
import datetime as dt

import pytest

from coproduce.rules.clock import ClockException, DeadlineStatus, deadline_status, due_dates, get_regime

d = dt.date.fromisoformat
ENGLAND = get_regime("england")

RECEIVED = d("2025-01-06")  # decision_to_assess 17 Feb, decision_not_to_issue 28 Apr, final_plan 26 May


@pytest.fixture
def assessment():
    return ENGLAND.needs_assessment(RECEIVED, advice_requested=d("2025-02-20"), draft_served=d("2025-04-14"))


def excepted_keys(deadlines) -> set[str]:
    return {key for key, deadline in deadlines.items() if deadline.excepted}


@pytest.mark.parametrize(
    "reason", ["school_closed_4_weeks", "exceptional_personal_circumstances", "family_away_4_weeks"]
)
def test_an_exception_marks_the_limits_it_relaxes_and_moves_nothing(assessment, reason):
    away = ClockException(reason, d("2025-02-03"), d("2025-03-09"))
    marked = ENGLAND.apply_exceptions(assessment, [away])

    assert due_dates(marked) == due_dates(assessment)
    assert excepted_keys(marked) == {"decision_to_assess", "decision_not_to_issue", "final_plan"}
    assert marked["final_plan"].exceptions == (away,)
    assert marked["advice_due"] == assessment["advice_due"]  # other steps keep their own limits
    assert marked["draft_comments_close"] == assessment["draft_comments_close"]


def test_an_exception_after_a_limit_has_passed_does_not_cover_it(assessment):
    # Away 1 to 30 April 2025: after decision_to_assess fell due (17 Feb), within the 16 and 20 weeks.
    marked = ENGLAND.apply_exceptions(
        assessment, [ClockException("family_away_4_weeks", d("2025-04-01"), d("2025-04-30"))]
    )
    assert excepted_keys(marked) == {"decision_not_to_issue", "final_plan"}
    assert due_dates(marked) == due_dates(assessment)


def test_an_exception_before_the_request_covers_nothing(assessment):
    marked = ENGLAND.apply_exceptions(
        assessment, [ClockException("family_away_4_weeks", d("2024-11-01"), d("2024-12-05"))]
    )
    assert marked == assessment


def test_exceptions_accumulate(assessment):
    closed = ClockException("school_closed_4_weeks", d("2025-01-13"), d("2025-02-16"))
    unwell = ClockException("exceptional_personal_circumstances", d("2025-05-01"), d("2025-05-10"))
    marked = ENGLAND.apply_exceptions(assessment, [closed, unwell])
    assert marked["decision_to_assess"].exceptions == (closed,)
    assert marked["final_plan"].exceptions == (closed, unwell)


def test_an_exception_applies_to_a_re_assessment_final_plan():
    plan = ENGLAND.re_assessment(RECEIVED)  # due 14 Apr 2025; reg 27(3)
    marked = ENGLAND.apply_exceptions(
        plan, [ClockException("exceptional_personal_circumstances", d("2025-03-01"), d("2025-03-05"))]
    )
    assert marked["final_plan"].excepted
    assert marked["final_plan"].due == d("2025-04-14")


def test_exceptions_do_not_touch_annual_reviews():
    review = ENGLAND.annual_review(d("2025-03-15"), meeting=d("2026-02-02"))
    marked = ENGLAND.apply_exceptions(review, [ClockException("family_away_4_weeks", d("2025-06-01"), d("2026-03-01"))])
    assert marked == review


@pytest.mark.parametrize(
    ("reason", "start", "end"),
    [
        ("holiday", "2025-02-03", "2025-03-09"),  # not a reason the regulations give
        ("family_away_4_weeks", "2025-02-03", "2025-02-28"),  # 26 days: not 4 weeks
        ("school_closed_4_weeks", "2025-02-01", "2025-02-27"),  # 27 days
    ],
)
def test_invalid_exceptions_are_refused(assessment, reason, start, end):
    with pytest.raises(ValueError):
        ENGLAND.apply_exceptions(assessment, [ClockException(reason, d(start), d(end))])


def test_four_weeks_exactly_is_enough(assessment):
    closed = ClockException("school_closed_4_weeks", d("2025-02-01"), d("2025-02-28"))  # 28 days
    assert closed.days == 28
    assert ENGLAND.apply_exceptions(assessment, [closed])["final_plan"].excepted


def test_an_exception_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        ClockException("family_away_4_weeks", d("2025-03-01"), d("2025-02-01"))


# --- Status ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("met_on", "today", "excepted", "status", "late"),
    [
        ("2025-05-26", "2025-06-30", False, DeadlineStatus.MET, False),  # on the last day
        ("2025-05-01", "2025-06-30", True, DeadlineStatus.MET, False),
        ("2025-05-27", "2025-06-30", False, DeadlineStatus.MET_LATE, True),
        ("2025-05-27", "2025-06-30", True, DeadlineStatus.MET_LATE_EXCEPTED, False),
        (None, "2025-05-26", False, DeadlineStatus.DUE, False),
        (None, "2025-01-10", True, DeadlineStatus.DUE, False),
        (None, "2025-05-27", False, DeadlineStatus.OVERDUE, True),
        (None, "2025-05-27", True, DeadlineStatus.OVERDUE_EXCEPTED, False),
    ],
)
def test_deadline_status(met_on, today, excepted, status, late):
    final_plan = ENGLAND.needs_assessment(RECEIVED)["final_plan"]  # due 26 May 2025
    if excepted:
        away = ClockException("family_away_4_weeks", d("2025-02-03"), d("2025-03-09"))
        final_plan = final_plan.with_exception(away)
    result = deadline_status(final_plan, None if met_on is None else d(met_on), d(today))
    assert result is status
    assert result.late is late


def test_deadlines_are_immutable():
    final_plan = ENGLAND.needs_assessment(RECEIVED)["final_plan"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        final_plan.due = d("2025-06-30")  # type: ignore[misc]
