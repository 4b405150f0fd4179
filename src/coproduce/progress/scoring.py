"""T-scores for one rater's ratings, with the sum written out so anyone can check it.

The score itself is the rules layer's (``coproduce.rules.goal_attainment.t_score``); this only formats
the working: 50 + 10 × Σ(w×x) ÷ √((1 − ρ) × Σw² + ρ × (Σw)²).
"""

from __future__ import annotations

import dataclasses
import math

from coproduce.rules.goal_attainment import DEFAULT_RHO, t_score

MINUS = "\u2212"


def signed(level: int) -> str:
    if level > 0:
        return f"+{level}"
    if level < 0:
        return f"{MINUS}{-level}"
    return "0"


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace("-", MINUS)


@dataclasses.dataclass(frozen=True)
class Score:
    """One rater's T-score over the targets they rated at one check-in."""

    scores: tuple[int, ...]
    weights: tuple[int, ...]

    @property
    def value(self) -> float:
        return t_score(self.scores, self.weights)

    @property
    def text(self) -> str:
        return f"{self.value:.2f}"

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def worked(self) -> str:
        """ "50 + 10 × (1×(+1) + 1×(+1) + 1×0) ÷ √(0.7 × 3 + 0.3 × 3²) = 50 + 10 × 2 ÷ 2.05 = 59.13" """
        rho = DEFAULT_RHO
        terms = " + ".join(
            f"{w}×{'(' + signed(x) + ')' if x else '0'}" for w, x in zip(self.weights, self.scores, strict=True)
        )
        weighted = sum(w * x for w, x in zip(self.weights, self.scores, strict=True))
        squares = sum(w * w for w in self.weights)
        total = sum(self.weights)
        spread = math.sqrt((1 - rho) * squares + rho * total**2)
        return (
            f"50 + 10 × ({terms}) ÷ √({_number(1 - rho)} × {squares} + {_number(rho)} × {total}²) "
            f"= 50 + 10 × {_number(weighted)} ÷ {spread:.2f} = {self.text}"
        )


def score(pairs: list[tuple[int, int]]) -> Score | None:
    """The score of (level, weight) pairs, or None when nothing was rated."""
    if not pairs:
        return None
    return Score(tuple(level for level, _ in pairs), tuple(weight for _, weight in pairs))
