"""Strategic co-production: the parent carer forum, the council's boards and workstreams, their meetings,
decisions, actions, "you said, we did", and the time and expenses of parent representatives.

Models are thin: fields, constraints and small properties. Who may see or do what is decided in
``forum/policy.py``; every change is made by an action in ``forum/actions.py``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.forum import clock, ladder

USER = settings.AUTH_USER_MODEL


class CurrentQuerySet(models.QuerySet):
    """Rows with a start and an optional end date: ``current()`` are those running on a day."""

    start_field = "started_on"
    end_field = "ended_on"

    def current(self, on: dt.date | None = None):
        on = on or clock.today()
        return self.filter(**{f"{self.start_field}__lte": on}).filter(
            Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": on})
        )


class ForumCoordinator(models.Model):
    """The person who runs a parent carer forum: sets up workstreams, approves claims."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    forum = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="forum_coordinators")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="forum_coordinator_roles")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["forum", "user"], name="forum_coordinator_unique")]

    def __str__(self) -> str:
        return f"Coordinator of {self.forum}"


class ForumMemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class ForumMember(models.Model):
    """A parent or carer who has joined the forum, and whether they agree to be contacted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    forum = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="forum_members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_memberships")
    joined_on = models.DateField(default=timezone.localdate)
    may_contact = models.BooleanField(
        default=False, help_text="They agree that the forum may contact them about its work."
    )
    contact_choice_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    objects = ForumMemberQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on"]
        constraints = [models.UniqueConstraint(fields=["forum", "user"], name="forum_member_unique")]

    def __str__(self) -> str:
        return f"Member of {self.forum}"


class WorkstreamKind(models.TextChoices):
    BOARD = "board", "Board"
    WORKSTREAM = "workstream", "Workstream"


class Workstream(models.Model):
    """A board or workstream of the local area, where families and the council design services together."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    forum = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="forum_workstreams")
    local_area = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="area_workstreams")
    kind = models.CharField(max_length=20, choices=WorkstreamKind.choices, default=WorkstreamKind.WORKSTREAM)
    name = models.CharField(max_length=150)
    purpose = models.TextField()
    chair = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["forum", "name"], name="workstream_unique_name")]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    PARENT_REP = "parent_rep", "Parent representative"
    YOUNG_PERSON_REP = "young_person_rep", "Young person representative"
    PRACTITIONER = "practitioner", "Practitioner"
    COUNCIL_OFFICER = "council_officer", "Council officer"
    OBSERVER = "observer", "Observer"


#: Representatives of families: they rate decisions for the families' side and claim time and expenses.
FAMILY_SIDE_ROLES = frozenset({MemberRole.PARENT_REP, MemberRole.YOUNG_PERSON_REP})
#: Everyone but observers takes part in decisions. Observers can read, not vote or decide.
VOTING_ROLES = frozenset(set(MemberRole) - {MemberRole.OBSERVER})


class Member(models.Model):
    """Someone's place on a workstream: their role, when it started and ends, and who they speak for."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="workstream_memberships")
    role = models.CharField(max_length=30, choices=MemberRole.choices)
    mandate = models.CharField(
        max_length=200, blank=True, help_text="Who they speak for, such as the parent carer forum."
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")

    objects = CurrentQuerySet.as_manager()

    class Meta:
        ordering = ["role", "started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="member_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on {self.workstream}"

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or clock.today()
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


class Volunteer(models.Model):
    """A forum member offering to join a workstream."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="volunteers")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    offered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["offered_at"]
        constraints = [models.UniqueConstraint(fields=["workstream", "user"], name="volunteer_unique")]

    def __str__(self) -> str:
        return f"Offer to join {self.workstream_id}"


class MinutesStatus(models.TextChoices):
    NONE = "none", "Not started"
    DRAFT = "draft", "Draft"
    CIRCULATED = "circulated", "Draft circulated for comments"
    AGREED = "agreed", "Agreed"


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=150)
    held_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    agenda = models.TextField(blank=True, help_text="One item on each line.")
    minutes = models.TextField(blank=True)
    minutes_status = models.CharField(max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE)
    minutes_version = models.PositiveIntegerField(default=0)
    minutes_circulated_on = models.DateField(null=True, blank=True)
    minutes_agreed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def minutes_editable(self) -> bool:
        return self.minutes_status != MinutesStatus.AGREED


