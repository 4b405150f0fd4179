"""Near-duplicate paragraphs across plans, and another child's name in a plan."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.rules.checker.copies import (
    CopyMatch,
    ParagraphIndex,
    find_copied_paragraphs,
    jaccard,
    shingles,
    words,
)
from coproduce.rules.checker.names import NameMatch, find_other_names

LETTERS = list("abcdefghijklmnop")
COPIED = (
    "Leo finds it very hard to settle in the classroom after lunch and needs a calm, familiar adult "
    "to help him return to his work without becoming upset or leaving the room."
)


def council() -> dict[str, list[str]]:
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(800)]
    plans = {
        f"plan-{p}": [" ".join(rng.choices(vocabulary, k=rng.randrange(14, 40))) for _ in range(10)] for p in range(200)
    }
    plans["plan-42"][5] = COPIED
    return plans


def test_normalisation_ignores_case_punctuation_and_whitespace() -> None:
    assert words("  Leo's  FINE,\n  isn't he?") == ["leos", "fine", "isnt", "he"]
    assert shingles("A b c d") == shingles("a,  B. c -- D")


def test_seeded_copy_is_found() -> None:
    edited = COPIED.replace("Leo", "Sam").replace("very hard", "hard").upper()
    mine = ["A short line.", "Sam enjoys music, swimming and playing with his cousins at weekends.", edited]
    matches = find_copied_paragraphs(mine, council(), threshold=0.6)
    assert [(m.paragraph_index, m.other_plan_id, m.other_paragraph_index) for m in matches] == [(2, "plan-42", 5)]
    assert 0.6 <= matches[0].similarity < 1


def test_clean_plan_finds_nothing() -> None:
    mine = [
        "Sam enjoys music, swimming and playing with his cousins at weekends and likes to draw maps of the trains.",
        "He wants to be a train driver when he grows up and to live near his grandparents by the sea one day.",
    ]
    assert find_copied_paragraphs(mine, council(), threshold=0.5) == []


def test_short_paragraphs_are_ignored() -> None:
    short = "Sam will attend school every day this term."
    assert find_copied_paragraphs([short], {"other": [short]}) == []


def test_identical_paragraph_has_similarity_one() -> None:
    [match] = find_copied_paragraphs([COPIED], {"other": ["Unrelated.", COPIED]})
    assert match == CopyMatch(0, "other", 1, 1.0)


def test_index_is_reusable_and_can_exclude_the_plan_itself() -> None:
    index = ParagraphIndex()
    for plan_id, paragraphs in council().items():
        index.add_plan(plan_id, paragraphs)
    assert len(index) == 2000
    assert [m.other_plan_id for m in find_copied_paragraphs([COPIED], index)] == ["plan-42"]
    assert index.query([COPIED], exclude_plan_id="plan-42") == []


def test_threshold_must_be_a_fraction() -> None:
    with pytest.raises(ValueError):
        ParagraphIndex().query([COPIED], threshold=0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(LETTERS), min_size=10, max_size=30).map(" ".join),
        min_size=1,
        max_size=8,
    ),
    st.floats(min_value=0.3, max_value=1.0),
)
def test_index_finds_exactly_what_comparing_every_pair_finds(paragraphs: list[str], threshold: float) -> None:
    index = ParagraphIndex(min_words=10)
    index.add_plan("other", paragraphs)
    found = {(m.paragraph_index, m.other_paragraph_index) for m in index.query(paragraphs, threshold)}
    expected = {
        (i, j)
        for (i, a), (j, b) in itertools.product(enumerate(paragraphs), repeat=2)
        if jaccard(shingles(a), shingles(b)) >= threshold - 1e-9 and shingles(a) and shingles(b)
    }
    assert found == expected


# --- other children's names -----------------------------------------------------------------------


def test_other_childs_name_is_found_with_its_span() -> None:
    text = "Sam enjoys Lego. Amira will have a visual timetable."
    assert find_other_names(text, ["Sam"], ["Amira", "Leo"]) == [NameMatch(17, 22, "Amira")]


def test_case_insensitive_for_ordinary_names_and_possessives() -> None:
    text = "amira's mum said she likes Lego."
    assert find_other_names(text, ["Sam"], ["Amira"]) == [NameMatch(0, 5, "Amira")]


def test_whole_words_only() -> None:
    assert find_other_names("Samuel and Samantha", ["Leo"], ["Sam"]) == []


def test_own_names_are_ignored() -> None:
    text = "Mary Jane Smith likes drawing. Mary Jane will have a TA."
    assert find_other_names(text, ["Mary Jane", "Smith"], ["Jane", "Smith", "Mary"]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The TA will help at lunchtime.", []),
        ("Staff will support him with grace and hope.", []),
        ("Grace will have a TA in all lessons.", [NameMatch(0, 5, "Grace")]),
        ("From May 2026 a TA will help.", []),
        ("On 3 May the TA will visit.", []),
        ("May and Sam will share a TA.", [NameMatch(0, 3, "May")]),
    ],
)
def test_names_that_are_also_words_need_a_capital(text: str, expected: list[NameMatch]) -> None:
    assert find_other_names(text, ["Sam"], ["Will", "Grace", "Hope", "May"]) == expected


def test_full_names_and_punctuated_names() -> None:
    text = "Ella O'Brien and Anne-Marie Jones, and also Ella. Jones."
    found = find_other_names(text, ["Sam"], ["Ella O'Brien", "Anne-Marie Jones", "Ella"])
    assert [(text[m.start : m.end], m.name) for m in found] == [
        ("Ella O'Brien", "Ella O'Brien"),
        ("Anne-Marie Jones", "Anne-Marie Jones"),
        ("Ella", "Ella"),
    ]


def test_many_names_scan_once() -> None:
    others = [f"Name{i}" for i in range(5000)] + ["Zainab"]
    assert find_other_names("Zainab will join the group.", ["Sam"], others) == [NameMatch(0, 6, "Zainab")]
