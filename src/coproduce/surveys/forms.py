"""Forms for building surveys, answering them, and working with the results, with GOV.UK error messages."""

from __future__ import annotations

import uuid

from django import forms

from coproduce.accounts.models import Organisation
from coproduce.forum.forms import long_text, radios, text, yes_no
from coproduce.surveys.builtin import SYMBOL_CHOICES
from coproduce.surveys.models import Audience, ContactWay, Group, QuestionKind, Section, Template, Theme
from coproduce.web.forms import DateField

HONEYPOT = "website"


def _area_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Which local area is it for?",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the local area", "invalid_choice": "Choose the local area"},
    )


# Building.


class NewSurveyForm(forms.Form):
    template = radios(
        "How do you want to start?",
        Template.choices,
        "Choose how to start",
        help_text="A built-in survey comes with its questions, which you can change.",
    )
    title = forms.CharField(
        label="Title (optional for a built-in survey)",
        max_length=150,
        required=False,
        help_text="Respondents see this. For example: Your experience of the annual review, summer 2026.",
        error_messages={"max_length": "The title must be 150 characters or fewer"},
    )
    audience = radios("Who is it for?", Audience.choices, "Choose who the survey is for")
    local_area = _area_field()

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_area"].queryset = areas
        if areas.count() == 1:
            self.fields["local_area"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        if data.get("template") == Template.BLANK and not (data.get("title") or "").strip():
            self.add_error("title", "Enter a title for the survey")
        return data


class SurveyDetailsForm(forms.Form):
    title = text("Title", "Enter a title for the survey", max_length=150, what="The title")
    intro = long_text("What to tell people before they start (optional)", rows=4, max_length=2000)
    audience = radios("Who is it for?", Audience.choices, "Choose who the survey is for")
    opens_on = DateField(
        label="Opening date (optional)",
        required=False,
        help_text="For example, 1 6 2026. Leave empty to open it when you publish it.",
    )
    closes_on = DateField(
        label="Closing date (optional)", required=False, help_text="Leave empty to keep it open until you close it."
    )
    privacy_notice = long_text(
        "Privacy notice",
        "Enter the privacy notice",
        rows=6,
        max_length=5000,
        help_text="What happens to people's answers, who reads them, and how long they are kept.",
    )


class SectionForm(forms.Form):
    title = text("Section title", "Enter a title for the section", max_length=150, what="The title")


def parse_options(value: str) -> list[tuple[str, str]]:
    """One answer on each line, with simpler words after a vertical bar: "Somewhat | Some of the time"."""
    options = []
    for line in value.splitlines():
        if not line.strip():
            continue
        label, _, easy = line.partition("|")
        options.append((label.strip()[:200], easy.strip()[:200]))
    return options


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(
        label="Section",
        queryset=Section.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the section", "invalid_choice": "Choose the section"},
    )
    kind = radios("What kind of answer?", QuestionKind.choices, "Choose what kind of answer people give")
    text = text("Question", "Enter the question", max_length=300, what="The question")
    hint = forms.CharField(
        label="Hint (optional)",
        max_length=300,
        required=False,
        error_messages={"max_length": "The hint must be 300 characters or fewer"},
    )
    easy_text = forms.CharField(
        label="The question in simpler words (optional)",
        max_length=300,
        required=False,
        help_text="Shown in the version with pictures, for young people and anyone who chooses it.",
        error_messages={"max_length": "The simpler words must be 300 characters or fewer"},
    )
    symbol = forms.ChoiceField(label="Picture (optional)", choices=SYMBOL_CHOICES, required=False)
    required = yes_no("Must people answer it?", "Choose whether people must answer it")
    options = long_text(
        "Answers to choose from",
        rows=6,
        max_length=4000,
        help_text=(
            "For a list or a rating scale: one answer on each line (a scale from lowest to highest). Add "
            "simpler words after a vertical bar, like: Somewhat | Some of the time. Not needed for yes or no, "
            "or for answers in their own words."
        ),
    )
    show_if_options = forms.MultipleChoiceField(
        label="Show this question only if (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose answers to one earlier question. Leave empty to show the question to everyone.",
        error_messages={"invalid_choice": "Choose answers from the list"},
    )

    def __init__(self, *args, sections, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["show_if_options"].choices = conditions
        if not conditions:
            del self.fields["show_if_options"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        data["option_list"] = parse_options(data.get("options") or "")
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RATING) and len(data["option_list"]) < 2:
            self.add_error("options", "Enter at least 2 answers to choose from, one on each line")
        return data


class ConfirmForm(forms.Form):
    """A button and nothing else (publishing, closing, removing)."""


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")], widget=forms.HiddenInput)


# Results.


class ResultsFilterForm(forms.Form):
    group = forms.ChoiceField(label="Who answered", required=False)
    period = forms.ChoiceField(label="When", required=False)
    breakdown = forms.ChoiceField(label="Break down by", required=False)

    def __init__(self, *args, periods, breakdowns, asks_group: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", "Everyone")] + list(Group.choices)
        self.fields["period"].choices = [("", "All the time the survey was open")] + list(periods)
        self.fields["breakdown"].choices = list(breakdowns)
        if not asks_group:
            del self.fields["group"]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ThemeReviewForm(forms.Form):
    decision = radios(
        "What do you want to do with this theme?",
        [
            ("accept", "Accept it (with the new name below, if you give one)"),
            ("merge", "Merge it into another theme"),
            ("reject", "Reject it: it is not a theme"),
        ],
        "Choose what to do with this theme",
    )
    name = forms.CharField(
        label="New name (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "The name must be 150 characters or fewer"},
    )
    into = forms.ModelChoiceField(
        label="Theme to merge it into",
        queryset=Theme.objects.none(),
        required=False,
        empty_label="Choose a theme",
        error_messages={"invalid_choice": "Choose a theme from the list"},
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = others

    def clean(self):
        data = super().clean()
        if data.get("decision") == "merge" and not data.get("into"):
            self.add_error("into", "Choose the theme to merge it into")
        return data


class TagForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose themes from the list",
            "invalid_pk_value": "Choose themes from the list",
        },
    )
    new_theme = forms.CharField(
        label="Add a new theme (optional)",
        max_length=150,
        required=False,
        error_messages={"max_length": "The name must be 150 characters or fewer"},
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes


class YouSaidForm(forms.Form):
    title = text(
        "Title", "Enter a title", max_length=150, what="The title", help_text="What it is about, in a few words."
    )
    families_said = long_text(
        "What families said",
        "Enter what families said",
        help_text="In words anyone can read: this is shown publicly once published. No names or details of any family.",
    )
    we_will = long_text("What we will do (optional)", rows=4)
    workstream = forms.ModelChoiceField(
        label="Board or workstream (optional)",
        queryset=None,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a board or workstream from the list"},
    )

    def __init__(self, *args, workstreams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams


class AnalystForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="The address they sign in to Coproduce with.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    local_area = _area_field()

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["local_area"].queryset = areas
        if areas.count() == 1:
            self.fields["local_area"].widget = forms.HiddenInput()


class InsightForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Local area", queryset=Organisation.objects.none(), empty_label=None, required=False
    )
    year = forms.IntegerField(
        label="Calendar year",
        min_value=2014,
        required=False,
        error_messages={
            "invalid": "Enter a year, like 2026",
            "min_value": "Enter a year from 2014, when EHC plans began",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )

    def __init__(self, *args, areas, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_year = this_year
        self.fields["area"].queryset = areas
        if len(areas) < 2:
            del self.fields["area"]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and year > self.this_year:
            raise forms.ValidationError("Enter this year or an earlier one")
        return year


# Answering.


class GroupForm(forms.Form):
    group = radios("Which of these describes you?", Group.choices, "Select which of these describes you")


class AnswerForm(forms.Form):
    """One question's answer. The field is built for the question's kind; labels come in simpler words
    in the version with pictures."""

    def __init__(self, *args, question, options, easy: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        label = question.easy_text if easy and question.easy_text else question.text
        choices = [(str(o.pk), o.easy_label if easy and o.easy_label else o.label) for o in options]
        optional = not question.required
        if question.kind == QuestionKind.FREE_TEXT:
            field = forms.CharField(
                label=label,
                required=not optional,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={
                    "required": "Write your answer" if easy else "Enter your answer",
                    "max_length": "Your answer must be 5,000 characters or fewer",
                },
            )
        elif question.kind == QuestionKind.MULTIPLE:
            field = forms.MultipleChoiceField(
                label=label,
                required=not optional,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": "Select at least one answer",
                    "invalid_choice": "Select answers from the list",
                },
            )
        else:
            field = forms.ChoiceField(
                label=label,
                required=not optional,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose an answer" if easy else "Select an answer",
                    "invalid_choice": "Select an answer from the list",
                },
            )
        field.help_text = question.hint
        self.fields["answer"] = field
        self.symbols = {str(o.pk): o.symbol for o in options}

    def value(self):
        value = self.cleaned_data.get("answer")
        if self.question.kind == QuestionKind.FREE_TEXT:
            return (value or "").strip()
        if self.question.kind == QuestionKind.MULTIPLE:
            return sorted(value or [])
        return value or ""


class Honeypot(forms.Form):
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)


class CheckAnswersForm(Honeypot):
    submission_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": "Send your answers again", "invalid": "Send your answers again"},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class ConsentForm(Honeypot):
    name = forms.CharField(
        label="Your name (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Your name must be 200 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address (optional if you give a phone number)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    phone = forms.CharField(
        label="Phone number (optional if you give an email address)",
        max_length=40,
        required=False,
        error_messages={"max_length": "Enter a phone number, like 01632 960 001 or 07700 900 982"},
    )
    way = radios("How would you like to talk?", ContactWay.choices, "Select how you would like to talk")
    agree = forms.BooleanField(
        label="I'm happy to talk about my experience, for example on a video call",
        error_messages={"required": "Select the box to say you are happy to be contacted"},
    )

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and (len(digits) < 10 or any(c not in "0123456789 +()-" for c in phone)):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return phone

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", "Enter an email address or a phone number so that we can contact you")
        return data
