"""The Four Cornerstones check goes to the family after each plan stage, once, naming nobody."""

from __future__ import annotations

import pytest
from django.db import transaction

from coproduce.surveys.models import CornerstonesInvitation, PlanStage, Survey, SurveyStatus, Template
from coproduce.surveys.tasks import send_four_cornerstones

pytestmark = pytest.mark.django_db


def test_the_check_is_sent_to_the_family_when_the_stage_is_recorded(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_four_cornerstones(world.a.pk, PlanStage.FINAL_PLAN)
        assert not mailoutbox, "nothing is sent until the step is saved"
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted([world.people["parent_carer"].email, world.people["young_person"].email])
    body = mailoutbox[0].body
    assert "?after=final_plan" in body
    assert world.a.given_name not in body and world.a.family_name not in body
    survey = Survey.objects.get(template=Template.CORNERSTONES, local_area=world.council)
    assert survey.status == SurveyStatus.PUBLISHED and survey.is_open()
    assert f"/surveys/{survey.slug}/" in body
    assert CornerstonesInvitation.objects.get().sent_to == 2

    # The same stage again soon (say, recorded twice) sends nothing more; another stage does.
    with django_capture_on_commit_callbacks(execute=True):
        send_four_cornerstones(world.a.pk, PlanStage.FINAL_PLAN)
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        send_four_cornerstones(world.a.pk, PlanStage.ANNUAL_REVIEW)
    assert len(mailoutbox) == 4
    assert Survey.objects.filter(template=Template.CORNERSTONES).count() == 1


def test_nothing_is_sent_if_the_step_is_rolled_back(world, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_four_cornerstones(world.a.pk, PlanStage.ASSESSMENT_DECISION)
                raise RuntimeError("the step failed")
        except RuntimeError:
            pass
    assert not mailoutbox and not CornerstonesInvitation.objects.exists()


def test_an_unknown_stage_is_a_programming_error(world):
    with pytest.raises(ValueError):
        send_four_cornerstones(world.a.pk, "whenever")


def test_the_answers_record_the_stage_they_follow(client, world, django_capture_on_commit_callbacks):
    from tests.surveys.helpers import submission_key, url

    with django_capture_on_commit_callbacks(execute=True):
        send_four_cornerstones(world.a.pk, PlanStage.ANNUAL_REVIEW)
    survey = Survey.objects.get(template=Template.CORNERSTONES)
    client.get(url("start", survey) + "?after=annual_review")
    for number in range(1, 5):
        question = survey.questions.order_by("position")[number - 1]
        client.post(url("question", survey, number=number), {"answer": str(question.options.get(label="Mostly").pk)})
    client.post(url("question", survey, number=5), {})
    check = client.get(url("check", survey))
    client.post(url("check", survey), {"submission_key": submission_key(check), "website": ""})
    response = survey.responses.get()
    assert (response.stage, response.group) == (PlanStage.ANNUAL_REVIEW, "parent")
