"""The clock built from recorded dates: pure logic, on unsaved records (no database)."""

from __future__ import annotations

import datetime as dt

from coproduce.rules.clock import DeadlineStatus
from coproduce.statutory.clock import Owner, Process, build_clock
from coproduce.statutory.models import (
    AdviceRequest,
    AnnualReview,
    Disagreement,
    NeedsAssessment,
    PhaseTransfer,
    TimeLimitException,
)

D = dt.date


def process(*assessments, advice=None, exceptions=None, reviews=(), transfers=(), disagreements=(), **kw):
    return Process(
        assessments=list(assessments),
        advice=advice or {},
        exceptions=exceptions or {},
        reviews=list(reviews),
        transfers=list(transfers),
        disagreements=list(disagreements),
        **kw,
    )


def sentences(clock, today, family=False):
    return [step.sentence for step in clock.next_steps(today, viewer_is_family=family)]


def test_a_new_request_says_who_must_decide_and_by_when():
    a = NeedsAssessment(requested_by="parent", received_on=D(2025, 1, 6))
    clock = build_clock(process(a), D(2025, 1, 20))
    assert sentences(clock, D(2025, 1, 20)) == ["The council must decide whether to assess by Monday 17 February 2025."]
    assert "until Monday 26 May 2025" in clock.notes[0]
    assert clock.next_required(D(2025, 1, 20)).due == D(2025, 2, 17)
    [event] = clock.timeline()
    assert event.title == "The council received a request for an EHC needs assessment"
    assert event.details == ["Asked for by: parent or carer."]


def test_a_missed_deadline_is_late_and_says_by_how_much():
    a = NeedsAssessment(requested_by="school", received_on=D(2025, 1, 6))
    clock = build_clock(process(a), D(2025, 2, 20))
    [step] = clock.next_steps(D(2025, 2, 20))
    assert step.overdue
    assert (
        step.sentence
        == "Late: the council had to decide whether to assess by Monday 17 February 2025. It is 3 days late."
    )


def test_a_step_done_late_is_shown_late_on_the_timeline():
    a = NeedsAssessment(requested_by="parent", received_on=D(2025, 1, 6), decision="yes", decided_on=D(2025, 2, 24))
    clock = build_clock(process(a), D(2025, 3, 1))
    decided = next(e for e in clock.events if e.on == D(2025, 2, 24))
    assert decided.late and not decided.late_excepted
    assert decided.late_text == "This was 7 days after the time limit of Monday 17 February 2025."
    assert decided.obligation.status(D(2025, 3, 1)) == DeadlineStatus.MET_LATE


def test_an_exception_marks_the_deadline_without_moving_it_and_says_why():
    a = NeedsAssessment(requested_by="parent", received_on=D(2025, 1, 6), decision="yes", decided_on=D(2025, 2, 10))
    away = TimeLimitException(
        assessment=a, reason="family_away_4_weeks", starts_on=D(2025, 4, 1), ends_on=D(2025, 5, 10)
    )
    a.outcome, a.outcome_on = "issue", D(2025, 6, 2)
    clock = build_clock(process(a, exceptions={a.pk: [away]}), D(2025, 6, 3))
    issued = next(e for e in clock.events if e.title == "The council issued the final EHC plan")
    assert issued.obligation.due == D(2025, 5, 26)  # the date never moves
    assert issued.late_excepted
    assert "An exception applied, so it does not count as late" in issued.late_text
    assert "away from the area for 4 weeks or more" in issued.late_text
    applied = next(e for e in clock.events if e.exception)
    assert applied.title == "An exception to the time limits was applied"
    assert "Why: the child or family was away from the area for 4 weeks or more in a row." in applied.details
    assert any("issuing the final plan" in d for d in applied.details)


def test_the_family_is_told_they_can_comment_on_the_draft_and_others_see_the_family():
    a = NeedsAssessment(
        requested_by="parent",
        received_on=D(2025, 1, 6),
        decision="yes",
        decided_on=D(2025, 2, 10),
        draft_served_on=D(2025, 4, 14),
    )
    clock = build_clock(process(a), D(2025, 4, 15))
    family = sentences(clock, D(2025, 4, 15), family=True)
    assert (
        "You can comment on the draft plan and ask for a school or college to be named until Monday 28 April 2025."
        in family
    )
    assert "The council must issue the final plan by Monday 26 May 2025." in family
    others = sentences(clock, D(2025, 4, 15))
    assert others[0].startswith("The family can comment on the draft plan")
    # the window is not a deadline anyone can miss, so the caseload's next deadline is the final plan
    assert clock.next_required(D(2025, 4, 15)).key.endswith("final_plan")


