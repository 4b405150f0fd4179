from __future__ import annotations

from django import forms

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.rules.identifiers import nhs_number_problem, normalise, upn_problem
from coproduce.teams.models import ParentsAccess, TeamRole
from coproduce.web.forms import DateField


class ChildDetailsForm(forms.Form):
    given_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={
            "required": "Enter their first name",
            "max_length": "First name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    family_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={
            "required": "Enter their last name",
            "max_length": "Last name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    preferred_name = forms.CharField(
        label="The name they like to be called (optional)",
        max_length=100,
        required=False,
        error_messages={"max_length": "The name they like to be called must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    date_of_birth = DateField(label="Date of birth", past_only=True, help_text="For example, 27 3 2015")
    setting = forms.ModelChoiceField(
        label="School, early years setting or college (optional)",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not known or none",
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        max_length=20,
        required=False,
        help_text="13 characters, starting with a letter, like A123456789012",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=20,
        required=False,
        help_text="10 numbers, like 485 777 3456",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )

    def __init__(self, *args, council: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        settings_qs = Organisation.objects.filter(kind=OrganisationKind.SETTING)
        if council is not None:
            settings_qs = settings_qs.filter(local_area=council)
        self.fields["setting"].queryset = settings_qs

    def clean_upn(self) -> str:
        value = self.cleaned_data["upn"]
        if not value:
            return ""
        problem = upn_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return normalise(value)

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        if not value:
            return ""
        problem = nhs_number_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return normalise(value).replace("-", "")


class AddChildForm(ChildDetailsForm):
    responsible_council = forms.ModelChoiceField(
        label="Responsible council",
        queryset=Organisation.objects.none(),
        error_messages={
            "required": "Select the council responsible for them",
            "invalid_choice": "Select the council responsible for them",
        },
        empty_label=None,
    )

    field_order = [
        "given_name",
        "family_name",
        "preferred_name",
        "date_of_birth",
        "responsible_council",
        "setting",
        "upn",
        "nhs_number",
    ]

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_council"].queryset = councils
        self.fields["setting"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.SETTING, local_area__in=councils
        )
        self.order_fields(self.field_order)


class EditChildForm(ChildDetailsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="What will they be on the team?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what they will be on the team",
            "invalid_choice": "Select what they will be on the team",
        },
    )

    def __init__(self, *args, may_add_officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label) for value, label in TeamRole.choices if may_add_officer or value != TeamRole.CASE_OFFICER
        ]


class ParentsAccessForm(forms.Form):
    choice = forms.ChoiceField(
        label="Can your parents or carers see your plan?",
        choices=ParentsAccess.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether your parents or carers can see your plan"},
    )
