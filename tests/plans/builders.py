"""A plan with one of everything, for tests."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from coproduce.audit.context import Actor
from coproduce.plans import actions
from coproduce.plans.kinds import KINDS
from coproduce.plans.models import Advice, Comment, Plan, View
from coproduce.teams.policy import access_for

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_(world, who):
    user = world.people[who]
    return Actor(user=user, ip_address="192.0.2.1", request_id="test"), access_for(user, world.a)


def add(world, who, kind, section, plan=None, **data):
    actor, access = as_(world, who)
    plan = plan or Plan.objects.get(child=world.a)
    return actions.AddItem(actor, access=access, plan=plan, kind=KINDS[kind], section=section, data=data).execute()


def start_plan(world) -> Plan:
    actor, access = as_(world, "case_officer")
    return actions.StartPlan(actor, access=access).execute()


def linked_plan(world) -> dict:
    """A draft with the child's views, an aspiration, a need, an outcome and provision linked together."""
    plan = start_plan(world)
    view = add(
        world,
        "young_person",
        "view",
        "A",
        whose="child",
        topic="important",
        text="I like trains.",
        method="own_words",
        helped_by="",
        pictures=["happy"],
    )
    hope = add(
        world,
        "young_person",
        "aspiration",
        "A",
        whose="child",
        text="I want to work on the railway.",
        method="own_words",
        helped_by="",
    )
    need = add(
        world,
        "senco",
        "need",
        "B",
        broad_area="communication_interaction",
        text="Alex finds it hard to follow spoken instructions with more than two parts.",
    )
    outcome = add(
        world,
        "educational_psychologist",
        "outcome",
        "E",
        text="Alex will follow three-part instructions",
        timeframe="by July 2027",
        pfa_area="employment",
        needs=[need],
        aspirations=[hope],
    )
    provision = add(
        world,
        "health",
        "provision",
        "F",
        what="Speech and language therapy on following instructions",
        deliverer_role="speech and language therapist",
        deliverer_training="",
        frequency="once a week",
        duration="30 minutes",
        group_size="1:1",
        where_when="",
        start_date=None,
        review_date=None,
        outcomes=[outcome],
        needs=[need],
    )
    return {"plan": plan, "view": view, "aspiration": hope, "need": need, "outcome": outcome, "provision": provision}


def plan_for_matrix(world) -> dict:
    """A plan out for comment with a need, an advice document and a family comment: every plan route
    has something to address."""
    made = linked_plan(world)
    plan = made["plan"]
    advice = Advice.objects.create(
        plan=plan,
        author=world.people["educational_psychologist"],
        attributed_to="EP",
        author_role="Educational psychologist",
        title="EP advice",
        given_by="EP",
        received_on=dt.date(2026, 1, 5),
    )
    advice.document.save("advice.pdf", ContentFile(PDF_BYTES), save=True)
    advice.document_name, advice.document_type = "advice.pdf", "application/pdf"
    advice.save()
    actor, access = as_(world, "case_officer")
    actions.OpenConsultation(actor, access=access, plan=plan).execute()
    parent_actor, parent_access = as_(world, "parent_carer")
    comment = actions.AddComment(
        parent_actor,
        access=parent_access,
        plan=plan,
        item=made["need"],
        section="B",
        text="Please add that he finds noise hard.",
    ).execute()
    assert isinstance(comment, Comment)
    drawing = View.objects.create(
        plan=plan,
        author=world.people["senco"],
        attributed_to=world.a.known_as,
        author_role="Child or young person",
        whose="child",
        topic="important",
        method="drawing",
        image_type="image/png",
    )
    drawing.image.save("drawing.png", ContentFile(PNG_BYTES), save=True)
    return {
        "code": "B",
        "kind": "need",
        "item_id": made["need"].id,
        "comment_id": comment.id,
        "advice_id": advice.id,
        "image_view_id": drawing.id,
    }
