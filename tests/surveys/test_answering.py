"""Answering a survey signed out: one question a page, branching, check your answers, anonymity, abuse."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from coproduce.audit.models import AuditEvent
from coproduce.surveys.models import Answer, ContactConsent, Response, Survey, SurveyStatus
from tests.surveys import builders
from tests.surveys.helpers import option, submission_key, url, words

pytestmark = pytest.mark.django_db


def _answer_as_parent(client, survey, q, *, had_review="No"):
    client.get(url("start", survey))
    assert client.post(url("about-you", survey), {"group": "parent"}).status_code == 302
    response = client.post(url("question", survey, number=1), {"answer": option(q["had_review"], had_review)})
    return response


def test_a_coordinator_builds_and_publishes_a_survey_through_the_pages(client, area):
    client.force_login(area.coordinator)
    response = client.post(
        "/forum/surveys/new/",
        {"template": "blank", "title": "Short breaks", "audience": "parents", "local_area": area.council.pk},
    )
    survey = Survey.objects.get(title="Short breaks")
    assert response["Location"] == url("survey", survey)
    section = survey.sections.get()
    response = client.post(
        url("question-new", survey),
        {"section": section.pk, "kind": "yes_no", "text": "Did you use a short break?", "required": "yes"},
    )
    assert response.status_code == 302
    first = survey.questions.get()
    yes = first.options.get(label="Yes")
    response = client.post(
        url("question-new", survey),
        {
            "section": section.pk,
            "kind": "rating",
            "text": "How good was it?",
            "easy_text": "Was it good?",
            "required": "yes",
            "options": "Poor\nOK | Fine\nGood",
            "show_if_options": [str(yes.pk)],
        },
    )
    assert response.status_code == 302
    second = survey.questions.get(text="How good was it?")
    assert second.show_if == first and list(second.show_if_options.all()) == [yes]
    assert [o.easy_label for o in second.options.order_by("position")] == ["", "Fine", ""]
    assert "Shown only if question 1 is answered" in words(client.get(url("survey", survey)))
    assert "Was it good?" in words(client.get(url("preview", survey) + "?version=easy"))
    assert client.post(url("publish", survey)).status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.PUBLISHED
    assert AuditEvent.objects.filter(actor=area.coordinator, what="Published a survey").exists()


def test_a_question_needs_its_answers_with_a_specific_message(client, area):
    client.force_login(area.coordinator)
    survey = builders.build(area)
    response = client.post(
        url("question-new", survey),
        {"section": survey.sections.get().pk, "kind": "single", "text": "Which?", "required": "yes", "options": "One"},
    )
    assert response.status_code == 200
    assert "Enter at least 2 answers to choose from, one on each line" in words(response)
    assert 'value="Which?"' in response.content.decode(), "what was typed is kept"


def test_a_parent_answers_signed_out_with_branching_and_checks_their_answers(client, branching):
    survey, q = branching
    start = client.get(url("start", survey))
    assert start.status_code == 200 and "Start now" in words(start)
    assert "Privacy notice" in words(start)
    response = _answer_as_parent(client, survey, q, had_review="No")
    # "No" to the review: the rating question is skipped.
    assert response["Location"] == url("question", survey, number=2)
    page = client.get(url("question", survey, number=2))
    assert "What helped?" in words(page) and "Question 2 of 3" in words(page)
    assert client.post(url("question", survey, number=2), {}).status_code == 302, "optional"
    response = client.post(url("question", survey, number=3), {"answer": "The forum was kind."})
    assert response["Location"] == url("check", survey)
    check = client.get(url("check", survey))
    text = words(check)
    assert "Did you have an annual review this year? No" in text
    assert "How was the review?" not in text
    assert "The forum was kind." in text

    # Changing the first answer to "Yes" brings in the rating question, which must now be answered.
    response = client.post(url("question", survey, number=1) + "?change=1", {"answer": option(q["had_review"], "Yes")})
    assert response["Location"] == url("question", survey, number=2)
    assert "How was the review?" in words(client.get(url("question", survey, number=2)))
    missing = client.post(url("question", survey, number=2) + "?change=1", {})
    assert "Select an answer" in words(missing)
    response = client.post(url("question", survey, number=2) + "?change=1", {"answer": option(q["rating"], "Good")})
    assert response["Location"] == url("check", survey)

    check = client.get(url("check", survey))
    key = submission_key(check)
    response = client.post(url("check", survey), {"submission_key": key, "website": ""})
    assert response["Location"] == url("done", survey)
    saved = Response.objects.get(survey=survey)
    assert saved.group == "parent" and saved.submitted_on == dt.date.today()
    assert sorted(a.option.label if a.option else a.text for a in saved.answers.all()) == [
        "Good",
        "The forum was kind.",
        "Yes",
    ]
    assert "Your answers have been sent" in words(client.get(url("done", survey)))

    # Sending the same answers again (a double click, the back button) saves them once.
    client.post(url("check", survey), {"submission_key": key, "website": ""})
    assert Response.objects.filter(survey=survey).count() == 1
    # And nobody, not even the same person, can see them again.
    assert "The forum was kind." not in words(client.get(url("check", survey), follow=True))


def test_required_questions_must_be_answered_before_sending(client, branching):
    survey, q = branching
    client.get(url("start", survey))
    client.post(url("about-you", survey), {"group": "parent"})
    check = client.get(url("check", survey))
    assert "Not answered yet" in words(check)
    response = client.post(url("check", survey), {"submission_key": submission_key(check), "website": ""})
    assert response.status_code == 200
    assert "Answer every question that is not marked as optional" in words(response)
    assert not Response.objects.exists()


def test_an_anonymous_response_has_no_link_to_a_person(client, branching):
    survey, q = branching
    _answer_as_parent(client, survey, q)
    check = client.get(url("check", survey))
    client.post(
        url("check", survey), {"submission_key": submission_key(check), "website": ""}, REMOTE_ADDR="203.0.113.9"
    )
    names = {field.name for field in Response._meta.get_fields()}
    assert names == {"id", "survey", "submitted_on", "group", "stage", "easy", "submission_key", "answers"}
    assert not any(
        field.is_relation and field.related_model.__name__ == "User" for field in Response._meta.get_fields()
    )
    assert not any(f.is_relation and f.related_model in (Response, Answer) for f in ContactConsent._meta.get_fields())
    # No audit event (with its address and time) is written for an answer.
    assert not AuditEvent.objects.filter(ip_address="203.0.113.9").exists()
    assert not AuditEvent.objects.filter(object_type__in=("response", "answer")).exists()


def test_a_filled_honeypot_is_thanked_and_ignored(client, branching):
    survey, q = branching
    _answer_as_parent(client, survey, q)
    client.post(url("question", survey, number=2), {})
    check = client.get(url("check", survey))
    response = client.post(url("check", survey), {"submission_key": submission_key(check), "website": "http://spam"})
    assert response["Location"] == url("done", survey)
    assert not Response.objects.exists()


def test_too_many_answers_from_one_connection_are_slowed_down(client, branching, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 2
    survey, q = branching
    statuses = []
    for _ in range(3):
        other = Client()
        _answer_as_parent(other, survey, q)
        check = other.get(url("check", survey))
        response = other.post(url("check", survey), {"submission_key": submission_key(check), "website": ""})
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert Response.objects.count() == 2
    # Another connection is not affected.
    fresh = Client(REMOTE_ADDR="198.51.100.7")
    _answer_as_parent(fresh, survey, q)
    check = fresh.get(url("check", survey))
    assert fresh.post(url("check", survey), {"submission_key": submission_key(check), "website": ""}).status_code == 302


def test_nobody_sees_anyone_elses_answers(client, branching):
    survey, q = branching
    _answer_as_parent(client, survey, q)
    client.post(url("question", survey, number=2), {})
    client.post(url("question", survey, number=3), {"answer": "Something private"})
    someone_else = Client()
    someone_else.get(url("start", survey))
    someone_else.post(url("about-you", survey), {"group": "parent"})
    assert "Something private" not in words(someone_else.get(url("check", survey)))
    assert "Something private" in words(client.get(url("check", survey)))


def test_a_closed_or_draft_survey_cannot_be_answered(client, area, branching):
    survey, q = branching
    Survey.objects.filter(pk=survey.pk).update(
        status=SurveyStatus.CLOSED, closes_on=dt.date.today() - dt.timedelta(days=1)
    )
    assert "This survey is closed" in words(client.get(url("start", survey)))
    assert client.get(url("question", survey, number=1))["Location"] == url("start", survey)
    draft = builders.build(area, title="Not ready")
    assert client.get(url("start", draft)).status_code == 404


def test_the_version_with_pictures_uses_simpler_words_and_symbols(client, area):
    survey = builders.build(area, audience="young_people", title="Your plan")
    builders.add_question(
        survey,
        area.coordinator,
        "rating",
        "How satisfied are you with your plan?",
        ["Very unhappy", "Unhappy", "OK", "Happy", "Very happy"],
        easy_text="Do you like your plan?",
    )
    builders.publish(survey, area.coordinator)
    start = client.get(url("start", survey))
    assert "We want to know what you think" in words(start)
    page = client.get(url("question", survey, number=1))
    assert "Do you like your plan?" in words(page)
    assert "symbols/face-very-happy.svg" in page.content.decode()
    assert "How satisfied" not in words(page)
