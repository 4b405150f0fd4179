"""The ladder chart: where each side placed each decision, over time. Plain numbers for an SVG template.

The two sides are told apart by shape and line style (circles and a solid line for parent
representatives, squares and a dashed line for council officers), and named in a key, so colour is never
the only difference. The same numbers are always in a table beside the chart.

``share_chart`` draws horizontal bars of "so many out of so many" (attendance, actions on time), with
room for the counts beside each bar. (``statutory.charts.bar_chart`` draws percentages only, with less
room for labels, so it is not reused here.)
"""

from __future__ import annotations

import dataclasses

from coproduce.forum import ladder

WIDTH = 640
LEFT = 130
RIGHT = 20
TOP = 16
RUNG_GAP = 34
BOTTOM = 96


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str


@dataclasses.dataclass(frozen=True)
class Series:
    name: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if n == 0 else 'L'}{p.x},{p.y}" for n, p in enumerate(self.points))


@dataclasses.dataclass(frozen=True)
class Tick:
    y: int
    label: str


@dataclasses.dataclass(frozen=True)
class XLabel:
    x: int
    label: str


@dataclasses.dataclass(frozen=True)
class LadderChart:
    id: str
    title: str
    desc: str
    families: Series
    council: Series
    rungs: list[Tick]
    x_labels: list[XLabel]
    width: int
    height: int
    left: int
    right: int
    key_y: int
    axis_y: int


def _y(rung: int) -> int:
    return TOP + (ladder.HIGHEST - rung) * RUNG_GAP


def ladder_chart(chart_id: str, title: str, rows: list[tuple[str, int, int]]) -> LadderChart:
    """``rows`` are (short label, families' rung, council's rung), oldest decision first."""
    height = TOP + (ladder.HIGHEST - ladder.LOWEST) * RUNG_GAP + BOTTOM
    inset = 24
    span = WIDTH - LEFT - RIGHT - 2 * inset
    step = span / max(len(rows) - 1, 1)
    families, council, labels = [], [], []
    for n, (label, families_rung, council_rung) in enumerate(rows):
        x = round(LEFT + inset + (n * step if len(rows) > 1 else span / 2))
        families.append(Point(x, _y(families_rung), label))
        council.append(Point(x, _y(council_rung), label))
        labels.append(XLabel(x, str(n + 1)))
    desc = (
        "; ".join(
            f"decision {n + 1}, {label}: parent representatives {ladder.rung(f).name}, "
            f"council officers {ladder.rung(c).name}"
            for n, (label, f, c) in enumerate(rows)
        )
        + "."
        if rows
        else "No decision has been rated by both sides yet."
    )
    ticks = [Tick(_y(rung.number) + 5, rung.name) for rung in ladder.RUNGS]
    return LadderChart(
        id=chart_id,
        title=title,
        desc=desc,
        families=Series("Parent representatives", families),
        council=Series("Council officers", council),
        rungs=ticks,
        x_labels=labels,
        width=WIDTH,
        height=height,
        left=LEFT,
        right=WIDTH - RIGHT,
        key_y=height - 40,
        axis_y=_y(ladder.LOWEST) + 28,
    )


BAR_LABEL = 250
BAR_AREA = 240
BAR_ROW = 44
BAR_HEIGHT = 26


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    width: int
    y: int
    text_y: int
    value_x: int


@dataclasses.dataclass(frozen=True)
class ShareChart:
    id: str
    title: str
    desc: str
    bars: list[Bar]
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_area: int


def share_chart(chart_id: str, title: str, rows: list[tuple[str, int, int]]) -> ShareChart:
    """``rows`` are (label, how many met, out of how many)."""
    bars = []
    texts = []
    for n, (label, met, total) in enumerate(rows):
        percent = round(100 * met / total) if total else 0
        words = f"{met} of {total} ({percent}%)" if total else "none"
        width = round(BAR_AREA * percent / 100)
        y = TOP + n * BAR_ROW
        bars.append(Bar(label, words, width, y, y + BAR_HEIGHT // 2 + 5, BAR_LABEL + width + 8))
        texts.append(f"{label}: {words}")
    desc = ("; ".join(texts) + ".") if texts else "Nothing to show yet."
    return ShareChart(
        id=chart_id,
        title=title,
        desc=desc,
        bars=bars,
        width=WIDTH,
        height=TOP * 2 + len(rows) * BAR_ROW,
        label_x=BAR_LABEL - 10,
        bar_x=BAR_LABEL,
        bar_area=BAR_AREA,
    )
