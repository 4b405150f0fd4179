"""The ladder of co-production (Think Local Act Personal), lowest rung to highest. Pure Python: no Django.

Parent representatives and council officers each place a decision on the ladder. When their two
answers are two or more rungs apart, the two sides saw the decision differently, and that is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP_TO_HIGHLIGHT = 2


@dataclass(frozen=True)
class Rung:
    number: int
    name: str
    meaning: str
    stance: str


RUNGS: tuple[Rung, ...] = (
    Rung(1, "Coercion", "Families have no say: things are done to them.", "Doing to"),
    Rung(2, "Educating", "Families are helped to understand a decision already made.", "Doing to"),
    Rung(3, "Informing", "Families are told what is going to happen.", "Doing for"),
    Rung(4, "Consultation", "Families are asked what they think, but may not change anything.", "Doing for"),
    Rung(
        5,
        "Engagement",
        "Families have more chances to give their views and influence, but others still decide.",
        "Doing for",
    ),
    Rung(
        6,
        "Co-design",
        "Families help design it from their experience, but others make the final decision.",
        "Doing with",
    ),
    Rung(7, "Co-production", "Families and the council work as equals from start to finish.", "Doing with"),
)
LOWEST, HIGHEST = RUNGS[0].number, RUNGS[-1].number
CHOICES = [(rung.number, rung.name) for rung in RUNGS]


def rung(number: int) -> Rung:
    if not LOWEST <= number <= HIGHEST:
        raise ValueError(f"The ladder has rungs {LOWEST} to {HIGHEST}")
    return RUNGS[number - 1]


def gap(families: int | None, council: int | None) -> int | None:
    """How many rungs apart the two ratings are, or None until both sides have rated."""
    if families is None or council is None:
        return None
    return abs(rung(families).number - rung(council).number)


def is_wide(families: int | None, council: int | None) -> bool:
    found = gap(families, council)
    return found is not None and found >= GAP_TO_HIGHLIGHT


def gap_words(families: int | None, council: int | None) -> str:
    found = gap(families, council)
    if found is None:
        return "Not both rated yet"
    if found == 0:
        return "Both sides agree"
    rungs = "rung" if found == 1 else "rungs"
    return f"{found} {rungs} apart"
