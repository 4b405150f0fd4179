"""The remembered deadlines (``rules.clock.memo`` and each rule's own memory) give the plain clock's answers."""

import datetime as dt

import pytest

from coproduce.rules.clock import ClockException, get_regime, memo
from coproduce.rules.clock import england as eng

D = dt.date
REGIME = "england"
# Two years of days, with month ends, a leap day, Christmas and August in them.
DAYS = [D(2023, 12, 1) + dt.timedelta(days=n) for n in range(0, 760, 3)]


@pytest.fixture(autouse=True)
def fresh_memory():
    memo.clear()
    yield
    memo.clear()


def fresh(rule, *inputs):
    """The rule's deadline computed afresh, bypassing every memory."""
    return rule.work_out(*inputs)


def test_the_regime_is_built_once():
    assert get_regime(REGIME) is get_regime(REGIME)


def test_a_rule_remembers_the_same_deadline_it_would_compute():
    for day in DAYS:
        for rule in (eng.DECISION_TO_ASSESS, eng.FINAL_PLAN, eng.REVIEW_PERIOD_ENDS, eng.DECISION_DUE):
            assert rule.deadline(day) == fresh(rule, day)
            assert rule.deadline(day) is rule.deadline(day)
        assert eng.CERTIFICATE_DUE.deadline(day) == fresh(eng.CERTIFICATE_DUE, day)
        assert eng.APPEAL_DUE.deadline(day, None) == fresh(eng.APPEAL_DUE, day, None)
        assert eng.APPEAL_DUE.deadline(day, day + dt.timedelta(days=40)) == fresh(
            eng.APPEAL_DUE, day, day + dt.timedelta(days=40)
        )


def test_rules_sharing_a_key_do_not_share_a_memory():
    # Same output key, different arithmetic: 20 weeks from a request, 14 weeks from a re-assessment.
    day = D(2025, 1, 6)
    assert eng.FINAL_PLAN.deadline(day).due == D(2025, 5, 26)
    assert eng.RE_ASSESSMENT_FINAL_PLAN.deadline(day).due == D(2025, 4, 14)


def test_needs_assessments_match_the_plain_clock():
    regime = get_regime(REGIME)
    for _ in range(2):  # the first pass works them out, the second reads them back
        for received in DAYS:
            draft = received + dt.timedelta(weeks=14)
            assert dict(memo.needs_assessment(REGIME, received)) == regime.needs_assessment(received)
            assert dict(memo.needs_assessment(REGIME, received, received, draft)) == regime.needs_assessment(
                received, advice_requested=received, draft_served=draft
            )
            assert dict(memo.needs_assessment_with_exceptions(REGIME, received)) == regime.needs_assessment(received)
            final = memo.needs_assessment(REGIME, received)["final_plan"]
            assert final.due == fresh(eng.FINAL_PLAN, received).due == received + dt.timedelta(weeks=20)
            assert not final.excepted


def test_a_needs_assessment_with_an_exception_matches_the_plain_clock():
    regime = get_regime(REGIME)
    received = D(2025, 1, 6)
    away = ClockException("family_away_4_weeks", D(2025, 3, 3), D(2025, 4, 4))
    closed_before = ClockException("school_closed_4_weeks", D(2024, 11, 1), D(2024, 12, 6))
    for exceptions in ((away,), (closed_before,), (away, closed_before)):
        expected = regime.apply_exceptions(regime.needs_assessment(received), exceptions)
        for _ in range(2):
            got = memo.needs_assessment_with_exceptions(REGIME, received, exceptions)
            assert dict(got) == expected
    got = memo.needs_assessment_with_exceptions(REGIME, received, (away,))
    assert got["final_plan"].excepted and got["final_plan"].exceptions == (away,)
    assert got["decision_not_to_issue"].excepted and not got["decision_to_assess"].excepted
    # The exception marks only this request: the same day without one is unmarked, dates unchanged.
    plain = memo.needs_assessment_with_exceptions(REGIME, received, ())
    assert not plain["final_plan"].excepted
    assert plain["final_plan"].due == got["final_plan"].due == D(2025, 5, 26)
    assert not memo.needs_assessment_with_exceptions(REGIME, received, (closed_before,))["final_plan"].excepted


def test_an_unknown_or_short_exception_is_still_refused():
    with pytest.raises(ValueError):
        memo.needs_assessment_with_exceptions(
            REGIME, D(2025, 1, 6), (ClockException("family_away_4_weeks", D(2025, 3, 3), D(2025, 3, 10)),)
        )


def test_annual_reviews_match_the_plain_clock():
    regime = get_regime(REGIME)
    for _ in range(2):
        for last in DAYS[::4]:
            for weeks in (40, 50, 52):
                meeting = last + dt.timedelta(weeks=weeks)
                notice = meeting + dt.timedelta(weeks=3)
                assert dict(memo.annual_review(REGIME, last)) == regime.annual_review(last)
                assert dict(memo.annual_review(REGIME, last, meeting)) == regime.annual_review(last, meeting=meeting)
                assert dict(memo.annual_review(REGIME, last, meeting, notice)) == regime.annual_review(
                    last, meeting=meeting, amendment_notice=notice
                )
                assert (
                    memo.annual_review(REGIME, last, meeting)["decision_due"].due
                    == fresh(eng.DECISION_DUE, meeting).due
                )


def test_phase_transfers_match_the_plain_clock():
    regime = get_regime(REGIME)
    for year in range(2020, 2031):
        for kind in ("school", "post16"):
            assert dict(memo.phase_transfer(REGIME, kind, year=year)) == regime.phase_transfer(kind, year=year)
    for day in DAYS:
        assert dict(memo.phase_transfer(REGIME, "post16-move", transfer_date=day)) == regime.phase_transfer(
            "post16-move", transfer_date=day
        )


def test_remembered_schedules_cannot_be_changed_by_a_caller():
    schedule = memo.needs_assessment(REGIME, D(2025, 1, 6))
    with pytest.raises(TypeError):
        schedule["final_plan"] = schedule["decision_to_assess"]
    assert memo.needs_assessment(REGIME, D(2025, 1, 6))["final_plan"].due == D(2025, 5, 26)
