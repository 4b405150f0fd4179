"""The EHC plan as linked data: views and aspirations, needs, outcomes and provision joined by the
golden thread; advice received; comments with their decisions; each party's agreement; versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduce.rules.checker.portable import provision_statement
from coproduce.rules.plan_sections import BROAD_AREAS, NEED_SECTIONS, PFA_AREAS, PROVISION_SECTIONS

USER = settings.AUTH_USER_MODEL
PROVISION_FIELDS = ("what", "deliverer_role", "deliverer_training", "frequency", "duration", "group_size", "where_when")


class PlanStage(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Out for comment"
    FINAL = "final", "Final"
    AMENDING = "amending", "Being amended"


WRITABLE_STAGES = (PlanStage.DRAFT, PlanStage.AMENDING)


class Plan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.PROTECT, related_name="plans")
    stage = models.CharField(max_length=20, choices=PlanStage.choices, default=PlanStage.DRAFT)
    draft_served_on = models.DateField(null=True, blank=True, help_text="When the draft was sent for comment.")
    finalised_on = models.DateField(null=True, blank=True)
    placement = models.TextField("name and type of school or other institution", blank=True)
    personal_budget = models.TextField(blank=True)
    version_number = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["child"], name="one_plan_per_child")]

    def __str__(self) -> str:
        return f"EHC plan ({self.get_stage_display()})"

    @property
    def is_writable(self) -> bool:
        return self.stage in WRITABLE_STAGES


class Contribution(models.Model):
    """Something a team member wrote in the plan, shown with their name and their role on the team."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    attributed_to = models.CharField(max_length=200, help_text="Whose words these are, as shown in the plan.")
    author_role = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, help_text="Increases with every change, to catch clashes.")
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "created_at"]


class Whose(models.TextChoices):
    CHILD = "child", "The child or young person"
    PARENT = "parent", "Parent or carer"
    PRACTITIONER = "practitioner", "Practitioner"


class ViewTopic(models.TextChoices):
    LIKE_ADMIRE = "like_admire", "What people like and admire about me"
    IMPORTANT = "important", "What is important to me"
    SUPPORT = "support", "How best to support me"
    INTERESTS = "interests", "My interests and what I enjoy"
    HISTORY = "history", "My story so far"


class Method(models.TextChoices):
    OWN_WORDS = "own_words", "Typed in their own words"
    DICTATED = "dictated", "Said it to someone who wrote it down word for word"
    PICTURES = "pictures", "Chose pictures"
    DRAWING = "drawing", "A drawing or photo"
    SIGNED = "signed", "Signed or used a communication aid"


class View(Contribution):
    """Section A: a view, in the words of the person whose view it is."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="views")
    whose = models.CharField(max_length=20, choices=Whose.choices)
    topic = models.CharField(max_length=20, choices=ViewTopic.choices)
    text = models.TextField(blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.OWN_WORDS)
    helped_by = models.CharField(max_length=200, blank=True, help_text="Who helped, and how.")
    pictures = models.JSONField(default=list, blank=True)
    image = models.FileField("a drawing or photo", upload_to="views/%Y/%m/", blank=True)
    image_type = models.CharField(max_length=40, blank=True)

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return self.get_topic_display()


class Aspiration(Contribution):
    """An answer to "what would success look like?", asked of the child or young person first."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="aspirations")
    whose = models.CharField(max_length=20, choices=Whose.choices)
    text = models.TextField()
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.OWN_WORDS)
    helped_by = models.CharField(max_length=200, blank=True)

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return "What success would look like"


class Need(Contribution):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="needs")
    section = models.CharField(max_length=2, choices=[(code, code) for code in NEED_SECTIONS])
    broad_area = models.CharField(max_length=40, choices=BROAD_AREAS, blank=True)
    text = models.TextField()

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return f"Need in section {self.section}"


class Outcome(Contribution):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()
    timeframe = models.CharField(max_length=200, blank=True, help_text="By when, e.g. 'by the end of Year 6'.")
    pfa_area = models.CharField("preparing for adulthood", max_length=40, choices=PFA_AREAS, blank=True)
    needs = models.ManyToManyField(Need, related_name="outcomes", blank=True)
    aspirations = models.ManyToManyField(Aspiration, related_name="outcomes", blank=True)

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return "Outcome"


