"""Searching the audit trail, for officers with the audit role, within their own councils."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.models import StaffPosition
from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.audit.record import record
from coproduce.teams.models import Child
from coproduce.teams.policy import can_search_audit


def audit_councils(user) -> QuerySet:
    today = timezone.localdate()
    return (
        StaffPosition.objects.filter(user=user, audit_access=True, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values("organisation_id")
    )


def search_events(
    actor: Actor,
    *,
    person: str = "",
    child: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = 500,
) -> list[AuditEvent]:
    """Events about children of the searcher's councils, newest first. The search itself is audited."""
    if not can_search_audit(actor.user):
        raise Http404
    children = Child.objects.filter(responsible_council_id__in=audit_councils(actor.user))
    events = AuditEvent.objects.filter(child__in=children).select_related("actor", "child")
    if person:
        events = events.filter(Q(actor__full_name__icontains=person) | Q(actor__email__icontains=person))
    if child:
        events = events.filter(
            Q(child__given_name__icontains=child)
            | Q(child__family_name__icontains=child)
            | Q(child__preferred_name__icontains=child)
        )
    zone = timezone.get_current_timezone()
    if date_from:
        events = events.filter(occurred_at__gte=dt.datetime.combine(date_from, dt.time.min, zone))
    if date_to:
        events = events.filter(occurred_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, zone))
    record(actor, AuditAction.SEARCHED, what="Searched the audit trail")
    return list(events.order_by("-occurred_at", "-id")[:limit])
