"""The values the statutory clock deals in: rules, deadlines, exceptions and a deadline's status.

Plain dates in, plain values out: nothing here knows about Django or about any one jurisdiction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum

# Distinct inputs per rule: about one a day over the years a deployment's records span.
RULE_CACHE_SIZE = 16_384


@dataclasses.dataclass(frozen=True)
class ClockException:
    """A reason the council need not meet a time limit, and the period it covers.

    Not a Python exception: the law's word for a circumstance that relaxes a time limit (for England,
    SEND Regulations 2014 reg 5(4), 10(4), 13(3)). Which reasons a regime accepts, and which deadlines
    each affects, is the regime's business.
    """

    reason: str
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"exception period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """Length of the period in days, both ends included."""
        return (self.end - self.start).days + 1

    def overlaps(self, first: dt.date | None, last: dt.date) -> bool:
        """Whether the period touches the days from ``first`` (open-ended if None) to ``last``."""
        return self.start <= last and (first is None or self.end >= first)


@dataclasses.dataclass(frozen=True)
class Deadline:
    """One computed time limit: the step must be done on or before ``due``.

    ``trigger`` is the date the limit was computed from (None for a fixed calendar date). Exceptions
    never move ``due``; they are recorded in ``exceptions``.
    """

    key: str
    due: dt.date
    citation: str
    rule: str
    trigger: dt.date | None = None
    exceptions: tuple[ClockException, ...] = ()

    @property
    def excepted(self) -> bool:
        return bool(self.exceptions)

    def with_exception(self, exception: ClockException) -> Deadline:
        """The same deadline, same date, marked as covered by ``exception``."""
        if exception in self.exceptions:
            return self
        return dataclasses.replace(self, exceptions=(*self.exceptions, exception))


@dataclasses.dataclass(frozen=True)
class Rule:
    """A statutory time limit: its output key, its source, what it says, and how its date is computed.

    ``compute`` takes the rule's inputs (usually the one trigger date) and returns the due date. It must
    be pure: each rule remembers the deadlines it has worked out by their inputs (``Deadline`` is
    frozen, so one may be shared), as a council's figures ask for the same dates thousands of times.
    """

    key: str
    citation: str
    text: str
    compute: Callable[..., dt.date] = dataclasses.field(repr=False, compare=False)

    def __post_init__(self) -> None:
        # Per rule, not keyed on the rule: two rules may share a key and citation but not a ``compute``.
        object.__setattr__(self, "_remembered", functools.lru_cache(maxsize=RULE_CACHE_SIZE)(self.work_out))

    def deadline(self, *inputs: object) -> Deadline:
        return self._remembered(*inputs)

    def work_out(self, *inputs: object) -> Deadline:
        """The deadline, computed afresh (``deadline`` remembers it)."""
        trigger = inputs[0] if isinstance(inputs[0], dt.date) else None
        return Deadline(self.key, self.compute(*inputs), self.citation, self.text, trigger)


Schedule = dict[str, Deadline]
"""The deadlines of one process, by output key, in the order the process meets them."""


def schedule(*deadlines: Deadline | None) -> Schedule:
    """A schedule of the deadlines given, leaving out those whose inputs were absent (None)."""
    return {deadline.key: deadline for deadline in deadlines if deadline is not None}


def due_dates(deadlines: Mapping[str, Deadline]) -> dict[str, dt.date]:
    return {key: deadline.due for key, deadline in deadlines.items()}


def mark_exceptions(
    deadlines: Mapping[str, Deadline],
    exceptions: Iterable[ClockException],
    affected_keys: Callable[[ClockException], Iterable[str]],
) -> Schedule:
    """Mark each deadline that an exception affects and whose running period it overlaps.

    Dates never move; deadlines no exception affects are returned unchanged.
    """
    marked = dict(deadlines)
    for exception in exceptions:
        for key in affected_keys(exception):
            deadline = marked.get(key)
            if deadline is not None and exception.overlaps(deadline.trigger, deadline.due):
                marked[key] = deadline.with_exception(exception)
    return marked


class DeadlineStatus(StrEnum):
    MET = "met"
    MET_LATE = "met_late"
    MET_LATE_EXCEPTED = "met_late_excepted"
    DUE = "due"
    OVERDUE = "overdue"
    OVERDUE_EXCEPTED = "overdue_excepted"

    @property
    def late(self) -> bool:
        """Whether this counts as late in timeliness figures (late under an exception does not)."""
        return self in (DeadlineStatus.MET_LATE, DeadlineStatus.OVERDUE)


def deadline_status(deadline: Deadline, met_on: dt.date | None, today: dt.date) -> DeadlineStatus:
    """Where a deadline stands: met, met late, still due or overdue; late ones note any exception."""
    if met_on is not None:
        if met_on <= deadline.due:
            return DeadlineStatus.MET
        return DeadlineStatus.MET_LATE_EXCEPTED if deadline.excepted else DeadlineStatus.MET_LATE
    if today <= deadline.due:
        return DeadlineStatus.DUE
    return DeadlineStatus.OVERDUE_EXCEPTED if deadline.excepted else DeadlineStatus.OVERDUE


@dataclasses.dataclass(frozen=True)
class SchoolYear:
    """A child's national curriculum year on a date, and the day they become a young person."""

    year_group: int
    young_person_from: dt.date
