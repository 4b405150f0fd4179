"""The built-in surveys, as plain data: "your experience of co-production" and the Four Cornerstones check.

``actions.CreateSurvey`` copies one into a new survey, which the coordinator can then change like any
other. Questions say ``show_if=(number, [option labels])`` to be shown only when an earlier question
(numbered from 1) was answered with one of those options.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coproduce.surveys.models import Audience, Measure, QuestionKind, Template

FACES = ("face-very-sad", "face-a-bit-sad", "face-ok", "face-a-bit-happy", "face-very-happy")

#: Five-point scales, lowest first: (label, simpler words).
AGREE_SCALE = (
    ("Not at all", "No"),
    ("A little", "A little"),
    ("Somewhat", "Some of the time"),
    ("Mostly", "Mostly"),
    ("Completely", "Yes, all the time"),
)
EXPERIENCE_SCALE = (
    ("Very negative", "Very bad"),
    ("Negative", "Bad"),
    ("Neither positive nor negative", "OK"),
    ("Positive", "Good"),
    ("Very positive", "Very good"),
)
YES_NO = (("Yes", "Yes"), ("No", "No"))
SYMBOLS = (
    "animals",
    "computer",
    "family",
    "friends",
    "happy",
    "help",
    "music",
    "outside",
    "playing",
    "quiet",
    "reading",
    "sad",
    "sport",
    "worried",
    *FACES,
)
SYMBOL_CHOICES = [("", "No picture")] + [(name, name.replace("-", " ").capitalize()) for name in SYMBOLS]


@dataclass(frozen=True)
class BuiltinQuestion:
    kind: str
    text: str
    easy_text: str = ""
    hint: str = ""
    symbol: str = ""
    required: bool = True
    options: tuple[tuple[str, str], ...] = ()
    measure: str = ""
    show_if: tuple[int, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class BuiltinSection:
    title: str
    questions: tuple[BuiltinQuestion, ...]


@dataclass(frozen=True)
class Builtin:
    title: str
    audience: str
    intro: str
    sections: tuple[BuiltinSection, ...] = field(default_factory=tuple)


PRIVACY_NOTICE = (
    "Your answers are anonymous. We do not ask for your name, and we do not keep your address, your "
    "device or the time you answered, only the day. Your answers are read by the parent carer forum and "
    'the council to improve services. Any number from 1 to 4 is shown as "fewer than 5" in the results, '
    "so nobody can be picked out. If you agree to be contacted, your contact details are kept apart from "
    "your answers, and you can withdraw at any time with the link we give you."
)

EXPERIENCE = Builtin(
    title="Your experience of co-production",
    audience=Audience.EVERYONE,
    intro=(
        "Tell us how it feels to work with the council and its partners on plans and services for "
        "children and young people with special educational needs and disabilities. It takes about 5 minutes."
    ),
    sections=(
        BuiltinSection(
            "Working together",
            (
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "Has your experience of co-production been positive?",
                    easy_text="Has working together with us been good?",
                    hint="Co-production means families and services working together as equal partners.",
                    symbol="friends",
                    options=EXPERIENCE_SCALE,
                ),
                BuiltinQuestion(
                    QuestionKind.SINGLE,
                    "Were you, and your child, truly listened to when goals were set?",
                    easy_text="Did people listen to you when you made plans together?",
                    symbol="help",
                    options=(("Yes", "Yes"), ("Partly", "A bit"), ("No", "No"), ("Not sure", "I don't know")),
                ),
                BuiltinQuestion(
                    QuestionKind.MULTIPLE,
                    "Which of these have you taken part in?",
                    easy_text="What have you been part of?",
                    hint="Select all that apply.",
                    options=(
                        ("An EHC needs assessment", "Being assessed"),
                        ("Writing an EHC plan", "Writing my plan"),
                        ("An annual review", "My plan's yearly review"),
                        ("A forum workstream or board", "A group that plans services"),
                    ),
                    required=False,
                ),
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "How much did your ideas change what went into the plan?",
                    easy_text="Did your ideas go into the plan?",
                    options=AGREE_SCALE,
                    show_if=(3, ("Writing an EHC plan",)),
                ),
            ),
        ),
        BuiltinSection(
            "In your own words",
            (
                BuiltinQuestion(
                    QuestionKind.FREE_TEXT,
                    "What worked well?",
                    easy_text="What was good?",
                    symbol="happy",
                    required=False,
                ),
                BuiltinQuestion(
                    QuestionKind.FREE_TEXT,
                    "What one thing would you change?",
                    easy_text="What should we change?",
                    symbol="worried",
                    required=False,
                ),
            ),
        ),
    ),
)

CORNERSTONES = Builtin(
    title="Four Cornerstones check",
    audience=Audience.PARENTS,
    intro=(
        "Four quick questions about how we worked with you at this step of your child's plan, based on the "
        "Four Cornerstones of working with families. It takes about 2 minutes."
    ),
    sections=(
        BuiltinSection(
            "How we worked with you",
            (
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "Did you feel welcomed and cared for?",
                    easy_text="Did people make you feel welcome?",
                    symbol="happy",
                    options=AGREE_SCALE,
                    measure=Measure.WELCOME,
                ),
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "Did you feel your views, and your child's, were valued and included?",
                    easy_text="Did people listen to what you think?",
                    symbol="help",
                    options=AGREE_SCALE,
                    measure=Measure.VALUE,
                ),
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "Did we communicate with you openly, clearly and honestly?",
                    easy_text="Did people tell you things clearly?",
                    symbol="reading",
                    options=AGREE_SCALE,
                    measure=Measure.COMMUNICATE,
                ),
                BuiltinQuestion(
                    QuestionKind.RATING,
                    "Did it feel like we worked in partnership with you?",
                    easy_text="Did we work on it together?",
                    symbol="friends",
                    options=AGREE_SCALE,
                    measure=Measure.PARTNERSHIP,
                ),
                BuiltinQuestion(
                    QuestionKind.FREE_TEXT,
                    "Is there anything else you would like to tell us?",
                    easy_text="Is there anything else you want to say?",
                    required=False,
                ),
            ),
        ),
    ),
)

BUILTINS = {Template.EXPERIENCE: EXPERIENCE, Template.CORNERSTONES: CORNERSTONES}
