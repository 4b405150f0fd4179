"""Forms for progress, with GOV.UK error messages that say what to do."""

from __future__ import annotations

from django import forms

from coproduce.plans.forms import SubmissionKeyMixin, VersionMixin, ViewForm
from coproduce.progress.models import CHILD_WORDS, MissedReason, Weight
from coproduce.progress.scoring import signed
from coproduce.rules.delivery import Every
from coproduce.rules.goal_attainment import LEVEL_WORDS
from coproduce.statutory.models import ReviewDecision
from coproduce.web.forms import DateField


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _level_box(label: str, hint: str, message: str) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, widget=forms.Textarea(attrs={"rows": 2}), error_messages=_required(message)
    )


class TargetForm(SubmissionKeyMixin):
    text = forms.CharField(
        label="The target",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A step towards the outcome, usually for this school year. Say what the child or young person "
        "will do, so everyone can tell whether it happened.",
        error_messages=_required("Enter the target"),
    )
    by_when = forms.CharField(
        label="By when? (optional)",
        max_length=200,
        required=False,
        help_text="For example, 'by the end of the summer term'",
        error_messages={"max_length": "By when must be 200 characters or fewer"},
    )
    weight = forms.TypedChoiceField(
        label="How important is this target, compared with the others? (optional)",
        choices=Weight.choices,
        coerce=int,
        initial=Weight.USUAL,
        widget=forms.RadioSelect,
        required=False,
        empty_value=Weight.USUAL,
    )
    expected = _level_box(
        "0: the expected outcome",
        "What it looks like if the target is met just as expected.",
        "Describe what it looks like if the target is met as expected",
    )
    more = _level_box(
        "+1: somewhat more than expected",
        "What it looks like if it goes a bit better than expected.",
        "Describe what somewhat more than expected looks like",
    )
    much_more = _level_box(
        "+2: much more than expected",
        "What it looks like if it goes much better than expected.",
        "Describe what much more than expected looks like",
    )
    less = _level_box(
        "\u22121: somewhat less than expected",
        "What it looks like if it goes a bit less well than expected.",
        "Describe what somewhat less than expected looks like",
    )
    much_less = _level_box(
        "\u22122: much less than expected",
        "What it looks like if it goes much less well than expected. Often, where things are now.",
        "Describe what much less than expected looks like",
    )
    written_with = forms.CharField(
        label="Who wrote these levels together?",
        max_length=300,
        help_text="Write the levels with the family and the child or young person. For example, "
        "'Grace, her dad David and Mr Evans (SENCo)'",
        error_messages={
            "required": "Say who wrote the levels together",
            "max_length": "Who wrote the levels must be 300 characters or fewer",
        },
    )

    field_order = ["submission_key", "text", "by_when", "weight", "expected", "more", "much_more", "less", "much_less"]

    def clean(self):
        data = super().clean()
        if data.get("weight") in (None, ""):
            data["weight"] = Weight.USUAL
        return data


class TargetEditForm(TargetForm, VersionMixin):
    """Changing a target: the same questions, and the version it was loaded at (so that a change someone
    else saved meanwhile is never overwritten)."""


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


