"""The statutory clock: the deadlines of the EHC process, computed from plain dates.

Callers pick a jurisdiction with ``get_regime(code)`` (``"england"`` by default) and use only the
``Regime`` interface::

    regime = get_regime("england")
    deadlines = regime.needs_assessment(received)          # {"decision_to_assess": Deadline, ...}
    deadlines = regime.apply_exceptions(deadlines, [ClockException("family_away_4_weeks", start, end)])
    deadline_status(deadlines["final_plan"], met_on=None, today=today)   # DeadlineStatus.DUE ...

No Django here: plain dates in, plain values out.
"""

from coproduce.rules.clock.model import (
    ClockException,
    Deadline,
    DeadlineStatus,
    Rule,
    Schedule,
    SchoolYear,
    deadline_status,
    due_dates,
)
from coproduce.rules.clock.regime import DEFAULT_REGIME, REGIMES, Regime, get_regime

__all__ = [
    "DEFAULT_REGIME",
    "REGIMES",
    "ClockException",
    "Deadline",
    "DeadlineStatus",
    "Regime",
    "Rule",
    "Schedule",
    "SchoolYear",
    "deadline_status",
    "due_dates",
    "get_regime",
]
