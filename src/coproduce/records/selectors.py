"""Reads for information rights, always through the access policy, each read of a record audited once."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404

from coproduce.accounts.models import Organisation
from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.records.models import AccessRequest, DisposedRecord, FlaggedItem, LegalHold, RetentionRule
from coproduce.rules import retention
from coproduce.teams.models import Child
from coproduce.teams.policy import Access, Permission, information_governance_council_ids
from coproduce.teams.selectors import child_access

GOVERNANCE_ROLE = "Information governance"


def records_access(actor: Actor, child_id, *, viewing: str, permission: Permission | None = None) -> Access:
    """The child's record for information rights pages: the family (who may ask) and officers with the
    council's caseload (who produce), else 404; one audit event for the view."""
    access = child_access(actor, child_id, viewing=viewing, shows_record=False)
    allowed = (Permission.REQUEST_RECORDS, Permission.PRODUCE_RECORDS) if permission is None else (permission,)
    if not any(access.can(each) for each in allowed):
        raise Http404
    record(actor, AuditAction.VIEWED, child=access.child, what=viewing, actor_role=access.role_label)
    return access


def requests_for(access: Access) -> list[AccessRequest]:
    """Officers see every request about the child; a family member sees their own."""
    requests = AccessRequest.objects.filter(child=access.child).select_related("requested_by")
    if not access.can(Permission.PRODUCE_RECORDS):
        requests = requests.filter(requested_by_id=access.user_id)
    return list(requests)


def request_or_404(access: Access, request_id) -> AccessRequest:
    try:
        found = AccessRequest.objects.select_related("requested_by", "produced_by", "released_by").get(
            child=access.child, pk=uuid.UUID(str(request_id))
        )
    except (AccessRequest.DoesNotExist, ValueError):
        raise Http404 from None
    if not access.can(Permission.PRODUCE_RECORDS) and found.requested_by_id != access.user_id:
        raise Http404
    return found


def flagged_items(access_request: AccessRequest) -> list[FlaggedItem]:
    return list(access_request.flagged_items.select_related("decided_by"))


def flagged_item_or_404(access_request: AccessRequest, item_id) -> FlaggedItem:
    try:
        return access_request.flagged_items.get(pk=uuid.UUID(str(item_id)))
    except (FlaggedItem.DoesNotExist, ValueError):
        raise Http404 from None


def item_in_content(content: dict, key: str) -> dict | None:
    for section in content["sections"]:
        for item in section["items"]:
            if item["key"] == key:
                return item
    return None


# Retention ------------------------------------------------------------------------------------------------


def governed_councils(user) -> list[Organisation]:
    return list(Organisation.objects.filter(id__in=information_governance_council_ids(user)).order_by("name"))


def can_govern(user) -> bool:
    return information_governance_council_ids(user).exists()


def retention_years(council) -> int:
    rule = RetentionRule.objects.filter(council=council).first()
    return rule.years_after_birth if rule else retention.DEFAULT_RETENTION_YEARS


@dataclass(frozen=True)
class DueRecord:
    child: Child
    due_on: dt.date
    rule: str
    on_hold: bool


@dataclass(frozen=True)
class CouncilQueue:
    council: Organisation
    years: int
    due: list[DueRecord]
    held: list[LegalHold]
    disposed: list[DisposedRecord]

    @property
    def rule(self) -> str:
        return retention.retention_rule(self.years)


def due_for_disposal(council, today: dt.date) -> list[DueRecord]:
    """The council's records past their retention date, oldest first, each with whether a hold blocks it."""
    years = retention_years(council)
    children = (
        Child.objects.filter(
            responsible_council=council,
            date_of_birth__lte=retention.born_on_or_before_due(today, years),
        )
        .annotate(on_hold=Exists(LegalHold.objects.active().filter(child=OuterRef("pk"))))
        .order_by("date_of_birth", "family_name")
    )
    return [
        DueRecord(
            child, retention.disposal_due(child.date_of_birth, years), retention.retention_rule(years), child.on_hold
        )
        for child in children
    ]


def disposal_queue(actor: Actor, today: dt.date) -> list[CouncilQueue]:
    """For the councils the person governs. Lists names only to identify records: one audit event."""
    councils = governed_councils(actor.user)
    if not councils:
        raise Http404
    queues = [
        CouncilQueue(
            council=council,
            years=retention_years(council),
            due=due_for_disposal(council, today),
            held=list(LegalHold.objects.active().filter(child__responsible_council=council).select_related("child")),
            disposed=list(DisposedRecord.objects.filter(council=council).select_related("authorised_by")[:50]),
        )
        for council in councils
    ]
    record(actor, AuditAction.VIEWED, what="The records due for disposal", actor_role=GOVERNANCE_ROLE)
    return queues


def governed_child(actor: Actor, child_id, *, viewing: str) -> Child:
    """A child's record for its retention pages, if the person governs its council's records (else 404)."""
    try:
        child = Child.objects.select_related("responsible_council").get(
            pk=child_id, responsible_council_id__in=information_governance_council_ids(actor.user)
        )
    except (Child.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    record(actor, AuditAction.VIEWED, child=child, what=viewing, actor_role=GOVERNANCE_ROLE)
    return child


@dataclass(frozen=True)
class FoundRecord:
    child: Child
    due_on: dt.date
    on_hold: bool


def find_governed_records(
    actor: Actor, *, given_name: str, family_name: str, date_of_birth: dt.date
) -> list[FoundRecord]:
    """Records in the councils the person governs whose child has exactly this name and date of birth, to
    place a hold on one before it is due. Audited: each record found, or the search that found none."""
    councils = governed_councils(actor.user)
    if not councils:
        raise Http404
    children = (
        Child.objects.filter(
            responsible_council__in=councils,
            given_name__iexact=given_name.strip(),
            family_name__iexact=family_name.strip(),
            date_of_birth=date_of_birth,
        )
        .select_related("responsible_council")
        .annotate(on_hold=Exists(LegalHold.objects.active().filter(child=OuterRef("pk"))))
        .order_by("responsible_council__name", "pk")
    )
    years = {council.pk: retention_years(council) for council in councils}
    found = [
        FoundRecord(
            child, retention.disposal_due(child.date_of_birth, years[child.responsible_council_id]), child.on_hold
        )
        for child in children
    ]
    # Each record shown is a record looked at: in its own trail, so the family sees it too. The names
    # searched for are never written down.
    for each in found:
        record(
            actor,
            AuditAction.VIEWED,
            child=each.child,
            what="Found by a search for a record to place on legal hold",
            actor_role=GOVERNANCE_ROLE,
        )
    if not found:
        record(actor, AuditAction.VIEWED, what="Looked for a record to place on legal hold: none found",
               actor_role=GOVERNANCE_ROLE)  # fmt: skip
    return found


def active_hold(child: Child) -> LegalHold | None:
    return LegalHold.objects.active().filter(child=child).select_related("set_by").first()


def holds(child: Child) -> list[LegalHold]:
    return list(LegalHold.objects.filter(child=child).select_related("set_by", "cleared_by"))
