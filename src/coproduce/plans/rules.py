"""The plan's statutory dates, asked of the clock engine (never computed here)."""

from __future__ import annotations

import datetime as dt

from coproduce.rules.clock import get_regime


def comment_window_closes(served: dt.date, *, regime: str = "england") -> dt.date:
    """The last day the family can comment on a draft served on ``served`` (reg 13(1): 15 days)."""
    return get_regime(regime).needs_assessment(served, draft_served=served)["draft_comments_close"].due
