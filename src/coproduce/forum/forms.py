"""Forms for the forum, boards and workstreams, with GOV.UK error messages for each field."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from coproduce.accounts.models import Organisation
from coproduce.forum import ladder
from coproduce.forum.models import (
    ActionStatus,
    AttendanceStatus,
    MemberRole,
    SourceKind,
    WorkstreamKind,
    YouSaidStatus,
)
from coproduce.plans.uploads import UploadRefused, identify
from coproduce.web.forms import DateField

YES_NO = [("yes", "Yes"), ("no", "No")]


def _messages(required: str, max_length: int | None = None, what: str = "") -> dict[str, str]:
    messages = {"required": required}
    if max_length:
        messages["max_length"] = f"{what} must be {max_length} characters or fewer"
    return messages


def text(label: str, required: str, *, max_length: int, what: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, error_messages=_messages(required, max_length, what), **kwargs
    )


def long_text(
    label: str, required: str | None = None, *, rows: int = 5, max_length: int = 10000, **kwargs
) -> forms.CharField:
    messages = {"max_length": f"{label.removesuffix(' (optional)')} must be {max_length:,} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        required=required is not None,
        max_length=max_length,
        error_messages=messages,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def yes_no(label: str, required: str, **kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
        **kwargs,
    )


def radios(label: str, choices, required: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
        **kwargs,
    )


class JoinForumForm(forms.Form):
    forum = forms.ModelChoiceField(
        label="Which parent carer forum?",
        queryset=Organisation.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a parent carer forum", "invalid_choice": "Select a parent carer forum"},
    )
    may_contact = yes_no(
        "Can the forum contact you about its work?",
        "Select yes if the forum can contact you",
        help_text="This includes telling you what became of things you told us. We never share your details.",
    )

    def __init__(self, *args, forums=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums


class VolunteerForm(forms.Form):
    note = long_text(
        "Tell the coordinator a little about why (optional)",
        rows=4,
        help_text="For example, your experience of this part of SEND, or when you are free.",
        max_length=2000,
    )


class WorkstreamForm(forms.Form):
    kind = radios("Is it a board or a workstream?", WorkstreamKind.choices, "Select board or workstream")
    name = text("Name", "Enter the name", max_length=150, what="The name")
    purpose = long_text(
        "Purpose",
        "Enter the purpose",
        help_text="What it is for, and what success would look like for families.",
        max_length=4000,
    )


class NewWorkstreamForm(WorkstreamForm):
    forum = forms.ModelChoiceField(
        label="Parent carer forum",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"required": "Select the forum", "invalid_choice": "Select the forum"},
    )

    field_order = ["forum", "kind", "name", "purpose"]

    def __init__(self, *args, forums=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums
        self.order_fields(self.field_order)


class EditWorkstreamForm(WorkstreamForm):
    chair = forms.ModelChoiceField(
        label="Chair (optional)",
        queryset=None,
        required=False,
        empty_label="No chair yet",
        help_text="A member of the workstream who is not an observer.",
        error_messages={"invalid_choice": "Select a member of the workstream as chair"},
    )

    def __init__(self, *args, chairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs


class MemberForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="The address they use to sign in to Coproduce.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = radios("Their role", MemberRole.choices, "Select their role")
    mandate = forms.CharField(
        label="Who do they speak for? (optional)",
        required=False,
        max_length=200,
        help_text="For example, Northmoor Parent Carer Forum, or the council's SEND team.",
        error_messages={"max_length": "Who they speak for must be 200 characters or fewer"},
    )
    started_on = DateField(label="Start date", help_text="For example, 1 9 2026")
    ended_on = DateField(label="End date (optional)", required=False, help_text="When their term ends, if known")

    def clean(self):
        data = super().clean()
        if data.get("started_on") and data.get("ended_on") and data["ended_on"] < data["started_on"]:
            self.add_error("ended_on", "The end date must be the same as or after the start date")
        return data


class EndMemberForm(forms.Form):
    ended_on = DateField(label="Their last day on the workstream", help_text="For example, 31 7 2026")


class MeetingForm(forms.Form):
    title = text("Title", "Enter a title for the meeting", max_length=150, what="The title")
    held_on = DateField(label="Date of the meeting", help_text="For example, 17 2 2027")
    place = forms.CharField(
        label="Where, or how to join (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Where the meeting is must be 200 characters or fewer"},
    )
    agenda = long_text("Agenda (optional)", rows=6, help_text="Put each item on its own line.", max_length=5000)


class PaperForm(forms.Form):
    title = text("Title of the paper", "Enter the title of the paper", max_length=200, what="The title")
    document = forms.FileField(
        label="Upload the paper",
        help_text="A PDF, Word document (DOCX), or JPG or PNG image, smaller than 10MB",
        error_messages={"required": "Select a file to upload", "empty": "The file is empty"},
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                self.file_type = identify(upload)
            except UploadRefused as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return upload


class AttendanceForm(forms.Form):
    """One question for each member: were they there?"""

    def __init__(self, *args, members=(), initial_statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_statuses = initial_statuses or {}
        self.members = list(members)
        for member in self.members:
            name = f"member_{member.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{member.user.full_name} ({member.get_role_display().lower()})",
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=initial_statuses.get(member.pk),
                error_messages={
                    "required": f"Select whether {member.user.full_name} was there",
                    "invalid_choice": f"Select whether {member.user.full_name} was there",
                },
            )

    def statuses(self) -> dict:
        return {member.pk: self.cleaned_data[f"member_{member.pk}"] for member in self.members}


class MinutesForm(forms.Form):
    text = long_text("Minutes", "Enter the minutes", rows=14, max_length=50000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MinutesCommentForm(forms.Form):
    text = long_text("Your comment on the draft minutes", "Enter your comment", rows=4, max_length=5000)


class DecisionForm(forms.Form):
    title = text(
        "Decision in a few words",
        "Enter the decision in a few words",
        max_length=150,
        what="The decision in a few words",
    )
    what = long_text("What was decided", "Enter what was decided")
    decided_by = text(
        "Who decided",
        "Enter who decided",
        max_length=200,
        what="Who decided",
        help_text="For example, the Local Change Board, by agreement of all members present",
    )
    decided_on = DateField(label="Date of the decision", past_only=True, help_text="For example, 17 2 2026")
    meeting = forms.ModelChoiceField(
        label="Meeting where it was decided (optional)",
        queryset=None,
        required=False,
        empty_label="Not at a meeting",
        error_messages={"invalid_choice": "Select one of this workstream's meetings"},
    )
    evidence = long_text("What evidence was used (optional)", rows=4)
    families_views = long_text(
        "What families said (optional)", rows=4, help_text="Views gathered from families, without names."
    )
    survey_reference = forms.CharField(
        label="Survey used (optional)",
        required=False,
        max_length=300,
        help_text="The name of the survey, or a link to its results.",
        error_messages={"max_length": "The survey must be 300 characters or fewer"},
    )
    you_said_items = forms.ModelMultipleChoiceField(
        label="'You said' items this answers (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Select from the items listed",
            "invalid_pk_value": "Select from the items listed",
        },
    )
    family_involvement = long_text(
        "How were families involved?",
        "Enter how families were involved",
        rows=4,
        help_text="For example, parent representatives helped write the options and chose between them.",
    )

    def __init__(self, *args, meetings=None, you_said_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["you_said_items"].queryset = you_said_items
        if not you_said_items.exists():
            del self.fields["you_said_items"]


class RatingForm(forms.Form):
    rung = forms.TypedChoiceField(
        label="Where did this decision sit on the ladder of co-production?",
        choices=[(rung.number, f"{rung.name}: {rung.meaning}") for rung in reversed(ladder.RUNGS)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the decision sat on the ladder",
            "invalid_choice": "Select where the decision sat on the ladder",
        },
    )
    reason = long_text("Why? (optional)", rows=4, max_length=4000)


class WorkActionForm(forms.Form):
    what = long_text("What needs to be done", "Enter what needs to be done", rows=3, max_length=4000)
    owner = forms.ModelChoiceField(
        label="Who owns it",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Select who owns it", "invalid_choice": "Select a member of the workstream"},
    )
    due_on = DateField(label="Due date", help_text="For example, 31 3 2027")
    decision = forms.ModelChoiceField(
        label="Decision it comes from (optional)",
        queryset=None,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Select one of this workstream's decisions"},
    )

    def __init__(self, *args, owners=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["decision"].queryset = decisions


class WorkActionUpdateForm(forms.Form):
    status = radios("How is it going?", ActionStatus.choices, "Select how it is going")
    completed_on = DateField(
        label="Date it was done (if done)",
        required=False,
        past_only=True,
        help_text="Leave empty if it was done today",
    )


class YouSaidForm(forms.Form):
    title = text("In a few words", "Enter what it is about in a few words", max_length=150, what="The title")
    families_said = long_text(
        "What families said",
        "Enter what families said",
        help_text="Without names or anything that could identify a family: this is shown publicly.",
    )
    we_will = long_text("What the council and partners will do (optional)", rows=4)
    owner = forms.CharField(
        label="Who owns it (optional)",
        required=False,
        max_length=200,
        help_text="A team or organisation, not a person's name. For example, Northmoor Council SEND team.",
        error_messages={"max_length": "Who owns it must be 200 characters or fewer"},
    )
    source_kind = radios("Where did it come from?", SourceKind.choices, "Select where it came from")
    source_description = forms.CharField(
        label="Say more about where it came from (optional)",
        required=False,
        max_length=300,
        help_text="For example, summer 2026 survey of families, question 4.",
        error_messages={"max_length": "Where it came from must be 300 characters or fewer"},
    )
    workstream = forms.ModelChoiceField(
        label="Workstream working on it (optional)",
        queryset=None,
        required=False,
        empty_label="None yet",
        error_messages={"invalid_choice": "Select one of the workstreams listed"},
    )
    published = yes_no("Show it on the public 'You said, we did' page?", "Select yes to show it publicly")

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams


class NewYouSaidForm(YouSaidForm):
    local_area = forms.ModelChoiceField(
        label="Local area",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Select the local area", "invalid_choice": "Select the local area"},
    )

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_area"].queryset = areas
        self.order_fields(["local_area"])


class YouSaidUpdateForm(forms.Form):
    text = long_text(
        "Update",
        "Enter the update",
        rows=4,
        help_text="What has happened. Without names or anything that could identify a family: it is shown publicly.",
    )
    status = radios(
        "Status",
        YouSaidStatus.choices,
        "Select the status",
        help_text="If the status changes, families who contributed and agreed to be contacted are told by email.",
    )
    posted_on = DateField(
        label="Date of the update (optional)", required=False, past_only=True, help_text="Leave empty for today"
    )


class ContributorsForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label="Forum members who raised or supported this",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one forum member",
            "invalid_choice": "Select from the forum members listed",
            "invalid_pk_value": "Select from the forum members listed",
        },
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        field.queryset = members
        field.label_from_instance = lambda member: (
            f"{member.user.full_name}"
            + (" (agreed to be contacted)" if member.may_contact else " (has not agreed to be contacted)")
        )


def money(label: str, what: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": f"{what} must be a number, like 12.50",
            "min_value": f"{what} cannot be less than zero",
            "max_digits": f"{what} is too large",
            "max_decimal_places": f"{what} must have no more than 2 decimal places",
            "max_whole_digits": f"{what} is too large",
        },
        **kwargs,
    )


class ClaimForm(forms.Form):
    workstream = forms.ModelChoiceField(
        label="Workstream",
        queryset=None,
        empty_label=None,
        error_messages={"required": "Select the workstream", "invalid_choice": "Select one of your workstreams"},
    )
    on_date = DateField(
        label="Date of the work", past_only=True, help_text="The day you gave the time or spent the money"
    )
    description = long_text(
        "What was it for?", "Enter what it was for", rows=3, help_text="For example, board meeting and preparation."
    )
    hours = forms.DecimalField(
        label="Hours given (optional)",
        required=False,
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=2,
        help_text="For example, 2.5 for two and a half hours",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Hours must be a number, like 2.5",
            "min_value": "Hours cannot be less than zero",
            "max_digits": "Hours must be less than 1000",
            "max_whole_digits": "Hours must be less than 1000",
            "max_decimal_places": "Hours must have no more than 2 decimal places",
        },
    )
    expenses = money("Expenses in pounds (optional)", "Expenses", help_text="Travel, childcare or other agreed costs")
    payment = money("Participation payment in pounds (optional)", "The participation payment")

    def __init__(self, *args, workstreams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams

    def clean(self):
        data = super().clean()
        amounts = [data.get(name) for name in ("hours", "expenses", "payment")]
        if not self.errors and not any(amount for amount in amounts):
            self.add_error("hours", "Enter the hours you gave, the expenses you are claiming, or both")
        return data


class DecideClaimForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="Do you approve this claim?",
        choices=[("yes", "Yes, approve it"), ("no", "No, do not approve it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you approve the claim",
            "invalid_choice": "Select whether you approve the claim",
        },
    )
    note = long_text("Note (needed if you do not approve it)", rows=3, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("approve") is False and not (data.get("note") or "").strip():
            self.add_error("note", "Say why the claim is not approved")
        return data
