"""Is a provision statement specified and quantified?

Section F must be "detailed and specific and should normally be quantified ... in terms of the type, hours
and frequency of support and level of expertise" (SEND Code of Practice 9.69), so specific that it leaves
"no room for doubt as to what has been decided is necessary" (L v Clarke and Somerset CC [1998]).

``check_provision(text)`` returns findings of two kinds:

* wording problems, each pointing at the exact words: discretion ("as appropriate"), availability instead
  of delivery ("access to"), vague frequency ("regular"), advice instead of provision ("would benefit
  from"), decisions left for later ("subject to review"), unspecified content ("tailored", "some"),
  hedged verbs ("should", "may"), a ceiling instead of an amount ("up to 10 hours"), approximate amounts;
* missing parts, pointing at the whole statement (or at the words that stand in for them): how often,
  how much, who delivers it, and the size of a group.

Every finding says whether it makes the statement vague (``makes_vague``); a few are advice only (a range
such as "2-3 sessions", where the family can rely on the lower figure). ``is_vague(text)`` is true when
any finding makes the statement vague. The rules are patterns over numbers, units, roles and phrases
(``lexicon.py``), not lists of sample sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coproduce.rules.checker import lexicon as lx
from coproduce.rules.checker.lexicon import compile_ci

# --- codes ---------------------------------------------------------------------------------------

DISCRETIONARY = "discretionary-wording"
NOT_A_COMMITMENT = "not-a-commitment"
VAGUE_FREQUENCY = "vague-frequency"
ADVICE = "advice-not-provision"
OPEN_ENDED = "open-ended"
VAGUE_WORDING = "vague-wording"
HEDGED_VERB = "hedged-verb"
CEILING = "ceiling-not-amount"
APPROXIMATE = "approximate-amount"
RANGE = "range-of-amounts"
NO_FREQUENCY = "no-frequency"
NO_AMOUNT = "no-amount"
NO_DELIVERER = "no-deliverer"
GROUP_WITHOUT_SIZE = "group-without-size"
EMPTY = "empty-statement"

# code -> one line on what it means (documentation, the command line's --codes, the web's help text)
CODES: dict[str, str] = {
    DISCRETIONARY: "leaves whether it happens to someone's judgement ('as appropriate', 'when needed')",
    NOT_A_COMMITMENT: "says something is available rather than delivered ('access to', 'opportunities')",
    VAGUE_FREQUENCY: "a frequency word with no number ('regular', 'ongoing', 'occasional')",
    ADVICE: "advice rather than provision ('would benefit from', 'it is recommended')",
    OPEN_ENDED: "the decision is left for later ('subject to review', 'to be agreed')",
    VAGUE_WORDING: "does not say what will be given ('tailored', 'some', 'a range of strategies')",
    HEDGED_VERB: "a verb that does not commit ('should', 'may', 'could', 'can be offered', 'aim to')",
    CEILING: "a maximum instead of an amount ('up to 10 hours', 'no more than 2 sessions')",
    APPROXIMATE: "an approximate amount ('around 20 minutes')",
    RANGE: "a range of amounts ('2-3 sessions'): advice only, the lower figure is what counts",
    NO_FREQUENCY: "does not say how often",
    NO_AMOUNT: "does not say how long or how much",
    NO_DELIVERER: "does not say who delivers it (a role, with training where it matters)",
    GROUP_WITHOUT_SIZE: "a group or small class with no size or ratio",
    EMPTY: "the statement is empty",
}

# Codes that never make a statement vague (advice only).
ADVICE_ONLY_CODES: frozenset[str] = frozenset({RANGE})

EXAMPLE = "e.g. 'A speech and language therapist will deliver 30 minutes of 1:1 therapy once a week.'"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a provision statement; ``text[start:end]`` are the words it is about."""

    code: str
    start: int
    end: int
    message: str
    suggestion: str
    makes_vague: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "suggestion": self.suggestion,
            "makes_vague": self.makes_vague,
        }


# --- wording rules -------------------------------------------------------------------------------

Accept = Callable[[str, re.Match[str]], bool]


@dataclass(frozen=True, slots=True)
class _Rule:
    code: str
    pattern: re.Pattern[str]
    message: str  # "{phrase}" is replaced by the matched words
    suggestion: str
    makes_vague: bool = True
    accept: Accept | None = None


