"""Goal attainment scaling (Kiresuk and Sherman, 1968).

Each target has five levels written in advance: -2 much less than expected, -1 somewhat less, 0 the
expected outcome, +1 somewhat more, +2 much more than expected. The summary T-score is

    T = 50 + 10 * sum(w * x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2)

with rho = 0.3 by convention. 50 means the goals were met as expected.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

LEVELS = (-2, -1, 0, 1, 2)
LEVEL_WORDS = {
    -2: "Much less than expected",
    -1: "Somewhat less than expected",
    0: "As expected",
    1: "Somewhat more than expected",
    2: "Much more than expected",
}
WEIGHTS = (1, 2, 3, 4)
DEFAULT_RHO = 0.3


def t_score(scores: Sequence[int], weights: Sequence[int] | None = None, rho: float = DEFAULT_RHO) -> float:
    """The Kiresuk-Sherman T-score of ``scores`` (each -2 to +2), weighted by importance (1 to 4)."""
    if not scores:
        raise ValueError("A T-score needs at least one rated target")
    if any(score not in LEVELS for score in scores):
        raise ValueError("Each score is -2, -1, 0, +1 or +2")
    weights = list(weights) if weights is not None else [1] * len(scores)
    if len(weights) != len(scores):
        raise ValueError("Give one weight for each score")
    if any(weight <= 0 for weight in weights):
        raise ValueError("Weights must be positive")
    if not 0 <= rho < 1:
        raise ValueError("rho must be at least 0 and less than 1")
    weighted = sum(w * x for w, x in zip(weights, scores, strict=True))
    spread = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return 50 + 10 * weighted / spread


def t_score_display(scores: Sequence[int], weights: Sequence[int] | None = None, rho: float = DEFAULT_RHO) -> str:
    return f"{t_score(scores, weights, rho):.2f}"
