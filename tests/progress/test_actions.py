"""Recording progress: targets, attributed ratings, sessions delivered, shortfalls and the review report."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.core.actions import ActionRefused
from coproduce.plans.models import Outcome, Plan
from coproduce.progress import actions, selectors
from coproduce.progress.models import (
    CheckIn,
    DeliveryRecord,
    MissedReason,
    RaterKind,
    Rating,
    ReviewReport,
    Shortfall,
)
from coproduce.progress.tasks import check_delivery
from coproduce.rules import delivery as rule
from coproduce.statutory.models import AnnualReview, NeedsAssessment
from coproduce.teams.models import ParentsAccess
from tests import factories
from tests.plans.builders import as_
from tests.progress.builders import add_target, final_plan, rate, record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def window_tuesdays(today: dt.date = TODAY) -> list[dt.date]:
    """The Tuesday of each of the four full weeks a shortfall is judged on, oldest first."""
    window = rule.shortfall_window(today)
    return [week.start + dt.timedelta(days=1) for week in rule.weeks(window.start, window.end)]


# --- targets -------------------------------------------------------------------------------------------


def test_a_target_is_set_under_an_outcome_with_five_levels_and_its_author(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"], who="parent_carer", weight=3)
    assert target.child == world.a
    assert target.outcome == made["outcome"]
    assert [level for level, _, _ in target.levels] == [-2, -1, 0, 1, 2]
    assert target.description(0).startswith("Alex follows a three-part instruction in a small group")
    assert target.author == world.people["parent_carer"]
    assert target.author_role == "Parent or carer"
    assert target.weight == 3
    assert AuditEvent.objects.filter(child=world.a, what="Set a target with its five levels").exists()


def test_a_target_cannot_be_set_under_another_childs_outcome(world):
    final_plan(world)
    other_plan = Plan.objects.create(child=world.b)
    theirs = Outcome.objects.create(
        plan=other_plan, text="x", author=world.people["other_senco"], attributed_to="x", author_role="x"
    )
    with pytest.raises(Http404):
        add_target(world, theirs)


def test_the_same_target_form_sent_twice_sets_one_target(world):
    made = final_plan(world)
    actor, access = as_(world, "senco")
    key = uuid.uuid4()
    data = {
        "text": "t",
        "by_when": "",
        "weight": 1,
        "written_with": "w",
        "much_less": "a",
        "less": "b",
        "expected": "c",
        "more": "d",
        "much_more": "e",
    }
    for _ in range(2):
        actions.AddTarget(actor, access=access, outcome=made["outcome"], data=data, submission_key=key).execute()
    assert made["outcome"].targets.count() == 1


# --- ratings -------------------------------------------------------------------------------------------


def test_each_rating_is_attributed_to_its_rater_and_role(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    rate(world, "parent_carer", [(target, 1, "Better at home too")], today=TODAY)
    rate(world, "senco", [(target, -1)], today=TODAY)
    rate(world, "health", [(target, 0)], today=TODAY)
    parent, school, health = Rating.objects.order_by("created_at")
    assert (parent.rater_kind, parent.attributed_to, parent.rater_role) == (
        RaterKind.PARENT,
        world.people["parent_carer"].full_name,
        "Parent or carer",
    )
    assert parent.comment == "Better at home too"
    assert (school.rater_kind, school.attributed_to) == (RaterKind.SCHOOL, world.people["senco"].full_name)
    assert health.rater_kind == RaterKind.PRACTITIONER
    assert parent.check_in == school.check_in == health.check_in
    assert parent.check_in.label == rule.term_of(TODAY).label


def test_the_young_persons_ratings_are_their_own_and_a_helper_records_the_childs_own_choice(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    own = rate(world, "young_person", [(target, 2)], today=TODAY)[0]
    assert (own.rater_kind, own.rater_key, own.attributed_to, own.helped_by) == (RaterKind.CHILD, "child", "Alex", "")
    helped = rate(world, "senco", [(target, 1)], today=TODAY, for_child=True)[0]
    assert (helped.rater_kind, helped.rater_key, helped.attributed_to) == (RaterKind.CHILD, "child", "Alex")
    assert helped.helped_by == f"{world.people['senco'].full_name} (SENCo or teacher)"
    assert helped.entered_by == world.people["senco"]


def test_sending_the_same_ratings_twice_records_them_once(world):
    made = final_plan(world)
    first, second = add_target(world, made["outcome"]), add_target(world, made["outcome"], text="Second")
    key = uuid.uuid4()
    for _ in range(2):
        rate(world, "parent_carer", [(first, 1), (second, 0)], today=TODAY, key=key)
    assert Rating.objects.count() == 2


def test_rating_again_keeps_the_earlier_rating_and_the_newest_counts(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    rate(world, "parent_carer", [(target, -1)], today=TODAY)
    rate(world, "parent_carer", [(target, 1)], today=TODAY)
    assert Rating.objects.count() == 2
    _, access = as_(world, "parent_carer")
    found = selectors.progress(access, delivery=False)
    row = found.outcomes[0].targets[0].latest
    assert [cell.level for cell in row.cells] == [1]


def test_a_rating_for_another_childs_target_is_not_found(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    factories.member(world.b, world.people["parent_carer"], "parent_carer")
    actor, access = as_(world, "parent_carer")
    other_access = type(access)(**{**access.__dict__, "child": world.b})
    with pytest.raises(Http404):
        actions.RateTargets(actor, access=other_access, ratings=[(target, 1, "")]).execute()


def test_levels_outside_the_scale_are_refused(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    with pytest.raises(ActionRefused):
        rate(world, "parent_carer", [(target, 3)], today=TODAY)


def test_check_ins_follow_the_teams_choice(world):
    made = final_plan(world)
    target = add_target(world, made["outcome"])
    actor, access = as_(world, "parent_carer")
    actions.ChooseCheckIns(actor, access=access, every="month").execute()
    rate(world, "parent_carer", [(target, 0)], today=dt.date(2026, 2, 20))
    assert CheckIn.objects.get().label == "February 2026"


# --- delivery -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["parent_carer", "young_person", "iass_adviser"])
def test_the_family_and_their_supporter_cannot_record_delivery(world, who):
    made = final_plan(world)
    with pytest.raises(Http404):
        record(world, made["provision"], on=TODAY, who=who)
    assert DeliveryRecord.objects.count() == 0


def test_a_session_is_recorded_with_who_delivered_it_and_who_recorded_it(world):
    made = final_plan(world)
    entry = record(world, made["provision"], on=TODAY - dt.timedelta(days=1), minutes=30)
    assert (entry.delivered, entry.minutes, entry.delivered_by) == (True, 30, "Jo Patel, teaching assistant")
    assert entry.recorded_by == world.people["senco"]
    assert entry.recorded_by_role == "SENCo or teacher"
    assert entry.provision_what == made["provision"].what


def test_sending_the_same_session_twice_records_it_once(world):
    made = final_plan(world)
    key = uuid.uuid4()
    for _ in range(2):
        record(world, made["provision"], on=TODAY, submission_key=key)
    assert DeliveryRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"delivered": True, "minutes": None}, "minutes"),
        ({"delivered": True, "minutes": 600}, "minutes"),
        ({"delivered": False}, "reason"),
        ({"delivered": False, "reason": MissedReason.OTHER, "note": " "}, "note"),
        ({"delivered": False, "reason": MissedReason.STAFF_AWAY, "until": TODAY}, "until"),
    ],
)
def test_what_a_session_record_needs(world, params, field):
    made = final_plan(world)
    actor, access = as_(world, "senco")
    with pytest.raises(ActionRefused) as refused:
        actions.RecordDelivery(actor, access=access, provision=made["provision"], on=TODAY, **params).execute()
    assert refused.value.field == field


def test_a_session_cannot_be_recorded_in_the_future(world):
    made = final_plan(world)
    with pytest.raises(ActionRefused):
        record(world, made["provision"], on=TODAY + dt.timedelta(days=1))


# --- shortfalls ----------------------------------------------------------------------------------------


def test_a_shortfall_is_flagged_once_to_the_case_officer_and_the_family_then_clears(
    world, django_capture_on_commit_callbacks
):
    made = final_plan(world)
    provision = made["provision"]  # 30 minutes once a week
    first, second, third, fourth = window_tuesdays()
    with django_capture_on_commit_callbacks(execute=True):
        record(world, provision, on=first)
    shortfall = Shortfall.objects.get()
    assert (shortfall.percent, shortfall.threshold, shortfall.resolved_at) == (25, 80, None)
    assert shortfall.delivered_text == "30 of 120 minutes"
    assert AuditEvent.objects.filter(child=world.a, what__startswith="Flagged a delivery shortfall").count() == 1
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted(world.people[who].email for who in ("case_officer", "parent_carer", "young_person"))
    for message in mail.outbox:
        assert world.a.given_name not in message.body and world.a.family_name not in message.body
        assert provision.what not in message.body and "Speech" not in message.subject
        assert f"/children/{world.a.id}/progress/delivery/" in message.body
    assert Shortfall.objects.get().emailed_at is not None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(world, provision, on=second)  # 50%: still short, not told again
    assert mail.outbox == []
    assert Shortfall.objects.get().percent == 50

    with django_capture_on_commit_callbacks(execute=True):
        record(world, provision, on=third)
        record(world, provision, on=fourth)  # 100%: caught up
    assert Shortfall.objects.get().resolved_at is not None
    assert mail.outbox == []


def test_a_parent_the_young_person_has_excluded_is_not_emailed(world, django_capture_on_commit_callbacks):
    world.a.parents_access = ParentsAccess.NONE
    world.a.save()
    made = final_plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        record(world, made["provision"], on=window_tuesdays()[0])
    told = {address for message in mail.outbox for address in message.to}
    assert world.people["parent_carer"].email not in told
    assert world.people["young_person"].email in told


def test_the_council_sets_its_own_threshold(world):
    made = final_plan(world)
    actor, _ = as_(world, "caseload_officer")
    actions.SetShortfallThreshold(actor, council=world.council, percent=50).execute()
    first, second, _, _ = window_tuesdays()
    record(world, made["provision"], on=first)
    record(world, made["provision"], on=second)  # exactly 50%: not below 50%
    assert not Shortfall.objects.filter(resolved_at__isnull=True).exists()
    outsider, _ = as_(world, "other_council_officer")
    with pytest.raises(Http404):
        actions.SetShortfallThreshold(outsider, council=world.council, percent=10).execute()


def test_missed_sessions_that_are_not_owed_do_not_make_a_shortfall(world):
    made = final_plan(world)
    first, second, third, fourth = window_tuesdays()
    record(world, made["provision"], on=first)
    record(world, made["provision"], on=second, delivered=False, reason=MissedReason.CHILD_AWAY)
    record(
        world,
        made["provision"],
        on=third - dt.timedelta(days=1),
        delivered=False,
        reason=MissedReason.CLOSED,
        until=third + dt.timedelta(days=3),
    )
    record(world, made["provision"], on=fourth)
    assert not Shortfall.objects.filter(resolved_at__isnull=True).exists()


def test_the_daily_check_finds_provision_with_nothing_recorded(world, django_capture_on_commit_callbacks):
    final_plan(world)
    with django_capture_on_commit_callbacks(execute=True):
        result = check_delivery.call(TODAY.isoformat())
    assert result == {"checked": 1, "open": 1}
    assert Shortfall.objects.get().percent == 0
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        check_delivery.call(TODAY.isoformat())
    assert len(mail.outbox) == 3, "told once"


def test_nothing_is_owed_until_the_plan_is_final(world):
    from tests.plans.builders import linked_plan

    made = linked_plan(world)  # a draft
    check_delivery.call(TODAY.isoformat())
    record(world, made["provision"], on=TODAY)
    assert not Shortfall.objects.exists()


# --- the annual review ---------------------------------------------------------------------------------


def _review_on_the_clock(world, meeting_on: dt.date) -> AnnualReview:
    NeedsAssessment.objects.create(
        child=world.a,
        requested_by="parent",
        received_on=dt.date(2025, 1, 6),
        decision="yes",
        decided_on=dt.date(2025, 2, 10),
        outcome="issue",
        outcome_on=dt.date(2025, 5, 19),
    )
    return AnnualReview.objects.create(child=world.a, last_plan_on=dt.date(2025, 5, 19), meeting_on=meeting_on)


def test_the_review_report_is_linked_to_the_annual_review_and_can_go_on_the_clock(world):
    final_plan(world)
    review = _review_on_the_clock(world, TODAY - dt.timedelta(days=2))
    actor, access = as_(world, "case_officer")
    report = actions.WriteReviewReport(
        actor,
        access=access,
        meeting_on=review.meeting_on,
        attended="Everyone",
        recommendation="amend",
        outcome="Good progress at home; school sessions were missed.",
        recommendations="Amend section F.",
        record_sent=True,
    ).execute()
    assert report.annual_review == review
    review.refresh_from_db()
    assert review.report_on == TODAY


def test_recording_the_report_on_the_clock_before_the_meeting_is_refused_and_saves_nothing(world):
    final_plan(world)
    review = _review_on_the_clock(world, TODAY + dt.timedelta(days=10))
    actor, access = as_(world, "case_officer")
    with pytest.raises(ActionRefused) as refused:
        actions.WriteReviewReport(
            actor,
            access=access,
            meeting_on=TODAY,
            attended="Everyone",
            recommendation="maintain",
            outcome="o",
            recommendations="r",
            record_sent=True,
        ).execute()
    assert refused.value.field == "record_sent"
    assert not ReviewReport.objects.exists()
    review.refresh_from_db()
    assert review.report_on is None


@pytest.mark.parametrize("who", ["parent_carer", "senco"])
def test_only_officers_write_the_review_report(world, who):
    final_plan(world)
    actor, access = as_(world, who)
    with pytest.raises(Http404):
        actions.WriteReviewReport(
            actor,
            access=access,
            meeting_on=TODAY,
            attended="a",
            recommendation="maintain",
            outcome="o",
            recommendations="r",
        ).execute()
