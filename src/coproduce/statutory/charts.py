"""Server-drawn bar charts for the council overview: plain numbers for an SVG template.

Each chart is a picture of the table beside it (never the only place a number is), with a title and a
description for screen readers. Suppressed figures draw no bar and say why.
"""

from __future__ import annotations

import dataclasses

WIDTH = 440
LABEL_WIDTH = 170
BAR_AREA = 200
ROW_HEIGHT = 44
BAR_HEIGHT = 26
TOP = 10


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    width: int
    y: int
    text_y: int
    value_x: int


@dataclasses.dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_x: int = LABEL_WIDTH - 10
    bar_x: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    bar_height: int = BAR_HEIGHT


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int | None, str]]) -> Chart:
    """Horizontal bars of percentages. ``rows`` are (label, percent or None if not shown, its words)."""
    bars = []
    for n, (label, percent, words) in enumerate(rows):
        width = 0 if percent is None else round(BAR_AREA * max(0, min(percent, 100)) / 100)
        y = TOP + n * ROW_HEIGHT
        bars.append(Bar(label, words, width, y, y + BAR_HEIGHT // 2 + 5, LABEL_WIDTH + width + 8))
    desc = "; ".join(f"{label}: {words}" for label, _, words in rows) + "."
    return Chart(chart_id, title, desc, bars, TOP * 2 + len(rows) * ROW_HEIGHT)


def overview_charts(overview) -> list[Chart]:
    def row(label, measure):
        figure = measure.figure
        words = figure.percent_text if figure.percent is not None or figure.total == 0 else "not shown (small number)"
        return (label, figure.percent, words)

    return [
        bar_chart(
            "chart-plans",
            f"New EHC plans issued within 20 weeks in {overview.year}",
            [
                row("Including exceptions", overview.plans_including),
                row("Excluding exceptions", overview.plans_excluding),
            ],
        ),
        bar_chart(
            "chart-reviews",
            f"Annual review decisions within 4 weeks of the meeting in {overview.year}",
            [row("Decisions on time", overview.reviews)],
        ),
        bar_chart(
            "chart-transfers",
            f"Plans amended by the phase transfer date in {overview.year}",
            [row("Amended in time", overview.transfers)],
        ),
    ]
