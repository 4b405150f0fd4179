"""The statutory process of each child's plan: the dates the clock is computed from.

Each row holds only what happened and when. The deadlines themselves are never stored: the engine in
``coproduce.rules.clock`` computes them from these dates (see ``statutory.clock``). ``ClockSummary``
keeps each child's next deadline so the caseload can be sorted and filtered in the database; every
action that records a step refreshes it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class RequestedBy(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "The young person"
    SCHOOL = "school", "School, college or early years setting"
    OTHER = "other", "Someone else"


class AssessDecision(models.TextChoices):
    YES = "yes", "Yes, the council will assess"
    NO = "no", "No, the council will not assess"


class Outcome(models.TextChoices):
    ISSUE = "issue", "The final plan was issued"
    NOT_ISSUE = "not_issue", "The council decided not to issue a plan"


class CeaseReason(models.TextChoices):
    """SEN2 item 4.6, reason the EHC plan ceased (2025 guide)."""

    MAXIMUM_AGE = "1", "Reached the maximum age"
    NEEDS_MET = "2", "Needs met without a plan"
    HIGHER_EDUCATION = "3", "Moved on to higher education"
    EMPLOYMENT = "4", "Moved on to paid employment"
    TRANSFERRED = "5", "Moved to another council in England"
    NO_LONGER_ENGAGING = "6", "No longer wishes to take part in education or training"
    LEFT_ENGLAND = "7", "Moved outside England"
    DECEASED = "8", "Died"
    OTHER = "9", "Another reason"


class NeedsAssessment(models.Model):
    """A request for an EHC needs assessment and everything that came of it, up to the plan ending."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="needs_assessments")
    requested_by = models.CharField(max_length=20, choices=RequestedBy.choices)
    requested_by_other = models.CharField(max_length=200, blank=True)
    received_on = models.DateField()
    decision = models.CharField(max_length=10, choices=AssessDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    draft_served_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(max_length=2, choices=CeaseReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["received_on", "created_at"]
        indexes = [
            models.Index(fields=["child", "received_on"], name="assessment_child_received"),
            models.Index(fields=["outcome", "outcome_on"], name="assessment_outcome_on"),
        ]

    def __str__(self) -> str:
        return f"Request for assessment received {self.received_on:%Y-%m-%d}"

    @property
    def plan_issued(self) -> bool:
        return self.outcome == Outcome.ISSUE and self.outcome_on is not None

    @property
    def is_open(self) -> bool:
        """Still running: not refused, not finished with an outcome."""
        return self.decision != AssessDecision.NO and not self.outcome


class AdviceKind(models.TextChoices):
    """SEND Regulations 2014 reg 6(1): the advice the council must seek."""

    EDUCATIONAL = "educational", "Educational advice"
    MEDICAL = "medical", "Health advice"
    PSYCHOLOGICAL = "psychological", "Psychological advice"
    SOCIAL_CARE = "social_care", "Social care advice"
    ADULTHOOD = "adulthood", "Advice on preparing for adulthood"
    OTHER = "other", "Other advice"


class AdviceRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="advice_requests")
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="advice_requests")
    kind = models.CharField(max_length=20, choices=AdviceKind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_requested",
    )
    sent_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["sent_on", "created_at"]
        indexes = [models.Index(fields=["adviser", "received_on"], name="advice_adviser_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} asked for on {self.sent_on:%Y-%m-%d}"

    @property
    def from_whom(self) -> str:
        """To whom the request went, in words: the person, else the organisation, else the kind."""
        parts = [str(part) for part in (self.adviser and self.adviser.full_name, self.organisation) if part]
        return ", ".join(parts) or "the adviser"


class ExceptionReason(models.TextChoices):
    """SEND Regulations 2014 reg 10(4)(a) to (d); values are the clock engine's reason codes."""

    SCHOOL_CLOSED_4_WEEKS = (
        "school_closed_4_weeks",
        "The school or early years setting was closed for 4 weeks or more while its advice was asked for",
    )
    EXCEPTIONAL_PERSONAL_CIRCUMSTANCES = (
        "exceptional_personal_circumstances",
        "Exceptional personal circumstances affected the child or the family",
    )
    FAMILY_AWAY_4_WEEKS = (
        "family_away_4_weeks",
        "The child or family was away from the area for 4 weeks or more in a row",
    )


class TimeLimitException(models.Model):
    """A reason the council need not meet a time limit. It never moves a date; it marks deadlines."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="exceptions")
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="time_limit_exceptions")
    reason = models.CharField(max_length=40, choices=ExceptionReason.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    note = models.TextField(blank=True, help_text="The evidence, seen by the family and the council.")
    family_told = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_on", "created_at"]

    def __str__(self) -> str:
        return f"Exception from {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"


class ReviewDecision(models.TextChoices):
    """SEN2 ReviewOutcome: M maintain, A amend, C cease."""

    MAINTAIN = "maintain", "Keep the plan as it is"
    AMEND = "amend", "Change the plan"
    CEASE = "cease", "Stop the plan"


class AnnualReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="annual_reviews")
    last_plan_on = models.DateField(help_text="The day the plan was made or last reviewed.")
    meeting_on = models.DateField(null=True, blank=True)
    invited_on = models.DateField(null=True, blank=True)
    report_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    amendment_notice_on = models.DateField(null=True, blank=True)
    amended_plan_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["last_plan_on", "created_at"]
        indexes = [models.Index(fields=["decided_on"], name="review_decided_on")]

    def __str__(self) -> str:
        return f"Annual review of the plan made or reviewed {self.last_plan_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        if not self.decided_on:
            return True
        return self.decision == ReviewDecision.AMEND and not self.amended_plan_on


class TransferKind(models.TextChoices):
    """The clock engine's kinds of phase transfer (SEND Regulations 2014 reg 18)."""

    SCHOOL = "school", "Moving school (early years to school, infant to junior, primary to secondary, ...)"
    POST16 = "post16", "Moving from secondary school to a post-16 school or college"
    POST16_MOVE = "post16-move", "Moving between post-16 colleges at another time of year"


class PhaseTransfer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="phase_transfers")
    kind = models.CharField(max_length=20, choices=TransferKind.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Calendar year of the move.")
    transfer_on = models.DateField(null=True, blank=True, help_text="For a move between post-16 colleges.")
    amended_plan_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["year", "transfer_on", "created_at"]

    def __str__(self) -> str:
        return f"Phase transfer ({self.kind})"


class DisagreementAbout(models.TextChoices):
    NOT_ASSESS = "not_assess", "The decision not to assess"
    NOT_ISSUE = "not_issue", "The decision not to issue a plan"
    PLAN_CONTENT = "plan_content", "What the plan says, or the school it names"
    REVIEW = "review", "A decision after an annual review"
    CEASE = "cease", "The decision to stop the plan"


class Disagreement(models.Model):
    """A decision the family may take to mediation and appeal, with the dates of each step."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="disagreements")
    assessment = models.ForeignKey(
        NeedsAssessment, on_delete=models.CASCADE, null=True, blank=True, related_name="disagreements"
    )
    about = models.CharField(max_length=20, choices=DisagreementAbout.choices)
    decision_letter_on = models.DateField()
    mediation_declined_on = models.DateField(null=True, blank=True)
    mediation_requested_on = models.DateField(null=True, blank=True)
    certificate_on = models.DateField(null=True, blank=True)
    mediation_held_on = models.DateField(null=True, blank=True)
    appeal_lodged_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["decision_letter_on", "created_at"]

    def __str__(self) -> str:
        return f"Disagreement about {self.about}"


class SenType(models.TextChoices):
    """SEN2 item 5.8a and the school census: the type of special educational need."""

    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    DS = "DS", "Down syndrome"
    OTH = "OTH", "Other difficulty or disability"


class SenNeed(models.Model):
    """The type of need recorded for the SEN2 return: rank 1 is the primary need."""

    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="sen_needs")
    sen_type = models.CharField(max_length=4, choices=SenType.choices)
    rank = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["child", "rank"], name="sen_need_one_per_rank")]

    def __str__(self) -> str:
        return f"{self.sen_type} (rank {self.rank})"


class SettingIdentifier(models.Model):
    """The national identifiers of a school or college, for the SEN2 return."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="sen2_identifier"
    )
    urn = models.CharField("unique reference number (URN)", max_length=6, blank=True)
    ukprn = models.CharField("UK provider reference number (UKPRN)", max_length=8, blank=True)

    def __str__(self) -> str:
        return self.urn or self.ukprn


class ClockSummary(models.Model):
    """Each child's next deadline, kept by the actions so the caseload can sort and filter in the
    database. Nothing here is a fact of its own: ``statutory.clock`` recomputes it from the steps."""

    child = models.OneToOneField(
        "teams.Child", on_delete=models.CASCADE, primary_key=True, related_name="clock_summary"
    )
    next_due_on = models.DateField(null=True, blank=True)
    next_key = models.CharField(max_length=200, blank=True)
    next_owner = models.CharField(max_length=200, blank=True)
    next_what = models.CharField(max_length=200, blank=True)
    open_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["next_due_on"], name="clock_next_due")]

    def __str__(self) -> str:
        return f"Next deadline {self.next_due_on}"


class ReminderFrequency(models.TextChoices):
    IMMEDIATE = "immediate", "Send each reminder as soon as it is due"
    DAILY = "daily", "Send one email a day with all my reminders"


class ReminderPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="reminder_preference"
    )
    frequency = models.CharField(max_length=10, choices=ReminderFrequency.choices, default=ReminderFrequency.IMMEDIATE)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.get_frequency_display()


class SentReminder(models.Model):
    """One reminder to one person. The unique constraint means nobody gets the same reminder twice.

    ``sent_at`` is empty while a reminder waits for the person's daily email.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey("teams.Child", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200, help_text="The deadline: its record, its output key and its date.")
    kind = models.CharField(max_length=20)
    message = models.TextField(help_text="What changed and what to do, without personal data.")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key", "kind"], name="reminder_once_per_person"),
        ]
        indexes = [models.Index(fields=["sent_at", "user"], name="reminder_waiting")]

    def __str__(self) -> str:
        return f"Reminder {self.kind} for {self.key}"