class RatingsForm(SubmissionKeyMixin):
    """Every target at once, for an adult: a level for each (with what it looks like for this child) and
    an optional comment."""

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        for number, target in self.targets:
            self.fields[f"level_{target.pk}"] = forms.TypedChoiceField(
                label=f"Target {number}: {target.text}",
                choices=[
                    (level, f"{signed(level)} {LEVEL_WORDS[level]}: {description}")
                    for level, _, description in reversed(target.levels)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=_required(f"Select how target {number} went: {_short(target.text, 8)}"),
            )
            self.fields[f"comment_{target.pk}"] = forms.CharField(
                label=f"Comment on target {number} (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def ratings(self) -> list[tuple]:
        return [
            (target, self.cleaned_data[f"level_{target.pk}"], self.cleaned_data.get(f"comment_{target.pk}", ""))
            for _, target in self.targets
        ]

    def pairs(self):
        """(number, target, level field, comment field) for the template."""
        return [(n, t, self[f"level_{t.pk}"], self[f"comment_{t.pk}"]) for n, t in self.targets]


class FacesForm(SubmissionKeyMixin):
    """One target at a time, in pictures and simple words: five faces, each with its words."""

    level = forms.TypedChoiceField(
        label="How did it go?",
        choices=[(level, CHILD_WORDS[level]) for level in sorted(CHILD_WORDS, reverse=True)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required("Choose a face"),
    )
    comment = forms.CharField(
        label="Do you want to say anything else? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScheduleForm(forms.Form):
    every = forms.ChoiceField(
        label="How often should the team check in on progress?",
        choices=[(Every.TERM, "Each term"), (Every.HALF_TERM, "Each half term"), (Every.MONTH, "Each month")],
        widget=forms.RadioSelect,
        error_messages=_required("Select how often to check in"),
    )


class DeliveryForm(SubmissionKeyMixin):
    delivered = forms.TypedChoiceField(
        label="Did the session happen?",
        choices=[("yes", "Yes, it was delivered"), ("no", "No, it was missed")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the session happened"),
    )
    on = DateField(label="Date of the session", past_only=True, help_text="For example, 27 3 2026")
    minutes = forms.IntegerField(
        label="How many minutes did it last?",
        required=False,
        min_value=1,
        help_text="Only if it was delivered",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Minutes must be a whole number, like 30",
            "min_value": "Minutes must be 1 or more",
        },
    )
    delivered_by = forms.CharField(
        label="Who delivered it?",
        required=False,
        max_length=200,
        help_text="Only if it was delivered. Their name and role, for example 'Jo Patel, teaching assistant'",
        error_messages={"max_length": "Who delivered it must be 200 characters or fewer"},
    )
    reason = forms.ChoiceField(
        label="If it was missed, why?",
        choices=MissedReason.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Sessions missed because the child or young person was away, or because the setting was "
        "closed, are not counted as owed. Other missed sessions are still owed.",
    )
    until = DateField(
        label="If the setting was closed for more than a day, the last day it was closed (optional)",
        required=False,
    )
    note = forms.CharField(
        label="Anything else to say (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if you chose 'Another reason'. Do not include anything about other children.",
    )

    def clean(self):
        data = super().clean()
        if data.get("delivered") is True:
            if not data.get("minutes") and "minutes" not in self.errors:
                self.add_error("minutes", "Enter how many minutes the session lasted")
            if not (data.get("delivered_by") or "").strip() and "delivered_by" not in self.errors:
                self.add_error("delivered_by", "Enter who delivered the session")
        elif data.get("delivered") is False:
            if not data.get("reason"):
                self.add_error("reason", "Select why the session was missed")
            elif data["reason"] == MissedReason.OTHER and not (data.get("note") or "").strip():
                self.add_error("note", "Say why the session was missed")
        return data


class ThresholdForm(forms.Form):
    council = forms.ModelChoiceField(
        label="Council", queryset=None, empty_label=None, error_messages=_required("Select the council")
    )
    percent = forms.IntegerField(
        label="Flag a shortfall when less than this share of promised provision is delivered over four weeks",
        min_value=1,
        max_value=100,
        help_text="A percentage from 1 to 100. The usual choice is 80.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter a percentage",
            "invalid": "The percentage must be a whole number, like 80",
            "min_value": "The percentage must be 1 or more",
            "max_value": "The percentage must be 100 or less",
        },
    )

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        if councils is not None and len(councils) == 1:
            self.fields["council"].widget = forms.HiddenInput()


class ReviewViewForm(ViewForm, SubmissionKeyMixin):
    """The same form as section A of the plan: their words, how they gave them, pictures, who helped."""


class ContributionForm(SubmissionKeyMixin):
    working = forms.CharField(label="What is working?", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    not_working = forms.CharField(
        label="What is not working, or is hard?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    change = forms.CharField(
        label="What should change?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In the plan, in the provision, or in the targets.",
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("working", "not_working", "change")):
            self.add_error("working", "Write at least one answer")
        return data


class ReportForm(SubmissionKeyMixin):
    meeting_on = DateField(label="Date of the review meeting", past_only=True)
    attended = forms.CharField(
        label="Who took part?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names and roles, and how the child or young person took part.",
        error_messages=_required("Enter who took part in the meeting"),
    )
    outcome = forms.CharField(
        label="What did the meeting find?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Progress towards the outcomes, what the child and family said, and whether the provision "
        "was delivered.",
        error_messages=_required("Enter what the meeting found"),
    )
    recommendation = forms.ChoiceField(
        label="What does the meeting recommend to the council?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select what the meeting recommends"),
    )
    recommendations = forms.CharField(
        label="The recommendations in full",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Changes to outcomes, provision or targets, and who will do what by when.",
        error_messages=_required("Enter the meeting's recommendations"),
    )
    record_sent = forms.BooleanField(
        label="Also record on the timeline that this report was sent to everyone today",
        required=False,
        help_text="The report must be sent within 2 weeks of the meeting.",
    )
