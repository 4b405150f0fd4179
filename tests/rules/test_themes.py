"""Suggesting themes in free text: pure Python, deterministic, and offline."""

from __future__ import annotations

import random
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.rules import themes

WAITING = [
    "We waited 14 months for speech therapy, the waiting list is too long.",
    "The waiting list for occupational therapy is over a year.",
    "Too much waiting: months on the waiting list for therapy.",
    "Waiting for speech and language therapy took far too long.",
    "Cut the waiting list for therapy assessments.",
]
EMAILS = [
    "Nobody replied to my emails or returned my phone calls.",
    "Reply to emails please, I sent three and heard nothing.",
    "The SEN team never answers the phone or replies to emails.",
    "Emails and phone calls go unanswered for weeks.",
    "I want a reply when I send an email or phone.",
]
JARGON = [
    "Too much jargon in the letters, write in plain English.",
    "Plain English please, no jargon or acronyms.",
    "The plan was full of jargon and acronyms.",
    "Write the letters in plain English without jargon.",
]


def test_stem_joins_the_forms_of_a_word():
    assert {themes.stem(w) for w in ("waiting", "waited", "waits", "wait")} == {"wait"}
    assert {themes.stem(w) for w in ("therapy", "therapies")} == {"therapy"}
    assert {themes.stem(w) for w in ("change", "changes", "changed")} == {"chang"}
    assert themes.stem("planned") == "plan"
    assert themes.stem("class") == "class"


def test_words_leave_out_common_words_and_apostrophes():
    assert themes.words("We didn't get the SALT we were promised!") == ["salt", "promised"]


def test_terms_include_pairs_of_neighbouring_words_with_their_surface_form():
    found, surface = themes.terms("Speech therapy helped")
    assert "speech therapy" in found
    assert surface["speech therapy"] == "speech therapy"


def test_vectors_have_unit_length_and_ignore_words_used_once():
    corpus = themes.vectorise(["speech therapy wait", "speech therapy", "unique"])
    assert corpus.vectors[2] == {}
    for vector in corpus.vectors[:2]:
        assert sum(w * w for w in vector.values()) == pytest.approx(1.0)


def _groups(result, texts):
    return [sorted(texts[i] for i in theme.members) for theme in result.themes]


def test_finds_the_themes_a_person_would_see_and_names_them_by_their_words():
    texts = WAITING + EMAILS + JARGON
    result = themes.suggest_themes(texts)
    groups = _groups(result, texts)
    assert sorted(WAITING) in groups
    assert sorted(EMAILS) in groups
    # Jargon may come as one theme or two (the analyst merges them), but never mixed with another.
    for group in groups:
        assert set(group) <= set(WAITING) or set(group) <= set(EMAILS) or set(group) <= set(JARGON)
    names = " ".join(theme.name.lower() for theme in result.themes)
    assert "waiting" in names and "jargon" in names and ("email" in names or "reply" in names)


def test_the_same_answers_in_any_order_give_the_same_suggestions():
    texts = WAITING + EMAILS + JARGON
    first = themes.suggest_themes(texts)
    shuffled = list(texts)
    random.Random(3).shuffle(shuffled)
    second = themes.suggest_themes(shuffled)
    assert sorted(_groups(first, texts)) == sorted(_groups(second, shuffled))
    assert sorted(t.name for t in first.themes) == sorted(t.name for t in second.themes)


def test_too_few_answers_suggest_nothing():
    result = themes.suggest_themes(["Waiting lists", "Waiting lists again"])
    assert result.themes == () and result.unassigned == (0, 1)


def test_answers_with_nothing_in_common_stay_unassigned():
    texts = WAITING + EMAILS + ["Lovely weather", ""]
    result = themes.suggest_themes(texts)
    assigned = {i for theme in result.themes for i in theme.members}
    assert {len(texts) - 2, len(texts) - 1} <= set(result.unassigned)
    assert assigned.isdisjoint(result.unassigned)


def test_works_with_the_network_off(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("The network is off")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = themes.suggest_themes(WAITING + EMAILS + JARGON)
    assert result.k >= 3


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh ", max_size=40), max_size=25))
def test_every_answer_is_in_one_theme_or_unassigned(texts):
    result = themes.suggest_themes(texts)
    seen = [i for theme in result.themes for i in theme.members] + list(result.unassigned)
    assert sorted(seen) == list(range(len(texts)))
