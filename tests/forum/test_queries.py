"""List pages read with a fixed number of queries, however many rows there are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.forum import actions
from coproduce.forum.models import Member, MemberRole, Workstream
from coproduce.forum.policy import access_for
from tests import factories
from tests.forum.builders import actor, as_, forum_in

pytestmark = pytest.mark.django_db


def _add(world, made, numbers: range) -> None:
    """One more of everything a list shows, for each number."""
    ws = made.workstream
    officer, rep = world.people["caseload_officer"], world.people["parent_carer"]
    for i in numbers:
        day = dt.date(2026, 1, 1) + dt.timedelta(days=i)
        meeting = as_(officer, actions.ScheduleMeeting, ws, title=f"Meeting {i}", held_on=day)
        actions.RecordAttendance(
            actor(officer),
            access=access_for(officer, ws),
            meeting=meeting,
            statuses={m.pk: "present" if i % 2 else "apologies" for m in Member.objects.filter(workstream=ws)},
        ).execute()
        decision = as_(
            officer,
            actions.RecordDecision,
            ws,
            meeting=meeting,
            title=f"Decision {i}",
            what="What",
            decided_by="Board",
            decided_on=day,
            family_involvement="Asked",
        )
        as_(officer, actions.RateDecision, ws, decision=decision, rung=6)
        as_(rep, actions.RateDecision, ws, decision=decision, rung=3 + i % 3)
        as_(officer, actions.AddWorkAction, ws, what=f"Action {i}", owner=rep, due_on=day + dt.timedelta(days=90 * i))
        item = actions.CreateYouSaidItem(
            actor(made.coordinator),
            local_area=world.council,
            workstream=ws,
            title=f"Item {i}",
            families_said="Said",
            published=True,
        ).execute()
        actions.PostYouSaidUpdate(actor(made.coordinator), item=item, text="Update", status="planned").execute()
        claim = as_(
            rep,
            actions.SubmitClaim,
            ws,
            on_date=dt.date(2024, 1, 1) + dt.timedelta(days=100 * i),
            description="Meeting",
            hours=Decimal(2),
            expenses=Decimal(1),
            payment=Decimal(0),
        )
        if i % 2:
            actions.DecideClaim(actor(made.coordinator), claim=claim, approve=True, note="").execute()
        other = Workstream.objects.create(
            forum=made.forum, local_area=world.council, name=f"Workstream {i}", purpose="Purpose"
        )
        Member.objects.create(
            workstream=other, user=factories.user(), role=MemberRole.PARENT_REP, started_on=dt.date(2020, 1, 1)
        )
        if i < 2:
            observer = world.people["other_health" if i % 2 else "other_social_worker"]
            Member.objects.create(
                workstream=other, user=observer, role=MemberRole.OBSERVER, started_on=dt.date(2020, 1, 1)
            )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    ("caseload_officer", "forum:decisions", True),
    ("caseload_officer", "forum:actions", True),
    ("caseload_officer", "forum:workstream", True),
    ("caseload_officer", "forum:health", True),
    ("caseload_officer", "forum:you-said-list", False),
    ("forum_coordinator", "forum:home", False),
    ("other_parent_carer", "forum:home", False),
    ("forum_coordinator", "forum:claims", False),
    ("forum_coordinator", "forum:claim-totals", False),
    ("parent_carer", "forum:claims", False),
    ("anonymous", "forum:you-said-public", False),
]


@pytest.mark.parametrize(("who", "route", "in_workstream"), PAGES, ids=[f"{r}-{w}" for w, r, _ in PAGES])
def test_list_pages_do_not_grow_queries_with_rows(client, world, who, route, in_workstream):
    made = forum_in(world)
    if who != "anonymous":
        client.force_login(world.people[who])
    url = reverse(route, args=[made.workstream.pk] if in_workstream else [])
    _add(world, made, range(0, 2))
    few = _count(client, url)
    _add(world, made, range(2, 8))
    many = _count(client, url)
    assert many == few, f"{route}: {few} queries with two of each, {many} with eight"
