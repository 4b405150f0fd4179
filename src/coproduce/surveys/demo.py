"""Demo surveys for Northmoor: a closed "experience of co-production" survey with a realistic spread of
answers and free text, the open Four Cornerstones check with answers after each plan stage, and an open
survey for young people with too few answers to show (so suppression can be seen). Everyone is made up.

Safe to run again: it does nothing if the demo surveys are already there.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.context import Actor
from coproduce.surveys import actions, selectors
from coproduce.surveys.models import (
    Answer,
    ContactConsent,
    Group,
    PlanStage,
    QuestionKind,
    Response,
    Survey,
    SurveyAnalyst,
    SurveyStatus,
    Template,
    Theme,
    ThemeStatus,
)
from coproduce.surveys.policy import access_for

EXPERIENCE_TITLE = "Your experience of co-production, spring"

#: "What one thing would you change?": written to fall into themes a person would see, with the
#: theme each was written for (used to compare ways of suggesting themes, decision record 10).
CHANGE_ANSWERS: tuple[tuple[str, str], ...] = (
    ("waiting", "The waiting list for speech and language therapy is far too long, we waited 14 months."),
    ("waiting", "Waiting times for the assessment. We waited months and heard nothing."),
    ("waiting", "Shorter waiting times for therapy. My son waited over a year for occupational therapy."),
    ("waiting", "The wait for an EHC needs assessment decision was longer than the legal time limit."),
    ("waiting", "Cut the waiting list for CAMHS, families are waiting too long for help."),
    ("waiting", "We are still waiting for the speech therapy that is in the plan."),
    ("waiting", "Months of waiting for the educational psychologist to see my daughter."),
    ("waiting", "Less waiting. Everything takes months and the waiting list never moves."),
    ("communication", "Reply to emails. I sent three emails to the case officer and got no reply."),
    ("communication", "Keep us informed. Nobody phoned or emailed to say what was happening."),
    ("communication", "Better communication from the SEN team, we never knew who to contact."),
    ("communication", "Tell parents what is happening and when, we were never kept informed."),
    ("communication", "Answer the phone. The SEN team phone line rings and rings with no reply."),
    ("communication", "Communication between school and the council, nobody told us about the changes."),
    ("communication", "A named contact who replies to emails and phone calls within a week."),
    ("communication", "Clear communication about what happens next and who to contact."),
    ("listening", "Listen to my child. Nobody asked what my son wanted in his plan."),
    ("listening", "Actually listen to parents, we know our children best."),
    ("listening", "The plan should use my daughter's own words, not what professionals think she wants."),
    ("listening", "Ask the young person what they want before the meeting, not at the end."),
    ("listening", "Listen to parents at the review meeting instead of deciding before we arrive."),
    ("listening", "My child was not listened to. Her views were written by someone who barely knew her."),
    ("listening", "Treat parents as equal partners and listen to what we say about our children."),
    ("reviews", "Annual reviews are rushed. The review meeting lasted twenty minutes."),
    ("reviews", "Send the annual review paperwork before the meeting so we can read the reports."),
    ("reviews", "The annual review was late and the amended plan took months to arrive."),
    ("reviews", "Hold the annual review meeting at a time working parents can attend."),
    ("reviews", "Reports for the annual review arrived the night before the meeting."),
    ("reviews", "The review meeting felt like a box ticking exercise. Give annual reviews more time."),
    ("school", "More support in school. The teaching assistant hours in the plan are not happening."),
    ("school", "School did not put the support in the plan in place, the hours were cut."),
    ("school", "Training for school staff about autism, the support in school is poor."),
    ("school", "Make schools deliver the support written in the plan."),
    ("school", "Teachers need to read the plan. The support in class is not what was agreed."),
    ("jargon", "Plain English please. The letters are full of jargon and acronyms."),
    ("jargon", "Less jargon in the plan. I did not understand half the words."),
    ("jargon", "Write letters in plain English without acronyms like EHCNA and SENCo."),
    ("jargon", "The paperwork is full of jargon, parents need plain English."),
)

WELL_ANSWERS = (
    "The SENCo was brilliant and kept us informed at every step.",
    "Our IASS adviser helped us understand the process and came to meetings.",
    "The forum's coffee mornings helped me meet other parents.",
    "The educational psychologist really listened to my son.",
    "Being able to see the plan online and comment on it.",
    "The case officer phoned me back the same day.",
    "My daughter's own words were at the front of the plan.",
    "The speech and language therapist explained everything clearly.",
    "Seeing the dates on the timeline so we knew what to expect.",
    "The annual review meeting was friendly and we had time to talk.",
    "School put support in place quickly.",
    "The SENCo was kind and listened to us.",
    "The IASS adviser was brilliant.",
    "Meeting other parents at the forum.",
    "Getting the draft plan in time to read it properly.",
)

YOUNG_TITLE = "What do you think of your plan?"


def _actor(user) -> Actor:
    return Actor(user=user, request_id="demo-data")


def _respond(survey, loaded, *, day: dt.date, group: str, answers: dict, stage: str = "", easy: bool = False) -> None:
    """A response as ``SubmitResponse`` saves it, with the day set for the demo's spread over time.

    ``answers`` maps question number (1 upwards) to option labels, a label, or words.
    """
    response = Response.objects.create(
        survey=survey, submitted_on=day, group=group, stage=stage, easy=easy, submission_key=uuid.uuid4()
    )
    rows = []
    for number, value in answers.items():
        question = loaded.questions[number - 1]
        if question.kind == QuestionKind.FREE_TEXT:
            if value:
                rows.append(Answer(response=response, question=question, text=value))
            continue
        labels = value if isinstance(value, list | tuple) else [value]
        by_label = {o.label: o for o in loaded.options_of(question)}
        rows.extend(Answer(response=response, question=question, option=by_label[label]) for label in labels)
    Answer.objects.bulk_create(rows)


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _experience(people: dict, area: Organisation, today: dt.date, rng: random.Random) -> Survey:
    coordinator = _actor(people["joanne"])
    survey = actions.CreateSurvey(
        coordinator,
        local_area=area,
        title=f"{EXPERIENCE_TITLE} {today.year}",
        audience="everyone",
        template=Template.EXPERIENCE,
    ).execute()
    access = access_for(people["joanne"], survey)
    opens = today - dt.timedelta(days=150)
    closes = today - dt.timedelta(days=30)
    actions.EditSurvey(
        coordinator,
        access=access,
        title=survey.title,
        intro=survey.intro,
        privacy_notice=survey.privacy_notice,
        audience=survey.audience,
        opens_on=opens,
        closes_on=closes,
    ).execute()
    actions.PublishSurvey(coordinator, access=access).execute()
    loaded = selectors.load(survey)
    groups = [(Group.PARENT, 70), (Group.PRACTITIONER, 18), (Group.YOUNG_PERSON, 8), (Group.OTHER, 4)]
    rating = [
        ("Very negative", 9),
        ("Negative", 20),
        ("Neither positive nor negative", 25),
        ("Positive", 32),
        ("Very positive", 14),
    ]
    listened = [("Yes", 35), ("Partly", 38), ("No", 22), ("Not sure", 5)]
    took_part = ["An EHC needs assessment", "Writing an EHC plan", "An annual review", "A forum workstream or board"]
    change = list(CHANGE_ANSWERS)
    rng.shuffle(change)
    well = list(WELL_ANSWERS)
    for n in range(64):
        day = opens + dt.timedelta(days=rng.randrange((closes - opens).days + 1))
        parts = [p for p, chance in zip(took_part, (0.6, 0.55, 0.5, 0.12), strict=True) if rng.random() < chance]
        answers: dict = {1: _pick(rng, rating), 2: _pick(rng, listened), 3: parts}
        if "Writing an EHC plan" in parts:
            answers[4] = _pick(
                rng, [("Not at all", 12), ("A little", 25), ("Somewhat", 30), ("Mostly", 22), ("Completely", 11)]
            )
        if n < len(well):
            answers[5] = well[n]
        if n < len(change):
            answers[6] = change[n][1]
        _respond(survey, loaded, day=day, group=_pick(rng, groups), answers=answers)
    actions.CloseSurvey(coordinator, access=access).execute()
    Survey.objects.filter(pk=survey.pk).update(closes_on=closes, status=SurveyStatus.CLOSED)
    survey.refresh_from_db()

    # Themes suggested in "What one thing would you change?", some already checked by the analyst.
    change_question = loaded.questions[5]
    actions.SuggestThemes(coordinator, access=access, question=change_question).execute()
    for theme in Theme.objects.filter(survey=survey, status=ThemeStatus.SUGGESTED).order_by("name")[:3]:
        actions.ReviewTheme(coordinator, access=access, theme=theme, decision="accept", name="").execute()
    return survey


def _cornerstones(people: dict, area: Organisation, today: dt.date, rng: random.Random) -> Survey:
    survey = actions.cornerstones_survey_for(area)
    Survey.objects.filter(pk=survey.pk).update(created_by=people["joanne"])
    loaded = selectors.load(survey)
    scale = ["Not at all", "A little", "Somewhat", "Mostly", "Completely"]
    comments = (
        "The case officer explained the decision clearly.",
        "I felt rushed at the review meeting.",
        "Everyone listened to my son's views.",
        "I still do not know what happens next.",
        "",
    )
    for n in range(46):
        day = today - dt.timedelta(days=rng.randrange(300))
        # Things get a little better over time: later answers lean higher.
        lift = 1 if day > today - dt.timedelta(days=120) else 0
        answers: dict = {}
        for number in range(1, 5):
            score = min(5, max(1, round(rng.gauss(3.1 + 0.4 * lift + (0.3 if number == 1 else 0), 1.0))))
            answers[number] = scale[score - 1]
        answers[5] = comments[n % len(comments)] if n % 3 == 0 else ""
        stage = _pick(
            rng, [(PlanStage.ASSESSMENT_DECISION, 3), (PlanStage.FINAL_PLAN, 3), (PlanStage.ANNUAL_REVIEW, 4)]
        )
        _respond(survey, loaded, day=day, group=Group.PARENT, answers=answers, stage=stage)
    return survey


def _young_people(people: dict, area: Organisation, today: dt.date) -> Survey:
    coordinator = _actor(people["joanne"])
    survey = actions.CreateSurvey(
        coordinator, local_area=area, title=YOUNG_TITLE, audience="young_people", template=Template.BLANK
    ).execute()
    access = access_for(people["joanne"], survey)
    section = survey.sections.first()
    for kind, text, easy, symbol, options, required in (
        (
            QuestionKind.RATING,
            "How do you feel about your plan?",
            "How do you feel about your plan?",
            "happy",
            [("Very unhappy", ""), ("Unhappy", ""), ("OK", ""), ("Happy", ""), ("Very happy", "")],
            True,
        ),
        (QuestionKind.YES_NO, "Did people ask you what you want?", "Did people ask what you want?", "help", [], True),
        (
            QuestionKind.FREE_TEXT,
            "What would make your plan better?",
            "What would make it better?",
            "playing",
            [],
            False,
        ),
    ):
        actions.SaveQuestion(
            coordinator,
            access=access,
            section=section,
            kind=kind,
            text=text,
            easy_text=easy,
            symbol=symbol,
            required=required,
            options=options,
        ).execute()
    actions.PublishSurvey(coordinator, access=access).execute()
    loaded = selectors.load(survey)
    for day, feel, asked, better in (
        (today - dt.timedelta(days=12), "Happy", "Yes", "More time with my friends at lunch."),
        (today - dt.timedelta(days=5), "OK", "No", ""),
        (today - dt.timedelta(days=2), "Very happy", "Yes", "Going to college."),
    ):
        _respond(survey, loaded, day=day, group=Group.YOUNG_PERSON, answers={1: feel, 2: asked, 3: better}, easy=True)
    return survey


def load_demo_surveys(people: dict, *, today: dt.date | None = None) -> int:
    """Add the demo surveys; returns how many were added (0 if they were already there)."""
    today = today or timezone.localdate()
    forum = Organisation.objects.filter(kind=OrganisationKind.FORUM, name="Northmoor Parent Carer Forum").first()
    if forum is None or forum.local_area is None or any(slug not in people for slug in ("joanne", "ian")):
        return 0
    area = forum.local_area
    if Survey.objects.filter(local_area=area, title__startswith=EXPERIENCE_TITLE).exists():
        return 0
    rng = random.Random(8)  # noqa: S311 (made-up demo answers)
    _experience(people, area, today, rng)
    _cornerstones(people, area, today, rng)
    _young_people(people, area, today)
    SurveyAnalyst.objects.get_or_create(
        local_area=area,
        user=people["ian"],
        defaults={"appointed_by": people["joanne"], "started_on": today - dt.timedelta(days=90)},
    )
    experience = Survey.objects.filter(local_area=area, title__startswith=EXPERIENCE_TITLE).first()
    for name, email, phone, way in (
        ("Sam Taylor", "sam.taylor@example.org", "", "video"),
        ("", "", "07700 900 982", "phone"),
    ):
        ContactConsent.objects.create(
            local_area=area,
            survey=experience,
            name=name,
            email=email,
            phone=phone,
            way=way,
            given_on=today - dt.timedelta(days=60),
        )
    return 3
