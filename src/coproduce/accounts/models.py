"""People and the organisations they work for."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    SETTING = "setting", "School, early years setting or college"
    HEALTH = "health", "Health body"
    SOCIAL_CARE = "social_care", "Social care team"
    IASS = "iass", "Information, advice and support service"
    FORUM = "forum", "Parent carer forum"


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    local_area = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="area_organisations",
        help_text="The local authority whose area this organisation works in.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def with_email(self, address: str) -> models.QuerySet[User]:
        """The person with this email address, whatever its capitals, found through the unique index on
        lower(email): ``email__iexact`` becomes UPPER(email) on PostgreSQL and reads the whole table."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=(address or "").strip().lower())

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("A person needs an email address to sign in")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.with_email(username).get()


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a parent or carer, a young person, a practitioner or an officer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_case_insensitive")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class StaffPosition(models.Model):
    """A person's job in an organisation, with the extra powers it carries.

    One person can hold several: a SENCo who is also a parent, an officer with the audit role.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="positions")
    job_title = models.CharField(max_length=200)
    caseload_access = models.BooleanField(
        default=False, help_text="A council officer who may see every child the council is responsible for."
    )
    audit_access = models.BooleanField(
        default=False, help_text="May search the audit trail of who looked at or changed records."
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "job_title"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "job_title"], name="position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.organisation}"
