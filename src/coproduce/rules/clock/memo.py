"""The clock's deadlines, remembered by their inputs, for pages that work out thousands at once.

Every ``Regime`` method is pure: the same regime code and dates always give the same deadlines. A
council's figures (the timeliness overview, the co-production overview) work out a deadline for every
plan issued or review decided in a year, and thousands of those rows share the same dates, so each
distinct set of inputs is worked out once here and looked up after that.

The schedules returned are read-only (``MappingProxyType``): they are shared between callers, so no
caller may change one. ``Deadline`` and ``ClockException`` are frozen already. No Django here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from types import MappingProxyType

from coproduce.rules.clock.model import ClockException, Deadline
from coproduce.rules.clock.regime import get_regime

# Distinct inputs seen in a year of a large council are in the thousands (dates x dates for reviews);
# the bound keeps a long-running worker's memory flat.
CACHE_SIZE = 65_536


@functools.lru_cache(maxsize=CACHE_SIZE)
def needs_assessment(
    code: str,
    received: dt.date,
    advice_requested: dt.date | None = None,
    draft_served: dt.date | None = None,
) -> Mapping[str, Deadline]:
    """``get_regime(code).needs_assessment(...)``, without exceptions, worked out once per set of dates."""
    schedule = get_regime(code).needs_assessment(received, advice_requested=advice_requested, draft_served=draft_served)
    return MappingProxyType(schedule)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _needs_assessment_excepted(
    code: str, received: dt.date, draft_served: dt.date | None, exceptions: tuple[ClockException, ...]
) -> Mapping[str, Deadline]:
    regime = get_regime(code)
    return MappingProxyType(regime.apply_exceptions(needs_assessment(code, received, None, draft_served), exceptions))


def needs_assessment_with_exceptions(
    code: str,
    received: dt.date,
    exceptions: tuple[ClockException, ...] = (),
    *,
    draft_served: dt.date | None = None,
) -> Mapping[str, Deadline]:
    """The needs assessment's deadlines with ``exceptions`` applied (``Regime.apply_exceptions``).

    The base deadlines are shared by every request received on the same day; the exceptions are
    applied only for a request that has some (few do).
    """
    if not exceptions:
        return needs_assessment(code, received, None, draft_served)
    return _needs_assessment_excepted(code, received, draft_served, tuple(exceptions))


@functools.lru_cache(maxsize=CACHE_SIZE)
def annual_review(
    code: str,
    last: dt.date,
    meeting: dt.date | None = None,
    amendment_notice: dt.date | None = None,
) -> Mapping[str, Deadline]:
    """``get_regime(code).annual_review(...)`` (without the under-five interval), once per set of dates."""
    return MappingProxyType(get_regime(code).annual_review(last, meeting=meeting, amendment_notice=amendment_notice))


@functools.lru_cache(maxsize=CACHE_SIZE)
def phase_transfer(
    code: str, kind: str, year: int | None = None, transfer_date: dt.date | None = None
) -> Mapping[str, Deadline]:
    """``get_regime(code).phase_transfer(...)``, once per kind and year or date."""
    return MappingProxyType(get_regime(code).phase_transfer(kind, year=year, transfer_date=transfer_date))


def clear() -> None:
    """Forget every remembered schedule (for tests)."""
    for cached in (needs_assessment, _needs_assessment_excepted, annual_review, phase_transfer):
        cached.cache_clear()
