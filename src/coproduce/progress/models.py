"""Progress between reviews: targets under each outcome with their five-level scales, everyone's ratings
at each check-in, sessions of provision delivered (or missed, and why), shortfalls, and the annual
review's evidence: the child's views asked afresh, what each team member says, and the review report.

Nothing here repeats the plan: targets hang off the plan's outcomes and delivery records off its
provision items, so the golden thread runs on from need to outcome to target, and from provision to
what was delivered.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.plans.models import Method, ViewTopic, Whose
from coproduce.rules.delivery import DEFAULT_THRESHOLD, Every
from coproduce.rules.goal_attainment import LEVEL_WORDS, t_score_display
from coproduce.statutory.models import ReviewDecision

USER = settings.AUTH_USER_MODEL


class Level(models.IntegerChoices):
    MUCH_LESS = -2, LEVEL_WORDS[-2]
    LESS = -1, LEVEL_WORDS[-1]
    EXPECTED = 0, LEVEL_WORDS[0]
    MORE = 1, LEVEL_WORDS[1]
    MUCH_MORE = 2, LEVEL_WORDS[2]


#: The words a child sees beside each face.
CHILD_WORDS = {
    -2: "Much less than we hoped",
    -1: "A bit less than we hoped",
    0: "Just what we hoped",
    1: "A bit more than we hoped",
    2: "Much more than we hoped",
}
#: The face symbol for each level (``web/static/coproduce/symbols/``).
FACES = {
    -2: "face-very-sad",
    -1: "face-a-bit-sad",
    0: "face-ok",
    1: "face-a-bit-happy",
    2: "face-very-happy",
}
LEVEL_FIELDS = {-2: "much_less", -1: "less", 0: "expected", 1: "more", 2: "much_more"}
#: What a change to a target may change (and what is kept in ``Target.earlier`` before it does).
EDITABLE_FIELDS = ("text", "by_when", "weight", "much_less", "less", "expected", "more", "much_more", "written_with")


class Weight(models.IntegerChoices):
    USUAL = 1, "As important as the others"
    MORE = 2, "More important"
    MUCH_MORE = 3, "Much more important"
    MOST = 4, "The most important"


class Target(models.Model):
    """A short-term step towards an outcome, with what each of the five levels looks like for this child,
    written with the family and the child or young person when the target is set."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="targets")
    outcome = models.ForeignKey("plans.Outcome", on_delete=models.CASCADE, related_name="targets")
    text = models.TextField("the target")
    by_when = models.CharField(max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(choices=Weight.choices, default=Weight.USUAL)
    much_less = models.TextField("-2: much less than expected")
    less = models.TextField("-1: somewhat less than expected")
    expected = models.TextField("0: the expected outcome")
    more = models.TextField("+1: somewhat more than expected")
    much_more = models.TextField("+2: much more than expected")
    written_with = models.CharField(max_length=300, help_text="Who wrote the five levels together.")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=100)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    #: Raised by each change: of two people editing at once, the second is refused and shown both.
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(null=True, blank=True)
    #: The words as they were before each change, oldest first: what earlier ratings were made against.
    earlier = models.JSONField(default=list, blank=True)
    #: A target removed after it was rated is ended, not deleted: its ratings stay on the record.
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ended_by_role = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["child", "position"], name="target_child_position")]

    def __str__(self) -> str:
        return "Target"

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def earlier_versions(self) -> list[dict]:
        """The words before each change, newest first, each with ``until``: when it was changed."""
        versions = []
        for before in reversed(self.earlier or []):
            until = before.get("until")
            versions.append(before | {"until": dt.datetime.fromisoformat(until) if until else None})
        return versions

    def description(self, level: int) -> str:
        return getattr(self, LEVEL_FIELDS[level])

    @property
    def levels(self) -> list[tuple[int, str, str]]:
        """(level, the general words, what it looks like for this child), from -2 to +2."""
        return [(level, LEVEL_WORDS[level], self.description(level)) for level in sorted(LEVEL_FIELDS)]


class CheckInSchedule(models.Model):
    """How often the team checks in on progress: each term unless the team chooses otherwise."""

    child = models.OneToOneField(
        "teams.Child", on_delete=models.CASCADE, primary_key=True, related_name="check_in_schedule"
    )
    every = models.CharField(
        max_length=20,
        choices=[(Every.TERM, "Each term"), (Every.HALF_TERM, "Each half term"), (Every.MONTH, "Each month")],
        default=Every.TERM,
    )
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Check in {self.get_every_display().lower()}"


class CheckIn(models.Model):
    """One round of ratings: a term, half term or month."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="check_ins")
    starts_on = models.DateField()
    ends_on = models.DateField()
    label = models.CharField(max_length=100)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "starts_on", "ends_on"], name="one_check_in_per_period")
        ]

    def __str__(self) -> str:
        return self.label


class RaterKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    PARENT = "parent", "Parent or carer"
    SCHOOL = "school", "School or setting"
    PRACTITIONER = "practitioner", "Practitioner"


class Rating(models.Model):
    """One person's rating of one target at one check-in. Rating again in the same check-in adds a newer
    rating; the newest counts and the earlier one stays on the record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="ratings")
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    level = models.SmallIntegerField(choices=Level.choices)
    comment = models.TextField(blank=True)
    rater_kind = models.CharField(max_length=20, choices=RaterKind.choices)
    #: Who the rating belongs to: "child" for the child's own (whoever helped), else the person's id.
    rater_key = models.CharField(max_length=64)
    attributed_to = models.CharField(max_length=200)
    rater_role = models.CharField(max_length=100)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    helped_by = models.CharField(max_length=200, blank=True, help_text="Who helped the child, and their role.")
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission_key", "target"], name="one_rating_per_submission"),
        ]
        indexes = [models.Index(fields=["target", "check_in"], name="rating_target_check_in")]

    def __str__(self) -> str:
        return f"Rating {self.level:+d}"

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS[self.level]

    @property
    def t_score_text(self) -> str:
        """The target's own T-score from this rating: 50 + 10 × the level."""
        return t_score_display([self.level])

    @property
    def level_text(self) -> str:
        """+1, 0 or −1 (with a real minus sign, which screen readers say as "minus")."""
        return f"+{self.level}" if self.level > 0 else f"\u2212{-self.level}" if self.level < 0 else "0"