_DISCRETION_MSG = "'{phrase}' leaves it to someone's discretion whether this happens, so the plan cannot be enforced."
_DISCRETION_FIX = (
    "Say what will happen every time, not only when someone decides it is needed: who delivers it, what "
    f"they do, how often and for how long, {EXAMPLE}"
)
_COMMITMENT_MSG = (
    "'{phrase}' only says something is available, not that it will be given, so there is nothing the "
    "family can hold the council to."
)
_COMMITMENT_FIX = (
    "Say what will be delivered, by whom, how often and for how long, e.g. 'A teaching assistant will run "
    "a 20-minute social skills group for 4 pupils twice a week.'"
)
_FREQUENCY_MSG = "'{phrase}' could mean anything from once a day to once a year, so nobody can check it is happening."
_FREQUENCY_FIX = (
    "Give the exact frequency and length, e.g. 'three 20-minute sessions a week' or 'for 1 hour once every half term'."
)
_ADVICE_MSG = "'{phrase}' is advice, not provision: it does not say that anything will actually be done."
_ADVICE_FIX = (
    "Turn the advice into a commitment: who will do what, how often and for how long, e.g. 'A teaching "
    "assistant will run a 10-minute sensory circuit with Mia every morning.'"
)
_OPEN_MSG = "'{phrase}' leaves the provision to be decided later, so the plan does not secure it now."
_OPEN_FIX = (
    "Decide the provision in the plan itself, and say who reviews it and when, e.g. '... reviewed by the "
    "SENCo every half term'."
)
_WORDING_MSG = "'{phrase}' does not say what your child will actually get, so it could mean almost anything."
_WORDING_FIX = (
    "Name the programme, strategy or approach and quantify it, e.g. 'Precision Teaching for spelling, "
    "10 minutes daily, delivered 1:1 by a trained teaching assistant.'"
)
_HEDGE_MSG = "'{phrase}' is not a promise: the plan must say what will happen, or nobody is bound to do it."
_HEDGE_FIX = (
    "Use 'will' and say who does it, e.g. 'The class teacher will give Sam a visual timetable at the "
    "start of each day.'"
)
_CEILING_MSG = "'{phrase}' sets a maximum, not an amount: giving none at all would still keep to the plan."
_CEILING_FIX = "State the amount your child will get, e.g. '10 hours a week' (or 'at least 10 hours a week')."
_APPROX_MSG = "'{phrase}' is only approximate, so nobody can tell whether the right amount was given."
_APPROX_FIX = "Give an exact amount, e.g. '20 minutes' rather than 'around 20 minutes'."
_RANGE_MSG = "'{phrase}' is a range: the family can only rely on the lower figure."
_RANGE_FIX = "Give one figure, or make the lower figure the commitment, e.g. 'at least 2 sessions a week'."

_NUM = lx.NUMBER
_NUMS = lx.NUMBER_RANGE
_AMOUNT_UNIT = rf"(?:{lx.TIME_UNIT}|{lx.SESSION_UNIT}|times)"
_PRONOUN_OR_NAME = r"(?:(?i:he|she|they|you|I)|[A-Z][a-z]+)"
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|[\"'(]\s*)$")
_PURPOSE_BEFORE = re.compile(
    r"(?i:\b(?:so(?:\s+that)?|in\s+order\s+that|such\s+that|where|whereby)\s+(?:[\w'-]+\s+){1,3})$"
)


def _hedge_accept(text: str, match: re.Match[str]) -> bool:
    word = match.group(0)
    before = text[: match.start()]
    head = word.split()[0]
    if head == "May":  # the month, unless it starts a sentence and is not followed by a year or day
        at_start = _SENTENCE_START.search(before) is not None
        if not at_start or re.match(r"\s*\d", text[match.end() :]):
            return False
    if head.lower() in {"may", "might", "could", "can"} and _PURPOSE_BEFORE.search(before):
        return False  # "so that she can join in", "a room where he may work quietly"
    # "would like", "would prefer": someone's wishes, not a hedged commitment
    return not (head.lower() == "would" and re.match(r"\s+(?:like|love|prefer|enjoy)\b", text[match.end() :]))


