"""Plan-level checks: the golden thread (need -> outcome -> provision), outcomes, section A and section I.

A plan comes in as plain dataclasses (``PlanInput`` and the items in it), so the web app, the command line
and the tests all build the same thing. ``check_plan(plan)`` returns ``PlanFinding``s:

* each need in B, C or D has an outcome in E and provision linked to it (and a special educational need in
  B has provision in F, the section the council has an absolute duty to secure);
* each provision item is linked to a need, and each statement passes the provision checks
  (``provision.check_provision``), its findings carrying the item's id and section;
* each outcome says by when, says what the child will be able to do (not a service they will receive, not
  "improve" with nothing to measure), and is linked to one of their aspirations;
* from Year 9, at least one preparing-for-adulthood outcome;
* section A holds the child's or young person's own words;
* a draft names no school or type of school (s38(5) Children and Families Act 2014) and a final plan
  names a placement in section I;
* every link points at an item that exists.

Offsets (``start``, ``end``) are into the text of the item the finding is about (``item_id``); findings
about the plan as a whole have ``item_id`` None and an empty span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from coproduce.rules.checker import lexicon as lx
from coproduce.rules.checker import provision as pv
from coproduce.rules.checker.lexicon import compile_ci

Stage = Literal["draft", "final"]
NeedSection = Literal["B", "C", "D"]
ProvisionSection = Literal["F", "G", "H1", "H2"]

STAGES: tuple[str, ...] = ("draft", "final")
NEED_SECTIONS: tuple[str, ...] = ("B", "C", "D")
PROVISION_SECTIONS: tuple[str, ...] = ("F", "G", "H1", "H2")
SECTION_ORDER: tuple[str, ...] = ("A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K")
# The four preparing-for-adulthood areas (SEND Code of Practice, chapter 8). Any non-empty pfa_area
# counts as a preparing-for-adulthood outcome; these are the names the web app offers.
PFA_AREAS: tuple[str, ...] = ("employment", "independent-living", "community", "health")
PFA_FROM_YEAR = 9


@dataclass(frozen=True, slots=True)
class AspirationInput:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class NeedInput:
    id: str
    section: NeedSection
    text: str

    def __post_init__(self) -> None:
        if self.section not in NEED_SECTIONS:
            raise ValueError(f"need {self.id!r}: section must be one of B, C, D, not {self.section!r}")


@dataclass(frozen=True, slots=True)
class OutcomeInput:
    id: str
    text: str
    need_ids: Sequence[str] = ()
    aspiration_ids: Sequence[str] = ()
    provision_ids: Sequence[str] = ()
    pfa_area: str | None = None


@dataclass(frozen=True, slots=True)
class ProvisionInput:
    id: str
    section: ProvisionSection
    text: str
    need_ids: Sequence[str] = ()

    def __post_init__(self) -> None:
        if self.section not in PROVISION_SECTIONS:
            raise ValueError(f"provision {self.id!r}: section must be one of F, G, H1, H2, not {self.section!r}")


@dataclass(frozen=True, slots=True)
class PlanInput:
    stage: Stage = "draft"
    year_group: int | None = None  # national curriculum year (Reception 0); None when not known
    section_a_child_words: Sequence[str] = ()  # passages in the child's or young person's own words
    aspirations: Sequence[AspirationInput] = ()
    needs: Sequence[NeedInput] = ()
    outcomes: Sequence[OutcomeInput] = ()
    provision: Sequence[ProvisionInput] = ()
    placement_text: str = ""  # section I

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"stage must be 'draft' or 'final', not {self.stage!r}")


@dataclass(frozen=True, slots=True)
class PlanFinding:
    code: str
    item_id: str | None
    section: str
    start: int
    end: int
    message: str
    suggestion: str

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "item_id": self.item_id,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
        }


# --- codes ---------------------------------------------------------------------------------------

NEED_WITHOUT_OUTCOME = "need-without-outcome"
NEED_WITHOUT_PROVISION = "need-without-provision"
NEED_WITHOUT_SECTION_F = "need-without-section-f"
PROVISION_WITHOUT_NEED = "provision-without-need"
BROKEN_LINK = "broken-link"
OUTCOME_NO_TIMEFRAME = "outcome-no-timeframe"
OUTCOME_NOT_SPECIFIC = "outcome-not-specific"
OUTCOME_SERVICE = "outcome-service-perspective"
OUTCOME_WITHOUT_ASPIRATION = "outcome-without-aspiration"
NO_ASPIRATIONS = "no-aspirations"
NO_PFA_OUTCOME = "no-pfa-outcome"
NO_CHILD_WORDS = "no-child-words"
SCHOOL_IN_DRAFT = "school-named-in-draft"
NO_PLACEMENT = "no-placement"

PLAN_CODES: dict[str, str] = {
    NEED_WITHOUT_OUTCOME: "a need in B, C or D with no outcome in E linked to it",
    NEED_WITHOUT_PROVISION: "a need in B, C or D with no provision linked to it",
    NEED_WITHOUT_SECTION_F: "a special educational need (B) met only by health or social care provision",
    PROVISION_WITHOUT_NEED: "a provision item linked to no need",
    BROKEN_LINK: "a link to an item that is not in the plan",
    OUTCOME_NO_TIMEFRAME: "an outcome that does not say by when",
    OUTCOME_NOT_SPECIFIC: "an outcome with nothing to measure ('improve', 'develop', 'as appropriate')",
    OUTCOME_SERVICE: "an outcome written as a service received ('will receive', 'will be supported')",
    OUTCOME_WITHOUT_ASPIRATION: "an outcome linked to none of the child's aspirations",
    NO_ASPIRATIONS: "the plan records no aspirations",
    NO_PFA_OUTCOME: "Year 9 or later with no preparing-for-adulthood outcome",
    NO_CHILD_WORDS: "section A has nothing in the child's or young person's own words",
    SCHOOL_IN_DRAFT: "a draft plan names a school or type of school",
    NO_PLACEMENT: "a final plan with nothing in section I",
}

# --- patterns ------------------------------------------------------------------------------------

_N = lx.NUMBER
TIMEFRAME_RE = compile_ci(
    rf"""
    \b(?:by|before|at|until|for|towards)\s+the\s+(?:end|close|start|beginning)\s+of\b
        (?:\s*(?:the|this|next|his|her|their|academic|school|key|stage|year|ks|y|term|autumn|spring|summer|
        half[\s-]term|reception|nursery|primary|secondary|college|course|\d{{1,4}}|{lx.MONTH})\b)*
    | \bend\s+of\s+(?:year|y|key\s+stage|ks)\s*\d+\b
    | \bby\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{lx.MONTH}\b
    | \b(?:by|in|before|during|until)\s+(?:{lx.MONTH}\s+)?(?:19|20)\d{{2}}\b
    | \b{lx.MONTH}\s+(?:19|20)\d{{2}}\b
    | \bwithin\s+(?:the\s+next\s+)?(?:{_N}|a|one)\s+(?:days?|weeks?|months?|years?|terms?|half[\s-]terms?)\b
    | \b(?:in|over)\s+(?:the\s+next\s+)?{_N}\s+(?:weeks|months|years|terms|half[\s-]terms)\b
    | \bby\s+the\s+(?:time|age)\b | \bby\s+age\s+\d+\b
    | \b(?:by|at|before)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:next\s+)?(?:annual\s+)?review\b
    | \bby\s+(?:his|her|their)\s+(?:\w+\s+)?birthday\b
    | \b(?:by|before|in)\s+(?:year|y)\s*\d+\b | \bby\s+(?:key\s+stage|ks)\s*\d\b
    | \bbefore\s+(?:he|she|they|[a-z]+)\s+(?:leaves?|moves?|transfers?|starts?|finishes?|goes)\b
    | \bbefore\s+(?:leaving|moving|starting|transfer(?:ring)?|finishing|going)\b
    | \bby\s+(?:the\s+)?(?:autumn|spring|summer)(?:\s+(?:half[\s-])?term)?\b
    | \bby\s+(?:christmas|easter|half[\s-]term|the\s+summer\s+holidays?)\b
    | \b(?:this|next|each)\s+(?:academic|school)\s+year\b
    """
)
_PROGRESS_RE = compile_ci(
    r"""
    \b(?:improve[ds]?|improving|improvement|develop(?:s|ed|ing)?|progress(?:es|ed|ing)?|increase[ds]?|
       increasing|enhance[ds]?|better|continue\s+to|work(?:ing)?\s+towards|
       more\s+(?:confident|independent|able|aware|resilient|settled|engaged)|
       (?:reach|achieve|fulfil)\s+(?:his|her|their)\s+(?:full\s+)?potential|be\s+happ(?:y|ier)|
       feel\s+(?:better|happier|more|less)|make\s+(?:good\s+|expected\s+|more\s+|better\s+)?progress|
       cope\s+better|be\s+(?:more|less)\b)
    """
)
_MEASURE_RE = compile_ci(
    rf"""
    {lx.NUMBER} | %|\bper\s*cent\b
    | \bindependently\b | \bunaided\b | \bon\s+(?:his|her|their)\s+own\b
    | \bwithout\s+(?:an?\s+)?(?:adult\s+)?(?:help|support|prompts?|prompting|reminders?|assistance)\b
    | \bwith\s+(?:no|only\s+\w+)\s+(?:adult\s+)?(?:prompts?|reminders?|help)\b
    | \bout\s+of\b | \bevery\s+(?:day|time|lesson|morning|week)\b
    """
)
_SERVICE_RE = compile_ci(
    r"""
    \b(?:will|to|should)\s+(?:continue\s+to\s+)?(?:receive|be\s+given|be\s+provided\s+with|have\s+access\s+to|
       be\s+supported|be\s+offered|get\s+support|be\s+helped)\b
    """
)
# A school's name: capitalised words ending in a school word ("Oakfield Primary School", "Riverside
# Academy", "St Mary's Catholic Primary School"). Possessives ("Sam's School") and "Forest School" (an
# outdoor-learning approach) are not names.
_SCHOOL_WORD = (
    r"(?:School|Academy|College|Primary|Infants?|Juniors?|Nursery|High|Grammar|Unit|Sixth\s+Form|PRU|"
    r"Federation)"
)
SCHOOL_NAME_RE = re.compile(
    rf"\b(?!Forest\s+School\b)(?:(?:St\.?|Saint)\s+[A-Z][\w-]*(?:'s)?\s+(?:[A-Z][\w&.-]*\s+){{0,4}}|(?:[A-Z][\w&.-]*\s+){{1,5}})"
    rf"{_SCHOOL_WORD}\b"
)

# Outcome problems come from these provision codes too ("as appropriate", "some", "regular"...).
_OUTCOME_WORDING_CODES = frozenset(
    {pv.DISCRETIONARY, pv.NOT_A_COMMITMENT, pv.VAGUE_FREQUENCY, pv.ADVICE, pv.OPEN_ENDED, pv.VAGUE_WORDING}
)

_OUTCOME_EXAMPLE = "e.g. 'By the end of Year 6, Sam will read a short book aloud to an adult without help.'"


def _masked(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` blanked out (same length, so offsets still hold)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _quote(phrase: str) -> str:
    phrase = " ".join(phrase.split()).rstrip(".,;: ")
    return phrase[:1].upper() + phrase[1:]


def _whole(text: str) -> tuple[int, int]:
    stripped = text.strip()
    start = text.find(stripped) if stripped else 0
    return start, start + len(stripped)


def check_outcome(text: str) -> list[tuple[str, int, int, str, str]]:
    """(code, start, end, message, suggestion) for one outcome's text."""
    problems: list[tuple[str, int, int, str, str]] = []
    folded = lx.fold(text)
    whole_start, whole_end = _whole(text)
    if not TIMEFRAME_RE.search(folded):
        problems.append(
            (
                OUTCOME_NO_TIMEFRAME,
                whole_start,
                whole_end,
                "This outcome does not say by when it should be achieved, so progress towards it cannot be reviewed.",
                "Add when, e.g. 'by the end of Year 6', 'by July 2027' or 'within 12 months'.",
            )
        )
    service = _SERVICE_RE.search(folded)
    if service:
        problems.append(
            (
                OUTCOME_SERVICE,
                service.start(),
                service.end(),
                f"'{_quote(text[service.start() : service.end()])}' describes help your child will get, not "
                "the difference it will make for them.",
                "Write the outcome as what your child will be able to do, and put the help itself in "
                f"section F, {_OUTCOME_EXAMPLE}",
            )
        )
    wording = [f for f in pv.check_provision(text) if f.code in _OUTCOME_WORDING_CODES and f.makes_vague]
    not_specific_message = (
        "'{phrase}' does not say what your child will be able to do, so nobody can tell when the outcome "
        "has been achieved."
    )
    not_specific_fix = f"Say what your child will be able to do, how well, and by when, {_OUTCOME_EXAMPLE}"
    if wording:
        first = wording[0]
        problems.append(
            (
                OUTCOME_NOT_SPECIFIC,
                first.start,
                first.end,
                not_specific_message.format(phrase=_quote(text[first.start : first.end])),
                not_specific_fix,
            )
        )
    else:
        without_timeframe = _masked(folded, TIMEFRAME_RE)
        progress = _PROGRESS_RE.search(without_timeframe)
        if progress and not _MEASURE_RE.search(without_timeframe):
            problems.append(
                (
                    OUTCOME_NOT_SPECIFIC,
                    progress.start(),
                    progress.end(),
                    f"'{_quote(text[progress.start() : progress.end()])}' has nothing to measure it by, so "
                    "nobody can tell when the outcome has been achieved.",
                    not_specific_fix,
                )
            )
    return problems


