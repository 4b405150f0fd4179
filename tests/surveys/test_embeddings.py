"""The optional sentence-embeddings path for suggesting themes, tested through a fake vectoriser: the
real model comes only with the ``embeddings`` extra, which neither the default install nor these tests
need. With the setting off (the default), nothing is loaded and the light method is used."""

from __future__ import annotations

import sys

import pytest

from coproduce.rules import themes
from coproduce.surveys import embeddings
from coproduce.surveys.models import Theme, ThemeStatus
from tests.surveys import builders
from tests.surveys.helpers import url

# Two themes said in different words: sharing almost no vocabulary, only an embedding brings each together.
DELAYS = [
    "The waiting list for speech therapy is far too long.",
    "We were in a queue for a year before anyone saw him.",
    "Months of delay before the assessment even started.",
    "Still no appointment after fourteen months.",
]
SILENCE = [
    "Nobody replied to my emails.",
    "I was ignored when I rang the office.",
    "No answer from the case officer for weeks.",
    "We never heard back after the meeting.",
]


def fake_embed(texts):
    """A stand-in for a sentence-embedding model: answers about delays point one way, the rest another."""
    return [[1.0, 0.1] if text in DELAYS else [0.1, 1.0] for text in texts]


def test_the_embedding_decides_the_groups_and_the_words_still_name_them():
    found = themes.suggest_themes(DELAYS + SILENCE, min_size=3, embed=fake_embed)
    assert sorted(sorted(theme.members) for theme in found.themes) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert not found.unassigned
    # Names come from the words the answers share ("months"); answers sharing none get a plain name.
    names = {tuple(sorted(theme.members)): theme.name for theme in found.themes}
    assert "months" in names[(0, 1, 2, 3)].lower()
    assert names[(4, 5, 6, 7)] == "Other answers"
    # The same answers in another order give the same themes.
    again = themes.suggest_themes(list(reversed(DELAYS + SILENCE)), min_size=3, embed=fake_embed)
    assert sorted(theme.name for theme in again.themes) == sorted(theme.name for theme in found.themes)


def test_an_embedding_that_loses_answers_is_an_error():
    with pytest.raises(ValueError, match="different number"):
        themes.suggest_themes(DELAYS + SILENCE, embed=lambda texts: [[1.0, 0.0]])


def test_dense_vectors_are_scaled_to_unit_length():
    vector = themes.dense([3.0, 0.0, 4.0])
    assert vector == pytest.approx({"#0": 0.6, "#2": 0.8})
    assert themes.dense([0.0, 0.0]) == {}


class FakeModel:
    def __init__(self):
        self.calls = []

    def embed(self, texts, norm=False):
        assert norm, "the model is asked for unit vectors"
        self.calls.append(list(texts))
        return fake_embed(texts)


def test_nothing_is_loaded_while_the_setting_is_off(settings, monkeypatch):
    settings.SURVEY_THEME_EMBEDDINGS = False

    def must_not_load():
        raise AssertionError("the model was loaded with the setting off")

    monkeypatch.setattr(embeddings, "load_model", must_not_load)
    assert embeddings.embedder() is None


def test_with_the_setting_on_but_no_extra_installed_the_light_method_is_used(settings, monkeypatch):
    settings.SURVEY_THEME_EMBEDDINGS = True
    monkeypatch.setitem(sys.modules, "wordllama", None)  # "import wordllama" now fails
    embeddings.load_model.cache_clear()
    try:
        assert embeddings.embedder() is None
    finally:
        embeddings.load_model.cache_clear()


@pytest.mark.django_db
def test_with_the_setting_on_suggestions_come_from_the_embeddings(client, settings, monkeypatch, branching, area):
    survey, q = branching
    for text in DELAYS + SILENCE:
        builders.respond(survey, {q["had_review"]: "No", q["else"]: text})
    model = FakeModel()
    settings.SURVEY_THEME_EMBEDDINGS = True
    monkeypatch.setattr(embeddings, "load_model", lambda: model)

    client.force_login(area.coordinator)
    client.post(url("suggest", survey, question_id=q["else"].pk))

    assert [sorted(call) for call in model.calls] == [sorted(DELAYS + SILENCE)]
    suggested = Theme.objects.filter(survey=survey, status=ThemeStatus.SUGGESTED).prefetch_related("tags__answer")
    groups = sorted(sorted(tag.answer.text for tag in theme.tags.all()) for theme in suggested)
    assert groups == sorted([sorted(DELAYS), sorted(SILENCE)])
