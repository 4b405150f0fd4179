"""Reminders: the right person, on the right day, once; daily emails group them; nothing personal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from coproduce.audit.context import Actor
from coproduce.statutory import actions, reminders
from coproduce.statutory.models import SentReminder
from coproduce.statutory.tasks import send_daily_reminders
from tests import factories
from tests.statutory.helpers import step

pytestmark = pytest.mark.django_db

D = dt.date
RECEIVED = D(2025, 1, 6)  # the council must decide whether to assess by Monday 17 February 2025
DUE = D(2025, 2, 17)


def inbox() -> dict[str, list]:
    found: dict[str, list] = {}
    for message in mail.outbox:
        for to in message.to:
            found.setdefault(to, []).append(message)
    return found


def run(day: dt.date) -> None:
    mail.outbox.clear()
    result = send_daily_reminders.enqueue(day.isoformat())
    assert result.status == "SUCCESSFUL", result.errors


@pytest.fixture
def requested(world):
    step(world.a, world.people["case_officer"], actions.RecordRequest, requested_by="parent", received_on=RECEIVED)
    return world


def test_the_case_officer_hears_ten_days_before_then_two_days_before_then_when_it_passes(requested):
    officer = requested.people["case_officer"].email
    run(DUE - dt.timedelta(days=11))
    assert mail.outbox == []
    run(DUE - dt.timedelta(days=10))
    assert list(inbox()) == [officer]
    [message] = inbox()[officer]
    assert message.subject == "A deadline is coming up on Coproduce"
    assert "The council must decide whether to assess by Monday 17 February 2025: 10 days from today." in message.body
    assert f"/children/{requested.a.id}/timeline/" in message.body
    run(DUE - dt.timedelta(days=9))
    assert mail.outbox == []
    run(DUE - dt.timedelta(days=2))
    assert "2 days from today" in inbox()[officer][0].body
    run(DUE)
    assert mail.outbox == []
    run(DUE + dt.timedelta(days=1))
    [late] = inbox()[officer]
    assert late.subject == "A deadline has passed on Coproduce"
    assert "the council had to decide whether to assess by Monday 17 February 2025" in late.body
    run(DUE + dt.timedelta(days=5))
    assert mail.outbox == []


def test_nobody_gets_the_same_reminder_twice_however_often_it_runs(requested):
    run(DUE - dt.timedelta(days=10))
    for _ in range(3):
        run(DUE - dt.timedelta(days=10))
        assert mail.outbox == []
    assert SentReminder.objects.count() == 1


def test_reminders_say_nothing_about_the_child(requested):
    run(DUE - dt.timedelta(days=10))
    child = requested.a
    for message in mail.outbox:
        for private in (child.given_name, child.family_name, child.upn or "no upn", str(child.date_of_birth.year)):
            assert private not in message.body and private not in message.subject


def test_the_family_is_told_when_the_draft_opens_for_comment(world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=RECEIVED)
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 2, 10))
    step(world.a, officer, actions.RecordDraftServed, served_on=D(2025, 4, 14))
    run(D(2025, 4, 14))
    family = {world.people["parent_carer"].email, world.people["young_person"].email}
    opened = {to for to, messages in inbox().items() if any("draft plan" in m.body for m in messages)}
    assert opened == family
    body = inbox()[world.people["parent_carer"].email][0].body
    assert "You can comment on it until Monday 28 April 2025" in body
    run(D(2025, 4, 15))
    assert not any("draft plan" in m.body for m in mail.outbox)
    run(D(2025, 4, 26))  # two days before the window closes
    assert all(
        "The time to comment on the draft plan ends on Monday 28 April 2025" in m.body
        for m in inbox()[world.people["parent_carer"].email]
    )


def test_the_family_hears_at_once_when_a_step_opens_something_for_them(world, django_capture_on_commit_callbacks):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=RECEIVED)
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 2, 10))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from django.utils import timezone

        step(world.a, officer, actions.RecordDraftServed, served_on=timezone.localdate())
    assert world.people["parent_carer"].email in inbox()
    assert inbox()[world.people["parent_carer"].email][0].subject == "Something is ready for you on Coproduce"


def test_a_review_meeting_invitation_reaches_the_family(world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2024, 1, 8))
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2024, 2, 5))
    step(world.a, officer, actions.RecordOutcome, outcome="issue", outcome_on=D(2024, 5, 20))
    step(
        world.a,
        officer,
        actions.StartAnnualReview,
        last_plan_on=D(2024, 5, 20),
        meeting_on=D(2025, 4, 1),
        invited_on=D(2025, 3, 10),
    )
    run(D(2025, 3, 10))
    body = inbox()[world.people["parent_carer"].email][0].body
    assert "You are invited to the annual review meeting on Tuesday 1 April 2025." in body


def test_advice_reminders_go_to_the_adviser_only(world):
    officer, adviser = world.people["case_officer"], world.people["educational_psychologist"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=RECEIVED)
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 1, 20))
    step(
        world.a,
        officer,
        actions.RecordAdviceRequest,
        kind="psychological",
        adviser=adviser,
        organisation=None,
        sent_on=D(2025, 1, 21),
    )
    run(D(2025, 3, 4) - dt.timedelta(days=10))  # advice due Tuesday 4 March 2025
    [message] = inbox()[adviser.email]
    assert (
        "You were asked to send your psychological advice by Tuesday 4 March 2025: 10 days from today." in message.body
    )
    assert "Send your advice to the council by that date." in message.body
    assert not any("psychological advice" in m.body for to, ms in inbox().items() if to != adviser.email for m in ms)


def test_people_who_chose_a_daily_email_get_one_email_with_everything(world):
    parent = world.people["parent_carer"]
    factories.member(world.b, parent, "parent_carer")
    actions.ChooseReminderFrequency(Actor(user=parent), frequency="daily").execute()
    officer = world.people["caseload_officer"]
    for child in (world.a, world.b):
        step(child, officer, actions.RecordRequest, requested_by="parent", received_on=RECEIVED)
        step(child, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2025, 2, 10))
        step(child, officer, actions.RecordDraftServed, served_on=D(2025, 4, 14))
    mail.outbox.clear()
    reminders.run_for_child(world.a.pk, D(2025, 4, 14))  # straight after a step: daily people wait
    assert parent.email not in inbox()
    run(D(2025, 4, 14))
    [digest] = inbox()[parent.email]
    assert digest.subject == "Your reminders from Coproduce: 2 today"
    assert digest.body.count("The council has sent the draft plan") == 2
    assert f"/children/{world.a.id}/timeline/" in digest.body and f"/children/{world.b.id}/timeline/" in digest.body
    run(D(2025, 4, 15))
    assert parent.email not in inbox()


def test_a_reminder_that_could_not_be_sent_is_tried_again(requested, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("the mail server is down")

    monkeypatch.setattr(reminders, "send_mail", down)
    run(DUE - dt.timedelta(days=10))
    assert SentReminder.objects.get().sent_at is None
    monkeypatch.undo()
    run(DUE - dt.timedelta(days=9))
    assert len(mail.outbox) == 1


@override_settings(COPRODUCE_REMINDER_DAYS=[5])
def test_the_days_before_are_configurable(requested):
    run(DUE - dt.timedelta(days=10))
    assert mail.outbox == []
    run(DUE - dt.timedelta(days=5))
    assert len(mail.outbox) == 1


def test_the_send_reminders_command_runs_the_daily_job(requested, capsys):
    mail.outbox.clear()
    call_command("send_reminders", "--now", "--date", (DUE - dt.timedelta(days=10)).isoformat())
    assert "1 new, 1 emails sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    call_command("send_reminders", "--date", (DUE - dt.timedelta(days=2)).isoformat(), "--days", "10,2")
    assert "queued" in capsys.readouterr().out
    assert len(mail.outbox) == 2  # the test settings run queued tasks at once
