"""Themes in free text: suggested offline, checked by an analyst, and turned into "you said, we did"."""

from __future__ import annotations

import socket

import pytest

from coproduce.audit.models import AuditEvent
from coproduce.forum.models import SourceKind, YouSaidItem
from coproduce.surveys.models import Theme, ThemeStatus, ThemeTag
from tests.surveys import builders
from tests.surveys.helpers import url, words

pytestmark = pytest.mark.django_db

WRITTEN = [
    "The waiting list for speech therapy is too long.",
    "We waited a year on the waiting list for therapy.",
    "Waiting for therapy took months.",
    "Too long on the waiting list for speech therapy.",
    "Nobody replied to my emails or phone calls.",
    "Reply to emails, I sent three and heard nothing.",
    "The team never answers the phone or replies to emails.",
    "Emails and phone calls go unanswered.",
]


@pytest.fixture
def written(branching):
    survey, q = branching
    for text in WRITTEN:
        builders.respond(survey, {q["had_review"]: "No", q["else"]: text})
    return survey, q


def test_suggesting_themes_works_with_the_network_off(client, area, written, monkeypatch):
    survey, q = written

    def refuse(*args, **kwargs):
        raise OSError("The network is off")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    client.force_login(area.coordinator)
    response = client.post(url("suggest", survey, question_id=q["else"].pk))
    assert response["Location"] == url("themes", survey)
    suggested = list(Theme.objects.filter(survey=survey, status=ThemeStatus.SUGGESTED))
    assert len(suggested) == 2
    names = " ".join(t.name.lower() for t in suggested)
    assert "waiting" in names and ("email" in names or "reply" in names or "phone" in names)
    assert ThemeTag.objects.filter(suggested=True).count() == 8
    page = words(client.get(url("themes", survey)))
    assert "Suggested, waiting for you to check" in page
    assert AuditEvent.objects.filter(actor=area.coordinator, what__startswith="Asked for suggested themes").exists()


def test_the_analyst_accepts_renames_merges_and_rejects_suggestions(client, area, written):
    survey, q = written
    client.force_login(area.coordinator)
    client.post(url("suggest", survey, question_id=q["else"].pk))
    waiting, contact = sorted(Theme.objects.filter(survey=survey), key=lambda t: "wait" not in t.name.lower())
    response = client.post(
        url("theme-review", survey, theme_id=waiting.pk), {"decision": "accept", "name": "Waiting lists"}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.name, waiting.status) == ("Waiting lists", ThemeStatus.ACCEPTED)

    missing = client.post(url("theme-review", survey, theme_id=contact.pk), {"decision": "merge"})
    assert "Choose the theme to merge it into" in words(missing)
    client.post(url("theme-review", survey, theme_id=contact.pk), {"decision": "merge", "into": waiting.pk})
    contact.refresh_from_db()
    assert contact.status == ThemeStatus.MERGED and contact.merged_into == waiting
    assert ThemeTag.objects.filter(theme=waiting).count() == 8

    # Suggesting again replaces only what is still unchecked.
    client.post(url("suggest", survey, question_id=q["else"].pk))
    assert Theme.objects.filter(pk=waiting.pk, status=ThemeStatus.ACCEPTED).exists()
    for theme in Theme.objects.filter(survey=survey, status=ThemeStatus.SUGGESTED):
        client.post(url("theme-review", survey, theme_id=theme.pk), {"decision": "reject"})
        assert not ThemeTag.objects.filter(theme=theme).exists()


def test_an_analyst_tags_an_answer_with_a_new_theme(client, area, written):
    survey, q = written
    client.force_login(area.coordinator)
    answer = q["else"].answers.get(text=WRITTEN[0])
    page = words(client.get(url("free-text", survey, question_id=q["else"].pk)))
    assert WRITTEN[0] in page
    assert AuditEvent.objects.filter(what="Read the free-text answers to a survey question").exists()
    client.post(url("tag", survey, answer_id=answer.pk), {"new_theme": "Speech and language therapy"})
    theme = Theme.objects.get(name="Speech and language therapy")
    assert theme.status == ThemeStatus.ACCEPTED
    assert list(answer.tags.values_list("theme__name", flat=True)) == ["Speech and language therapy"]
    client.post(url("tag", survey, answer_id=answer.pk), {})
    assert not answer.tags.exists()


def test_a_theme_becomes_a_you_said_item_linked_to_its_evidence(client, area, written):
    survey, q = written
    client.force_login(area.coordinator)
    client.post(url("suggest", survey, question_id=q["else"].pk))
    theme = Theme.objects.filter(survey=survey).first()
    client.post(url("theme-review", survey, theme_id=theme.pk), {"decision": "accept", "name": "Waiting lists"})
    response = client.post(
        url("theme-you-said", survey, theme_id=theme.pk),
        {"title": "Waiting lists for therapy", "families_said": "Families told us they wait too long for therapy."},
    )
    item = YouSaidItem.objects.get()
    assert response["Location"] == f"/forum/you-said/{item.pk}/"
    assert (item.source_kind, item.source_app, item.source_id) == (SourceKind.SURVEY, "surveys.theme", str(theme.pk))
    assert survey.title in item.source_description and not item.published
    assert "Waiting lists for therapy" in words(client.get(url("theme", survey, theme_id=theme.pk)))
    assert "Waiting lists for therapy" in words(client.get(url("themes", survey)))


def test_a_result_becomes_a_you_said_item(client, area, written):
    survey, q = written
    client.force_login(area.coordinator)
    client.post(
        url("question-you-said", survey, question_id=q["had_review"].pk),
        {"title": "Annual reviews", "families_said": "Many families had no annual review this year."},
    )
    item = YouSaidItem.objects.get()
    assert (item.source_app, item.source_id) == ("surveys.question", str(q["had_review"].pk))
    assert item.source_description.endswith("question 1")
    assert "Annual reviews" in words(client.get(url("results", survey)))


def test_builders_who_are_not_analysts_never_see_the_words(client, world, area, written):
    survey, q = written
    officer = world.people["caseload_officer"]
    builders.on_board(area, officer)
    client.force_login(officer)
    page = words(client.get(url("results", survey)))
    assert WRITTEN[0] not in page
    assert client.get(url("themes", survey)).status_code == 404
