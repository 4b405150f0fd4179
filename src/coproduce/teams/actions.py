"""Changes to a child's record and their team. Each runs its check and its change, with an audit
event, in one transaction."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import Organisation
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused, Conflict
from coproduce.teams.models import INVITING_ROLES, Child, Invitation, ParentsAccess, TeamMembership, TeamRole
from coproduce.teams.policy import Access, Permission, councils_for
from coproduce.teams.selectors import token_digest

log = logging.getLogger(__name__)

CHILD_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "setting",
    "upn",
    "nhs_number",
)


class ChildAction(Action):
    """An action on one child's record, by someone whose access has been worked out."""

    permission: Permission

    def __init__(self, actor, *, access: Access, **params):
        super().__init__(actor, **params)
        self.access = access
        self.child = access.child

    def check(self) -> None:
        if not self.access.can(self.permission):
            raise Http404


class CreateChild(Action):
    """A council officer opens the record of a child or young person."""

    def check(self) -> None:
        council: Organisation = self.params["responsible_council"]
        if not councils_for(self.user).filter(pk=council.pk).exists():
            raise ActionRefused(
                "You can only add children your council is responsible for", field="responsible_council"
            )

    def perform(self) -> Child:
        data = self.params
        child = Child.objects.create(
            responsible_council=data["responsible_council"],
            **{
                field: data.get(field) or ("" if field not in ("setting", "date_of_birth") else None)
                for field in CHILD_FIELDS
            },
        )
        record(
            self.actor,
            AuditAction.CREATED,
            child=child,
            obj=child,
            what="Opened the record",
            actor_role="Council officer",
        )
        if data.get("add_me_as_case_officer", True):
            TeamMembership.objects.create(
                child=child,
                user=self.user,
                role=TeamRole.CASE_OFFICER,
                can_invite=True,
                organisation=data["responsible_council"],
                added_by=self.user,
            )
            record(
                self.actor,
                AuditAction.JOINED,
                child=child,
                what="Joined the team as case officer",
                actor_role="Council officer",
            )
        return child


class UpdateChildDetails(ChildAction):
    permission = Permission.EDIT_DETAILS

    def check(self) -> None:
        super().check()
        if self.params["version"] != self.child.version:
            raise Conflict(
                "Someone else changed these details while you were editing them. "
                "Check the details below and make your changes again."
            )

    def perform(self) -> Child:
        values, changed = {}, []
        for field in CHILD_FIELDS:
            new = self.params[field]
            if field in ("upn", "nhs_number", "preferred_name"):
                new = new or ""
            values[field] = new
            if getattr(self.child, field) != new:
                changed.append(str(Child._meta.get_field(field).verbose_name))
        version = self.params["version"]
        # Saved only if nobody else saved first: of two clashing saves, the second is refused.
        updated = Child.objects.filter(pk=self.child.pk, version=version).update(
            **values, version=version + 1, updated_at=timezone.now()
        )
        if not updated:
            raise Conflict("Someone else changed these details while you were editing them.")
        self.child.refresh_from_db()
        what = "Changed " + ", ".join(changed) if changed else "Saved details with no changes"
        record(
            self.actor,
            AuditAction.CHANGED,
            child=self.child,
            obj=self.child,
            what=what,
            actor_role=self.access.role_label,
        )
        return self.child


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("teams:invitation", kwargs={"token": token})


class InviteMember(ChildAction):
    """Invite someone to the team by email. The email names no child and holds no personal data."""

    permission = Permission.INVITE

    def check(self) -> None:
        super().check()
        email = self.params["email"].strip().lower()
        role = self.params["role"]
        if role == TeamRole.CASE_OFFICER and not self.access.is_officer:
            raise ActionRefused("Only the council can add a case officer to the team", field="role")
        if (
            TeamMembership.objects.current()
            .filter(child=self.child, user__in=get_user_model().objects.with_email(email))
            .exists()
        ):
            raise ActionRefused("This person is already on the team", field="email")
        if self.child.invitations.pending().filter(email__iexact=email).exists():
            raise ActionRefused("This person has already been invited and has not replied yet", field="email")

    def perform(self) -> tuple[Invitation, str]:
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            child=self.child,
            email=self.params["email"].strip().lower(),
            role=self.params["role"],
            invited_by=self.user,
            token_digest=token_digest(token),
            expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS),
        )
        record(
            self.actor,
            AuditAction.INVITED,
            child=self.child,
            obj=invitation,
            what=f"Invited a {invitation.get_role_display().lower()} to the team",
            actor_role=self.access.role_label,
        )
        transaction.on_commit(lambda: send_invitation_email(invitation, token))
        return invitation, token