_RULES: tuple[_Rule, ...] = (
    # --- discretion --------------------------------------------------------------------------
    _Rule(
        DISCRETIONARY,
        compile_ci(
            r"""
            \bas\s+and\s+when(?:\s+(?:it\s+is\s+)?(?:required|needed|necessary|appropriate|possible))?\b
            | \bas\s+(?:appropriate|required|needed|necessary|possible|applicable|available|
                directed|instructed|agreed|advised|deemed\s+\w+|felt\s+\w+|judged\s+\w+|determined\s+by)\b
            | \b(?:where|when|if|whenever|wherever|should\s+it\s+be)\s+(?:it\s+is\s+|it's\s+|they\s+are\s+|
                this\s+is\s+|that\s+is\s+|felt\s+|deemed\s+|judged\s+|considered\s+|thought\s+)?
                (?:appropriate|required|needed|necessary|possible|practicable|practical|feasible|available|
                relevant|helpful|useful|beneficial|suitable|identified|indicated|warranted|requested)\b
            | \bat\s+(?:the\s+)?(?:[\w']+\s+){0,3}discretion\b | \bdiscretion(?:ary)?\b
            | \b(?:time|staffing|resources?|funding|budget|capacity|availability)\s+(?:permitting|allowing)\b
            | \b(?:when|if|where|as)\s+(?:time|staffing|resources?|funding|budget|capacity)\s+(?:allows?|permits?)\b
            | \b(?:depending|dependent|contingent|dependant)\s+(?:on|upon)\b
            | \bneeds?[\s-]led\b | \bad[\s-]hoc\b
            | \bon\s+an?\s+(?:as[\s-]needed|as[\s-]required|needs?|when[\s-]needed)\s+basis\b
            | \bas\s+(?:soon|often|much|far|long|many)\s+as\s+(?:possible|practicable|necessary|needed|required)\b
            | \bflexibl[ey]\b | \bflexibility\b | \b(?:on|upon)\s+request\b | \bif\s+requested\b
            | \b(?:reduc|decreas|increas|taper|withdraw|fad|phas)\w*\s+(?:out\s+)?
                (?:as|when|once|over\s+time|gradually)\b
            | \bgradually\s+(?:reduc|decreas|increas|taper|withdraw|fad|phas)\w*
            """
        ),
        _DISCRETION_MSG,
        _DISCRETION_FIX,
    ),
    _Rule(
        DISCRETIONARY,
        re.compile(
            rf"\b(?i:when|whenever|if|as|where|should)\s+{_PRONOUN_OR_NAME}\s+"
            r"(?i:needs?|requires?|wants?|wishes|chooses|is\s+(?:ready|able|willing)|asks?(?:\s+for\s+it)?|requests?(?:\s+it)?|feels?\s+(?:it\s+is\s+)?"
            r"(?:necessary|needed|appropriate))\b(?!\s+(?i:to)\b)"
        ),
        _DISCRETION_MSG,
        _DISCRETION_FIX,
    ),
    # --- availability, not delivery ---------------------------------------------------------
    _Rule(
        NOT_A_COMMITMENT,
        compile_ci(
            r"""
            \baccess(?:es|ed|ing)?\s+to\b | \b(?:have|has|having|given|get|gets|with|allowed|free)\s+access\b
            | \bopportunit(?:y|ies)\b | \bchances?\s+(?:to|of|for)\b | \b(?:the\s+)?option\s+(?:to|of)\b
            | \bencouraged\s+to\b | \binvited\s+to\b
            """
        ),
        _COMMITMENT_MSG,
        _COMMITMENT_FIX,
    ),
    # --- frequency words without a number ---------------------------------------------------
    _Rule(
        VAGUE_FREQUENCY,
        compile_ci(
            r"""
            \bregularly\b
            | \bregular\b(?!\s+(?:class(?:room)?s?|classes|(?:class\s+)?teachers?|lessons?|school|timetable|
                curriculum|mainstream)\b)
            | \b(?:in)?frequent(?:ly)?\b | \boccasional(?:ly)?\b | \bperiodic(?:al)?(?:ly)?\b
            | \bintermittent(?:ly)?\b | \bfrom\s+time\s+to\s+time\b | \bnow\s+and\s+(?:then|again)\b
            | \bevery\s+so\s+often\b | \bon\s+occasions?\b | \bat\s+times\b(?!\s+of\b) | \bsometimes\b | \boften\b
            | \broutinely\b | \b(?:on\s+an\s+)?on-?going(?:\s+basis)?\b | \bseveral\s+times\b
            | \bcontinu(?:al|ous|ing)\s+(?:support|input|access|involvement|monitoring)\b
            """
        ),
        _FREQUENCY_MSG,
        _FREQUENCY_FIX,
    ),
    # --- advice, not provision --------------------------------------------------------------
    _Rule(
        ADVICE,
        compile_ci(
            r"""
            \b(?:would|will|could|may|might|should|can|to)\s+(?:also\s+|really\s+|greatly\s+)?benefit\b
            | \bbenefits?\s+(?:greatly\s+)?from\b | \bbeneficial\b
            | \b(?:is|are|be|was|were)\s+(?:strongly\s+|also\s+)?(?:recommended|suggested|advised|advisable)\b
            | \brecommend(?:s|ed)?\s+that\b | \bsuggest(?:s|ed)?\s+that\b | \badvise[sd]?\s+that\b
            | \bit\s+would\s+be\s+(?:helpful|beneficial|useful|good|advisable|ideal|sensible)\b
            | \bwould\s+(?:help|be\s+helpful|be\s+useful|be\s+beneficial)\b
            | \b(?:would|will|may|might|could)\s+find\s+it\s+(?:helpful|useful|beneficial|easier)\b
            | \bconsider(?:ed|ing|ation)?\b | \bideally\b | \bpreferably\b
            """
        ),
        _ADVICE_MSG,
        _ADVICE_FIX,
    ),
    # --- the decision left for later -----------------------------------------------------------
    _Rule(
        OPEN_ENDED,
        compile_ci(
            r"""
            \bsubject\s+to\b
            | \bto\s+be\s+(?:agreed|decided|determined|confirmed|discussed|clarified|finali[sz]ed|established|
                negotiated|specified|identified|worked\s+out|set)\b
            | \b(?:TBC|TBA|TBD)\b
            | \b(?:kept\s+)?under\s+review\b
            | \b(?:as\s+per|following|in\s+line\s+with|in\s+accordance\s+with)\s+(?:the\s+|any\s+)?(?:[\w']+\s+){0,3}
                recommendations?\b
            | \buntil\s+(?:it\s+is\s+)?no\s+longer\s+(?:needed|required|necessary)\b
            | \b(?:in\s+line\s+with|as\s+per|in\s+accordance\s+with|as\s+(?:set\s+out|outlined|described|detailed|
                recommended|advised)\s+in)\s+(?:the\s+|any\s+|his\s+|her\s+|their\s+)?(?:[\w'-]+\s+){0,3}
                (?:reports?|advice|recommendations?|assessments?)\b
            | \bin\s+the\s+first\s+instance\b
            """
        ),
        _OPEN_MSG,
        _OPEN_FIX,
    ),
    # --- the content is not said ---------------------------------------------------------------
    _Rule(
        VAGUE_WORDING,
        compile_ci(
            rf"""
            \b(?:individually\s+)?tailored\b | \bbespoke\b | \bsome\b
            | \b(?:a\s+)?(?:wide\s+)?(?:range|variety|selection|mix|number|host|series|menu)\s+of\b(?!\s*{_NUM})
            | \bvarious\b | \bnumerous\b | \bseveral\b | \ba\s+few\b | \ba\s+couple\s+of\b
            | \ba\s+(?:little|bit)\s+(?:of\s+)?(?:extra\s+|additional\s+)?(?:support|help|time)\b
            | \b(?:plenty|lots)\s+of\b | \ba\s+lot\s+of\b
            | (?<!age-)(?<!age\s)\bappropriate(?:ly)?\b | \bsuitabl[ey]\b | \bsufficient(?:ly)?\b
            | \badequate(?:ly)?\b | \breasonable\b
            | \bstrateg(?:y|ies)\s+(?:to|for|that|which)\b
                (?![^.;:]*\b(?:such\s+as|including|namely|e\.g\.|for\s+example)\b)
            | \b(?:use|range|variety|toolkit|bank|menu)\s+of\s+strategies\b
            | \betc\b\.? | \band\s+so\s+on\b | \band\s+the\s+like\b
            | \b(?:according\s+to|in\s+line\s+with|in\s+response\s+to|based\s+on|led\s+by|driven\s+by|
                to\s+meet)\s+(?:(?:his|her|their|the\s+child's|the\s+young\s+person's|[\w]+'s)\s+)?
                (?:current\s+|individual\s+|changing\s+|presenting\s+|assessed\s+|identified\s+)?
                (?:needs?|presentation|progress|mood|wishes)\b
            """
        ),
        _WORDING_MSG,
        _WORDING_FIX,
    ),
    # --- verbs that do not commit --------------------------------------------------------------
    _Rule(
        HEDGED_VERB,
        re.compile(
            r"\b(?:"
            r"May"  # capitalised: the month unless it starts a sentence (see _hedge_accept)
            r"|(?i:should|may|could|might|would|ought\s+to)"
            r"|(?i:(?:will\s+)?(?:try|tries|aim|aims|endeavour|endeavours|endeavor|seek|seeks|strive|strives|"
            r"attempt|attempts|hope|hopes|intend|intends)\s+to)"
            r"|(?i:can\s+be\s+\w+|can\s+(?:offer|provide|give|arrange|access|request|have|use|ask|attend|"
            r"receive|get))"
            r")\b"
        ),
        _HEDGE_MSG,
        _HEDGE_FIX,
        accept=_hedge_accept,
    ),
    # --- a ceiling, an approximation, a range --------------------------------------------------
    _Rule(
        CEILING,
        compile_ci(
            rf"""
            \b(?:up\s+to|(?:a\s+)?maximum(?:\s+of)?|max\.?|no\s+more\s+than|not\s+more\s+than|
                not\s+(?:to\s+)?exceed(?:ing)?|at\s+(?:the\s+)?most|capped\s+at|as\s+much\s+as|no\s+longer\s+than|
                limited\s+to)\s+
            (?:{_NUMS}\s*-?\s*{_AMOUNT_UNIT} | (?:an?|one|half\s+an?)\s+hour\b)
            """
        ),
        _CEILING_MSG,
        _CEILING_FIX,
    ),
    _Rule(
        APPROXIMATE,
        compile_ci(
            rf"""
            \b(?:about|around|approximately|approx\.?|roughly|circa|nearly|almost|in\s+the\s+region\s+of|
                some|more\s+or\s+less|typically|usually|normally|generally|on\s+average)\s+
            (?:{_NUMS}\s*-?\s*{_AMOUNT_UNIT} | (?:an?|half\s+an?)\s+hour\b | weekly|daily|monthly|termly|once|twice)
            | {_NUM}\s*-?\s*{_AMOUNT_UNIT}\s+or\s+so\b
            """
        ),
        _APPROX_MSG,
        _APPROX_FIX,
    ),
    _Rule(
        RANGE,
        compile_ci(
            rf"""
            \b(?:between\s+)?{_NUM}\s*(?:-|to|or|and)\s*{_NUM}\s*-?\s*(?:{lx.TIME_UNIT}|{lx.SESSION_UNIT}|times)
            | \bonce\s+or\s+twice\b
            """
        ),
        _RANGE_MSG,
        _RANGE_FIX,
        makes_vague=False,
    ),
    # --- a stand-in for the deliverer ("or another adult") ----------------------------------
    _Rule(
        NO_DELIVERER,
        compile_ci(
            r"""
            \b(?:or|and/or)\s+(?:another|other|any|a\s+different)\s+(?:suitable\s+|available\s+|appropriate\s+)?
                (?:adults?|members?\s+of\s+staff|staff(?:\s+members?)?|persons?|professionals?|colleagues?)\b
            """
        ),
        "'{phrase}' means anyone could deliver this instead, whatever their training, so nobody in particular "
        "is answerable for it.",
        "Name the role and any training, and who covers when they are away, e.g. 'a teaching assistant trained "
        "in Precision Teaching (the class teacher when she is absent)'.",
    ),
)

