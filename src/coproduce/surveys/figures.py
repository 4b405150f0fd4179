"""Small-number suppression for survey results and the co-production overview. Pure Python: no Django.

Built on ``coproduce.rules.suppression`` (1 to 4 is "fewer than 5"), with what tables of survey
results add:

- **Lines.** In a table, the cells of a row (or column) add up to its total. When exactly one cell of a
  line is hidden and the total is shown, it can be worked out by subtraction, so the smallest other
  cell of the line is hidden too, and so on until no line has a single hidden cell (secondary
  suppression). A line whose total is itself small hides everything in it.
- **"Any number of answers".** Each option of such a question is a part of those who answered: it is
  hidden when it is small, or when those who did not choose it are few (the complement).
- **Filters and breakdowns.** A filter (a group, a period) or a breakdown whose group is small, or
  leaves out a small number, would let someone compare two views and work out a few people's answers:
  it is refused with the reason (``refusal``), not shown suppressed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Iterable, Mapping, Sequence

from coproduce.rules.suppression import FEWER_THAN_5, HIDDEN, count_text, is_small

__all__ = [
    "FEWER_THAN_5",
    "HIDDEN",
    "Cell",
    "count_text",
    "is_small",
    "protect",
    "refusal",
    "breakdown_refusal",
]


def protect(
    values: Mapping[Hashable, int],
    lines: Iterable[tuple[Hashable, Sequence[Hashable]]],
    *,
    also_hide: Iterable[Hashable] = (),
) -> set[Hashable]:
    """The cells of ``values`` to hide.

    ``lines`` are (total, members): the members add up to the total, and the total is a cell too.
    Small cells are hidden; a line with a small total hides all its members; then, while any line has
    exactly one hidden cell (its total included), its smallest visible cell is hidden as well.
    """
    lines = [(total, list(members)) for total, members in lines]
    hidden = {key for key, value in values.items() if is_small(value)} | set(also_hide)
    for total, members in lines:
        if is_small(values[total]):
            hidden.update(members)
    changed = True
    while changed:
        changed = False
        for total, members in lines:
            cells = [total, *members]
            if sum(1 for cell in cells if cell in hidden) != 1:
                continue
            visible = sorted((cell for cell in cells if cell not in hidden), key=lambda c: (values[c], str(c)))
            if visible:
                hidden.add(visible[0])
                changed = True
    return hidden


@dataclasses.dataclass(frozen=True)
class Cell:
    """A count, and whether it is shown; with its share of ``base`` when it is."""

    count: int
    hidden: bool
    base: int = 0

    @property
    def text(self) -> str:
        if not self.hidden:
            return f"{self.count:,}"
        return FEWER_THAN_5 if is_small(self.count) else HIDDEN

    @property
    def percent(self) -> int | None:
        if self.hidden or not self.base:
            return None
        return round(100 * self.count / self.base)

    @property
    def percent_text(self) -> str:
        if not self.base:
            return "none"
        return HIDDEN if self.percent is None else f"{self.percent}%"

    @property
    def csv(self) -> str:
        """For exports: the number, or the words that stand for it."""
        return self.text.replace(",", "")


def refusal(*, total: int, part: int, what: str) -> str | None:
    """Why showing ``part`` of ``total`` (say, only parents) would reveal a small number, or None."""
    if is_small(part):
        return (
            f"Fewer than 5 people match {what}, so their answers are not shown on their own: a few people "
            "could be recognised from them. Choose a wider group or a longer period."
        )
    if is_small(total - part):
        return (
            f"Showing {what} would leave out fewer than 5 people. Comparing it with the whole results would "
            "show what those few people answered, so it is not shown. Choose a different group or period."
        )
    return None


def breakdown_refusal(bases: Mapping[str, int], *, what: str) -> str | None:
    """Why breaking the results down by ``what`` would reveal a small number, or None."""
    small = [label for label, base in bases.items() if is_small(base)]
    if not small:
        return None
    names = ", ".join(f'"{label}"' for label in small)
    return (
        f"The results cannot be broken down by {what}: fewer than 5 people are in {names}, and their "
        "answers could be worked out from the table. Choose another breakdown, or none."
    )
