"""Targets, ratings and delivery records for tests, made through the same actions people use."""

from __future__ import annotations

import datetime as dt
import struct
import uuid
import zlib

from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

from coproduce.plans.models import Plan, PlanStage
from coproduce.progress import actions
from coproduce.progress.models import ReviewView, Target
from tests.plans.builders import as_, linked_plan

LEVELS = {
    "much_less": "Alex follows no three-part instructions.",
    "less": "Alex follows a three-part instruction with pictures and an adult's help.",
    "expected": "Alex follows a three-part instruction in a small group, with pictures.",
    "more": "Alex follows a three-part instruction in class, with pictures.",
    "much_more": "Alex follows a three-part instruction in class, without pictures.",
}


def final_plan(world, *, finalised_on: dt.date = dt.date(2025, 9, 1)) -> dict:
    """``linked_plan`` made final on ``finalised_on`` (the provision is owed from then)."""
    made = linked_plan(world)
    Plan.objects.filter(pk=made["plan"].pk).update(stage=PlanStage.FINAL, finalised_on=finalised_on)
    made["plan"].refresh_from_db()
    made["provision"].refresh_from_db()
    return made


def add_target(world, outcome, *, who: str = "senco", text: str = "Follow three-part instructions", weight: int = 1):
    actor, access = as_(world, who)
    return actions.AddTarget(
        actor,
        access=access,
        outcome=outcome,
        data={"text": text, "by_when": "", "weight": weight, "written_with": "Alex, their parent and the SENCo"}
        | LEVELS,
    ).execute()


def rate(world, who: str, ratings, *, today: dt.date, for_child: bool = False, key=None):
    """``ratings``: (target, level) or (target, level, comment)."""
    actor, access = as_(world, who)
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in ratings]
    return actions.RateTargets(
        actor, access=access, ratings=rows, today=today, for_child=for_child, submission_key=key or uuid.uuid4()
    ).execute()


def record(world, provision, *, on: dt.date, who: str = "senco", delivered: bool = True, minutes: int = 30, **more):
    actor, access = as_(world, who)
    return actions.RecordDelivery(
        actor,
        access=access,
        provision=provision,
        delivered=delivered,
        on=on,
        minutes=minutes if delivered else None,
        delivered_by="Jo Patel, teaching assistant" if delivered else "",
        submission_key=more.pop("submission_key", uuid.uuid4()),
        **more,
    ).execute()


def png_bytes() -> bytes:
    """A real 1×1 PNG image, made here so the tests need no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xdd\x00"))
        + chunk(b"IEND", b"")
    )


def drawing_for_review(world) -> ReviewView:
    """The child's drawing, given for the annual review (entered by the SENCo)."""
    actor, access = as_(world, "senco")
    upload = SimpleUploadedFile("drawing.png", png_bytes(), content_type="image/png")
    data = {
        "whose": "child",
        "topic": "important",
        "text": "",
        "method": "drawing",
        "helped_by": "",
        "pictures": [],
        "image": File(upload, name="drawing.png"),
        "image_type": "image/png",
    }
    return actions.AddReviewView(actor, access=access, data=data).execute()


def progress_for_matrix(world) -> dict:
    """A target under the plan's outcome (``plan_for_matrix`` made the plan) and a drawing for the review:
    every progress route has something to address."""
    plan = Plan.objects.get(child=world.a)
    outcome = plan.outcomes.first()
    provision = plan.provision.first()
    target = add_target(world, outcome)
    assert isinstance(target, Target)
    drawing = drawing_for_review(world)
    return {"outcome_id": outcome.id, "target_id": target.id, "provision_id": provision.id, "view_id": drawing.id}
