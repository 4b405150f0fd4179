"""The demo's surveys: a closed one with a realistic spread of answers and free text, and open ones."""

from __future__ import annotations

import pytest

from coproduce.demo.loader import load_demo_data
from coproduce.surveys.models import Answer, ContactConsent, Survey, Template, Theme

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_survey_with_free_text_and_an_open_one(client):
    load_demo_data()
    closed = Survey.objects.get(template=Template.EXPERIENCE)
    assert closed.state == "Closed" and closed.responses.count() >= 50
    assert Answer.objects.filter(question__survey=closed).exclude(text="").count() >= 30
    groups = set(closed.responses.values_list("group", flat=True))
    assert {"parent", "practitioner", "young_person"} <= groups
    assert Theme.objects.filter(survey=closed, status="accepted").exists()
    assert Theme.objects.filter(survey=closed, status="suggested").exists()
    assert Survey.objects.filter(template=Template.CORNERSTONES, status="published").get().is_open()
    assert ContactConsent.objects.current().count() == 2
    before = Survey.objects.count()
    load_demo_data()
    assert Survey.objects.count() == before


def test_the_demo_pages_show(client):
    load_demo_data()
    from coproduce.accounts.models import User

    joanne = User.objects.get(email="joanne.reid@example.org")
    client.force_login(joanne)
    closed = Survey.objects.get(template=Template.EXPERIENCE)
    for path in (
        "/forum/surveys/",
        f"/forum/surveys/{closed.pk}/",
        f"/forum/surveys/{closed.pk}/results/",
        f"/forum/surveys/{closed.pk}/themes/",
        "/council/co-production/",
        "/forum/",
    ):
        assert client.get(path).status_code == 200, path
