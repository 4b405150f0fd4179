"""Surveys for tests and for the access matrix.

In the access matrix world (``tests/conftest.py``), for survey routes only:

- ``forum_coordinator``: coordinates the forum of ``world.council``: builds surveys, is an analyst, sees
  the contact list and the co-production overview;
- ``caseload_officer``: council officer on the area's board: builds surveys and sees the overview;
- ``health``: named a survey analyst for the area: reads free text, tags themes, exports raw answers;
- ``parent_carer``: parent representative on the board: sees the overview only;
- ``other_council_officer``: sees the overview of their own council only;
- everyone else: answers surveys like anyone, and nothing more.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.context import Actor
from coproduce.forum.models import ForumCoordinator, Member, MemberRole, Workstream, WorkstreamKind
from coproduce.surveys import actions, selectors
from coproduce.surveys.models import (
    Answer,
    ContactConsent,
    Group,
    QuestionKind,
    Response,
    Survey,
    SurveyAnalyst,
    Template,
    Theme,
    ThemeStatus,
)
from coproduce.surveys.policy import access_for
from tests import factories


def actor(user) -> Actor:
    return Actor(user=user, ip_address="192.0.2.1", request_id="test")


@dataclass
class Area:
    council: Organisation
    forum: Organisation
    coordinator: object
    board: Workstream


def area_for(council, *, coordinator=None) -> Area:
    """A parent carer forum for ``council`` with its coordinator and a board."""
    forum = Organisation.objects.filter(kind=OrganisationKind.FORUM, local_area=council).first()
    if forum is None:
        forum = Organisation.objects.create(
            name=f"{council.name} Parent Carer Forum", kind=OrganisationKind.FORUM, local_area=council
        )
    found = ForumCoordinator.objects.filter(forum=forum).first()
    if found is None:
        coordinator = coordinator or factories.user("Joanne Reid")
        ForumCoordinator.objects.create(forum=forum, user=coordinator, started_on=dt.date(2020, 1, 1))
    else:
        coordinator = found.user
    board, _ = Workstream.objects.get_or_create(
        forum=forum,
        name="Local Change Board",
        defaults={"local_area": council, "kind": WorkstreamKind.BOARD, "purpose": "Oversee SEND services."},
    )
    return Area(council=council, forum=forum, coordinator=coordinator, board=board)


def on_board(area: Area, user, role=MemberRole.COUNCIL_OFFICER) -> Member:
    return Member.objects.create(workstream=area.board, user=user, role=role, started_on=dt.date(2020, 1, 1))


def build(
    area: Area, *, template=Template.BLANK, title="Short breaks survey", audience="everyone", user=None
) -> Survey:
    return actions.CreateSurvey(
        actor(user or area.coordinator), local_area=area.council, title=title, audience=audience, template=template
    ).execute()


def add_question(survey, user, kind, text, options=(), *, required=True, show_if=(), section=None, easy_text=""):
    return actions.SaveQuestion(
        actor(user),
        access=access_for(user, survey),
        section=section or survey.sections.order_by("position").first(),
        kind=kind,
        text=text,
        easy_text=easy_text,
        required=required,
        options=[(o, "") for o in options],
        show_if_options=list(show_if),
    ).execute()


def branching_survey(area: Area, *, user=None) -> tuple[Survey, dict]:
    """Four questions: did you have a review (yes/no); if yes, how was it (rating); what helped (any
    number, optional); anything else (free text, optional)."""
    user = user or area.coordinator
    survey = build(area, user=user)
    q1 = add_question(survey, user, QuestionKind.YES_NO, "Did you have an annual review this year?")
    yes = q1.options.get(label="Yes")
    q2 = add_question(
        survey,
        user,
        QuestionKind.RATING,
        "How was the review?",
        ["Very poor", "Poor", "OK", "Good", "Very good"],
        show_if=[yes],
    )
    q3 = add_question(
        survey, user, QuestionKind.MULTIPLE, "What helped?", ["The SENCo", "An adviser", "The forum"], required=False
    )
    q4 = add_question(survey, user, QuestionKind.FREE_TEXT, "Anything else?", required=False)
    return survey, {"had_review": q1, "rating": q2, "helped": q3, "else": q4}


def publish(survey, user) -> Survey:
    return actions.PublishSurvey(actor(user), access=access_for(user, survey)).execute()


def respond(survey, answers: dict, *, group=Group.PARENT, day: dt.date | None = None, stage="") -> Response:
    """A response saved as ``SubmitResponse`` would, without the rate limit. ``answers`` maps a question
    to option labels (a list or one) or words."""
    response = Response.objects.create(
        survey=survey,
        submitted_on=day or dt.date.today(),
        group=group,
        stage=stage,
        submission_key=uuid.uuid4(),
    )
    for question, value in answers.items():
        if question.kind == QuestionKind.FREE_TEXT:
            if value:
                Answer.objects.create(response=response, question=question, text=value)
            continue
        for label in value if isinstance(value, list | tuple) else [value]:
            Answer.objects.create(response=response, question=question, option=question.options.get(label=label))
    return response


def surveys_for_matrix(world) -> dict:
    """Something for every survey route to address; returns the URL parameter values."""
    coordinator = world.people.get("forum_coordinator")
    area = area_for(world.council, coordinator=coordinator)
    world.people["forum_coordinator"] = area.coordinator
    on_board(area, world.people["caseload_officer"])
    on_board(area, world.people["parent_carer"], MemberRole.PARENT_REP)
    analyst = SurveyAnalyst.objects.create(
        local_area=world.council, user=world.people["health"], started_on=dt.date(2020, 1, 1)
    )
    survey, q = branching_survey(area)
    publish(survey, area.coordinator)
    for n in range(6):
        respond(survey, {q["had_review"]: "Yes", q["rating"]: "Good", q["else"]: f"The waiting list was long {n}"})
    answer = Answer.objects.filter(question=q["else"]).first()
    theme = Theme.objects.create(survey=survey, question=q["else"], name="Waiting", status=ThemeStatus.ACCEPTED)
    consent = ContactConsent.objects.create(
        local_area=world.council, survey=survey, name="Sam", email="sam@example.org"
    )
    return {
        "survey_id": survey.pk,
        "survey_slug": survey.slug,
        "number": 1,
        "section_id": survey.sections.first().pk,
        "question_id": q["else"].pk,
        "answer_id": answer.pk,
        "theme_id": theme.pk,
        "analyst_id": analyst.pk,
        "withdraw_token": actions.withdraw_token(consent),
    }


def loaded(survey):
    return selectors.load(survey)
