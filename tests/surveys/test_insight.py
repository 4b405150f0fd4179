"""The co-production overview for boards: each figure counted as its definition says, and suppressed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.forum.models import Decision, LadderRating, RatingSide
from coproduce.plans.models import Agreement, Comment, Plan, View
from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS
from coproduce.surveys import actions
from coproduce.surveys.models import Group, PlanStage
from coproduce.surveys.selectors import load
from tests import factories
from tests.surveys import builders
from tests.surveys.helpers import words

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def _plan(world, child, *, own_words: bool):
    plan = Plan.objects.create(child=child)
    whose = "child" if own_words else "parent"
    View.objects.create(
        plan=plan,
        author=world.people["parent_carer"],
        attributed_to="X",
        author_role="Parent",
        whose=whose,
        topic="important",
        text="Trains",
    )
    return plan


def _comment(plan, author, created: dt.datetime, decided: dt.datetime | None):
    return Comment.objects.create(
        plan=plan,
        section="B",
        author=author,
        author_role="Parent",
        from_family=True,
        text="Please change this",
        created_at=created,
        decided_at=decided,
        decision="accepted" if decided else "",
    )


def test_the_overview_counts_each_measure_as_defined_and_suppresses_small_numbers(client, world, area):
    council = world.council
    children = [factories.child(council) for _ in range(12)]
    plans = [_plan(world, child, own_words=n < 7) for n, child in enumerate(children)]  # 7 of 12
    parent = world.people["parent_carer"]
    # Family comments: 7 answered on their 10th working day, 5 a day later.
    made = timezone.make_aware(dt.datetime(THIS_YEAR - 1, 5, 1, 10))
    due = ENGLAND_WORKING_DAYS.add(made.date(), 10)
    in_time = timezone.make_aware(dt.datetime.combine(due, dt.time(16)))
    for n in range(7):
        _comment(plans[n], parent, made, in_time)
    for n in range(5):
        _comment(plans[n], parent, made, in_time + dt.timedelta(days=1))
    # Agreement: section A, 6 agree and 1 disagree (then changed their mind to agree).
    for n in range(6):
        Agreement.objects.create(
            plan=plans[n], section="A", person=parent, person_role="Parent", position="agree", plan_version=1
        )
    Agreement.objects.create(
        plan=plans[6],
        section="A",
        person=parent,
        person_role="Parent",
        position="disagree",
        plan_version=1,
        recorded_at=timezone.now() - dt.timedelta(days=2),
    )
    Agreement.objects.create(
        plan=plans[6], section="A", person=parent, person_role="Parent", position="agree", plan_version=1
    )
    # Four Cornerstones: 10 answers, 5 "mostly" or "completely" on welcome.
    survey = actions.cornerstones_survey_for(council)
    loaded = load(survey)
    welcome = loaded.questions[0]
    for label in ["Completely", "Mostly", "Mostly", "Completely", "Mostly"] + ["A little"] * 5:
        builders.respond(survey, {welcome: label}, group=Group.PARENT, stage=PlanStage.FINAL_PLAN)
    # The ladder: 3 decisions rated by both sides (a small number).
    for n in range(3):
        decision = Decision.objects.create(
            workstream=area.board,
            title=f"D{n}",
            what="W",
            decided_by="Board",
            decided_on=dt.date(THIS_YEAR - 1, 3, 1),
            family_involvement="Asked",
            recorded_by=area.coordinator,
        )
        LadderRating.objects.create(decision=decision, side=RatingSide.FAMILIES, rung=6, rated_by=parent)
        LadderRating.objects.create(decision=decision, side=RatingSide.COUNCIL, rung=7, rated_by=area.coordinator)

    client.force_login(area.coordinator)
    response = client.get(reverse("surveys:insight") + f"?year={THIS_YEAR - 1}")
    page = words(response)
    assert "out of all plans. 12 7 58%" in page
    assert "Comments still within their 10 days are left out. 12 7 58%" in page
    assert "Section A: Views, interests and aspirations 7 (100%)" in page
    assert "50% (10)" in page, "5 of 10 welcome answers were mostly or completely"
    assert "Decisions parent representatives placed at co-design or co-production" in page
    assert page.count("fewer than 5") >= 3, "3 rated decisions are a small number"
    assert AuditEvent.objects.filter(actor=area.coordinator, what="Looked at the co-production overview").exists()


def test_the_overview_is_for_officers_coordinators_and_board_members_only(client, world, area):
    client.force_login(world.people["senco"])
    assert client.get(reverse("surveys:insight")).status_code == 404
    builders.on_board(area, world.people["senco"], "practitioner")
    assert client.get(reverse("surveys:insight")).status_code == 200
    client.force_login(world.people["other_council_officer"])
    page = words(client.get(reverse("surveys:insight")))
    assert world.other_council.name in page and world.council.name not in page
