"""The one access policy: who may see and do what with a child's record.

Deny by default. A person sees a child's record, and everything under it, only while they are on the
team around that child, or as an officer of the responsible council with access to its caseload. When a
young person has chosen that their parents no longer see their plan, the parents' membership no longer
gives access. Everything else is "not found".

Lists, searches and exports use ``children_visible_to``; single records use ``access_for``. Views never
filter by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from coproduce.accounts.models import StaffPosition
from coproduce.rules.school_years import young_people_born_before
from coproduce.teams.models import FAMILY_ROLES, Child, ParentsAccess, TeamMembership, TeamRole


class Permission(StrEnum):
    VIEW = "view"
    VIEW_HISTORY = "view_history"
    INVITE = "invite"
    REMOVE_MEMBER = "remove_member"
    EDIT_DETAILS = "edit_details"
    CHOOSE_PARENTS_ACCESS = "choose_parents_access"
    #: Write in the plan, comment, suggest changes, record agreement, upload advice.
    CONTRIBUTE = "contribute"
    #: Run the plan: move its stage, decide on comments, finalise, amend.
    MANAGE_PLAN = "manage_plan"
    #: Record steps of the statutory process (request received, decision to assess, ...).
    RECORD_STEP = "record_step"
    #: Rate progress against targets at a check-in (the people on the team).
    RATE_PROGRESS = "rate_progress"
    #: Record sessions of provision delivered or missed (practitioners and officers, not the family).
    RECORD_DELIVERY = "record_delivery"
    #: Write the annual review report (officers).
    MANAGE_REVIEW = "manage_review"
    #: Ask for a copy of everything held about the child (subject access): the family, while they see the record.
    REQUEST_RECORDS = "request_records"
    #: Produce, review and release subject access exports: officers with the council's caseload.
    PRODUCE_RECORDS = "produce_records"


OFFICER_ROLES = frozenset({TeamRole.CASE_OFFICER})


@dataclass(frozen=True)
class Access:
    """What one person may do with one child's record, worked out once per request."""

    child: Child
    user_id: object
    roles: frozenset[str]
    can_invite_flag: bool
    caseload_officer: bool
    today: dt.date

    @property
    def is_member(self) -> bool:
        return bool(self.roles)

    @property
    def is_family(self) -> bool:
        return bool(self.roles & FAMILY_ROLES)

    @property
    def is_officer(self) -> bool:
        return self.caseload_officer or bool(self.roles & OFFICER_ROLES)

    @property
    def is_the_young_person(self) -> bool:
        return TeamRole.YOUNG_PERSON in self.roles

    @property
    def role_label(self) -> str:
        labels = [TeamRole(role).label for role in sorted(self.roles)]
        if self.caseload_officer and TeamRole.CASE_OFFICER not in self.roles:
            labels.append("Council officer")
        return ", ".join(labels)

    # For templates, which cannot pass arguments.
    @property
    def can_view_history(self) -> bool:
        return self.can(Permission.VIEW_HISTORY)

    @property
    def can_invite(self) -> bool:
        return self.can(Permission.INVITE)

    @property
    def can_remove_member(self) -> bool:
        return self.can(Permission.REMOVE_MEMBER)

    @property
    def can_contribute(self) -> bool:
        return self.can(Permission.CONTRIBUTE)

    @property
    def can_manage_plan(self) -> bool:
        return self.can(Permission.MANAGE_PLAN)

    @property
    def can_edit_details(self) -> bool:
        return self.can(Permission.EDIT_DETAILS)

    @property
    def can_request_records(self) -> bool:
        return self.can(Permission.REQUEST_RECORDS)

    @property
    def can_produce_records(self) -> bool:
        return self.can(Permission.PRODUCE_RECORDS)

    def can(self, permission: Permission) -> bool:
        match permission:
            case Permission.VIEW:
                return self.is_member or self.caseload_officer
            case Permission.VIEW_HISTORY:
                return self.is_family or self.is_officer
            case Permission.INVITE:
                return self.is_officer or self.is_family or self.can_invite_flag
            case Permission.CONTRIBUTE:
                return self.is_member or self.caseload_officer
            case Permission.REMOVE_MEMBER | Permission.EDIT_DETAILS | Permission.MANAGE_PLAN | Permission.RECORD_STEP:
                return self.is_officer
            case Permission.RATE_PROGRESS:
                return self.is_member
            case Permission.RECORD_DELIVERY:
                return self.is_officer or bool(self.roles - FAMILY_ROLES - {TeamRole.IASS_ADVISER})
            case Permission.MANAGE_REVIEW:
                return self.is_officer
            case Permission.REQUEST_RECORDS:
                return self.is_family
            case Permission.PRODUCE_RECORDS:
                return self.caseload_officer
            case Permission.CHOOSE_PARENTS_ACCESS:
                return self.is_the_young_person and self.child.is_young_person(self.today)
        return False


def caseload_council_ids(user) -> QuerySet:
    today = timezone.localdate()
    return (
        StaffPosition.objects.filter(user=user, caseload_access=True, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values("organisation_id")
    )


def _memberships_giving_access(user, today: dt.date) -> QuerySet[TeamMembership]:
    """The person's current memberships, less those of parents a young person has chosen to exclude."""
    return (
        TeamMembership.objects.current()
        .filter(user=user)
        .exclude(
            role=TeamRole.PARENT_CARER,
            child__parents_access=ParentsAccess.NONE,
            child__date_of_birth__lt=young_people_born_before(today),
        )
    )


def children_visible_to(user) -> QuerySet[Child]:
    """Every child whose record ``user`` may see. The only way to list children."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Child.objects.none()
    today = timezone.localdate()
    return Child.objects.filter(
        Q(id__in=_memberships_giving_access(user, today).values("child_id"))
        | Q(responsible_council_id__in=caseload_council_ids(user))
    )


def access_for(user, child: Child) -> Access | None:
    """What ``user`` may do with ``child``'s record, or None if they may not see it at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    today = timezone.localdate()
    memberships = list(_memberships_giving_access(user, today).filter(child=child).values_list("role", "can_invite"))
    officer = caseload_council_ids(user).filter(organisation_id=child.responsible_council_id).exists()
    access = Access(
        child=child,
        user_id=user.pk,
        roles=frozenset(role for role, _ in memberships),
        can_invite_flag=any(flag for _, flag in memberships),
        caseload_officer=officer,
        today=today,
    )
    return access if access.can(Permission.VIEW) else None


def can_add_children(user) -> bool:
    return getattr(user, "is_authenticated", False) and caseload_council_ids(user).exists()


def councils_for(user) -> QuerySet:
    from coproduce.accounts.models import Organisation

    return Organisation.objects.filter(id__in=caseload_council_ids(user))


def information_governance_council_ids(user) -> QuerySet:
    """The councils whose records ``user`` governs (retention, legal hold, disposal): a current position
    there with the audit role. Governing records does not open them: that stays with ``access_for``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return StaffPosition.objects.none().values("organisation_id")
    today = timezone.localdate()
    return (
        StaffPosition.objects.filter(user=user, audit_access=True, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values("organisation_id")
    )


def audit_positions(user) -> QuerySet[StaffPosition]:
    """The person's current positions that carry the audit role."""
    today = timezone.localdate()
    return StaffPosition.objects.filter(user=user, audit_access=True, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )


def can_search_audit(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return audit_positions(user).exists()
