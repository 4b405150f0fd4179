"""The demo forum: Northmoor Parent Carer Forum, two workstreams, a term of meetings and decisions, and
public "you said, we did" items. Dated from today, so it always looks current.

- Joanne Reid coordinates the forum; Rachel Green is a parent representative on both workstreams.
- Preparing for adulthood (chaired by Rachel) and the local offer (chaired by Olivia Bennett) each had
  three meetings this term, with one coming up. Most minutes are agreed; the latest are out for
  comments. Each workstream has a decision where the two sides' ladder ratings are two rungs apart,
  and an action that is overdue.
- Four "you said, we did" items, three of them public, with dated updates.
- Rachel and Karen have recorded time and expenses; one of Rachel's claims is waiting for Joanne.

Everything goes through the same actions people use (recorded as from the demo), so the audit trail is
right. Running it again adds nothing: a forum that already has workstreams is left alone.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.context import Actor
from coproduce.forum import actions, clock
from coproduce.forum.models import (
    ActionStatus,
    Claim,
    ForumCoordinator,
    ForumMember,
    Meeting,
    MemberRole,
    SourceKind,
    WorkAction,
    Workstream,
    WorkstreamKind,
    YouSaidStatus,
)
from coproduce.forum.policy import access_for
from coproduce.plans.uploads import identify

FORUM = "Northmoor Parent Carer Forum"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _actor(user) -> Actor:
    return Actor(user=user, request_id="demo-data")


class _Demo:
    def __init__(self, people: dict, today: dt.date):
        self.people = people
        self.today = today

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def access(self, slug: str, workstream: Workstream):
        return access_for(self.people[slug], workstream)

    def as_(self, slug: str, action_class, workstream: Workstream, **params):
        return action_class(_actor(self.people[slug]), access=self.access(slug, workstream), **params).execute()


def load_demo_forum(people: dict, *, today: dt.date | None = None) -> int:
    """Set up the demo forum; returns how many workstreams were added (0 if it was already there)."""
    today = today or clock.today()
    forum = Organisation.objects.filter(name=FORUM, kind=OrganisationKind.FORUM).first()
    needed = ("joanne", "rachel", "karen", "jordan", "ian", "olivia", "priya", "marcus", "fatima", "david")
    if forum is None or any(slug not in people for slug in needed):
        return 0
    if Workstream.objects.filter(forum=forum).exists():
        return 0
    demo = _Demo(people, today)
    ForumCoordinator.objects.get_or_create(forum=forum, user=people["joanne"], defaults={"started_on": demo.day(-730)})
    for slug, may_contact in (("amira", True), ("sarah", True), ("david", False), ("karen", True), ("rachel", True)):
        if slug in people:
            actions.JoinForum(_actor(people[slug]), forum=forum, may_contact=may_contact).execute()

    coordinator = _actor(people["joanne"])
    pfa = actions.CreateWorkstream(
        coordinator,
        forum=forum,
        kind=WorkstreamKind.WORKSTREAM,
        name="Preparing for adulthood",
        purpose=(
            "Make the move from school to adult life planned, early and led by the young person: work, "
            "independent living, friends and community, and good health, from Year 9.\n"
            "Success looks like: young people say their plan is about the life they want."
        ),
    ).execute()
    offer = actions.CreateWorkstream(
        coordinator,
        forum=forum,
        kind=WorkstreamKind.WORKSTREAM,
        name="The local offer",
        purpose=(
            "Make the council's local offer easy to find, easy to read and up to date, written with families.\n"
            "Success looks like: families find what they need first time."
        ),
    ).execute()
    _members(demo, pfa, offer, coordinator)
    _pfa_term(demo, pfa)
    _local_offer_term(demo, offer)
    _you_said(demo, forum, pfa, offer)
    _claims(demo, pfa)
    return 2


def _members(demo: _Demo, pfa: Workstream, offer: Workstream, coordinator: Actor) -> None:
    start, end = demo.day(-365), demo.day(365)
    forum_mandate = "Northmoor Parent Carer Forum"
    rows = {
        pfa: [
            ("rachel", MemberRole.PARENT_REP, forum_mandate),
            ("karen", MemberRole.PARENT_REP, forum_mandate),
            ("jordan", MemberRole.YOUNG_PERSON_REP, "Northmoor young people's SEND group"),
            ("ian", MemberRole.COUNCIL_OFFICER, "Northmoor Council SEND service"),
            ("marcus", MemberRole.PRACTITIONER, "Northmoor Children's Social Care"),
            ("fatima", MemberRole.OBSERVER, "Northmoor SENDIASS"),
        ],
        offer: [
            ("rachel", MemberRole.PARENT_REP, forum_mandate),
            ("david", MemberRole.PARENT_REP, forum_mandate),
            ("olivia", MemberRole.COUNCIL_OFFICER, "Northmoor Council SEND service"),
            ("priya", MemberRole.PRACTITIONER, "Northmoor SENCo network"),
            ("fatima", MemberRole.OBSERVER, "Northmoor SENDIASS"),
        ],
    }
    for workstream, members in rows.items():
        access = access_for(coordinator.user, workstream)
        for slug, role, mandate in members:
            actions.AddMember(
                coordinator,
                access=access,
                email=demo.people[slug].email,
                role=role,
                mandate=mandate,
                started_on=start,
                ended_on=end if role in (MemberRole.PARENT_REP, MemberRole.YOUNG_PERSON_REP) else None,
            ).execute()
    for workstream, chair in ((pfa, "rachel"), (offer, "olivia")):
        actions.UpdateWorkstream(
            coordinator,
            access=access_for(coordinator.user, workstream),
            name=workstream.name,
            kind=workstream.kind,
            purpose=workstream.purpose,
            chair=demo.people[chair],
        ).execute()


def _meeting(
    demo: _Demo,
    workstream: Workstream,
    scheduler: str,
    title: str,
    offset: int,
    agenda: list[str],
    *,
    present: dict[str, str] | None = None,
    minutes: str = "",
    runner: str = "",
    agreed: bool = False,
    comment: tuple[str, str] | None = None,
) -> Meeting:
    meeting = demo.as_(
        scheduler,
        actions.ScheduleMeeting,
        workstream,
        title=title,
        held_on=demo.day(offset),
        place="Northmoor Civic Centre, room 2, and online",
        agenda="\n".join(agenda),
    )
    if present is not None:
        members = actions.members_on(workstream, meeting.held_on)
        statuses = {member.pk: present.get(member.user.email, "present") for member in members}
        demo.as_(scheduler, actions.RecordAttendance, workstream, meeting=meeting, statuses=statuses)
    if minutes:
        meeting = demo.as_(runner, actions.SaveMinutes, workstream, meeting=meeting, text=minutes, version=0)
        meeting = demo.as_(runner, actions.CirculateMinutes, workstream, meeting=meeting)
        if comment:
            demo.as_(comment[0], actions.CommentOnMinutes, workstream, meeting=meeting, text=comment[1])
        circulated = demo.day(offset + 3)
        Meeting.objects.filter(pk=meeting.pk).update(minutes_circulated_on=circulated)
        if agreed:
            demo.as_(runner, actions.AgreeMinutes, workstream, meeting=meeting)
            Meeting.objects.filter(pk=meeting.pk).update(minutes_agreed_on=demo.day(offset + 28))
    return meeting


def _decide(demo: _Demo, workstream: Workstream, by: str, meeting: Meeting, ratings: dict[str, int], **fields):
    decision = demo.as_(by, actions.RecordDecision, workstream, meeting=meeting, decided_on=meeting.held_on, **fields)
    for slug, rung in ratings.items():
        demo.as_(slug, actions.RateDecision, workstream, decision=decision, rung=rung, reason="")
    return decision


def _act(demo: _Demo, workstream: Workstream, by: str, owner: str, what: str, due: int, **update):
    work = demo.as_(by, actions.AddWorkAction, workstream, what=what, owner=demo.people[owner], due_on=demo.day(due))
    if update:
        demo.as_(by, actions.UpdateWorkAction, workstream, work=work, **update)
    return work


def _pfa_term(demo: _Demo, pfa: Workstream) -> None:
    karen = demo.people["karen"].email
    first = _meeting(
        demo,
        pfa,
        "rachel",
        "Autumn term: first meeting",
        -70,
        ["Welcome and introductions", "What young people told us about moving on from school", "Transition guide"],
        present={},
        minutes="Everyone introduced themselves. Jordan presented what young people said about leaving school.\n"
        "The group agreed to write a transition guide with young people and families.",
        runner="rachel",
        agreed=True,
    )
    paper = ContentFile(PDF, name="What young people told us.pdf")
    demo.as_(
        "ian",
        actions.UploadPaper,
        pfa,
        meeting=first,
        title="What young people told us about leaving school",
        upload=paper,
        file_type=identify(paper),
    )
    second = _meeting(
        demo,
        pfa,
        "rachel",
        "Autumn term: second meeting",
        -42,
        ["Minutes of the last meeting", "Annual reviews from Year 9", "Supported internships"],
        present={karen: "apologies"},
        minutes="The council proposed adding a preparing for adulthood section to every annual review from Year 9.\n"
        "Parent representatives asked for young people to lead that part of the meeting.",
        runner="rachel",
        agreed=True,
    )
    third = _meeting(
        demo,
        pfa,
        "ian",
        "Autumn term: third meeting",
        -14,
        ["Minutes of the last meeting", "Supported internships pilot", "Survey of Year 9 families"],
        present={karen: "absent"},
        minutes="The college offered four supported internship places. Ian will ask for more.",
        runner="rachel",
        comment=("marcus", "Please add that social care will join the first review of the pilot."),
    )
    _meeting(
        demo, pfa, "ian", "Spring term: first meeting", 14, ["Minutes of the last meeting", "Internships: next steps"]
    )
    guide = _decide(
        demo,
        pfa,
        "rachel",
        first,
        {"rachel": 6, "ian": 6},
        title="Write the transition guide with young people",
        what="A guide to moving on from school, written by young people, families and the council together.",
        decided_by="The preparing for adulthood workstream, by agreement of all members present",
        evidence="Feedback from 38 young people at the summer SEND conference.",
        families_views="Young people want to know what happens at 16, 18 and 19, in plain words.",
        family_involvement="Young people and parent representatives chose the topics and will write the guide.",
    )
    _decide(
        demo,
        pfa,
        "ian",
        second,
        {"rachel": 4, "ian": 6},
        title="A preparing for adulthood section in every annual review from Year 9",
        what="From January, every annual review from Year 9 has a section on work, living, friends and health.",
        decided_by="The council's head of SEND, on the workstream's advice",
        evidence="Ofsted area SEND inspection findings; annual review audit.",
        families_views="Parents said reviews talk about school, not about life after school.",
        family_involvement="Parent representatives were asked for comments on the council's proposal.",
    )
    internships = _decide(
        demo,
        pfa,
        "ian",
        third,
        {"ian": 5},
        title="Pilot supported internships with Northmoor College",
        what="Four supported internship places from September, reviewed after one term.",
        decided_by="The preparing for adulthood workstream",
        evidence="Employment outcomes of supported internships elsewhere.",
        family_involvement="Families of young people in Year 13 helped choose the employers to approach.",
    )
    _act(
        demo,
        pfa,
        "rachel",
        "rachel",
        "Draft the transition guide with the young people's group",
        -30,
        status=ActionStatus.DONE,
        completed_on=demo.day(-35),
    )
    _act(
        demo,
        pfa,
        "ian",
        "ian",
        "Ask the college for more supported internship places",
        -7,
        status=ActionStatus.IN_PROGRESS,
    )
    _act(demo, pfa, "rachel", "karen", "Share the survey with Year 9 families", 20)
    WorkAction.objects.filter(workstream=pfa, what__startswith="Draft").update(decision=guide)
    WorkAction.objects.filter(workstream=pfa, what__startswith="Ask the college").update(decision=internships)


def _local_offer_term(demo: _Demo, offer: Workstream) -> None:
    david = demo.people["david"].email
    first = _meeting(
        demo,
        offer,
        "olivia",
        "Local offer: first meeting",
        -63,
        ["What families find hard about the local offer", "Home page"],
        present={},
        minutes="Families said the local offer home page is a list of links. The group agreed to rewrite it.",
        runner="olivia",
        agreed=True,
    )
    second = _meeting(
        demo,
        offer,
        "olivia",
        "Local offer: second meeting",
        -35,
        ["Minutes of the last meeting", "Short breaks"],
        present={david: "apologies"},
        minutes="The council shared the new short breaks eligibility text.",
        runner="olivia",
        agreed=True,
    )
    _meeting(
        demo,
        offer,
        "olivia",
        "Local offer: third meeting",
        -7,
        ["Minutes of the last meeting", "Testing the new home page"],
        present={},
        minutes="Five families tested the new home page. Most found short breaks first time.",
        runner="olivia",
        comment=("rachel", "Two of the five could not find the SENDIASS contact details: please add that."),
    )
    _meeting(demo, offer, "olivia", "Local offer: fourth meeting", 21, ["Minutes of the last meeting"])
    _decide(
        demo,
        offer,
        "olivia",
        first,
        {"rachel": 7, "olivia": 6},
        title="Rewrite the local offer home page with families",
        what="Parent representatives and the council rewrite the home page together and test it with families.",
        decided_by="The local offer workstream, by agreement",
        families_views="Families said they cannot find anything on the local offer.",
        family_involvement="Parent representatives led the rewrite; families tested it.",
    )
    _decide(
        demo,
        offer,
        "olivia",
        second,
        {"rachel": 3, "olivia": 5},
        title="Publish the short breaks eligibility in plain English",
        what="The council publishes its short breaks eligibility criteria in plain English.",
        decided_by="The council's short breaks team",
        families_views="Families do not know who can have short breaks.",
        family_involvement="The forum was told about the new text before it was published.",
    )
    _act(
        demo,
        offer,
        "olivia",
        "david",
        "Test the new home page with five families",
        -20,
        status=ActionStatus.DONE,
        completed_on=demo.day(-15),
    )
    _act(
        demo,
        offer,
        "olivia",
        "olivia",
        "Add the SENDIASS contact details to every local offer page",
        -2,
        status=ActionStatus.NOT_STARTED,
    )
    _act(demo, offer, "olivia", "priya", "Ask SENCos which pages they send families to", 10)


def _you_said(demo: _Demo, forum: Organisation, pfa: Workstream, offer: Workstream) -> None:
    coordinator = _actor(demo.people["joanne"])
    area = forum.local_area
    items = [
        {
            "title": "Waiting for speech and language therapy",
            "families_said": "Families told us they wait too long for speech and language therapy, and hear nothing "
            "while they wait.",
            "we_will": "The health trust will write to every family on the waiting list each month with their "
            "place and what they can do meanwhile.",
            "owner": "Northmoor Community Health NHS Trust",
            "source_kind": SourceKind.SURVEY,
            "source_description": "Autumn survey of families, question 6",
            "published": True,
            "history": [
                (-50, YouSaidStatus.PLANNED, "The trust has agreed to write to families every month."),
                (-12, YouSaidStatus.IN_PROGRESS, "The first monthly letters went out this week."),
            ],
        },
        {
            "title": "It is hard to find anything on the local offer",
            "families_said": "Families said the local offer is a long list of links and they cannot find what "
            "they need.",
            "we_will": "Parent representatives and the council will rewrite the home page together and test it.",
            "owner": "Northmoor Council SEND service",
            "source_kind": SourceKind.FORUM,
            "source_description": "Forum coffee morning",
            "workstream": offer,
            "published": True,
            "history": [
                (-60, YouSaidStatus.PLANNED, "The local offer workstream agreed to rewrite the home page."),
                (-10, YouSaidStatus.DONE, "The new home page is live. Five families tested it first."),
            ],
        },
        {
            "title": "Not enough help to plan for life after school",
            "families_said": "Parents of young people in Year 9 and above said reviews talk about school, not about "
            "work, living and friends.",
            "we_will": "Every annual review from Year 9 will have a preparing for adulthood section.",
            "owner": "Northmoor Council SEND service",
            "source_kind": SourceKind.PLANS,
            "source_description": "Themes from annual reviews this year",
            "workstream": pfa,
            "published": True,
            "history": [(-40, YouSaidStatus.PLANNED, "The workstream has agreed the new review section.")],
        },
        {
            "title": "Who can have short breaks is unclear",
            "families_said": "Families do not know who can have short breaks or how to ask.",
            "owner": "Northmoor Council short breaks team",
            "source_kind": SourceKind.MEETING,
            "source_description": "Local offer workstream meeting",
            "workstream": offer,
            "published": False,
            "history": [],
        },
    ]
    contributors = [demo.people[slug] for slug in ("amira", "sarah", "david") if slug in demo.people]
    members = ForumMember.objects.filter(forum=forum, user__in=contributors)
    for data in items:
        history = data.pop("history")
        item = actions.CreateYouSaidItem(coordinator, local_area=area, **data).execute()
        for offset, status, text in history:
            actions.PostYouSaidUpdate(
                coordinator, item=item, text=text, status=status, posted_on=demo.day(offset)
            ).execute()
        # Added after the history, so loading the demo sends nobody an email.
        actions.AddContributors(coordinator, item=item, members=members).execute()


def _claims(demo: _Demo, pfa: Workstream) -> None:
    rows = [
        ("rachel", -70, "Autumn term first meeting, and preparation", "3", "12.40", "45.00", True),
        ("rachel", -42, "Autumn term second meeting", "2.5", "8.20", "30.00", True),
        ("karen", -42, "Autumn term second meeting, reading the papers", "2", "0", "30.00", True),
        ("rachel", -14, "Autumn term third meeting, and writing the draft minutes", "4", "12.40", "45.00", False),
    ]
    joanne = _actor(demo.people["joanne"])
    for slug, offset, description, hours, expenses, payment, approve in rows:
        claim: Claim = demo.as_(
            slug,
            actions.SubmitClaim,
            pfa,
            on_date=demo.day(offset),
            description=description,
            hours=Decimal(hours),
            expenses=Decimal(expenses),
            payment=Decimal(payment),
        )
        if approve:
            actions.DecideClaim(joanne, claim=claim, approve=True, note="").execute()
