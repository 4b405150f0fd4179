"""The record of a child or young person, and the team around them."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.rules import school_years
from coproduce.rules.identifiers import format_nhs_number


class Stage(models.TextChoices):
    REQUEST = "request", "Asking for an assessment"
    ASSESSMENT = "assessment", "Needs assessment"
    DRAFT = "draft", "Draft plan"
    PLAN = "plan", "Plan in place"
    REVIEW = "review", "Annual review"
    CEASED = "ceased", "Plan ended"


class ParentsAccess(models.TextChoices):
    SUPPORTERS = "supporters", "My parents or carers can keep seeing my plan and adding their views"
    NONE = "none", "My parents or carers cannot see my plan any more"


class Child(models.Model):
    """A child or young person, and the record their team keeps together.

    In what families read this is "your child" or "my plan", never a case.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    responsible_council = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="children_responsible_for"
    )
    setting = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children_attending",
    )
    upn = models.CharField("unique pupil number", max_length=13, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REQUEST)
    parents_access = models.CharField(max_length=20, choices=ParentsAccess.choices, default=ParentsAccess.SUPPORTERS)
    parents_access_changed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Increases with every change, to catch clashes.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["responsible_council", "family_name"], name="child_council_name")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name

    @property
    def display_name(self) -> str:
        return f"{self.known_as} {self.family_name}"

    @property
    def legal_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number) if self.nhs_number else ""

    def year_group(self, on: dt.date | None = None) -> int:
        return school_years.year_group(self.date_of_birth, on or timezone.localdate())

    @property
    def young_person_from(self) -> dt.date:
        return school_years.young_person_from(self.date_of_birth)

    def is_young_person(self, on: dt.date | None = None) -> bool:
        return school_years.is_young_person(self.date_of_birth, on or timezone.localdate())

    def parents_can_see(self, on: dt.date | None = None) -> bool:
        return not self.is_young_person(on) or self.parents_access == ParentsAccess.SUPPORTERS


class TeamRole(models.TextChoices):
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Child or young person"
    CASE_OFFICER = "case_officer", "Council case officer"
    SENCO = "senco", "SENCo or teacher"
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    HEALTH = "health", "Health practitioner"
    SOCIAL_WORKER = "social_worker", "Social worker"
    IASS_ADVISER = "iass_adviser", "Information, advice and support adviser"


FAMILY_ROLES = frozenset({TeamRole.PARENT_CARER, TeamRole.YOUNG_PERSON})
#: Roles that may invite others to the team unless told otherwise.
INVITING_ROLES = frozenset({TeamRole.PARENT_CARER, TeamRole.YOUNG_PERSON, TeamRole.CASE_OFFICER, TeamRole.SENCO})


class TeamMembershipQuerySet(models.QuerySet):
    def current(self, on: dt.datetime | None = None):
        on = on or timezone.now()
        return self.filter(joined_at__lte=on).filter(Q(left_at__isnull=True) | Q(left_at__gt=on))


class TeamMembership(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=TeamRole.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    can_invite = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "user"], condition=Q(left_at__isnull=True), name="one_current_membership"
            ),
        ]
        indexes = [models.Index(fields=["user", "left_at"], name="membership_user_current")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on a team"

    @property
    def is_family(self) -> bool:
        return self.role in FAMILY_ROLES

    @property
    def is_current(self) -> bool:
        return self.left_at is None or self.left_at > timezone.now()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=30, choices=TeamRole.choices)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to join as {self.get_role_display().lower()}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"
