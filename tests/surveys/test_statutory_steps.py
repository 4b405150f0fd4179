"""Recording a plan stage on the statutory clock sends the family the Four Cornerstones check: after the
decision whether to assess, after a final plan is issued (not after a decision not to issue one), and
after the decision that follows an annual review. Queued only when the step is saved; a step recorded
long after it happened, or refused, sends nothing; a child with no family on the team sends nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coproduce.core.actions import ActionRefused
from coproduce.statutory import actions
from coproduce.surveys.models import CornerstonesInvitation, PlanStage
from coproduce.surveys.tasks import ASK_WITHIN_DAYS, CORNERSTONES_SUBJECT
from tests import factories
from tests.statutory.helpers import step

pytestmark = pytest.mark.django_db


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def family_of_a(world) -> list[str]:
    return sorted([world.people["parent_carer"].email, world.people["young_person"].email])


def sent(mailoutbox, stage: str) -> list[str]:
    return sorted(
        address
        for mail in mailoutbox
        if mail.subject == CORNERSTONES_SUBJECT and f"?after={stage}" in mail.body
        for address in mail.to
    )


def test_each_plan_stage_sends_the_check_once_the_step_is_saved(world, django_capture_on_commit_callbacks, mailoutbox):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=ago(40))

    with django_capture_on_commit_callbacks(execute=False) as queued:
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=ago(2))
    assert not mailoutbox, "nothing is sent before the step's transaction commits"
    assert queued, "the check is queued on commit"
    for callback in queued:
        callback()
    assert sent(mailoutbox, PlanStage.ASSESSMENT_DECISION) == family_of_a(world)

    with django_capture_on_commit_callbacks(execute=True):
        step(world.a, officer, actions.RecordDraftServed, served_on=ago(1))
    checks = [mail for mail in mailoutbox if mail.subject == CORNERSTONES_SUBJECT]
    assert len(checks) == 2, "sending the draft plan is not a stage the check follows"

    with django_capture_on_commit_callbacks(execute=True):
        step(world.a, officer, actions.RecordOutcome, outcome="issue", outcome_on=timezone.localdate())
    assert sent(mailoutbox, PlanStage.FINAL_PLAN) == family_of_a(world)

    with django_capture_on_commit_callbacks(execute=True):
        step(world.a, officer, actions.StartAnnualReview, last_plan_on=timezone.localdate())
        step(world.a, officer, actions.RecordReviewDecision, decision="maintain", decided_on=timezone.localdate())
    assert sent(mailoutbox, PlanStage.ANNUAL_REVIEW) == family_of_a(world)

    stages = sorted(CornerstonesInvitation.objects.filter(child=world.a).values_list("stage", "sent_to"))
    assert stages == [("annual_review", 2), ("assessment_decision", 2), ("final_plan", 2)]
    for mail in mailoutbox:
        assert world.a.given_name not in mail.body and world.a.family_name not in mail.body


def test_a_decision_not_to_issue_a_plan_sends_no_final_plan_check(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=ago(40))
    with django_capture_on_commit_callbacks(execute=True):
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=ago(10))
        step(world.a, officer, actions.RecordOutcome, outcome="not_issue", outcome_on=ago(1))
    assert sent(mailoutbox, PlanStage.ASSESSMENT_DECISION) == family_of_a(world)
    assert sent(mailoutbox, PlanStage.FINAL_PLAN) == []
    assert not CornerstonesInvitation.objects.filter(stage=PlanStage.FINAL_PLAN).exists()


def test_a_refused_step_sends_nothing(world, django_capture_on_commit_callbacks, mailoutbox):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=ago(10))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionRefused):
        # Before the request was received: refused, so no stage was recorded.
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=ago(20))
    assert not sent(mailoutbox, PlanStage.ASSESSMENT_DECISION) and not CornerstonesInvitation.objects.exists()


def test_a_step_recorded_long_after_it_happened_sends_nothing(world, django_capture_on_commit_callbacks, mailoutbox):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=ago(ASK_WITHIN_DAYS + 40))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=ago(ASK_WITHIN_DAYS))
    assert queued, "the check is still queued: the task decides"
    assert not sent(mailoutbox, PlanStage.ASSESSMENT_DECISION) and not CornerstonesInvitation.objects.exists()


def test_a_child_with_no_family_on_the_team_sends_nothing_and_the_step_stands(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    child = factories.child(world.council, dob=dt.date(2016, 3, 1), given_name="Nobody", family_name="Else")
    officer = world.people["case_officer"]
    factories.member(child, officer, "case_officer")
    step(child, officer, actions.RecordRequest, requested_by="school", received_on=ago(30))
    with django_capture_on_commit_callbacks(execute=True):
        assessment = step(child, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=ago(1))
    assert assessment.decided_on == ago(1)
    assert not [mail for mail in mailoutbox if mail.subject == CORNERSTONES_SUBJECT]
    assert CornerstonesInvitation.objects.get(child=child).sent_to == 0
