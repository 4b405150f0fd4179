"""Small-number suppression for survey tables: pure logic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coproduce.surveys import figures
from coproduce.surveys.figures import Cell


def _line(counts: list[int]):
    values = {("c", i): c for i, c in enumerate(counts)} | {"total": sum(counts)}
    return values, [("total", [("c", i) for i in range(len(counts))])]


def test_counts_from_1_to_4_are_hidden_and_zero_and_5_are_shown():
    values, lines = _line([0, 1, 4, 5, 10])
    hidden = figures.protect(values, lines)
    assert ("c", 1) in hidden and ("c", 2) in hidden
    assert ("c", 0) not in hidden and ("c", 3) not in hidden and ("c", 4) not in hidden


def test_a_single_hidden_count_in_a_line_hides_the_next_smallest_too():
    values, lines = _line([3, 7, 12])
    hidden = figures.protect(values, lines)
    assert hidden == {("c", 0), ("c", 1)}, "3 alone could be worked out from the total 22"


def test_a_small_total_hides_the_whole_line():
    values, lines = _line([3, 0, 0])
    hidden = figures.protect(values, lines)
    assert {("c", 0), ("c", 1), ("c", 2), "total"} <= hidden


def test_tables_are_protected_across_rows_and_columns():
    # Two groups (columns) of a yes/no question; "no" among parents is 2.
    values = {
        ("parents", "yes"): 10,
        ("parents", "no"): 2,
        ("parents", "all"): 12,
        ("others", "yes"): 6,
        ("others", "no"): 6,
        ("others", "all"): 12,
        ("t", "yes"): 16,
        ("t", "no"): 8,
        ("t", "all"): 24,
    }
    lines = [
        (("parents", "all"), [("parents", "yes"), ("parents", "no")]),
        (("others", "all"), [("others", "yes"), ("others", "no")]),
        (("t", "all"), [("t", "yes"), ("t", "no")]),
        (("t", "yes"), [("parents", "yes"), ("others", "yes")]),
        (("t", "no"), [("parents", "no"), ("others", "no")]),
    ]
    hidden = figures.protect(values, lines)
    assert ("parents", "no") in hidden
    for total, members in lines:
        assert sum(1 for cell in [total, *members] if cell in hidden) != 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=6))
def test_no_line_is_ever_left_with_one_hidden_cell(counts):
    values, lines = _line(counts)
    hidden = figures.protect(values, lines)
    assert all(("c", i) in hidden for i, c in enumerate(counts) if figures.is_small(c))
    cells = ["total", *[("c", i) for i in range(len(counts))]]
    assert sum(1 for cell in cells if cell in hidden) != 1


def test_cells_say_fewer_than_5_or_not_shown():
    assert Cell(3, True, 20).text == "fewer than 5"
    assert Cell(7, True, 20).text == figures.HIDDEN
    assert Cell(1234, False, 2000).text == "1,234"
    assert Cell(5, False, 20).percent_text == "25%"
    assert Cell(3, True, 20).percent is None
    assert Cell(0, False, 0).percent_text == "none"


def test_a_filter_that_picks_out_or_leaves_out_a_few_people_is_refused():
    assert figures.refusal(total=30, part=3, what="parents") is not None
    assert "leave out fewer than 5" in figures.refusal(total=30, part=27, what="parents")
    assert figures.refusal(total=30, part=20, what="parents") is None
    assert figures.refusal(total=30, part=0, what="parents") is None


def test_a_breakdown_with_a_small_group_is_refused_and_names_it():
    reason = figures.breakdown_refusal({"Parents": 20, "Practitioners": 2, "Others": 0}, what="who answered")
    assert reason is not None and '"Practitioners"' in reason
    assert figures.breakdown_refusal({"Parents": 20, "Others": 0}, what="who answered") is None