class Paper(models.Model):
    """A meeting paper, stored privately under a random name and served only to the workstream."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    document = models.FileField(upload_to="forum/papers/%Y/%m/")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self) -> str:
        return self.get_status_display()


class MinutesComment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_comments")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment on the minutes of {self.meeting_id}"


class YouSaidStatus(models.TextChoices):
    HEARD = "heard", "We have heard this"
    PLANNED = "planned", "We have a plan"
    IN_PROGRESS = "in_progress", "Under way"
    DONE = "done", "Done"
    NOT_POSSIBLE = "not_possible", "We cannot do this"


#: GOV.UK tag colours for statuses. The words always say the status; the colour only repeats it.
TAG_CLASSES = {
    "heard": "govuk-tag--grey",
    "planned": "govuk-tag--purple",
    "in_progress": "govuk-tag--yellow",
    "done": "govuk-tag--green",
    "not_possible": "govuk-tag--orange",
    "not_started": "govuk-tag--grey",
    "submitted": "govuk-tag--yellow",
    "approved": "govuk-tag--green",
    "rejected": "govuk-tag--orange",
}


class SourceKind(models.TextChoices):
    SURVEY = "survey", "A survey"
    MEETING = "meeting", "A meeting"
    FORUM = "forum", "The parent carer forum"
    PLANS = "plans", "Themes from children's plans"
    OTHER = "other", "Somewhere else"


class YouSaidItem(models.Model):
    """Something families said, what the council and partners will do about it, and what became of it.

    Where it came from is kept simply, so that any app can link its evidence:

    - ``source_kind`` says what sort of place (a survey, a meeting, the forum, themes from plans);
    - ``source_description`` says it in words for the public page ("Summer 2026 survey, question 4");
    - ``source_app`` and ``source_id`` optionally point at the record in another app without a
      database link (for example ``"surveys.survey"`` and the survey's id), so that app can find the
      items that came from it with ``YouSaidItem.objects.filter(source_app=..., source_id=...)``.

    Create items with ``forum.actions.CreateYouSaidItem``. Nothing here may hold personal data: the
    item, its updates and its source are shown on a public page.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_area = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="you_said_items")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.SET_NULL, null=True, blank=True, related_name="you_said_items"
    )
    title = models.CharField(max_length=150)
    families_said = models.TextField()
    we_will = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True, help_text="A team or organisation, not a person's name.")
    status = models.CharField(max_length=20, choices=YouSaidStatus.choices, default=YouSaidStatus.HEARD)
    source_kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.OTHER)
    source_description = models.CharField(max_length=300, blank=True)
    source_app = models.CharField(max_length=100, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    published = models.BooleanField(default=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["source_app", "source_id"], name="you_said_source")]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES.get(self.status, "")


class YouSaidUpdate(models.Model):
    """A dated update on an item, perhaps moving its status on."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(YouSaidItem, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField()
    status = models.CharField(max_length=20, choices=YouSaidStatus.choices)
    previous_status = models.CharField(max_length=20, choices=YouSaidStatus.choices)
    posted_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-posted_on", "-created_at"]

    def __str__(self) -> str:
        return f"Update of {self.posted_on:%Y-%m-%d}"

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous_status

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES.get(self.status, "")


class YouSaidContributor(models.Model):
    """Someone who raised or supported an item, and whether they agreed to hear what became of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(YouSaidItem, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    may_contact = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="you_said_contributor_unique")]

    def __str__(self) -> str:
        return f"Contributor to {self.item_id}"


class YouSaidNotification(models.Model):
    """One email to one contributor about one status change: unique, so nobody is told twice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    update = models.ForeignKey(YouSaidUpdate, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "user"], name="you_said_notification_unique")]

    def __str__(self) -> str:
        return f"Notification of update {self.update_id}"


class Decision(models.Model):
    """What a board or workstream decided, by whom, when, on what evidence, and how families took part."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    title = models.CharField(max_length=150)
    what = models.TextField()
    decided_by = models.CharField(max_length=200)
    decided_on = models.DateField()
    evidence = models.TextField(blank=True)
    families_views = models.TextField(blank=True)
    family_involvement = models.TextField()
    survey_reference = models.CharField(max_length=300, blank=True)
    you_said_items = models.ManyToManyField(YouSaidItem, blank=True, related_name="decisions")
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_on", "-recorded_at"]

    def __str__(self) -> str:
        return self.title


class RatingSide(models.TextChoices):
    FAMILIES = "families", "Parent representatives"
    COUNCIL = "council", "Council officers"


class LadderRating(models.Model):
    """Where one side says a decision sat on the ladder of co-production. One rating per side."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(max_length=20, choices=RatingSide.choices)
    rung = models.PositiveSmallIntegerField(
        choices=ladder.CHOICES, validators=[MinValueValidator(ladder.LOWEST), MaxValueValidator(ladder.HIGHEST)]
    )
    reason = models.TextField(blank=True)
    rated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "side"], name="ladder_rating_one_per_side"),
            models.CheckConstraint(
                condition=Q(rung__gte=ladder.LOWEST) & Q(rung__lte=ladder.HIGHEST), name="ladder_rating_on_ladder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.rung_name}"

    @property
    def rung_name(self) -> str:
        return ladder.rung(self.rung).name


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class WorkAction(models.Model):
    """Something a workstream agreed to do: who owns it, by when, and how it is going."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="actions")
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    what = models.TextField()
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.what[:60]

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status != ActionStatus.DONE and self.due_on < (today or clock.today())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def tag_class(self) -> str:
        return "govuk-tag--red" if self.overdue else TAG_CLASSES.get(self.status, "")

    @property
    def done_on_time(self) -> bool:
        return self.status == ActionStatus.DONE and self.completed_on is not None and self.completed_on <= self.due_on


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


class Claim(models.Model):
    """Time a representative gave to a workstream, with any agreed expenses or participation payment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="claims")
    claimant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    on_date = models.DateField()
    description = models.TextField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    expenses = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    payment = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(expenses__gte=0) & Q(payment__gte=0), name="claim_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0) | Q(expenses__gt=0) | Q(payment__gt=0), name="claim_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"Claim of {self.on_date:%Y-%m-%d}"

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES.get(self.status, "")
