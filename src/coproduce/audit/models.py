"""The audit trail: an append-only record of every view and change of a child's record.

The application never updates or deletes an event: the model refuses, and database triggers
(see the migrations) refuse too, whatever code asks.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Looked at"
    CREATED = "created", "Added"
    CHANGED = "changed", "Changed"
    INVITED = "invited", "Invited someone"
    INVITATION_WITHDRAWN = "invitation_withdrawn", "Withdrew an invitation"
    JOINED = "joined", "Joined the team"
    REMOVED = "removed", "Removed from the team"
    ACCESS_CHANGED = "access_changed", "Changed who can see the record"
    SEARCHED = "searched", "Searched the audit trail"
    DOWNLOADED = "downloaded", "Downloaded"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    SECURITY = "security", "Changed sign-in security"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("Audit events cannot be changed")

    def delete(self):
        raise AuditImmutable("Audit events cannot be deleted")


class AuditImmutable(Exception):
    pass


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    actor_role = models.CharField(max_length=100, blank=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    child = models.ForeignKey(
        "teams.Child", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    what = models.CharField(max_length=200, help_text="What was looked at or changed, without personal data.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["child", "-occurred_at"], name="audit_child_time"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditImmutable("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("Audit events cannot be deleted")
