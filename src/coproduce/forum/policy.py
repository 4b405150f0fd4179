"""The forum's access policy: who may see and do what in the parent carer forum and the local area's
boards and workstreams.

Deny by default. A workstream, and everything in it (meetings, papers, minutes, decisions, actions, its
health), is seen only by its current members and by the coordinators of its parent carer forum. Among
members, observers can read but not vote, decide or rate; parent and young person representatives rate
decisions for the families' side and claim time and expenses; council officers rate for the council's
side. Anyone else is answered "not found". The only thing anyone may see without signing in is the
published "you said, we did" list.

Lists use the ``*_visible_to`` querysets; single things use ``access_for``. Views never filter by hand.
See ``docs/decisions/0009-forum-access.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet

from coproduce.accounts.models import Organisation
from coproduce.forum import clock
from coproduce.forum.models import (
    FAMILY_SIDE_ROLES,
    VOTING_ROLES,
    Claim,
    ClaimStatus,
    ForumCoordinator,
    ForumMember,
    Member,
    MemberRole,
    RatingSide,
    Workstream,
    YouSaidItem,
)


class Permission(StrEnum):
    VIEW = "view"
    #: Change the workstream's details and who is on it.
    MANAGE = "manage"
    #: Arrange meetings and record who came.
    SCHEDULE = "schedule"
    #: Add papers, write draft minutes, comment on them, add and update actions.
    CONTRIBUTE = "contribute"
    #: Circulate the draft minutes and record them as agreed.
    RUN_MINUTES = "run_minutes"
    #: Record a decision.
    DECIDE = "decide"
    #: Place a decision on the ladder of co-production, for one's own side.
    RATE = "rate"
    #: Record time given and claim expenses or a participation payment.
    CLAIM = "claim"


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@dataclass(frozen=True)
class WorkstreamAccess:
    """What one person may do in one workstream, worked out once per request."""

    workstream: Workstream
    user_id: object
    roles: frozenset[str]
    is_coordinator: bool
    today: dt.date

    @property
    def is_member(self) -> bool:
        return bool(self.roles)

    @property
    def is_voting_member(self) -> bool:
        return bool(self.roles & VOTING_ROLES)

    @property
    def is_chair(self) -> bool:
        return self.is_voting_member and self.workstream.chair_id == self.user_id

    @property
    def rating_side(self) -> str | None:
        if self.roles & FAMILY_SIDE_ROLES:
            return RatingSide.FAMILIES
        if MemberRole.COUNCIL_OFFICER in self.roles:
            return RatingSide.COUNCIL
        return None

    @property
    def role_label(self) -> str:
        labels = [MemberRole(role).label for role in sorted(self.roles)]
        if self.is_coordinator:
            labels.append("Forum coordinator")
        return ", ".join(labels)

    def can(self, permission: Permission) -> bool:
        match permission:
            case Permission.VIEW:
                return self.is_member or self.is_coordinator
            case Permission.MANAGE:
                return self.is_coordinator
            case Permission.SCHEDULE:
                return self.is_coordinator or self.is_chair or MemberRole.COUNCIL_OFFICER in self.roles
            case Permission.CONTRIBUTE | Permission.DECIDE:
                return self.is_coordinator or self.is_voting_member
            case Permission.RUN_MINUTES:
                return self.is_coordinator or self.is_chair
            case Permission.RATE:
                return self.rating_side is not None
            case Permission.CLAIM:
                return bool(self.roles & FAMILY_SIDE_ROLES)
        return False

    # For templates, which cannot pass arguments.
    @property
    def can_manage(self) -> bool:
        return self.can(Permission.MANAGE)

    @property
    def can_schedule(self) -> bool:
        return self.can(Permission.SCHEDULE)

    @property
    def can_contribute(self) -> bool:
        return self.can(Permission.CONTRIBUTE)

    @property
    def can_run_minutes(self) -> bool:
        return self.can(Permission.RUN_MINUTES)

    @property
    def can_decide(self) -> bool:
        return self.can(Permission.DECIDE)

    @property
    def can_rate(self) -> bool:
        return self.can(Permission.RATE)

    @property
    def can_claim(self) -> bool:
        return self.can(Permission.CLAIM)


def coordinated_forum_ids(user) -> QuerySet:
    """The forums (organisations) that ``user`` coordinates today."""
    if not _signed_in(user):
        return ForumCoordinator.objects.none().values("forum_id")
    return ForumCoordinator.objects.current().filter(user=user).values("forum_id")


def is_coordinator(user) -> bool:
    return _signed_in(user) and coordinated_forum_ids(user).exists()


def current_memberships(user) -> QuerySet[Member]:
    if not _signed_in(user):
        return Member.objects.none()
    return Member.objects.current().filter(user=user)


def workstreams_visible_to(user) -> QuerySet[Workstream]:
    """Every workstream whose pages ``user`` may see. The only way to list workstreams."""
    if not _signed_in(user):
        return Workstream.objects.none()
    return Workstream.objects.filter(
        Q(forum_id__in=coordinated_forum_ids(user)) | Q(id__in=current_memberships(user).values("workstream_id"))
    )


def access_for(user, workstream: Workstream) -> WorkstreamAccess | None:
    """What ``user`` may do in ``workstream``, or None if they may not see it at all."""
    if not _signed_in(user):
        return None
    today = clock.today()
    roles = frozenset(current_memberships(user).filter(workstream=workstream).values_list("role", flat=True))
    coordinator = coordinated_forum_ids(user).filter(forum_id=workstream.forum_id).exists()
    access = WorkstreamAccess(
        workstream=workstream, user_id=user.pk, roles=roles, is_coordinator=coordinator, today=today
    )
    return access if access.can(Permission.VIEW) else None


# The forum itself: families who join, and what they see of their representatives' work.


def forum_memberships(user) -> QuerySet[ForumMember]:
    if not _signed_in(user):
        return ForumMember.objects.none()
    return ForumMember.objects.current().filter(user=user)


def forums_followed_by(user) -> QuerySet[Organisation]:
    """The forums whose workstreams ``user`` may follow in outline: as a member or a coordinator."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(id__in=forum_memberships(user).values("forum_id")) | Q(id__in=coordinated_forum_ids(user))
    )


