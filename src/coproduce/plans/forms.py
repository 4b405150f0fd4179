from __future__ import annotations

import uuid

from django import forms

from coproduce.plans.models import Decision, Method, Position, ViewTopic, Whose
from coproduce.plans.uploads import UploadRefused, identify
from coproduce.rules.plan_sections import BROAD_AREAS, PFA_AREAS
from coproduce.web.forms import DateField


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class SubmissionKeyMixin(forms.Form):
    """A hidden key made when the form is shown: sending the same form twice makes one change."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ViewForm(forms.Form):
    whose = forms.ChoiceField(
        label="Whose views are these?",
        widget=forms.RadioSelect,
        choices=[(Whose.CHILD, "The child or young person's own views"), (Whose.PARENT, "A parent or carer's views")],
        error_messages=_required("Select whose views these are"),
    )
    topic = forms.ChoiceField(
        label="What are they about?",
        widget=forms.RadioSelect,
        choices=ViewTopic.choices,
        error_messages=_required("Select what the views are about"),
    )
    text = forms.CharField(
        label="Their words",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Write exactly what they said or wrote, in their own words. Do not change or tidy them.",
    )
    method = forms.ChoiceField(
        label="How did they give their views?",
        widget=forms.RadioSelect,
        choices=Method.choices,
        error_messages=_required("Select how they gave their views"),
    )
    helped_by = forms.CharField(
        label="Who helped, and how? (optional)",
        required=False,
        max_length=200,
        help_text="For example, 'Priya Shah, SENCo, wrote down what Leo said'",
        error_messages={"max_length": "Who helped must be 200 characters or fewer"},
    )
    image = forms.FileField(
        label="A drawing or photo (optional)",
        required=False,
        help_text="A JPG or PNG image, smaller than 10MB",
    )
    pictures = forms.MultipleChoiceField(
        label="Pictures they chose (optional)", required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, **kwargs):
        from coproduce.plans.pictures import PICTURE_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["pictures"].choices = PICTURE_CHOICES

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            try:
                self.image_type = identify(upload)
            except UploadRefused as refusal:
                raise forms.ValidationError(str(refusal)) from None
            if self.image_type.extension not in ("png", "jpg"):
                raise forms.ValidationError("The drawing or photo must be a JPG or PNG image")
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("pictures") and not data.get("image"):
            self.add_error("text", "Enter their words, choose the pictures they picked, or add their drawing or photo")
        if data.get("method") in (Method.DICTATED, Method.SIGNED) and not (data.get("helped_by") or "").strip():
            self.add_error("helped_by", "Say who helped them give their views")
        return data


class AspirationForm(forms.Form):
    whose = forms.ChoiceField(
        label="Whose answer is this?",
        widget=forms.RadioSelect,
        choices=Whose.choices,
        error_messages=_required("Select whose answer this is"),
    )
    text = forms.CharField(
        label="What would success look like?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ask the child or young person first. Write their answer in their own words.",
        error_messages=_required("Enter what success would look like"),
    )
    method = forms.ChoiceField(
        label="How did they answer?",
        widget=forms.RadioSelect,
        choices=Method.choices,
        error_messages=_required("Select how they answered"),
    )
    helped_by = forms.CharField(label="Who helped, and how? (optional)", required=False, max_length=200)


class NeedForm(forms.Form):
    broad_area = forms.ChoiceField(label="Area of need", choices=[("", "Choose an area"), *BROAD_AREAS], required=False)
    text = forms.CharField(
        label="Describe the need",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what the child or young person finds hard and how it affects them, "
        "so that anyone reading it understands.",
        error_messages=_required("Describe the need"),
    )

    def __init__(self, *args, section: str = "B", **kwargs):
        super().__init__(*args, **kwargs)
        if section != "B":
            del self.fields["broad_area"]
        else:
            self.fields["broad_area"].required = True
            self.fields["broad_area"].error_messages["required"] = "Select the area of need"


class _LinkedForm(forms.Form):
    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in self.link_querysets(plan).items():
            if not queryset.exists():
                del self.fields[name]  # nothing to link to yet: no empty question
                continue
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = lambda item: f"{item.text if hasattr(item, 'text') else item.what}"

    def link_querysets(self, plan) -> dict:
        return {}


class OutcomeForm(_LinkedForm):
    text = forms.CharField(
        label="The outcome",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the child or young person will be able to do: specific and measurable.",
        error_messages=_required("Enter the outcome"),
    )
    timeframe = forms.CharField(
        label="By when?",
        max_length=200,
        required=False,
        help_text="For example, 'by the end of Year 6' or 'by July 2027'",
    )
    pfa_area = forms.ChoiceField(
        label="Preparing for adulthood (optional)",
        required=False,
        choices=[("", "Not a preparing-for-adulthood outcome"), *PFA_AREAS],
    )
    needs = forms.ModelMultipleChoiceField(
        label="Which needs does it meet?", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    aspirations = forms.ModelMultipleChoiceField(
        label="Which hopes for the future does it serve?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def link_querysets(self, plan) -> dict:
        return {"needs": plan.needs.all(), "aspirations": plan.aspirations.all()}


class ProvisionForm(_LinkedForm):
    what = forms.CharField(
        label="What is provided",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, 'one-to-one speech and language therapy working on understanding questions'",
        error_messages=_required("Enter what is provided"),
    )
    deliverer_role = forms.CharField(
        label="Who delivers it",
        max_length=200,
        required=False,
        help_text="Their role, for example 'speech and language therapist'",
    )
    deliverer_training = forms.CharField(
        label="Their training or qualification (optional)", max_length=200, required=False
    )
    frequency = forms.CharField(
        label="How often", max_length=200, required=False, help_text="For example, 'once a week' or 'every school day'"
    )
    duration = forms.CharField(
        label="For how long each time", max_length=200, required=False, help_text="For example, '30 minutes'"
    )
    group_size = forms.CharField(
        label="Group size or ratio (optional)",
        max_length=100,
        required=False,
        help_text="For example, '1:1' or 'a group of no more than 4'",
    )
    where_when = forms.CharField(label="Where and when (optional)", max_length=200, required=False)
    start_date = DateField(label="Start date (optional)", required=False)
    review_date = DateField(label="Review date (optional)", required=False)
    outcomes = forms.ModelMultipleChoiceField(
        label="Which outcomes does it deliver?", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.ModelMultipleChoiceField(
        label="Which needs does it meet?", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def link_querysets(self, plan) -> dict:
        return {"outcomes": plan.outcomes.all(), "needs": plan.needs.all()}

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("review_date") and data["review_date"] < data["start_date"]:
            self.add_error("review_date", "The review date must be after the start date")
        return data


class AdviceForm(forms.Form):
    title = forms.CharField(
        label="What is it?",
        max_length=200,
        help_text="For example, 'Educational psychology advice'",
        error_messages=_required("Enter what the advice is"),
    )
    given_by = forms.CharField(
        label="Who gave it?",
        max_length=200,
        help_text="Their name and role",
        error_messages=_required("Enter who gave the advice"),
    )
    received_on = DateField(label="Date received", past_only=True)
    summary = forms.CharField(label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    document = forms.FileField(
        label="Upload the document (optional)",
        required=False,
        help_text="A PDF, Word document (DOCX), or JPG or PNG image, smaller than 10MB",
    )

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            try:
                self.file_type = identify(upload)
            except UploadRefused as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return upload


class CommentForm(SubmissionKeyMixin):
    text = forms.CharField(
        label="Your comment", widget=forms.Textarea(attrs={"rows": 4}), error_messages=_required("Enter your comment")
    )
    suggested_text = forms.CharField(
        label="Suggest new wording (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Change the words below to how you think they should read.",
    )

    def __init__(self, *args, allow_suggestion: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_suggestion:
            del self.fields["suggested_text"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=Decision.choices,
        error_messages=_required("Select your decision"),
    )
    decided_text = forms.CharField(
        label="Wording that will go into the plan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only for suggested changes. Change it if you accept it with changes.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you do not accept it. The person who wrote it will see this.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.NOT_ACCEPTED and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give the reason it is not accepted: the person who wrote it will see it")
        return data


class AgreementForm(forms.Form):
    position = forms.ChoiceField(
        label="Do you agree with this section?",
        widget=forms.RadioSelect,
        choices=Position.choices,
        error_messages=_required("Select whether you agree"),
    )
    reason = forms.CharField(
        label="Why? (required if you do not fully agree)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("position") in (Position.PARTLY, Position.DISAGREE) and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why, so the team can see what you do not agree with")
        return data


class ConsultationForm(forms.Form):
    served_on = DateField(
        label="Date the draft is sent to the family",
        past_only=True,
        help_text="Usually today. The 15 days to comment start on this day.",
    )


class FinaliseForm(forms.Form):
    placement = forms.CharField(
        label="Section I: name and type of school or other institution",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter the name and type of the school or other institution"),
    )
    family_finished = forms.BooleanField(
        label="The family has told us they have finished commenting",
        required=False,
        help_text="Only needed before the 15 days to comment have ended.",
    )


class BudgetForm(VersionMixin):
    personal_budget = forms.CharField(
        label="Section J: personal budget", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class ImportForm(forms.Form):
    plan_file = forms.FileField(label="Plan file (JSON)", error_messages=_required("Choose a plan file to import"))


class AcceptFindingForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=60)
    item_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label="Why is it right as it is?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required("Say why the plan is right as it is"),
    )
