"""Information rights: subject access requests and their exports, each council's retention rule, legal
holds, and the tombstone left when a record is disposed of."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.rules import retention

USER = settings.AUTH_USER_MODEL


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Asked for"
    IN_REVIEW = "in_review", "Being checked by the council"
    RELEASED = "released", "Ready to download"


class AccessRequest(models.Model):
    """A family member's or young person's request for a copy of everything held about the child.

    When the council produces it, ``content`` holds the whole record as it stood then; items with
    third-party information are flagged (``FlaggedItem``) and an officer decides on each before release.
    ``released_content`` is what the person downloads: the same, less what was withheld.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="access_requests")
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_by_role = models.CharField(max_length=100)
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(help_text="One calendar month from the request (UK GDPR article 15).")
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    produced_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    produced_at = models.DateTimeField(null=True, blank=True)
    content = models.JSONField(null=True, blank=True)
    released_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    released_content = models.JSONField(null=True, blank=True)
    released_pdf = models.FileField(
        "the released copy as a PDF", upload_to="information-held/%Y/%m/", blank=True, editable=False
    )

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "requested_by"],
                condition=~Q(status="released"),
                name="one_open_access_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Request for information ({self.get_status_display().lower()})"

    @property
    def is_released(self) -> bool:
        return self.status == RequestStatus.RELEASED


class ReviewDecision(models.TextChoices):
    RELEASE = "release", "Release"
    WITHHOLD = "withhold", "Withhold"


class FlaggedItem(models.Model):
    """One item of an export that holds information about or from someone else, to be checked."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="flagged_items")
    key = models.CharField(max_length=120, help_text="Which item of the export: its kind and id.")
    section = models.CharField(max_length=100)
    label = models.CharField(max_length=200)
    why = models.CharField(max_length=300, help_text="Why it needs checking before release.")
    position = models.PositiveIntegerField(default=0)
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["request", "key"], name="flag_each_item_once")]

    def __str__(self) -> str:
        return f"Item to check: {self.label}"


class RetentionRule(models.Model):
    """How long a council keeps children's records: date of birth plus this many years."""

    council = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="retention_rule"
    )
    years_after_birth = models.PositiveSmallIntegerField(
        default=retention.DEFAULT_RETENTION_YEARS,
        validators=[
            MinValueValidator(retention.MINIMUM_RETENTION_YEARS),
            MaxValueValidator(retention.MAXIMUM_RETENTION_YEARS),
        ],
    )
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return retention.retention_rule(self.years_after_birth)


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cleared_at__isnull=True)


class LegalHold(models.Model):
    """While a hold is in place (a claim, an inquiry, a tribunal), the record may not be disposed of."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    cleared_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    cleared_at = models.DateTimeField(null=True, blank=True)
    clear_reason = models.TextField(blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at"]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(cleared_at__isnull=True), name="one_active_hold")
        ]

    def __str__(self) -> str:
        return "Legal hold"


class DisposedRecord(models.Model):
    """The tombstone of a disposed record: no personal data, only that it existed and how it went.

    ``id`` is the disposed child record's id, so the audit trail (which keeps ids) still lines up.
    """

    id = models.UUIDField(primary_key=True, editable=False)
    council = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    disposed_at = models.DateTimeField(default=timezone.now)
    authorised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=100, help_text="The retention rule applied, e.g. 'Date of birth + 31 years'.")

    class Meta:
        ordering = ["-disposed_at"]

    def __str__(self) -> str:
        return f"Record disposed of under '{self.rule}'"