# Nouns that stand in for an amount ("input", "advice"): point at them when no amount is given.
_SOFT_NOUN_RE = compile_ci(r"\b(?:input|involvement|advice|oversight|guidance|liaison|monitoring)\b")


def _quote(phrase: str) -> str:
    phrase = " ".join(phrase.split()).rstrip(".,;: ")
    return phrase[:1].upper() + phrase[1:]


def _wording_findings(text: str, folded: str) -> list[Finding]:
    # (start, end, rule) for every accepted match; matches of one code that overlap are joined
    spans: list[tuple[int, int, int]] = []
    for index, rule in enumerate(_RULES):
        for match in rule.pattern.finditer(folded):
            if match.end() > match.start() and (rule.accept is None or rule.accept(folded, match)):
                spans.append((match.start(), match.end(), index))
    spans.sort()
    joined: list[list[int]] = []
    for start, end, index in spans:
        same = next(
            (j for j in joined if _RULES[j[2]].code == _RULES[index].code and start <= j[1] and end >= j[0]),
            None,
        )
        if same is None:
            joined.append([start, end, index])
        else:
            same[0], same[1] = min(same[0], start), max(same[1], end)
    # where different codes overlap, the longer phrase wins ("would benefit from" over "would")
    joined.sort(key=lambda j: (-(j[1] - j[0]), j[2], j[0]))
    kept: list[list[int]] = []
    for candidate in joined:
        if all(candidate[1] <= k[0] or candidate[0] >= k[1] for k in kept):
            kept.append(candidate)
    findings = []
    for start, end, index in kept:
        # trim trailing punctuation swept in by an optional "\.?"
        while end > start and text[end - 1] in ".,;: ":
            end -= 1
        rule = _RULES[index]
        phrase = _quote(text[start:end])
        findings.append(
            Finding(
                rule.code,
                start,
                end,
                rule.message.format(phrase=phrase),
                rule.suggestion,
                rule.makes_vague,
            )
        )
    return findings