class Provision(Contribution):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="provision")
    section = models.CharField(max_length=2, choices=[(code, code) for code in PROVISION_SECTIONS])
    what = models.TextField("what is provided")
    deliverer_role = models.CharField("who delivers it", max_length=200, blank=True)
    deliverer_training = models.CharField("their training or qualification", max_length=200, blank=True)
    frequency = models.CharField("how often", max_length=200, blank=True)
    duration = models.CharField("for how long", max_length=200, blank=True)
    group_size = models.CharField("group size or ratio", max_length=100, blank=True)
    where_when = models.CharField("where and when", max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    outcomes = models.ManyToManyField(Outcome, related_name="provision", blank=True)
    needs = models.ManyToManyField(Need, related_name="provision", blank=True)

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return f"Provision in section {self.section}"

    @property
    def statement(self) -> str:
        """The item as one sentence, for readers and for the plan checker."""
        return provision_statement({field: getattr(self, field) for field in PROVISION_FIELDS})


class Advice(Contribution):
    """Section K: advice and information received, from whom and when, with its document if uploaded."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="advice")
    title = models.CharField(max_length=200)
    given_by = models.CharField(max_length=200, help_text="Name and role of the person who gave it.")
    received_on = models.DateField()
    summary = models.TextField(blank=True)
    document = models.FileField(upload_to="advice/%Y/%m/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    document_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta(Contribution.Meta):
        pass

    def __str__(self) -> str:
        return "Advice"


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    SUGGESTION = "suggestion", "Suggested change"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", "Accepted with changes"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Comment(models.Model):
    """A comment on, or a suggested change to, one item or section of the plan, and what became of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=2)
    item_kind = models.CharField(max_length=20, blank=True)
    item_id = models.UUIDField(null=True, blank=True)
    item_label = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=100)
    from_family = models.BooleanField(default=False)
    text = models.TextField()
    original_text = models.TextField(blank=True)
    suggested_text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_text = models.TextField(blank=True, help_text="The wording put into the plan.")
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["plan", "decision"], name="comment_plan_decision")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on section {self.section}"

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)


class Position(models.TextChoices):
    AGREE = "agree", "Agree"
    PARTLY = "partly", "Partly agree"
    DISAGREE = "disagree", "Disagree"


class Agreement(models.Model):
    """One party's agreement with one section at one time. The newest per person and section counts;
    earlier ones stay, so disagreement stays on the record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    section = models.CharField(max_length=2)
    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    person_role = models.CharField(max_length=100)
    position = models.CharField(max_length=20, choices=Position.choices)
    reason = models.TextField(blank=True)
    plan_version = models.PositiveIntegerField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} with section {self.section}"


class PlanVersion(models.Model):
    """The whole plan as it stood after one change: who, when, what."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    stage = models.CharField(max_length=20, choices=PlanStage.choices)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_by_role = models.CharField(max_length=100, blank=True)
    what = models.CharField(max_length=200)
    content = models.JSONField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_version_number_per_plan")]

    def __str__(self) -> str:
        return f"Version {self.number}"


class AcceptedFinding(models.Model):
    """The case officer's record that a checker finding is accepted as it is, and why."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="accepted_findings")
    code = models.CharField(max_length=60)
    item_id = models.UUIDField(null=True, blank=True)
    reason = models.TextField()
    accepted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at"]
        constraints = [models.UniqueConstraint(fields=["plan", "code", "item_id"], name="accept_finding_once")]

    def __str__(self) -> str:
        return f"Accepted finding {self.code}"


class PlanCheck(models.Model):
    """The plan checker's result for the plan's latest version, kept so council figures need no re-checking."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="check_result")
    version_number = models.PositiveIntegerField()
    finding_count = models.PositiveIntegerField()
    codes = models.JSONField(default=list, help_text="The code of each finding.")
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Plan check: {self.finding_count} findings"
