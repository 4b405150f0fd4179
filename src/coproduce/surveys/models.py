"""Surveys families, young people and practitioners answer without signing in; their answers; the
themes analysts find in what they wrote; and, kept apart, the people who agreed to be contacted.

Models are thin. Who may see or do what is in ``surveys/policy.py``; every change is an action in
``surveys/actions.py``.

Anonymity is a property of the tables, not a promise of the views:

- a ``Response`` has no person, no address and no time of day: only the day it was sent, the group
  the respondent said they belong to and, for the Four Cornerstones check, the plan stage it followed;
- ``ContactConsent`` (someone happy to talk) has no link to any response, and its rows are made in a
  separate request after the answers were sent, so no query can join the two;
- primary keys are random (UUIDs), so the order of rows says nothing about who answered when.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Audience(models.TextChoices):
    PARENTS = "parents", "Parents and carers"
    YOUNG_PEOPLE = "young_people", "Young people"
    PRACTITIONERS = "practitioners", "Practitioners"
    EVERYONE = "everyone", "Everyone"


class Group(models.TextChoices):
    """Who a respondent said they are. A survey for one audience sets it; "everyone" asks."""

    PARENT = "parent", "A parent or carer"
    YOUNG_PERSON = "young_person", "A young person"
    PRACTITIONER = "practitioner", "A practitioner"
    OTHER = "other", "Someone else"


AUDIENCE_GROUP = {
    Audience.PARENTS: Group.PARENT,
    Audience.YOUNG_PEOPLE: Group.YOUNG_PERSON,
    Audience.PRACTITIONERS: Group.PRACTITIONER,
}


class Template(models.TextChoices):
    BLANK = "blank", "A blank survey"
    EXPERIENCE = "experience", "Your experience of co-production"
    CORNERSTONES = "four_cornerstones", "The Four Cornerstones check"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"


class PlanStage(models.TextChoices):
    """The plan stages after which the Four Cornerstones check is sent to the family."""

    ASSESSMENT_DECISION = "assessment_decision", "After the decision whether to assess"
    FINAL_PLAN = "final_plan", "After the final plan"
    ANNUAL_REVIEW = "annual_review", "After the annual review"


class Survey(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_area = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="surveys")
    forum = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="forum_surveys"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True, help_text="The end of the public link.")
    intro = models.TextField(blank=True)
    privacy_notice = models.TextField(blank=True)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    template = models.CharField(max_length=30, choices=Template.choices, default=Template.BLANK)
    status = models.CharField(max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    opens_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(opens_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: dt.date | None = None) -> bool:
        """Whether people can answer it today."""
        today = today or timezone.localdate()
        return (
            self.status == SurveyStatus.PUBLISHED
            and (self.opens_on is None or self.opens_on <= today)
            and (self.closes_on is None or self.closes_on >= today)
        )

    @property
    def open_now(self) -> bool:
        return self.is_open()

    @property
    def state(self) -> str:
        """In words, for lists: draft, open, not open yet, or closed."""
        today = timezone.localdate()
        if self.status == SurveyStatus.DRAFT:
            return "Draft"
        if self.status == SurveyStatus.CLOSED or (self.closes_on and self.closes_on < today):
            return "Closed"
        if self.opens_on and self.opens_on > today:
            return "Not open yet"
        return "Open"

    @property
    def tag_class(self) -> str:
        return {"Draft": "govuk-tag--grey", "Open": "govuk-tag--green", "Not open yet": "govuk-tag--blue"}.get(
            self.state, "govuk-tag--orange"
        )

    @property
    def asks_group(self) -> bool:
        return self.audience == Audience.EVERYONE

    @property
    def for_young_people(self) -> bool:
        return self.audience == Audience.YOUNG_PEOPLE


class Section(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=150)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "One answer from a list"
    MULTIPLE = "multiple", "Any number of answers from a list"
    RATING = "rating", "A rating scale"
    YES_NO = "yes_no", "Yes or no"
    FREE_TEXT = "free_text", "Their own words"


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RATING, QuestionKind.YES_NO})
#: Kinds where one answer excludes the others: the counts add up to the number who answered.
EXCLUSIVE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.RATING, QuestionKind.YES_NO})


class Measure(models.TextChoices):
    """What a question measures, where the co-production overview reads it."""

    NONE = "", "Nothing in particular"
    WELCOME = "welcome", "Welcome and care"
    VALUE = "value", "Value and include"
    COMMUNICATE = "communicate", "Communicate openly, clearly and honestly"
    PARTNERSHIP = "partnership", "Work in partnership"


CORNERSTONES = (Measure.WELCOME, Measure.VALUE, Measure.COMMUNICATE, Measure.PARTNERSHIP)


class Question(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    easy_text = models.CharField(
        max_length=300, blank=True, help_text="The same question in simpler words, for the version with pictures."
    )
    symbol = models.CharField(max_length=40, blank=True)
    required = models.BooleanField(default=True)
    measure = models.CharField(max_length=20, choices=Measure.choices, blank=True, default=Measure.NONE)
    show_if = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="dependants")
    show_if_options = models.ManyToManyField("Option", blank=True, related_name="+")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_exclusive(self) -> bool:
        return self.kind in EXCLUSIVE_KINDS

    @property
    def is_free_text(self) -> bool:
        return self.kind == QuestionKind.FREE_TEXT


class Option(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=200)
    easy_label = models.CharField(max_length=200, blank=True)
    symbol = models.CharField(max_length=40, blank=True)
    score = models.SmallIntegerField(null=True, blank=True, help_text="For rating scales: 1 is the lowest.")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One person's answers. No person, address or time of day: see the module's docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()
    group = models.CharField(max_length=20, choices=Group.choices)
    stage = models.CharField(max_length=30, choices=PlanStage.choices, blank=True)
    easy = models.BooleanField(default=False, help_text="Answered in the version with pictures and simpler words.")
    submission_key = models.UUIDField(unique=True, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["survey", "submitted_on"], name="response_survey_day")]

    def __str__(self) -> str:
        return "A response"


class Answer(models.Model):
    """One answer to one question: an option chosen (one row per option for "any number"), or words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["question", "option"], name="answer_question_option")]

    def __str__(self) -> str:
        return "An answer"


class ThemeStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    MERGED = "merged", "Merged into another theme"


class Theme(models.Model):
    """A theme in a survey's free-text answers: suggested by the product, or added by an analyst."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="themes")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=150)
    words = models.JSONField(default=list, blank=True, help_text="The characteristic words it was named by.")
    status = models.CharField(max_length=20, choices=ThemeStatus.choices, default=ThemeStatus.ACCEPTED)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def tag_class(self) -> str:
        return {
            ThemeStatus.SUGGESTED: "govuk-tag--blue",
            ThemeStatus.ACCEPTED: "govuk-tag--green",
            ThemeStatus.REJECTED: "govuk-tag--grey",
            ThemeStatus.MERGED: "govuk-tag--grey",
        }.get(self.status, "")


class ThemeTag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="tags")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="tags")
    suggested = models.BooleanField(default=False)
    tagged_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    tagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="theme_tag_unique")]

    def __str__(self) -> str:
        return "A theme tag"


class ContactWay(models.TextChoices):
    VIDEO = "video", "A video call"
    PHONE = "phone", "A phone call"
    IN_PERSON = "in_person", "Meeting in person"
    ANY = "any", "Any of these"


class ContactConsentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn_on__isnull=True)


class ContactConsent(models.Model):
    """Someone happy to talk about their experience. Deliberately no link to any response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_area = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    way = models.CharField(max_length=20, choices=ContactWay.choices, default=ContactWay.ANY)
    given_on = models.DateField(default=timezone.localdate)
    withdrawn_on = models.DateField(null=True, blank=True)

    objects = ContactConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "name"]

    def __str__(self) -> str:
        return "Agreement to be contacted"


class SurveyAnalystQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))


class SurveyAnalyst(models.Model):
    """Someone a forum coordinator has named to read raw answers, tag themes and export raw data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    local_area = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="survey_analyst_roles")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    appointed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = SurveyAnalystQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]

    def __str__(self) -> str:
        return "Survey analyst"


class SubmissionWindow(models.Model):
    """How many submissions one connection made to one survey in one hour, to slow down abuse.

    ``key`` is a keyed hash of the address and the survey: the address itself is never stored, and the
    hour is too coarse to pick out a response.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="submission_window_unique")]

    def __str__(self) -> str:
        return "Submission window"


class CornerstonesInvitation(models.Model):
    """That the Four Cornerstones check was sent to a child's family after a plan stage (to send it once)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=30, choices=PlanStage.choices)
    survey = models.ForeignKey(Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_on = models.DateField(default=timezone.localdate)
    sent_to = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "stage", "created_on"], name="cornerstones_once_a_day")]

    def __str__(self) -> str:
        return "Four Cornerstones invitation"