def workstreams_in_outline_for(user) -> QuerySet[Workstream]:
    """Workstreams a forum member may see in outline (name, purpose, representatives, next meeting)."""
    return Workstream.objects.filter(forum__in=forums_followed_by(user))


def may_volunteer(user, workstream: Workstream) -> bool:
    """A forum member who is not already on the workstream may offer to join it."""
    return (
        forum_memberships(user).filter(forum_id=workstream.forum_id).exists()
        and not current_memberships(user).filter(workstream=workstream).exists()
    )


def uses_forum(user) -> bool:
    """Whether to show the "Forum" link: coordinators, forum members, workstream members, and parents and
    young people on a child's team (who may join the forum)."""
    from coproduce.teams.models import FAMILY_ROLES, TeamMembership

    return _signed_in(user) and (
        coordinated_forum_ids(user).exists()
        or forum_memberships(user).exists()
        or current_memberships(user).exists()
        or TeamMembership.objects.current().filter(user=user, role__in=FAMILY_ROLES).exists()
    )


def may_add_contributors(user, item: YouSaidItem) -> bool:
    """Only a coordinator of a forum in the item's area sees forum members' names, to add them."""
    return coordinated_forum_ids(user).filter(forum__local_area_id=item.local_area_id).exists()


# "You said, we did": published items are public; the coordinator and the council's officers on the
# area's workstreams write and update them.


def you_said_areas_managed_by(user) -> QuerySet[Organisation]:
    """The local areas (councils) whose "you said, we did" items ``user`` may write and update."""
    if not _signed_in(user):
        return Organisation.objects.none()
    officer_areas = (
        current_memberships(user).filter(role=MemberRole.COUNCIL_OFFICER).values("workstream__local_area_id")
    )
    coordinator_areas = Organisation.objects.filter(id__in=coordinated_forum_ids(user)).values("local_area_id")
    return Organisation.objects.filter(Q(id__in=officer_areas) | Q(id__in=coordinator_areas))


def may_manage_you_said(user) -> bool:
    return _signed_in(user) and you_said_areas_managed_by(user).exists()


def you_said_items_managed_by(user) -> QuerySet[YouSaidItem]:
    return YouSaidItem.objects.filter(local_area__in=you_said_areas_managed_by(user))


def public_you_said_items() -> QuerySet[YouSaidItem]:
    return YouSaidItem.objects.filter(published=True)


# Time and expenses: representatives see their own claims; coordinators see and decide their forum's.


def claims_visible_to(user) -> QuerySet[Claim]:
    if not _signed_in(user):
        return Claim.objects.none()
    return Claim.objects.filter(Q(claimant=user) | Q(workstream__forum_id__in=coordinated_forum_ids(user)))


def claims_to_decide_by(user) -> QuerySet[Claim]:
    """Claims waiting for ``user`` as coordinator. Nobody approves their own."""
    if not _signed_in(user):
        return Claim.objects.none()
    return Claim.objects.filter(
        workstream__forum_id__in=coordinated_forum_ids(user), status=ClaimStatus.SUBMITTED
    ).exclude(claimant=user)


def workstreams_to_claim_for(user) -> QuerySet[Workstream]:
    """Workstreams where ``user`` is a parent or young person representative today."""
    return Workstream.objects.filter(
        id__in=current_memberships(user).filter(role__in=FAMILY_SIDE_ROLES).values("workstream_id")
    )


def may_see_claims(user) -> bool:
    return _signed_in(user) and (is_coordinator(user) or workstreams_to_claim_for(user).exists())