def send_invitation_email(invitation: Invitation, token: str) -> None:
    expires = timezone.localtime(invitation.expires_at)
    body = (
        "You have been invited to join a team on Coproduce, where families and practitioners write "
        "education, health and care plans together.\n\n"
        f"You are invited as: {invitation.get_role_display()}.\n\n"
        f"To accept, open this link:\n{invitation_url(token)}\n\n"
        f"The invitation ends on {expires:%A} {expires.day} {expires:%B %Y}. "
        "If you were not expecting it, you can ignore this email.\n"
    )
    try:
        send_mail("You have been invited to join a team on Coproduce", body, None, [invitation.email])
    except Exception:
        log.exception("Invitation email %s could not be sent", invitation.pk)


class WithdrawInvitation(ChildAction):
    permission = Permission.INVITE

    def perform(self) -> Invitation:
        invitation: Invitation = self.params["invitation"]
        if invitation.status != "pending":
            raise ActionRefused("This invitation has already been accepted, withdrawn or has ended")
        invitation.withdrawn_at = timezone.now()
        invitation.withdrawn_by = self.user
        invitation.save(update_fields=["withdrawn_at", "withdrawn_by"])
        record(
            self.actor,
            AuditAction.INVITATION_WITHDRAWN,
            child=self.child,
            obj=invitation,
            what="Withdrew an invitation",
            actor_role=self.access.role_label,
        )
        return invitation


class RemoveMember(ChildAction):
    permission = Permission.REMOVE_MEMBER

    def check(self) -> None:
        super().check()
        membership: TeamMembership = self.params["membership"]
        if membership.user_id == self.user.pk:
            raise ActionRefused("You cannot remove yourself from the team")

    def perform(self) -> TeamMembership:
        membership: TeamMembership = self.params["membership"]
        membership.left_at = timezone.now()
        membership.removed_by = self.user
        membership.save(update_fields=["left_at", "removed_by"])
        record(
            self.actor,
            AuditAction.REMOVED,
            child=self.child,
            obj=membership,
            what=f"Removed a {membership.get_role_display().lower()} from the team",
            actor_role=self.access.role_label,
        )
        return membership


class ChooseParentsAccess(ChildAction):
    """From 16 the young person decides whether their parents keep seeing and contributing."""

    permission = Permission.CHOOSE_PARENTS_ACCESS

    def perform(self) -> Child:
        choice = ParentsAccess(self.params["choice"])
        if choice != self.child.parents_access:
            self.child.parents_access = choice
            self.child.parents_access_changed_at = timezone.now()
            self.child.save(update_fields=["parents_access", "parents_access_changed_at"])
        what = (
            "Chose that parents keep seeing the plan"
            if choice == ParentsAccess.SUPPORTERS
            else "Chose that parents no longer see the plan"
        )
        record(
            self.actor,
            AuditAction.ACCESS_CHANGED,
            child=self.child,
            obj=self.child,
            what=what,
            actor_role=self.access.role_label,
        )
        return self.child


class AcceptInvitation(Action):
    """The invitee joins the team, creating their account first if they have none."""

    def check(self) -> None:
        invitation: Invitation = self.params["invitation"]
        if invitation.status != "pending":
            raise ActionRefused("This invitation can no longer be used")
        user = self.user
        if user is not None and user.email.lower() != invitation.email.lower():
            raise ActionRefused("This invitation was sent to a different email address")
        if user is None and get_user_model().objects.with_email(invitation.email).exists():
            raise ActionRefused("You already have an account: sign in to accept the invitation")

    def perform(self):
        invitation: Invitation = (
            Invitation.objects.select_for_update().select_related("child").get(pk=self.params["invitation"].pk)
        )
        if invitation.status != "pending":
            raise ActionRefused("This invitation can no longer be used")
        user = self.user
        if user is None:
            user = get_user_model().objects.create_user(
                email=invitation.email, password=self.params["password"], full_name=self.params["full_name"]
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if not TeamMembership.objects.current().filter(child=invitation.child, user=user).exists():
            TeamMembership.objects.create(
                child=invitation.child,
                user=user,
                role=invitation.role,
                added_by=invitation.invited_by,
                can_invite=invitation.role in INVITING_ROLES,
            )
        actor = type(self.actor)(user=user, ip_address=self.actor.ip_address, request_id=self.actor.request_id)
        record(
            actor,
            AuditAction.JOINED,
            child=invitation.child,
            obj=invitation,
            what=f"Joined the team as {invitation.get_role_display().lower()}",
            actor_role=invitation.get_role_display(),
        )
        return user, invitation
