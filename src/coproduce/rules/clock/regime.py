"""The interface every jurisdiction's clock implements, and the registry that picks one.

Callers (the command line, Django) use only ``Regime`` and ``get_regime``: another jurisdiction (Wales,
Scotland, a US state's IEP rules) is another module implementing ``Regime``, added to ``REGIMES`` and
chosen per council, without touching any caller.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from coproduce.rules.clock.model import ClockException, Schedule, SchoolYear, mark_exceptions

DEFAULT_REGIME = "england"

# code -> "module:class"; imported only when first asked for.
REGIMES: dict[str, str] = {
    "england": "coproduce.rules.clock.england:England",
}


class Regime(ABC):
    """One jurisdiction's statutory clock. Every method takes plain dates and returns plain values.

    Each process method returns a ``Schedule`` (output key -> ``Deadline``) holding only the deadlines
    whose inputs were given.
    """

    code: str
    name: str
    # reason code -> the output keys an exception for that reason affects
    exception_rules: Mapping[str, frozenset[str]]
    # the review interval offered for young children when a council turns that setting on
    default_under_five_review_months: int

    @abstractmethod
    def needs_assessment(
        self,
        received: dt.date,
        *,
        advice_requested: dt.date | None = None,
        draft_served: dt.date | None = None,
    ) -> Schedule: ...

    @abstractmethod
    def re_assessment(self, decided: dt.date) -> Schedule: ...

    @abstractmethod
    def annual_review(
        self,
        last: dt.date,
        *,
        meeting: dt.date | None = None,
        amendment_notice: dt.date | None = None,
        under_five_review_months: int | None = None,
    ) -> Schedule: ...

    @abstractmethod
    def phase_transfer(
        self, kind: str, *, year: int | None = None, transfer_date: dt.date | None = None
    ) -> Schedule: ...

    @abstractmethod
    def mediation(
        self,
        *,
        decision_letter: dt.date | None = None,
        declined: dt.date | None = None,
        requested: dt.date | None = None,
    ) -> Schedule: ...

    @abstractmethod
    def appeal(self, decision_letter: dt.date, *, certificate: dt.date | None = None) -> Schedule: ...

    @abstractmethod
    def school_year(self, dob: dt.date, on: dt.date) -> SchoolYear: ...

    def check_exception(self, exception: ClockException) -> None:
        """Raise ValueError if this regime does not recognise the exception."""
        if exception.reason not in self.exception_rules:
            known = ", ".join(sorted(self.exception_rules))
            raise ValueError(f"unknown exception reason {exception.reason!r} (known: {known})")

    def apply_exceptions(self, deadlines: Schedule, exceptions: Iterable[ClockException]) -> Schedule:
        """Mark the deadlines the exceptions cover; no date ever moves."""
        exceptions = tuple(exceptions)
        for exception in exceptions:
            self.check_exception(exception)
        return mark_exceptions(deadlines, exceptions, lambda e: self.exception_rules[e.reason])


def get_regime(code: str = DEFAULT_REGIME) -> Regime:
    """The regime registered under ``code`` (e.g. a council's setting); LookupError if there is none."""
    if code not in REGIMES:
        raise LookupError(f"unknown regime {code!r} (known: {', '.join(sorted(REGIMES))})")
    return _load(REGIMES[code])


@functools.cache
def _load(path: str) -> Regime:
    module_name, class_name = path.split(":")
    regime: Regime = getattr(importlib.import_module(module_name), class_name)()
    return regime
