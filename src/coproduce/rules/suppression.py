"""Small-number suppression for published figures. Pure Python: no Django.

Any count from 1 to 4 is shown as "fewer than 5", so nobody can be picked out of a small group. Where a
figure is a part of a total (on time out of all), hiding only the small part would let it be worked out
by subtraction, so the other part and the percentage are hidden too (secondary suppression).
"""

from __future__ import annotations

import dataclasses

SMALL = range(1, 5)
FEWER_THAN_5 = "fewer than 5"
HIDDEN = "not shown, to protect a small number"


def is_small(count: int) -> bool:
    return count in SMALL


def count_text(count: int) -> str:
    return FEWER_THAN_5 if is_small(count) else f"{count:,}"


@dataclasses.dataclass(frozen=True)
class Figure:
    """``met`` out of ``total`` (on time out of all), ready to show with small numbers suppressed."""

    total: int
    met: int

    def __post_init__(self) -> None:
        if not 0 <= self.met <= self.total:
            raise ValueError("met must be between 0 and total")

    @property
    def not_met(self) -> int:
        return self.total - self.met

    @property
    def suppressed(self) -> bool:
        """Whether the split (on time, late, percentage) is hidden."""
        return is_small(self.total) or is_small(self.met) or is_small(self.not_met)

    @property
    def total_text(self) -> str:
        return count_text(self.total)

    @property
    def met_text(self) -> str:
        if not self.suppressed:
            return count_text(self.met)
        return FEWER_THAN_5 if is_small(self.met) else HIDDEN

    @property
    def not_met_text(self) -> str:
        if not self.suppressed:
            return count_text(self.not_met)
        return FEWER_THAN_5 if is_small(self.not_met) else HIDDEN

    @property
    def percent(self) -> int | None:
        """Whole-number percentage on time; None when there is nothing to show or it is suppressed."""
        if self.total == 0 or self.suppressed:
            return None
        return round(100 * self.met / self.total)

    @property
    def percent_text(self) -> str:
        if self.total == 0:
            return "none this year"
        return HIDDEN if self.percent is None else f"{self.percent}%"