def _whole(text: str) -> tuple[int, int]:
    stripped = text.strip()
    start = text.find(stripped) if stripped else 0
    return start, start + len(stripped)


def _missing_findings(text: str, folded: str, wording: list[Finding]) -> list[Finding]:
    findings: list[Finding] = []
    whole_start, whole_end = _whole(text)
    whole_timetable = lx.WHOLE_TIMETABLE_RE.search(folded) is not None
    equipment = lx.EQUIPMENT_RE.search(folded) is not None
    codes = {f.code for f in wording}

    has_frequency = whole_timetable or equipment or lx.FREQUENCY_RE.search(folded) is not None
    if not has_frequency and VAGUE_FREQUENCY not in codes:
        findings.append(
            Finding(
                NO_FREQUENCY,
                whole_start,
                whole_end,
                "It does not say how often this happens, so nobody can check it is being delivered.",
                "Add how often, e.g. 'three times a week', 'every morning' or 'once each half term'.",
            )
        )

    has_amount = (
        whole_timetable
        or equipment
        or lx.DURATION_RE.search(folded) is not None
        or lx.LESSON_COUNT_RE.search(folded) is not None
        or lx.TIMETABLE_PERIOD_RE.search(folded) is not None
    )
    if not has_amount:
        soft = _SOFT_NOUN_RE.search(folded)
        start, end = (soft.start(), soft.end()) if soft else (whole_start, whole_end)
        message = (
            f"'{_quote(text[start:end])}' does not say how much will be given: it could be five minutes or none."
            if soft
            else "It does not say how long each session lasts or how many hours, so it could be five minutes or none."
        )
        findings.append(
            Finding(
                NO_AMOUNT,
                start,
                end,
                message,
                "Add the length of each session or the total time, e.g. '30-minute sessions' or '15 hours a week'.",
            )
        )

    has_role = lx.ROLE_RE.search(folded) is not None or lx.ROLE_ABBREVIATION_RE.search(folded) is not None
    if not has_role:
        generic = lx.GENERIC_DELIVERER_RE.search(folded)
        start, end = (generic.start(), generic.end()) if generic else (whole_start, whole_end)
        message = (
            f"'{_quote(text[start:end])}' does not say which person will do this or what training they "
            "need, so nobody is answerable for it."
            if generic
            else "It does not say who will deliver this or what training they need, so nobody is answerable for it."
        )
        findings.append(
            Finding(
                NO_DELIVERER,
                start,
                end,
                message,
                "Name the role and any training, e.g. 'a teaching assistant trained in Precision Teaching' "
                "or 'a qualified speech and language therapist'.",
            )
        )

    group = lx.GROUP_RE.search(folded)
    if group and lx.GROUP_SIZE_RE.search(folded) is None:
        findings.append(
            Finding(
                GROUP_WITHOUT_SIZE,
                group.start(),
                group.end(),
                f"'{_quote(text[group.start() : group.end()])}' could mean 3 children or 15, and the size "
                "changes how much help your child gets.",
                "Give the group size or ratio, e.g. 'in a group of no more than 4 pupils' or 'at a ratio of 1:3'.",
            )
        )
    return findings


def check_provision(text: str) -> list[Finding]:
    """Findings for one provision statement, in the order their words appear."""
    if not text.strip():
        return [
            Finding(
                EMPTY,
                0,
                len(text),
                "The statement is empty, so it does not promise anything.",
                f"Say who delivers it, what they do, how often and for how long, {EXAMPLE}",
            )
        ]
    folded = lx.fold(text)
    wording = _wording_findings(text, folded)
    findings = wording + _missing_findings(text, folded, wording)
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def is_vague(text: str) -> bool:
    """True when the statement is not specified and quantified (any finding that makes it vague)."""
    return any(f.makes_vague for f in check_provision(text))