class MissedReason(models.TextChoices):
    STAFF_AWAY = "staff_away", "The person who delivers it was away"
    NOT_ARRANGED = "not_arranged", "It was not arranged, or was cancelled"
    CHILD_AWAY = "child_away", "The child or young person was away"
    CLOSED = "closed", "The school or setting was closed (a holiday, a training day or a closure)"
    OTHER = "other", "Another reason"


#: Missed for these reasons, the session was not owed (see ``rules.delivery``).
NOT_OWED = frozenset({MissedReason.CHILD_AWAY, MissedReason.CLOSED})


class DeliveryRecord(models.Model):
    """A session of provision delivered, or missed and why. Kept if the provision item is later removed
    from the plan, with the words it had."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="delivery_records")
    provision = models.ForeignKey(
        "plans.Provision", on_delete=models.SET_NULL, null=True, related_name="delivery_records"
    )
    provision_what = models.TextField(help_text="What the provision item said when this was recorded.")
    delivered = models.BooleanField()
    on = models.DateField()
    until = models.DateField(null=True, blank=True, help_text="For a closure of more than a day: its last day.")
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_by = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=20, choices=MissedReason.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_by_role = models.CharField(max_length=100)
    recorded_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-on", "-recorded_at"]
        indexes = [models.Index(fields=["provision", "on"], name="delivery_provision_on")]

    def __str__(self) -> str:
        return "Session delivered" if self.delivered else "Session missed"

    @property
    def owed(self) -> bool:
        """Whether a missed session was still owed."""
        return not self.delivered and self.reason not in NOT_OWED


class DeliverySettings(models.Model):
    """A council's choice of when too little provision has been delivered."""

    council = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="delivery_settings"
    )
    shortfall_percent = models.PositiveSmallIntegerField(
        default=DEFAULT_THRESHOLD, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "delivery settings"

    def __str__(self) -> str:
        return f"Shortfall below {self.shortfall_percent}%"


class Shortfall(models.Model):
    """Less of a provision item delivered over four weeks than the council's threshold: flagged to the case
    officer and the family (emailed once), on the council's overview, until delivery catches up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="shortfalls")
    provision = models.ForeignKey("plans.Provision", on_delete=models.CASCADE, related_name="shortfalls")
    window_start = models.DateField()
    window_end = models.DateField()
    percent = models.PositiveSmallIntegerField()
    threshold = models.PositiveSmallIntegerField()
    delivered_text = models.CharField(max_length=200, help_text="For example '90 of 180 minutes'.")
    found_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provision"], condition=Q(resolved_at__isnull=True), name="one_open_shortfall_per_item"
            ),
        ]
        indexes = [models.Index(fields=["resolved_at", "child"], name="shortfall_open_child")]

    def __str__(self) -> str:
        return f"Delivery shortfall ({self.percent}%)"


class ReviewView(models.Model):
    """The child's or young person's views, asked afresh before an annual review, with the same choices
    as section A of the plan (their words, pictures, who helped)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="review_views")
    annual_review = models.ForeignKey(
        "statutory.AnnualReview", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    whose = models.CharField(max_length=20, choices=Whose.choices)
    topic = models.CharField(max_length=20, choices=ViewTopic.choices)
    text = models.TextField(blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.OWN_WORDS)
    helped_by = models.CharField(max_length=200, blank=True)
    pictures = models.JSONField(default=list, blank=True)
    image = models.FileField("a drawing or photo", upload_to="review-views/%Y/%m/", blank=True)
    image_type = models.CharField(max_length=40, blank=True)
    attributed_to = models.CharField(max_length=200)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.get_topic_display()


class ReviewContribution(models.Model):
    """What one team member says before the annual review."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="review_contributions")
    annual_review = models.ForeignKey(
        "statutory.AnnualReview", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    working = models.TextField("what is working", blank=True)
    not_working = models.TextField("what is not working, or is hard", blank=True)
    change = models.TextField("what should change", blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return "What a team member says for the review"


class ReviewReport(models.Model):
    """The annual review meeting's outcome and recommendations, written up by the case officer. Linked to
    the annual review on the statutory clock when there is one. A later report replaces an earlier one
    on screen; both stay on the record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="review_reports")
    annual_review = models.ForeignKey(
        "statutory.AnnualReview", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting_on = models.DateField()
    attended = models.TextField("who took part")
    recommendation = models.CharField(max_length=10, choices=ReviewDecision.choices)
    outcome = models.TextField("what the meeting found")
    recommendations = models.TextField("what the meeting recommends")
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_by_role = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return "Annual review report"
