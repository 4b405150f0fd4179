"""Reads of children's records, always through the access policy, each view audited."""

from __future__ import annotations

import hashlib
import uuid

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.audit.record import record
from coproduce.teams.models import Child, Invitation, TeamMembership
from coproduce.teams.policy import Access, Permission, access_for, children_visible_to


def child_access(
    actor: Actor, child_id, *, viewing: str, permission: Permission = Permission.VIEW, shows_record: bool = True
) -> Access:
    """The child's record if ``actor`` may see it (else 404), with one audit event for this view.

    ``viewing`` says which page or part was looked at, in words without personal data. A request that
    shows nothing from the record (``shows_record=False``: checking wording someone is typing) is still
    refused by the policy, but is not a view of the record and writes no event.
    """
    try:
        child = Child.objects.select_related("responsible_council", "setting").get(pk=child_id)
    except (Child.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access = access_for(actor.user, child)
    if access is None or not access.can(permission):
        raise Http404
    if shows_record:
        record(actor, AuditAction.VIEWED, child=child, what=viewing, actor_role=access.role_label)
    return access


def children_for_home(user) -> QuerySet[Child]:
    """The children on the person's home page, with their current team size."""
    return (
        children_visible_to(user)
        .select_related("setting", "responsible_council")
        .annotate(team_size=Count("memberships", filter=Q(memberships__left_at__isnull=True)))
        .order_by("family_name", "given_name")
    )


def current_team(child: Child) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.current()
        .filter(child=child)
        .select_related("user", "organisation", "added_by")
        .order_by("joined_at")
    )


def pending_invitations(access: Access) -> list[Invitation]:
    if not access.can(Permission.INVITE):
        return []
    return list(access.child.invitations.pending().select_related("invited_by"))


def access_history(access: Access, *, limit: int = 200) -> list[AuditEvent]:
    """Who has looked at or changed this child's record, newest first."""
    if not access.can(Permission.VIEW_HISTORY):
        raise Http404
    return list(
        AuditEvent.objects.filter(child=access.child).select_related("actor").order_by("-occurred_at", "-id")[:limit]
    )


def team_member(access: Access, membership_id) -> TeamMembership:
    try:
        return (
            TeamMembership.objects.current()
            .select_related("user")
            .get(child=access.child, pk=uuid.UUID(str(membership_id)))
        )
    except (TeamMembership.DoesNotExist, ValueError):
        raise Http404 from None


def pending_invitation(access: Access, invitation_id) -> Invitation:
    if not access.can(Permission.INVITE):
        raise Http404
    try:
        return access.child.invitations.pending().get(pk=uuid.UUID(str(invitation_id)))
    except (Invitation.DoesNotExist, ValueError):
        raise Http404 from None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation:
    """The invitation a link points at (whatever its state), or 404."""
    from django.contrib.auth import get_user_model

    try:
        invitation = Invitation.objects.select_related("child", "invited_by").get(token_digest=token_digest(token))
    except Invitation.DoesNotExist:
        raise Http404 from None
    invitation.email_has_account = get_user_model().objects.with_email(invitation.email).exists()
    return invitation


def children_with_memberships(user) -> QuerySet[Child]:
    """For pages that show each child with the person's own roles on their team."""
    return children_for_home(user).prefetch_related(
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.current().filter(user=user),
            to_attr="my_memberships",
        )
    )
