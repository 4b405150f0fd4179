"""A forum with one of everything, for tests and for the access matrix.

In the access matrix world (``tests/conftest.py``), people keep their team roles and gain forum ones,
which change nothing on the existing routes:

- ``forum_coordinator`` (new): coordinates the forum;
- ``parent_carer``: parent representative and chair of the workstream;
- ``caseload_officer``: council officer on the workstream;
- ``senco``: practitioner on the workstream;
- ``iass_adviser``: observer (can read, not vote, decide or rate);
- ``other_senco``: was on the workstream, but the membership has ended;
- ``other_parent_carer``: has joined the forum, but is not on the workstream;
- everyone else: outside the forum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.context import Actor
from coproduce.forum import actions
from coproduce.forum.models import ForumCoordinator, Member, MemberRole, MinutesStatus, SourceKind, YouSaidStatus
from coproduce.forum.policy import access_for
from coproduce.plans.uploads import identify
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def actor(user) -> Actor:
    return Actor(user=user, ip_address="192.0.2.1", request_id="test")


def as_(user, action_class, workstream, **params):
    return action_class(actor(user), access=access_for(user, workstream), **params).execute()


@dataclass
class Forum:
    forum: Organisation
    coordinator: object
    workstream: object
    members: dict


def forum_in(world, *, coordinator=None) -> Forum:
    """The forum of ``world.council`` with its coordinator and one workstream with every kind of member."""
    forum = Organisation.objects.create(
        name="Northmoor Parent Carer Forum", kind=OrganisationKind.FORUM, local_area=world.council
    )
    coordinator = coordinator or factories.user("Joanne Reid")
    world.people["forum_coordinator"] = coordinator
    ForumCoordinator.objects.create(forum=forum, user=coordinator, started_on=dt.date(2020, 1, 1))
    workstream = actions.CreateWorkstream(
        actor(coordinator),
        forum=forum,
        kind="workstream",
        name="Preparing for adulthood",
        purpose="Plan early for adult life.",
    ).execute()
    start = dt.date(2020, 1, 1)
    members = {}
    for who, role in (
        ("parent_carer", MemberRole.PARENT_REP),
        ("caseload_officer", MemberRole.COUNCIL_OFFICER),
        ("senco", MemberRole.PRACTITIONER),
        ("iass_adviser", MemberRole.OBSERVER),
    ):
        members[who] = Member.objects.create(
            workstream=workstream,
            user=world.people[who],
            role=role,
            mandate="Northmoor Parent Carer Forum" if role == MemberRole.PARENT_REP else "",
            started_on=start,
        )
    members["other_senco"] = Member.objects.create(
        workstream=workstream,
        user=world.people["other_senco"],
        role=MemberRole.PARENT_REP,
        started_on=start,
        ended_on=dt.date(2021, 1, 1),
    )
    workstream.chair = world.people["parent_carer"]
    workstream.save(update_fields=["chair"])
    actions.JoinForum(actor(world.people["other_parent_carer"]), forum=forum, may_contact=True).execute()
    return Forum(forum=forum, coordinator=coordinator, workstream=workstream, members=members)


def forum_for_matrix(world, *, full: bool = True) -> dict:
    """Something for every forum route to address; returns the URL parameter values.

    With ``full=False`` (for routes outside the forum) only the forum and its coordinator are made, which
    is all those routes need and keeps the matrix quick.
    """
    if not full:
        coordinator = factories.user("Joanne Reid")
        world.people["forum_coordinator"] = coordinator
        forum = Organisation.objects.create(
            name="Northmoor Parent Carer Forum", kind=OrganisationKind.FORUM, local_area=world.council
        )
        ForumCoordinator.objects.create(forum=forum, user=coordinator, started_on=dt.date(2020, 1, 1))
        return {}
    made = forum_in(world)
    ws = made.workstream
    parent, officer = world.people["parent_carer"], world.people["caseload_officer"]
    meeting = as_(officer, actions.ScheduleMeeting, ws, title="Autumn meeting", held_on=dt.date(2026, 1, 10))
    meeting = as_(parent, actions.SaveMinutes, ws, meeting=meeting, text="We met.", version=0)
    assert meeting.minutes_status == MinutesStatus.DRAFT
    upload = ContentFile(PDF_BYTES, name="agenda.pdf")
    paper = as_(
        officer, actions.UploadPaper, ws, meeting=meeting, title="Agenda", upload=upload, file_type=identify(upload)
    )
    decision = as_(
        officer,
        actions.RecordDecision,
        ws,
        meeting=meeting,
        title="Write a guide",
        what="Write a transition guide with young people.",
        decided_by="The workstream",
        decided_on=dt.date(2026, 1, 10),
        family_involvement="Parent representatives chose the topics.",
    )
    work = as_(officer, actions.AddWorkAction, ws, what="Draft the guide", owner=parent, due_on=dt.date(2026, 2, 1))
    item = actions.CreateYouSaidItem(
        actor(made.coordinator),
        local_area=world.council,
        title="Waiting times",
        families_said="Families wait too long.",
        source_kind=SourceKind.SURVEY,
        published=True,
    ).execute()
    actions.PostYouSaidUpdate(
        actor(made.coordinator), item=item, text="We have a plan.", status=YouSaidStatus.PLANNED
    ).execute()
    claim = as_(
        parent,
        actions.SubmitClaim,
        ws,
        on_date=dt.date(2026, 1, 10),
        description="Meeting",
        hours=Decimal("2"),
        expenses=Decimal("5.00"),
        payment=Decimal(0),
    )
    return {
        "workstream_id": ws.id,
        "meeting_id": meeting.id,
        "paper_id": paper.id,
        "decision_id": decision.id,
        "action_id": work.id,
        "member_id": made.members["senco"].id,
        "you_said_id": item.id,
        "claim_id": claim.id,
    }