def _schools(text: str) -> list[re.Match[str]]:
    return list(SCHOOL_NAME_RE.finditer(lx.fold(text)))


def _sorted(plan: PlanInput, findings: Iterable[PlanFinding]) -> list[PlanFinding]:
    """By section, then by the item's place in the plan (plan-wide findings last), then by position."""
    section_rank = {section: i for i, section in enumerate(SECTION_ORDER)}
    item_rank: dict[str, int] = {}
    for item in (*plan.needs, *plan.outcomes, *plan.provision):
        item_rank.setdefault(item.id, len(item_rank))
    last = len(item_rank)
    return sorted(
        findings,
        key=lambda f: (
            section_rank.get(f.section, len(section_rank)),
            last if f.item_id is None else item_rank.get(f.item_id, last),
            f.start,
        ),
    )


def check_plan(plan: PlanInput) -> list[PlanFinding]:
    """Every finding for a plan: by section (A, B, C, D, E, F, G, H1, H2, I), in item order within each."""
    findings: list[PlanFinding] = []
    add = findings.append
    need_ids = {n.id for n in plan.needs}
    provision_ids = {p.id for p in plan.provision}
    aspiration_ids = {a.id for a in plan.aspirations}
    sections_of_need: dict[str, set[str]] = {n.id: set() for n in plan.needs}
    for item in plan.provision:
        for need_id in item.need_ids:
            if need_id in sections_of_need:
                sections_of_need[need_id].add(item.section)
    needs_with_outcome = {need_id for o in plan.outcomes for need_id in o.need_ids}

    # --- section A --------------------------------------------------------------------------------
    if not any(words.strip() for words in plan.section_a_child_words):
        add(
            PlanFinding(
                NO_CHILD_WORDS,
                None,
                "A",
                0,
                0,
                "Section A has nothing in the child's or young person's own words, so their voice is "
                "missing from the plan.",
                "Add what they said or communicated, in their own words and labelled as theirs, e.g. "
                "'Ava said: \"I like drawing and I want to work with animals.\"'",
            )
        )
    if not plan.aspirations and plan.outcomes:
        add(
            PlanFinding(
                NO_ASPIRATIONS,
                None,
                "A",
                0,
                0,
                "The plan records no aspirations, so the outcomes cannot be checked against what matters "
                "to the child or young person.",
                "Record their aspirations in section A (what they hope for now and as an adult) and link "
                "each outcome to one.",
            )
        )

    # --- needs ------------------------------------------------------------------------------------
    for need in plan.needs:
        start, end = _whole(need.text)
        if need.id not in needs_with_outcome:
            add(
                PlanFinding(
                    NEED_WITHOUT_OUTCOME,
                    need.id,
                    need.section,
                    start,
                    end,
                    "No outcome in section E is linked to this need, so the plan does not say what "
                    "difference the help should make.",
                    "Add an outcome for this need: what your child will be able to do, and by when, "
                    f"{_OUTCOME_EXAMPLE}",
                )
            )
        sections = sections_of_need[need.id]
        if not sections:
            add(
                PlanFinding(
                    NEED_WITHOUT_PROVISION,
                    need.id,
                    need.section,
                    start,
                    end,
                    "No provision is linked to this need, so nothing in the plan says how it will be met.",
                    "Link the provision that meets this need, or add it: who will do what, how often and for how long.",
                )
            )
        elif need.section == "B" and "F" not in sections:
            add(
                PlanFinding(
                    NEED_WITHOUT_SECTION_F,
                    need.id,
                    need.section,
                    start,
                    end,
                    "This special educational need is met only by health or social care provision. The "
                    "council's duty to secure provision applies to section F.",
                    "Add the education provision for this need in section F (health or social care "
                    "provision that educates or trains belongs in F too).",
                )
            )

    # --- outcomes ---------------------------------------------------------------------------------
    for outcome in plan.outcomes:
        for code, start, end, message, suggestion in check_outcome(outcome.text):
            add(PlanFinding(code, outcome.id, "E", start, end, message, suggestion))
        if plan.aspirations and not any(a in aspiration_ids for a in outcome.aspiration_ids):
            start, end = _whole(outcome.text)
            add(
                PlanFinding(
                    OUTCOME_WITHOUT_ASPIRATION,
                    outcome.id,
                    "E",
                    start,
                    end,
                    "This outcome is not linked to any of the child's or young person's aspirations, so "
                    "it may not reflect what matters to them.",
                    "Link it to the aspiration in section A that it works towards.",
                )
            )
        for kind, ids, known in (
            ("need", outcome.need_ids, need_ids),
            ("aspiration", outcome.aspiration_ids, aspiration_ids),
            ("provision", outcome.provision_ids, provision_ids),
        ):
            findings.extend(_broken_links(outcome.id, "E", outcome.text, kind, ids, known))
    if (
        plan.year_group is not None
        and plan.year_group >= PFA_FROM_YEAR
        and not any((o.pfa_area or "").strip() for o in plan.outcomes)
    ):
        add(
            PlanFinding(
                NO_PFA_OUTCOME,
                None,
                "E",
                0,
                0,
                "From Year 9 the plan must help prepare for adult life, but no outcome is about work or "
                "further study, independent living, friends and community, or health.",
                "Add at least one preparing-for-adulthood outcome, e.g. 'By July 2028, Ryan will travel "
                "to college by bus on his own.'",
            )
        )

    # --- provision --------------------------------------------------------------------------------
    for item in plan.provision:
        for f in pv.check_provision(item.text):
            add(PlanFinding(f.code, item.id, item.section, f.start, f.end, f.message, f.suggestion))
        if not any(n in need_ids for n in item.need_ids):
            start, end = _whole(item.text)
            add(
                PlanFinding(
                    PROVISION_WITHOUT_NEED,
                    item.id,
                    item.section,
                    start,
                    end,
                    "This provision is not linked to any need in sections B, C or D, so it is not clear "
                    "what it is for.",
                    "Link it to the need it meets.",
                )
            )
        findings.extend(_broken_links(item.id, item.section, item.text, "need", item.need_ids, need_ids))

    # --- section I and school names in a draft ----------------------------------------------------
    placement = plan.placement_text
    if plan.stage == "draft":
        for need in plan.needs:
            findings.extend(_school_names(need.id, need.section, need.text))
        for outcome in plan.outcomes:
            findings.extend(_school_names(outcome.id, "E", outcome.text))
        for item in plan.provision:
            findings.extend(_school_names(item.id, item.section, item.text))
        if placement.strip():
            names = _schools(placement)
            start, end = (names[0].start(), names[0].end()) if names else _whole(placement)
            add(
                PlanFinding(
                    SCHOOL_IN_DRAFT,
                    None,
                    "I",
                    start,
                    end,
                    "Section I must be blank in a draft plan: the draft may not name a school or type of "
                    "school, so that the family can first say which school they want.",
                    "Leave section I blank in the draft; name the school and its type in the final plan.",
                )
            )
    elif not placement.strip():
        add(
            PlanFinding(
                NO_PLACEMENT,
                None,
                "I",
                0,
                0,
                "The final plan does not name a school or other placement in section I.",
                "Name the school or other institution and its type, or the type only if none is named.",
            )
        )
    return _sorted(plan, findings)


def _broken_links(
    item_id: str, section: str, text: str, kind: str, ids: Iterable[str], known: set[str]
) -> list[PlanFinding]:
    start, end = _whole(text)
    return [
        PlanFinding(
            BROKEN_LINK,
            item_id,
            section,
            start,
            end,
            f"This is linked to {kind} '{missing}', which is not in the plan.",
            f"Remove the link, or add the missing {kind}.",
        )
        for missing in ids
        if missing not in known
    ]


def _school_names(item_id: str, section: str, text: str) -> list[PlanFinding]:
    return [
        PlanFinding(
            SCHOOL_IN_DRAFT,
            item_id,
            section,
            match.start(),
            match.end(),
            f"'{_quote(text[match.start() : match.end()])}' looks like the name of a school. A draft plan "
            "may not name a school or type of school, so that the family can first say which school they want.",
            "Describe the provision without naming a setting; the school is named only in the final plan.",
        )
        for match in _schools(text)
    ]