def test_a_young_persons_choices_are_theirs():
    a = NeedsAssessment(
        requested_by="young_person",
        received_on=D(2025, 1, 6),
        decision="yes",
        decided_on=D(2025, 2, 10),
        draft_served_on=D(2025, 4, 14),
    )
    clock = build_clock(process(a, young_person=True), D(2025, 4, 15))
    assert sentences(clock, D(2025, 4, 15))[0].startswith("The young person can comment")


def test_advice_is_due_six_weeks_after_it_is_asked_for_and_belongs_to_the_adviser():
    a = NeedsAssessment(requested_by="parent", received_on=D(2025, 1, 6), decision="yes", decided_on=D(2025, 2, 3))
    advice = AdviceRequest(assessment=a, kind="psychological", sent_on=D(2025, 2, 4))
    clock = build_clock(process(a, advice={a.pk: [advice]}), D(2025, 2, 5))
    ob = next(o for o in clock.obligations if o.key.endswith("advice_due"))
    assert ob.owner == Owner.ADVISER and ob.due == D(2025, 3, 18)
    assert "The adviser must send their psychological advice by Tuesday 18 March 2025." in sentences(
        clock, D(2025, 2, 5)
    )


def test_a_refusal_to_assess_ends_the_clock_but_the_appeal_window_stays_open():
    a = NeedsAssessment(requested_by="parent", received_on=D(2025, 1, 6), decision="no", decided_on=D(2025, 2, 10))
    letter = Disagreement(assessment=a, about="not_assess", decision_letter_on=D(2025, 2, 10))
    clock = build_clock(process(a, disagreements=[letter]), D(2025, 2, 11))
    keys = {o.key.rsplit(":", 1)[-1] for o in clock.open_obligations(D(2025, 2, 11))}
    assert keys == {"mediation_contact_by", "appeal_due"}
    assert clock.next_required(D(2025, 2, 11)) is None
    family = sentences(clock, D(2025, 2, 11), family=True)
    assert "You can appeal to the SEND Tribunal until Thursday 10 April 2025." in family


def test_after_a_plan_the_next_annual_review_is_due_within_12_months():
    a = NeedsAssessment(
        requested_by="parent",
        received_on=D(2024, 1, 8),
        decision="yes",
        decided_on=D(2024, 2, 5),
        draft_served_on=D(2024, 4, 1),
        outcome="issue",
        outcome_on=D(2024, 5, 20),
    )
    clock = build_clock(process(a), D(2025, 1, 1))
    assert sentences(clock, D(2025, 1, 1)) == [
        "The council must review the plan and decide whether to keep, change or stop it by Monday 19 May 2025."
    ]


def test_a_review_meeting_sets_the_report_and_decision_dates():
    a = NeedsAssessment(
        requested_by="parent",
        received_on=D(2024, 1, 8),
        decision="yes",
        decided_on=D(2024, 2, 5),
        outcome="issue",
        outcome_on=D(2024, 5, 20),
    )
    review = AnnualReview(last_plan_on=D(2024, 5, 20), meeting_on=D(2025, 3, 3), invited_on=D(2025, 2, 10))
    clock = build_clock(process(a, reviews=[review]), D(2025, 3, 4))
    due = {o.key.rsplit(":", 1)[-1]: o.due for o in clock.open_obligations(D(2025, 3, 4))}
    assert due["report_due"] == D(2025, 3, 17)
    assert due["decision_due"] == D(2025, 3, 31)
    assert due["review_period_ends"] == D(2025, 5, 19)
    invited = next(o for o in clock.obligations if o.key.endswith("invitations_by"))
    assert invited.met_on == D(2025, 2, 10) and invited.status(D(2025, 3, 4)) == DeadlineStatus.MET


def test_a_phase_transfer_needs_the_amended_plan_by_15_february():
    a = NeedsAssessment(
        requested_by="parent",
        received_on=D(2020, 1, 6),
        decision="yes",
        decided_on=D(2020, 2, 3),
        outcome="issue",
        outcome_on=D(2020, 5, 1),
    )
    move = PhaseTransfer(kind="school", year=2026)
    clock = build_clock(process(a, reviews=[AnnualReview(last_plan_on=D(2025, 5, 1))], transfers=[move]), D(2026, 1, 5))
    assert (
        "The council must amend the plan to name the next school or college by Sunday 15 February 2026."
        in sentences(clock, D(2026, 1, 5))
    )


def test_a_ceased_plan_has_nothing_left_to_do():
    a = NeedsAssessment(
        requested_by="parent",
        received_on=D(2020, 1, 6),
        decision="yes",
        decided_on=D(2020, 2, 3),
        outcome="issue",
        outcome_on=D(2020, 5, 1),
        ceased_on=D(2024, 7, 31),
        cease_reason="3",
    )
    clock = build_clock(process(a), D(2025, 1, 1))
    assert clock.open_obligations(D(2025, 1, 1)) == []
    assert any(
        e.title == "The plan ended" and e.details == ["Why: moved on to higher education."] for e in clock.events
    )
