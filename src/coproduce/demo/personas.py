"""The demo council: Northmoor, its organisations, four families at different stages, and the
practitioners around them. Everyone here is made up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEMO_PASSWORD = "coproduce demo password"

COUNCIL = "Northmoor Council"

ORGANISATIONS = [
    # (key, name, kind)
    ("council", COUNCIL, "local_authority"),
    ("riverside", "Riverside Primary School", "setting"),
    ("hillcrest", "Hillcrest Academy", "setting"),
    ("college", "Northmoor College", "setting"),
    ("health", "Northmoor Community Health NHS Trust", "health"),
    ("social_care", "Northmoor Children's Social Care", "social_care"),
    ("iass", "Northmoor SENDIASS", "iass"),
    ("forum", "Northmoor Parent Carer Forum", "forum"),
]


@dataclass(frozen=True)
class Persona:
    slug: str
    full_name: str
    email: str
    description: str
    organisation: str | None = None
    job_title: str = ""
    caseload_access: bool = False
    audit_access: bool = False


PERSONAS = [
    Persona(
        "amira",
        "Amira Hassan",
        "amira.hassan@example.org",
        "Parent. Asking the council to assess her son Yusuf, aged 7.",
    ),
    Persona(
        "sarah",
        "Sarah Clarke",
        "sarah.clarke@example.org",
        "Parent. Her son Leo's draft plan is out for comment.",
    ),
    Persona(
        "david",
        "David Okafor",
        "david.okafor@example.org",
        "Parent. His daughter Grace's annual review is coming up.",
    ),
    Persona(
        "jordan",
        "Jordan Price",
        "jordan.price@example.org",
        "Young person, 17. Makes the decisions about their own plan.",
    ),
    Persona(
        "karen",
        "Karen Price",
        "karen.price@example.org",
        "Parent. Supports her child Jordan, who now decides about their plan.",
    ),
    Persona(
        "olivia",
        "Olivia Bennett",
        "olivia.bennett@northmoor.example.gov.uk",
        "SEN case officer at Northmoor Council, with the council's caseload.",
        "council",
        "SEN case officer",
        caseload_access=True,
    ),
    Persona(
        "ian",
        "Ian Foster",
        "ian.foster@northmoor.example.gov.uk",
        "SEN team manager at Northmoor Council. Can search the audit trail.",
        "council",
        "SEN team manager",
        caseload_access=True,
        audit_access=True,
    ),
    Persona(
        "priya",
        "Priya Shah",
        "priya.shah@riverside.example.sch.uk",
        "SENCo at Riverside Primary School.",
        "riverside",
        "SENCo",
    ),
    Persona(
        "mark",
        "Mark Evans",
        "mark.evans@hillcrest.example.sch.uk",
        "SENCo at Hillcrest Academy.",
        "hillcrest",
        "SENCo",
    ),
    Persona(
        "tom",
        "Dr Tom Willis",
        "tom.willis@northmoor.example.gov.uk",
        "Educational psychologist for Northmoor Council.",
        "council",
        "Educational psychologist",
    ),
    Persona(
        "hannah",
        "Hannah Lee",
        "hannah.lee@northmoor-health.example.nhs.uk",
        "Speech and language therapist, Northmoor Community Health.",
        "health",
        "Speech and language therapist",
    ),
    Persona(
        "marcus",
        "Marcus Brown",
        "marcus.brown@northmoor.example.gov.uk",
        "Social worker, Northmoor Children's Social Care.",
        "social_care",
        "Social worker",
    ),
    Persona(
        "fatima",
        "Fatima Khan",
        "fatima.khan@northmoor-iass.example.org",
        "Adviser at Northmoor SENDIASS, supporting the Clarke family.",
        "iass",
        "IASS adviser",
    ),
    Persona(
        "rachel",
        "Rachel Green",
        "rachel.green@example.org",
        "Parent representative for the Northmoor Parent Carer Forum.",
        "forum",
        "Parent representative",
    ),
    Persona(
        "joanne",
        "Joanne Reid",
        "joanne.reid@example.org",
        "Coordinator of the Northmoor Parent Carer Forum: sets up workstreams, approves expenses.",
        "forum",
        "Forum coordinator",
    ),
]


@dataclass(frozen=True)
class DemoChild:
    key: str
    given_name: str
    family_name: str
    date_of_birth: dt.date
    setting: str
    stage: str
    upn_rest: str
    preferred_name: str = ""
    nhs_number: str = ""
    team: list[tuple[str, str]] = field(default_factory=list)  # (persona slug, team role)


CHILDREN = [
    DemoChild(
        "yusuf",
        "Yusuf",
        "Hassan",
        dt.date(2019, 5, 14),
        "riverside",
        "request",
        "938201910001",
        nhs_number="9434765919",
        team=[("amira", "parent_carer"), ("olivia", "case_officer"), ("priya", "senco")],
    ),
    DemoChild(
        "leo",
        "Leonardo",
        "Clarke",
        dt.date(2016, 2, 3),
        "riverside",
        "draft",
        "938201510002",
        preferred_name="Leo",
        team=[
            ("sarah", "parent_carer"),
            ("olivia", "case_officer"),
            ("priya", "senco"),
            ("tom", "educational_psychologist"),
            ("hannah", "health"),
            ("fatima", "iass_adviser"),
        ],
    ),
    DemoChild(
        "grace",
        "Grace",
        "Okafor",
        dt.date(2011, 7, 20),
        "hillcrest",
        "review",
        "938201010003",
        team=[
            ("david", "parent_carer"),
            ("olivia", "case_officer"),
            ("mark", "senco"),
            ("tom", "educational_psychologist"),
            ("marcus", "social_worker"),
        ],
    ),
    DemoChild(
        "jordan",
        "Jordan",
        "Price",
        dt.date(2009, 11, 2),
        "college",
        "plan",
        "938200910004",
        team=[("jordan", "young_person"), ("karen", "parent_carer"), ("olivia", "case_officer")],
    ),
]
