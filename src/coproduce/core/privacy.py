"""What Coproduce processes, why, and on what lawful basis (UK GDPR articles 6 and 9), in one place.

The privacy page shows this register; a test checks that every field it names exists, so it cannot
drift from the data model.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Purpose:
    name: str
    lawful_basis: str
    special_category_condition: str
    data: tuple[str, ...]
    kept_for: str


PUBLIC_TASK = (
    "Public task (UK GDPR article 6(1)(e)): the council's duties under Part 3 of the Children and Families Act 2014"
)
SUBSTANTIAL_PUBLIC_INTEREST = (
    "Substantial public interest (article 9(2)(g)), statutory and government purposes (Data Protection Act "
    "2018, schedule 1, paragraph 6)"
)
CONSENT = "Consent (article 6(1)(a)), which can be withdrawn at any time"

PURPOSES: tuple[Purpose, ...] = (
    Purpose(
        "Assessing needs and writing, reviewing and keeping education, health and care plans",
        PUBLIC_TASK,
        SUBSTANTIAL_PUBLIC_INTEREST,
        (
            "the child or young person's name, date of birth, school and identifiers",
            "their views and hopes",
            "their special educational, health and social care needs",
            "the support to be provided",
            "advice and reports",
            "comments and decisions on the plan",
        ),
        "Until the young person's 31st birthday, unless the council has set another period or a legal hold",
    ),
    Purpose(
        "Working out and reminding people of statutory deadlines, and the council's statutory returns",
        PUBLIC_TASK,
        SUBSTANTIAL_PUBLIC_INTEREST,
        ("dates of each step of the assessment, plan and reviews",),
        "As for the plan",
    ),
    Purpose(
        "Keeping the record secure: who looked at or changed a record, sign-in records",
        "Legal obligation (article 6(1)(c)) and public task",
        "Not applicable: no special category data is kept",
        ("who, when, what, from which address",),
        "Kept when a record is disposed of: the events then hold only the record's id, which identifies nobody",
    ),
    Purpose(
        "Answering requests for a copy of the information held, and keeping and disposing of records",
        "Legal obligation (article 6(1)(c)): UK GDPR articles 15 and 5(1)(e)",
        SUBSTANTIAL_PUBLIC_INTEREST,
        (
            "who asked for a copy and when",
            "the copy produced, the council's decisions on what to release, and the copy released",
            "legal holds and their reasons",
            "a note of each record disposed of: its id, the council, when, who authorised it and the rule used",
        ),
        "Copies and holds as for the record; the note of a disposal permanently (it holds no personal data)",
    ),
    Purpose(
        "Surveys of families' and young people's experience, and being contacted about them",
        CONSENT,
        "Explicit consent (article 9(2)(a)) where answers reveal health information",
        ("survey answers, which can be anonymous", "contact details, only if given"),
        "Until consent is withdrawn or the survey's results are published, whichever is sooner",
    ),
)

#: Fields that hold special category data (health, or information revealing it): protected accordingly,
#: never in logs or emails, and shown only through the access policy.
SPECIAL_CATEGORY_FIELDS: frozenset[str] = frozenset(
    {
        "teams.Child.nhs_number",
        "plans.View.text",
        "plans.View.pictures",
        "plans.Aspiration.text",
        "plans.Need.text",
        "plans.Need.broad_area",
        "plans.Outcome.text",
        "plans.Provision.what",
        "plans.Advice.summary",
        "plans.Advice.document",
        "plans.Comment.text",
        "plans.Comment.suggested_text",
        "plans.PlanVersion.content",
        "records.AccessRequest.content",
        "records.AccessRequest.released_content",
    }
)
