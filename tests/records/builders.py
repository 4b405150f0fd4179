"""Subject access requests and retention, for tests."""

from __future__ import annotations

from coproduce.audit.context import Actor
from coproduce.records import actions
from coproduce.records.models import AccessRequest, ReviewDecision
from coproduce.teams.policy import access_for


def as_(world, who, child=None):
    user = world.people[who]
    return Actor(user=user, ip_address="192.0.2.1", request_id="test"), access_for(user, child or world.a)


def ask(world, who="parent_carer") -> AccessRequest:
    actor, access = as_(world, who)
    return actions.RequestRecords(actor, access=access).execute()


def produce(world, access_request) -> AccessRequest:
    actor, access = as_(world, "caseload_officer")
    return actions.ProduceExport(actor, access=access, request=access_request).execute()


def decide_all(world, access_request, decision=ReviewDecision.RELEASE, reason="Professional acting in their role"):
    actor, access = as_(world, "caseload_officer")
    for item in access_request.flagged_items.all():
        actions.DecideFlaggedItem(
            actor, access=access, request=access_request, item=item, decision=decision, reason=reason
        ).execute()


def release(world, access_request) -> AccessRequest:
    actor, access = as_(world, "caseload_officer")
    return actions.ReleaseExport(actor, access=access, request=access_request).execute()


def records_for_matrix(world) -> dict:
    """A released request by the parent, with its flagged items decided: every records route has something
    to address. (``plan_for_matrix`` made the plan, so there are items written by practitioners.)"""
    access_request = ask(world)
    produce(world, access_request)
    first = access_request.flagged_items.first()
    assert first is not None
    decide_all(world, access_request)
    release(world, access_request)
    return {"request_id": access_request.id, "flag_id": first.id}
