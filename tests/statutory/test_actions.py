"""Recording steps: checks, audit events, the child's stage and next deadline, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditEvent
from coproduce.core.actions import ActionRefused
from coproduce.statutory import actions
from coproduce.statutory.models import ClockSummary, NeedsAssessment, ReminderPreference, SenNeed
from coproduce.teams.policy import access_for
from tests.statutory.helpers import step

pytestmark = pytest.mark.django_db

D = dt.date


def test_recording_a_request_is_audited_and_starts_the_clock(world):
    officer = world.people["case_officer"]
    assessment = step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    assert NeedsAssessment.objects.get() == assessment
    event = AuditEvent.objects.filter(child=world.a, action="created").latest("id")
    assert event.actor == officer and event.what == "Recorded a request for an EHC needs assessment"
    assert event.object_id == str(assessment.pk)
    summary = ClockSummary.objects.get(child=world.a)
    assert summary.next_due_on == D(2025, 2, 17)
    assert f"{summary.next_owner} must {summary.next_what}" == "The council must decide whether to assess"


def test_only_officers_record_steps(world):
    parent = world.people["parent_carer"]
    with pytest.raises(Http404):
        actions.RecordRequest(
            Actor(user=parent), access=access_for(parent, world.a), requested_by="parent", received_on=D(2025, 1, 6)
        ).execute()
    assert not NeedsAssessment.objects.exists()


def test_steps_out_of_order_are_refused_with_a_reason(world):
    officer = world.people["case_officer"]
    with pytest.raises(ActionRefused, match="Record the request for an EHC needs assessment first"):
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 2, 1))
    step(world.a, officer, actions.RecordRequest, requested_by="school", received_on=D(2025, 1, 6))
    with pytest.raises(ActionRefused) as refused:
        step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 1, 5))
    assert refused.value.field == "decided_on"
    assert "on or after the day the request was received (Monday 6 January 2025)" in refused.value.message
    with pytest.raises(ActionRefused, match="already in progress"):
        step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 7))
    with pytest.raises(ActionRefused, match="decision to assess first"):
        step(world.a, officer, actions.RecordDraftServed, served_on=D(2025, 3, 1))


def test_the_stage_follows_the_process_from_request_to_ceasing(world):
    # a council officer with the caseload may record steps for any child the council is responsible for
    officer, child = world.people["caseload_officer"], world.b
    stages = []

    def record(action, **params):
        step(child, officer, action, **params)
        stages.append(child.stage)

    record(actions.RecordRequest, requested_by="parent", received_on=D(2024, 1, 8))
    record(actions.RecordDecisionToAssess, decision="yes", decided_on=D(2024, 2, 12))
    record(actions.RecordDraftServed, served_on=D(2024, 4, 22))
    record(actions.RecordOutcome, outcome="issue", outcome_on=D(2024, 5, 20))
    record(actions.StartAnnualReview, last_plan_on=D(2024, 5, 20), meeting_on=D(2025, 4, 1), invited_on=D(2025, 3, 3))
    record(actions.RecordReviewDecision, decision="cease", decided_on=D(2025, 4, 20))
    record(actions.RecordPlanCeased, ceased_on=D(2025, 5, 31), cease_reason="2")
    assert stages == ["request", "assessment", "draft", "plan", "review", "review", "ceased"]
    changes = AuditEvent.objects.filter(child=child, what__startswith="The stage became").count()
    assert changes == 5
    assert ClockSummary.objects.get(child=child).next_due_on is None


def test_an_exception_needs_four_weeks_for_an_absence(world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    with pytest.raises(ActionRefused) as refused:
        step(
            world.a,
            officer,
            actions.RecordException,
            reason="family_away_4_weeks",
            starts_on=D(2025, 2, 1),
            ends_on=D(2025, 2, 14),
            note="",
            family_told=True,
        )
    assert refused.value.field == "ends_on"
    step(
        world.a,
        officer,
        actions.RecordException,
        reason="exceptional_personal_circumstances",
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 2, 14),
        note="Hospital stay",
        family_told=True,
    )


def test_advice_can_only_be_asked_of_someone_on_the_team(world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 2, 3))
    with pytest.raises(ActionRefused) as refused:
        step(
            world.a,
            officer,
            actions.RecordAdviceRequest,
            kind="medical",
            adviser=world.people["other_health"],
            organisation=None,
            sent_on=D(2025, 2, 4),
        )
    assert refused.value.field == "adviser"
    advice = step(
        world.a,
        officer,
        actions.RecordAdviceRequest,
        kind="medical",
        adviser=world.people["health"],
        organisation=None,
        sent_on=D(2025, 2, 4),
    )
    assert advice.adviser == world.people["health"]


def test_the_needs_for_the_return_are_replaced_each_time(world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordNeeds, primary="ASD", secondary="SLCN")
    step(world.a, officer, actions.RecordNeeds, primary="SEMH", secondary="")
    assert list(SenNeed.objects.values_list("sen_type", "rank")) == [("SEMH", 1)]
    with pytest.raises(ActionRefused, match="different secondary need"):
        step(world.a, officer, actions.RecordNeeds, primary="SEMH", secondary="SEMH")


def test_choosing_how_to_get_reminders_is_saved_and_audited(world):
    parent = world.people["parent_carer"]
    actions.ChooseReminderFrequency(Actor(user=parent), frequency="daily").execute()
    assert ReminderPreference.objects.get(user=parent).frequency == "daily"
    assert AuditEvent.objects.filter(actor=parent, what="Chose how to get reminders").exists()


def test_a_step_and_its_audit_event_are_saved_together_or_not_at_all(world, monkeypatch):
    officer = world.people["case_officer"]

    def broken(*args, **kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(actions, "record", broken)
    with pytest.raises(RuntimeError):
        step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=timezone.localdate())
    assert not NeedsAssessment.objects.exists()
