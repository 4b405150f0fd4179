"""Forms for recording the steps of the statutory process, the caseload filter and reminder choices.

Every message names the field and says what to do. Date labels start with "The date ..." so the date
field's own messages read well ("Enter the date the decision was made").
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.statutory.models import (
    AdviceKind,
    AdviceRequest,
    AssessDecision,
    CeaseReason,
    Disagreement,
    DisagreementAbout,
    ExceptionReason,
    Outcome,
    PhaseTransfer,
    ReminderFrequency,
    RequestedBy,
    ReviewDecision,
    SenType,
    TransferKind,
)
from coproduce.teams.models import Child, Stage, TeamMembership
from coproduce.web.forms import DateField


def short(day) -> str:
    return f"{day.day} {day:%B %Y}"


def radio(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


class StepForm(forms.Form):
    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child


class RequestForm(StepForm):
    requested_by = radio("Who asked for the assessment?", RequestedBy.choices, "Select who asked for the assessment")
    requested_by_other = forms.CharField(
        label="If someone else asked, who were they? (optional)",
        help_text="Their role, not their name, for example health visitor",
        required=False,
        max_length=200,
        error_messages={"max_length": "Who asked must be 200 characters or fewer"},
    )
    received_on = DateField(
        label="The date the council received the request",
        past_only=True,
        help_text="The 20 weeks start on this day. For example, 6 1 2025",
    )

    def clean(self):
        data = super().clean()
        if data.get("requested_by") == RequestedBy.OTHER and not data.get("requested_by_other", "").strip():
            self.add_error("requested_by_other", "Say who asked for the assessment, for example health visitor")
        return data


class DecisionForm(StepForm):
    decision = radio("Will the council assess?", AssessDecision.choices, "Select whether the council will assess")
    decided_on = DateField(label="The date the family was told the decision", past_only=True)


class AdviceRequestForm(StepForm):
    kind = radio("What advice was asked for?", AdviceKind.choices, "Select the kind of advice asked for")
    adviser = forms.ModelChoiceField(
        label="Who was asked, if they are on the team (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Someone not on the team",
        error_messages={"invalid_choice": "Select someone on the team, or 'Someone not on the team'"},
    )
    organisation = forms.ModelChoiceField(
        label="Which organisation was asked (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not recorded",
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    sent_on = DateField(
        label="The date the advice was asked for", past_only=True, help_text="The adviser has 6 weeks from this day"
    )

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, child=child, **kwargs)
        team = TeamMembership.objects.current().filter(child=child).values("user_id")
        self.fields["adviser"].queryset = User.objects.filter(id__in=team).order_by("full_name")
        council = child.responsible_council
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(local_area=council) | Q(pk=council.pk)
        ).order_by("name")


class AdviceReceivedForm(StepForm):
    advice = forms.ModelChoiceField(
        label="Which advice arrived?",
        queryset=AdviceRequest.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the advice that arrived",
            "invalid_choice": "Select the advice that arrived",
        },
    )
    received_on = DateField(label="The date the advice arrived", past_only=True)

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, child=child, **kwargs)
        field = self.fields["advice"]
        field.queryset = AdviceRequest.objects.filter(child=child, received_on__isnull=True).select_related(
            "adviser", "organisation"
        )
        field.label_from_instance = lambda a: (
            f"{a.get_kind_display()} from {a.from_whom}, asked for on {short(a.sent_on)}"
        )


class DraftForm(StepForm):
    served_on = DateField(
        label="The date the draft plan was sent to the family",
        past_only=True,
        help_text="The family has 15 days, starting on this day, to comment",
    )


class OutcomeForm(StepForm):
    outcome = radio("What did the council decide?", Outcome.choices, "Select whether the final plan was issued")
    outcome_on = DateField(label="The date of the final plan or of the decision letter", past_only=True)


class ExceptionForm(StepForm):
    reason = radio(
        "Why can the council not meet the time limit?", ExceptionReason.choices, "Select why the exception applies"
    )
    starts_on = DateField(label="The date the period started")
    ends_on = DateField(label="The date the period ended", help_text="Or the date it is expected to end")
    note = forms.CharField(
        label="What shows this (optional)",
        help_text="The family and the council see this. For example, the school was closed for the summer holiday",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "What shows this must be 1,000 characters or fewer"},
    )
    family_told = forms.BooleanField(
        label="The family has been told the council is relying on this exception", required=False
    )


class ReviewStartForm(StepForm):
    last_plan_on = DateField(
        label="The date the plan was made or last reviewed",
        past_only=True,
        help_text="The review must be finished within 12 months starting on this day",
    )
    meeting_on = DateField(
        label="The date of the review meeting", required=False, help_text="Leave this empty if it is not arranged yet"
    )
    invited_on = DateField(
        label="The date the invitations were sent",
        required=False,
        past_only=True,
        help_text="Leave this empty if they have not been sent yet",
    )


class ReviewMeetingForm(StepForm):
    meeting_on = DateField(label="The date of the review meeting")
    invited_on = DateField(
        label="The date the invitations were sent",
        required=False,
        past_only=True,
        help_text="Everyone must have at least 2 weeks' notice. Leave this empty if they have not been sent yet",
    )


class ReviewReportForm(StepForm):
    report_on = DateField(label="The date the report was sent", past_only=True)


class ReviewDecisionForm(StepForm):
    decision = radio("What did the council decide?", ReviewDecision.choices, "Select what the council decided")
    decided_on = DateField(label="The date the family was told the decision", past_only=True)


class AmendmentNoticeForm(StepForm):
    served_on = DateField(
        label="The date the proposed changes were sent",
        past_only=True,
        help_text="The family has 15 days, starting on this day, to comment",
    )


class AmendedPlanForm(StepForm):
    issued_on = DateField(label="The date the amended plan was issued", past_only=True)


class TransferForm(StepForm):
    kind = radio("What kind of move is it?", TransferKind.choices, "Select the kind of move")
    year = forms.IntegerField(
        label="The year of the move (optional for a move between colleges)",
        help_text="The calendar year the child moves, for example 2027",
        required=False,
        min_value=2014,
        max_value=2100,
        error_messages={
            "invalid": "The year of the move must be a year, like 2027",
            "min_value": "The year of the move must be 2014 or later",
            "max_value": "The year of the move must be 2100 or earlier",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )
    transfer_on = DateField(
        label="The date of the move between colleges",
        required=False,
        help_text="Only for a move between post-16 colleges at another time of year",
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == TransferKind.POST16_MOVE and not data.get("transfer_on") and "transfer_on" not in self.errors:
            self.add_error("transfer_on", "Enter the date of the move between colleges")
        if kind and kind != TransferKind.POST16_MOVE and data.get("year") is None and "year" not in self.errors:
            self.add_error("year", "Enter the year of the move, like 2027")
        return data


class TransferAmendedForm(StepForm):
    transfer = forms.ModelChoiceField(
        label="Which move?",
        queryset=PhaseTransfer.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the move", "invalid_choice": "Select the move"},
    )
    amended_on = DateField(label="The date the amended plan was issued", past_only=True)

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, child=child, **kwargs)
        field = self.fields["transfer"]
        field.queryset = PhaseTransfer.objects.filter(child=child, amended_plan_on__isnull=True)
        field.label_from_instance = lambda t: (
            f"{t.get_kind_display()}, " + (f"in {t.year}" if t.year else f"on {short(t.transfer_on)}")
        )


class DisagreementForm(StepForm):
    about = radio("What was the decision about?", DisagreementAbout.choices, "Select what the decision was about")
    decision_letter_on = DateField(label="The date of the decision letter", past_only=True)


class MediationForm(StepForm):
    disagreement = forms.ModelChoiceField(
        label="Which decision?",
        queryset=Disagreement.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision", "invalid_choice": "Select the decision"},
    )
    mediation_requested_on = DateField(label="The date the family asked for mediation", required=False, past_only=True)
    mediation_declined_on = DateField(
        label="The date the family said they did not want mediation", required=False, past_only=True
    )
    certificate_on = DateField(label="The date the mediation certificate was issued", required=False, past_only=True)
    mediation_held_on = DateField(label="The date the mediation took place", required=False, past_only=True)
    appeal_lodged_on = DateField(label="The date the family appealed to the tribunal", required=False, past_only=True)

    def __init__(self, *args, child: Child, **kwargs):
        super().__init__(*args, child=child, **kwargs)
        field = self.fields["disagreement"]
        field.queryset = Disagreement.objects.filter(child=child)
        field.label_from_instance = lambda d: f"{d.get_about_display()}: letter of {short(d.decision_letter_on)}"


class CeasedForm(StepForm):
    cease_reason = radio("Why did the plan end?", CeaseReason.choices, "Select why the plan ended")
    ceased_on = DateField(label="The date the plan ended", past_only=True)


class NeedsForm(StepForm):
    primary = forms.ChoiceField(
        label="Primary type of need",
        choices=[("", "Choose the primary need")] + SenType.choices,
        error_messages={
            "required": "Select the primary type of need",
            "invalid_choice": "Select the primary type of need",
        },
    )
    secondary = forms.ChoiceField(
        label="Secondary type of need (optional)",
        choices=[("", "None")] + SenType.choices,
        required=False,
        error_messages={"invalid_choice": "Select a secondary type of need, or None"},
    )


class CaseloadFilterForm(forms.Form):
    """The caseload's filters: a GET form that works without JavaScript."""

    stage = forms.ChoiceField(label="Stage", choices=[("", "Any stage")] + Stage.choices, required=False)
    setting = forms.ModelChoiceField(
        label="School or setting",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Any school or setting",
        error_messages={"invalid_choice": "Select a school or setting from the list"},
    )
    school_year = forms.ChoiceField(label="School year", required=False)
    officer = forms.ModelChoiceField(
        label="Case officer",
        queryset=User.objects.none(),
        required=False,
        empty_label="Any case officer",
        error_messages={"invalid_choice": "Select a case officer from the list"},
    )
    due_within = forms.IntegerField(
        label="Next deadline within (days)",
        help_text="For example, 10",
        required=False,
        min_value=0,
        max_value=3650,
        error_messages={
            "invalid": "Enter the number of days as a whole number, like 10",
            "min_value": "The number of days must be 0 or more",
            "max_value": "The number of days must be 3,650 or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    overdue = forms.BooleanField(label="Only show children with a deadline that has passed", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[("deadline", "Next deadline, soonest first"), ("name", "Last name")],
        required=False,
    )

    def __init__(self, *args, settings_choices, officers, **kwargs):
        super().__init__(*args, **kwargs)
        # (id, name) pairs: the choices shown, and the only ones accepted.
        self.fields["setting"].queryset = Organisation.objects.filter(pk__in=[pk for pk, _ in settings_choices])
        self.fields["setting"].choices = [("", "Any school or setting"), *settings_choices]
        self.fields["officer"].queryset = User.objects.filter(pk__in=[pk for pk, _ in officers])
        self.fields["officer"].choices = [("", "Any case officer"), *officers]
        years = [(str(y), label) for y, label in YEAR_CHOICES]
        self.fields["school_year"].choices = [("", "Any school year")] + years
        self.fields["school_year"].error_messages["invalid_choice"] = "Select a school year from the list"


YEAR_CHOICES = [(-1, "Nursery"), (0, "Reception")] + [(y, f"Year {y}") for y in range(1, 15)]


class OverviewYearForm(forms.Form):
    year = forms.IntegerField(
        label="Calendar year",
        min_value=2014,
        required=False,
        error_messages={
            "invalid": "Enter a year, like 2025",
            "min_value": "Enter a year from 2014, when EHC plans began",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError("Enter this year or an earlier one")
        return year


class ReminderFrequencyForm(forms.Form):
    frequency = radio(
        "How would you like to get reminders?", ReminderFrequency.choices, "Select how you would like to get reminders"
    )
