"""The ladder of co-production: pure rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.forum import ladder

rungs = st.integers(min_value=ladder.LOWEST, max_value=ladder.HIGHEST)


def test_the_ladder_runs_from_coercion_to_co_production():
    assert [rung.name for rung in ladder.RUNGS] == [
        "Coercion",
        "Educating",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ]


@pytest.mark.parametrize(
    ("families", "council", "gap", "wide", "words"),
    [
        (6, 6, 0, False, "Both sides agree"),
        (7, 6, 1, False, "1 rung apart"),
        (4, 6, 2, True, "2 rungs apart"),
        (1, 7, 6, True, "6 rungs apart"),
        (None, 6, None, False, "Not both rated yet"),
    ],
)
def test_gaps_of_two_rungs_or_more_are_wide(families, council, gap, wide, words):
    assert ladder.gap(families, council) == gap
    assert ladder.is_wide(families, council) is wide
    assert ladder.gap_words(families, council) == words


@given(rungs, rungs)
def test_the_gap_is_the_same_whichever_side_is_asked_first(a, b):
    assert ladder.gap(a, b) == ladder.gap(b, a) >= 0
    assert ladder.is_wide(a, b) == (abs(a - b) >= 2)


def test_there_is_no_rung_off_the_ladder():
    with pytest.raises(ValueError):
        ladder.rung(8)
    with pytest.raises(ValueError):
        ladder.gap(0, 3)
