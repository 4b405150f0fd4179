"""Line charts of progress over time, drawn on the server as SVG: plain numbers for a template.

One line per rater, never an average. Raters are told apart by the shape of their points and the style
of their line (and named in a key), so colour is never the only difference. Each chart has a title and
a description for screen readers, and the same numbers are always in a table beside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

WIDTH = 640
LEFT = 70
RIGHT = 24
TOP = 16
PLOT_HEIGHT = 200
KEY_ROW = 26
SHAPES = ("circle", "square", "triangle", "diamond", "cross")
DASHES = ("", "10 6", "3 5", "14 5 3 5", "6 3")
SIZE = 7


def marker(shape: str, x: float, y: float) -> str:
    """An SVG path for a point of the given shape centred on (x, y)."""
    s = SIZE
    match shape:
        case "square":
            return f"M{x - s + 1},{y - s + 1}h{2 * s - 2}v{2 * s - 2}h{-(2 * s - 2)}Z"
        case "triangle":
            return f"M{x},{y - s}L{x + s},{y + s - 1}L{x - s},{y + s - 1}Z"
        case "diamond":
            return f"M{x},{y - s}L{x + s},{y}L{x},{y + s}L{x - s},{y}Z"
        case "cross":
            return f"M{x - s},{y - 2}h{2 * s}v4h{-2 * s}ZM{x - 2},{y - s}v{2 * s}h4v{-2 * s}Z"
    return f"M{x - s},{y}a{s},{s} 0 1,0 {2 * s},0a{s},{s} 0 1,0 {-2 * s},0Z"


@dataclasses.dataclass(frozen=True)
class Point:
    x: float
    y: float
    marker: str


@dataclasses.dataclass(frozen=True)
class Line:
    number: int
    name: str
    points: list[Point]
    path: str
    dash: str
    key_y: int
    key_marker: str

    @property
    def key_line_y(self) -> int:
        return self.key_y - 5


@dataclasses.dataclass(frozen=True)
class Tick:
    y: float
    text_y: float
    label: str


@dataclasses.dataclass(frozen=True)
class XLabel:
    x: float
    label: str


@dataclasses.dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    desc: str
    lines: list[Line]
    ticks: list[Tick]
    x_labels: list[XLabel]
    width: int
    height: int
    left: int
    right: int
    plot_bottom: int
    axis_y: int
    key_x: int


def line_chart(
    chart_id: str,
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    low: float,
    high: float,
    ticks: Sequence[tuple[float, str]],
    words: Callable[[float], str],
) -> LineChart:
    """``series`` are (name, one value or None for each x label). ``words`` says a value in the description."""
    count = len(x_labels)
    inset = 30
    span = WIDTH - LEFT - RIGHT - 2 * inset
    step = span / max(count - 1, 1)

    def x_at(n: int, line: int) -> float:
        centre = LEFT + inset + (n * step if count > 1 else span / 2)
        return round(centre + (line - (len(series) - 1) / 2) * 5, 1)  # apart a little when values agree

    def y_at(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * PLOT_HEIGHT, 1)

    lines = []
    plot_bottom = TOP + PLOT_HEIGHT
    axis_y = plot_bottom + 30
    key_top = axis_y + 32
    for n, (name, values) in enumerate(series):
        shape = SHAPES[n % len(SHAPES)]
        points, path, pen_down = [], [], False
        for i, value in enumerate(values):
            if value is None:
                pen_down = False
                continue
            x, y = x_at(i, n), y_at(value)
            points.append(Point(x, y, marker(shape, x, y)))
            path.append(f"{'L' if pen_down else 'M'}{x},{y}")
            pen_down = True
        key_y = key_top + n * KEY_ROW
        lines.append(
            Line(
                n + 1, name, points, " ".join(path), DASHES[n % len(DASHES)], key_y, marker(shape, LEFT + 16, key_y - 5)
            )
        )
    parts = []
    for i, label in enumerate(x_labels):
        said = [f"{name} {words(values[i])}" for name, values in series if values[i] is not None]
        parts.append(f"{label}: {', '.join(said) if said else 'no ratings'}")
    desc = ("; ".join(parts) + ".") if parts else "Nothing rated yet."
    return LineChart(
        id=chart_id,
        title=title,
        desc=desc,
        lines=lines,
        ticks=[Tick(y_at(value), y_at(value) + 5, label) for value, label in ticks],
        x_labels=[XLabel(x_at(i, (len(series) - 1) / 2), label) for i, label in enumerate(x_labels)],
        width=WIDTH,
        height=key_top + max(len(series), 1) * KEY_ROW,
        left=LEFT,
        right=WIDTH - RIGHT,
        plot_bottom=plot_bottom,
        axis_y=axis_y,
        key_x=LEFT + 44,
    )


def short_label(label: str) -> str:
    """ "Autumn term 2025" → "Autumn 2025"; "Autumn term 2025, first half" → "Autumn 2025 (1)"."""
    label = label.replace(" term", "").replace(", first half", " (1)").replace(", second half", " (2)")
    return label


def x_labels_for(labels: Sequence[str]) -> list[str]:
    """Short labels while they fit, else numbers (the table beside the chart has the full names)."""
    if len(labels) <= 5:
        return [short_label(label) for label in labels]
    return [str(n) for n in range(1, len(labels) + 1)]
