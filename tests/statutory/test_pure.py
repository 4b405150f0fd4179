"""Pure helpers: small-number suppression, which reminder is due when, and the chart geometry."""

from __future__ import annotations

import pytest

from coproduce.rules.suppression import FEWER_THAN_5, HIDDEN, Figure, count_text
from coproduce.statutory.charts import BAR_AREA, bar_chart
from coproduce.statutory.reminders import before_kind


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0"), (1, FEWER_THAN_5), (4, FEWER_THAN_5), (5, "5"), (1234, "1,234")]
)
def test_counts_from_1_to_4_are_shown_as_fewer_than_5(count, shown):
    assert count_text(count) == shown


def test_a_figure_with_nothing_small_shows_everything():
    figure = Figure(total=20, met=15)
    assert (figure.total_text, figure.met_text, figure.not_met_text, figure.percent_text) == ("20", "15", "5", "75%")


def test_a_small_part_hides_the_other_part_and_the_percentage_too():
    figure = Figure(total=20, met=17)  # 3 late: showing 17 of 20 would give the 3 away
    assert figure.not_met_text == FEWER_THAN_5
    assert figure.met_text == HIDDEN
    assert figure.percent is None and figure.percent_text == HIDDEN
    assert figure.total_text == "20"


def test_a_small_total_is_suppressed_whole():
    figure = Figure(total=3, met=0)
    assert figure.total_text == FEWER_THAN_5
    assert figure.percent is None


def test_no_figures_at_all_says_so():
    assert Figure(0, 0).percent_text == "none this year"


def test_a_figure_cannot_meet_more_than_its_total():
    with pytest.raises(ValueError):
        Figure(total=2, met=3)


@pytest.mark.parametrize(
    ("left", "kind"),
    [(30, None), (11, None), (10, "before_10"), (3, "before_10"), (2, "before_2"), (0, "before_2"), (-1, None)],
)
def test_the_reminder_due_depends_on_the_days_left(left, kind):
    assert before_kind(left, (10, 2)) == kind


def test_bars_are_as_long_as_their_percentage_and_suppressed_bars_are_not_drawn():
    chart = bar_chart("c", "A title", [("Shown", 50, "50%"), ("Hidden", None, HIDDEN)])
    assert [bar.width for bar in chart.bars] == [BAR_AREA // 2, 0]
    assert chart.desc == f"Shown: 50%; Hidden: {HIDDEN}."
