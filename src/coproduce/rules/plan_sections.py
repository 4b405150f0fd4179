"""The sections of an EHC plan, defined once (SEND Regulations 2014, regulation 12).

Everything that lists, orders, names or explains plan sections reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Holds(StrEnum):
    VIEWS = "views"
    NEEDS = "needs"
    OUTCOMES = "outcomes"
    PROVISION = "provision"
    PLACEMENT = "placement"
    BUDGET = "budget"
    ADVICE = "advice"


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    holds: Holds
    explanation: str

    @property
    def label(self) -> str:
        return f"Section {self.code}: {self.title}"


SECTIONS: tuple[Section, ...] = (
    Section(
        "A",
        "Views, interests and aspirations",
        Holds.VIEWS,
        "What the child or young person and their parents say: what matters to them, what they enjoy, "
        "how they like to be supported, and what they hope for the future.",
    ),
    Section(
        "B",
        "Special educational needs",
        Holds.NEEDS,
        "Every special educational need, described so that anyone reading it understands it.",
    ),
    Section(
        "C",
        "Health needs related to their special educational needs",
        Holds.NEEDS,
        "Health needs that relate to their special educational needs or disability.",
    ),
    Section(
        "D",
        "Social care needs related to their special educational needs",
        Holds.NEEDS,
        "Social care needs that relate to their special educational needs or disability.",
    ),
    Section(
        "E",
        "Outcomes",
        Holds.OUTCOMES,
        "What the plan should achieve, linked to the needs it meets and the hopes it serves.",
    ),
    Section(
        "F",
        "Special educational provision",
        Holds.PROVISION,
        "The support that must be given for each special educational need: specific and quantified.",
    ),
    Section(
        "G",
        "Health provision",
        Holds.PROVISION,
        "Health support reasonably required by their learning difficulties or disabilities.",
    ),
    Section(
        "H1",
        "Social care provision under the Chronically Sick and Disabled Persons Act 1970",
        Holds.PROVISION,
        "Social care provision that must be made under section 2 of the 1970 Act.",
    ),
    Section(
        "H2",
        "Other social care provision",
        Holds.PROVISION,
        "Any other social care provision reasonably required by their needs.",
    ),
    Section(
        "I",
        "Placement",
        Holds.PLACEMENT,
        "The name and type of the school or other institution. Left empty while the plan is a draft.",
    ),
    Section("J", "Personal budget", Holds.BUDGET, "Any personal budget, what it pays for and how it is managed."),
    Section(
        "K",
        "Advice and information",
        Holds.ADVICE,
        "The advice and information gathered during the assessment: from whom and when.",
    ),
)

BY_CODE: dict[str, Section] = {section.code: section for section in SECTIONS}
NEED_SECTIONS = tuple(s.code for s in SECTIONS if s.holds == Holds.NEEDS)
PROVISION_SECTIONS = tuple(s.code for s in SECTIONS if s.holds == Holds.PROVISION)

#: The four broad areas of need in section B (SEND Code of Practice 2015, 6.28 to 6.35).
BROAD_AREAS: tuple[tuple[str, str], ...] = (
    ("communication_interaction", "Communication and interaction"),
    ("cognition_learning", "Cognition and learning"),
    ("semh", "Social, emotional and mental health"),
    ("sensory_physical", "Sensory and/or physical"),
)

#: The four preparing-for-adulthood areas, for outcomes from Year 9.
PFA_AREAS: tuple[tuple[str, str], ...] = (
    ("employment", "Employment or higher education"),
    ("independent_living", "Independent living"),
    ("community", "Friends, relationships and community"),
    ("health", "Good health"),
)

#: From this national curriculum year the plan must include preparing-for-adulthood outcomes.
PFA_FROM_YEAR = 9


def section(code: str) -> Section:
    try:
        return BY_CODE[code.upper()]
    except KeyError:
        raise LookupError(f"There is no section {code!r} in an EHC plan") from None
