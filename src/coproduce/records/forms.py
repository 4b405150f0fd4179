from __future__ import annotations

from django import forms

from coproduce.records.models import ReviewDecision
from coproduce.rules import retention
from coproduce.teams.forms import ChildDetailsForm


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Release or withhold this item?",
        widget=forms.RadioSelect,
        choices=ReviewDecision.choices,
        error_messages={"required": "Choose whether to release or withhold this item"},
    )
    reason = forms.CharField(
        label="Why",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "For the council's record, for example the exemption that applies. The person asking does not see it."
        ),
        error_messages={
            "required": "Say why you are releasing or withholding this item",
            "max_length": "Why must be 2000 characters or fewer",
        },
    )


class RetentionRuleForm(forms.Form):
    years = forms.IntegerField(
        label="Keep records until the date of birth plus how many years?",
        min_value=retention.MINIMUM_RETENTION_YEARS,
        max_value=retention.MAXIMUM_RETENTION_YEARS,
        help_text=(
            f"The IRMS toolkit gives {retention.DEFAULT_RETENTION_YEARS} years for files about special educational "
            f"needs. A plan can last until 25, so the least is {retention.MINIMUM_RETENTION_YEARS}."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter a number of years",
            "invalid": "Enter the number of years as a whole number, like 31",
            "min_value": f"Enter at least {retention.MINIMUM_RETENTION_YEARS} years: a plan can last until 25",
            "max_value": f"Enter {retention.MAXIMUM_RETENTION_YEARS} years or fewer",
        },
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why", "max_length": "Why must be 2000 characters or fewer"},
    )


class DisposeForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked that this record is past its retention date, has no legal hold, and can be disposed of",
        error_messages={"required": "Confirm that you have checked this record can be disposed of"},
    )


class FindRecordForm(forms.Form):
    """Finds a record not yet due, to place a hold on it: the child's full name and date of birth, as a
    claim, complaint or tribunal notice gives them (the same fields as adding a child)."""

    given_name = ChildDetailsForm.base_fields["given_name"]
    family_name = ChildDetailsForm.base_fields["family_name"]
    date_of_birth = ChildDetailsForm.base_fields["date_of_birth"]
