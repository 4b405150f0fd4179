import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.rules.goal_attainment import LEVELS, t_score, t_score_display


@pytest.mark.parametrize(
    ("scores", "weights", "expected"),
    [
        ((1, 1, 0), None, "59.13"),
        ((0, 0, 0), None, "50.00"),
        ((-1, -1, -1), None, "36.31"),
        ((2, 1, -1), (3, 2, 1), "65.42"),
    ],
)
def test_the_worked_values(scores, weights, expected):
    assert t_score_display(scores, weights) == expected


scores = st.lists(st.sampled_from(LEVELS), min_size=1, max_size=12)


@given(st.integers(min_value=1, max_value=12))
def test_all_zeros_give_fifty(count):
    assert t_score([0] * count) == 50


@given(scores, st.data())
def test_raising_any_score_never_lowers_t(values, data):
    weights = data.draw(st.lists(st.integers(1, 4), min_size=len(values), max_size=len(values)))
    index = data.draw(st.integers(0, len(values) - 1))
    if values[index] == 2:
        return
    raised = list(values)
    raised[index] += 1
    assert t_score(raised, weights) > t_score(values, weights)


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [((), None, "at least one"), ((3,), None, "-2, -1, 0"), ((1, 1), (1,), "one weight"), ((1,), (0,), "positive")],
)
def test_bad_input_is_refused_plainly(scores, weights, message):
    with pytest.raises(ValueError, match=message):
        t_score(scores, weights)
