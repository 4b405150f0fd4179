"""Words and patterns the plan checker recognises, compiled once at import.

Everything here is a general pattern (numbers in digits or words, units of time, roles, group sizes),
never a sample sentence. The rules that use them are in ``provision.py`` and ``plan.py``.

Text is matched after ``fold()``, which swaps typographic characters for plain ones one-for-one, so a
match's offsets are offsets into the original text.
"""

from __future__ import annotations

import re

# One character in, one character out: curly quotes, dashes and non-breaking spaces become plain.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def fold(text: str) -> str:
    """Plain-character copy of ``text`` with the same length (so offsets carry over)."""
    return text.translate(_FOLD)


def compile_ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing group of phrases, longest first, spaces matching any run of whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


# --- numbers -----------------------------------------------------------------------------------

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_UNITS[:9]) + r"))?"
    r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r"|a\s+hundred|hundred|a\s+dozen|dozen)"
)
DIGITS = r"(?:(?<![\d:.,/])\d++(?:[.,]\d++)?(?:\s*½)?|½)"
# A count or amount: "3", "2.5", "thirty", "forty-five", "twenty five".
NUMBER = rf"(?>{DIGITS}|\b{NUMBER_WORD}\b)"
# A number possibly given as a range: "3-4", "2 to 3", "two or three".
NUMBER_RANGE = rf"(?>{NUMBER}(?:\s*(?:-|to|or|and)\s*{NUMBER})?)"

# --- time ----------------------------------------------------------------------------------------

MINUTE_UNIT = r"(?:(?:minutes?|mins?)\b\.?)"
HOUR_UNIT = r"(?:(?:hours?|hrs?|h)\b\.?)"
TIME_UNIT = rf"(?:{MINUTE_UNIT}|{HOUR_UNIT})"
SESSION_UNIT = (
    r"(?:sessions?|visits?|lessons?|periods?|appointments?|meetings?|slots?|blocks?|classes|"
    r"check-?ins?|contacts?|consultations?|observations?|assessments?|days?|mornings?|afternoons?)"
)
PEOPLE_UNIT = (
    r"(?:pupils?|children|child|students?|learners?|young\s+people|peers?|people|others?|"
    r"classmates?|members?|participants?|friends?)"
)

WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
MONTH_CAPITALISED = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
PERIOD = (
    r"(?:(?:school\s+)?day|week|fortnight|month|(?:half[\s-])?term|school\s+year|year|morning|"
    rf"afternoon|evening|lunch\s*time|break(?:\s*time)?|play\s*time|session|lesson|weekday|week\s*day|"
    rf"{WEEKDAY})"
)
TERM_NAME = r"(?:autumn|spring|summer|first|second|third|final|last|next|current|following)"

# Durations: "30 minutes", "45-minute", "1.5 hrs", "half an hour", "an hour", "12:15 to 13:00".
DURATION_RE = compile_ci(
    rf"""
    (?:{NUMBER_RANGE}\s*-?\s*{TIME_UNIT})
    | \b(?:an?|one|half\s+an?|a\s+half|quarter\s+of\s+an?|an?\s+full|one\s+full)[\s-]+hours?\b
    | \bhalf[\s-]hour\b
    | \b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?\s*(?:-|to|until|till)\s*\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?
    | \b\d{{1,2}}\s*(?:am|pm)\s*(?:-|to|until|till)\s*\d{{1,2}}\s*(?:am|pm)\b
    """
)

# The whole of something the timetable already defines: counts as both how much and how often.
WHOLE_TIMETABLE_RE = compile_ci(
    r"""
    \bfull[\s-]time\b
    | \ball\s+day\b
    | \b(?:the\s+)?(?:whole|entire|full)\s+(?:of\s+the\s+)?(?:school\s+)?day\b
    | \bthroughout\s+the\s+school\s+day\b
    | \bat\s+all\s+times\b
    | \b(?:in|during|for|across|covering)\s+(?:all|every)\s+(?:of\s+(?:his|her|their|the)\s+)?(?:[a-z]+\s+){0,2}
        (?:lessons?|work|tasks?|activities|assessments?|exams?|tests?|subjects?)\b
    | \b(?:all|every|each)\s+(?:[a-z]+\s+){0,2}lessons?\b
    """
)

# Parts of the day with a length fixed by the timetable: count as an amount (not as a frequency).
TIMETABLE_PERIOD_RE = compile_ci(
    r"\b(?:lunch\s*times?|break\s*times?|play\s*times?|registration|assembly|"
    r"(?:morning|afternoon|lunch)\s+breaks?|(?:at|during|every|each)\s+break)\b"
)

# A count of lessons or periods ("two English lessons a week") is an amount: a lesson has a set length.
LESSON_COUNT_RE = compile_ci(rf"{NUMBER}\s+(?:[a-z]+\s+)?(?:lessons|periods|lesson|period)\b")

FREQUENCY_RE = compile_ci(
    rf"""
    \b(?:daily|weekly|fortnightly|monthly|termly|half[\s-]termly|yearly|annually|annual|nightly|
       bi-?weekly|twice[\s-](?:daily|weekly)|weekdays?|week\s*days)\b
    | \b(?:per|each|every|every\s+other|every\s+second|on\s+alternate)\s+
        (?:{NUMBER}\s+)?(?:school\s+)?{PERIOD}s?\b
    | \b(?:once|twice|thrice|times|{TIME_UNIT}|{SESSION_UNIT}|days?)\s+(?:a|an)\s+
        (?:school\s+)?(?:day|week|fortnight|month|(?:half[\s-])?term|year)\b
    | /\s*(?:day|week|wk|term|month|fortnight)\b | \bp\.?w\.?\b | \bper\s+wk\b
    | \b(?:once|twice|thrice)\b | \b{NUMBER}\s*(?:x|times)\b | \bx\s*{NUMBER}\b
    | \b(?:on|every|each)\s+{WEEKDAY}s?\b | \b{WEEKDAY}s\b | \b{WEEKDAY}\s+(?:to|-)\s+{WEEKDAY}\b
    | \b(?:one[\s-]off|a\s+single)\b
    | {NUMBER}\s+(?:(?:{NUMBER_RANGE}\s*-?\s*{TIME_UNIT}|[a-z]+)\s+){{0,2}}{SESSION_UNIT}\b
    | \b(?:for|over|across|during)\s+(?:a\s+(?:block|course|period)\s+of\s+)?{NUMBER}\s+
        (?:weeks|months|terms|sessions|half[\s-]terms)\b
    | \b(?:in|during|by|before|within|throughout|over)\s+(?:the\s+)?(?:{TERM_NAME}\s+)?(?:half[\s-])?term\b
        (?![\s-]*time)
    | \b(?:by|before|in|during)\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}\b
    | \bwithin\s+{NUMBER}\s+(?:days|weeks|months)\b
    | (?:^|[.;:]\s*)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}\s+\d{{4}}\b
    | \bthroughout\s+the\s+day\b
    | \b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)?\s+(?:and|then)\s+(?:again\s+)?(?:at\s+)?\d{{1,2}}[:.]\d{{2}}
    """
)

# --- who delivers it -----------------------------------------------------------------------------

_ROLE_PHRASES = [
    # teaching and support staff
    "teaching assistant",
    "learning support assistant",
    "classroom assistant",
    "support assistant",
    "teaching and learning assistant",
    "special needs assistant",
    "individual needs assistant",
    "therapy assistant",
    "higher level teaching assistant",
    "emotional literacy support assistant",
    "personal assistant",
    "teacher",
    "head teacher",
    "headteacher",
    "deputy head",
    "assistant head",
    "head of year",
    "senco",
    "sendco",
    "senco",
    "tutor",
    "lecturer",
    "instructor",
    "trainer",
    "mentor",
    "learning mentor",
    "coach",
    "job coach",
    "careers adviser",
    "careers advisor",
    "inclusion lead",
    "inclusion manager",
    "inclusion coordinator",
    "inclusion co-ordinator",
    "pastoral lead",
    "pastoral manager",
    "pastoral worker",
    "mental health lead",
    "mental health practitioner",
    "mental health worker",
    "wellbeing lead",
    "wellbeing practitioner",
    "safeguarding lead",
    "behaviour lead",
    "early years practitioner",
    "practitioner",
    "clinician",
    "technician",
    "supervisor",
    "coordinator",
    "co-ordinator",
    "officer",
    "key worker",
    "keyworker",
    "key person",
    "key adult",
    "named adult",
    "named person",
    "named member of staff",
    # therapists and health
    "therapist",
    "physiotherapist",
    "physio",
    "psychologist",
    "psychiatrist",
    "counsellor",
    "counselor",
    "nurse",
    "health visitor",
    "paediatrician",
    "pediatrician",
    "doctor",
    "dietitian",
    "dietician",
    "audiologist",
    "orthoptist",
    "optometrist",
    "consultant",
    # social care and others
    "social worker",
    "support worker",
    "family support worker",
    "youth worker",
    "care worker",
    "outreach worker",
    "link worker",
    "carer",
    "portage worker",
    "portage home visitor",
    "interpreter",
    "signer",
    "communicator guide",
    "intervener",
    "scribe",
    "adviser",
    "advisor",
    "leader",
    "note taker",
    "note-taker",
]
_ROLE_WORDS = alternation(_ROLE_PHRASES)
# Case-sensitive abbreviations (lower-case "ta", "ot" or "salt" are other words; "Elsa" is a name).
ROLE_ABBREVIATION_RE = re.compile(
    r"\b(?:TAs?|LSAs?|HLTAs?|SALTs?|SaLTs?|S&LTs?|SLTs?|OTs?|EPs?|QTVIs?|QToDs?|QTMSIs?|ToDs?|ELSAs?|SNAs?|"
    r"DSLs?|SENCOs?|SENDCOs?|GPs?|"
    r"PAs?|CAMHS\s+(?:practitioner|worker|clinician|therapist|nurse)s?)\b"
)
_GENERIC_PERSON = r"(?:adults?|members?\s+of\s+staff|staff(?:\s+members?)?|persons?|people|assistants?)"
ROLE_RE = compile_ci(
    rf"""
    \b{_ROLE_WORDS}s?\b
    | \b(?!an?\b|the\b|one\b)[a-z0-9:-]+\s+(?:workers?|assistants?)\b
    | \b(?:the|an?|our|their|his|her|school's|setting's)\s+(?:[\w'&-]+\s+){{1,2}}leads?\b
    | \bspecialists?\b(?=\s*(?:[.,;:)]|$|in\b|for\b|from\b|who\b|with\b|will\b|to\b|at\b|and\b|or\b))
    | \b(?:trained|qualified|named|designated|key|specialist|experienced|accredited|registered)\s+
        (?:[a-z]+\s+)?{_GENERIC_PERSON}\b
    | \b{_GENERIC_PERSON}\s+(?:who\s+(?:is|are|has|have)\s+(?:been\s+)?)?
        (?:trained|qualified|accredited|registered|with\s+(?:[a-z]+\s+){{0,3}}(?:training|qualifications?)|holding)\b
    """
)
# Not a role: says a place, a service or "someone", not who is answerable. Used to point at the words.
GENERIC_DELIVERER_RE = compile_ci(
    r"""
    \b(?:school|setting|nursery|college|class|support)\s+staff\b
    | \b(?:the|all|by|from|with)\s+staff\b
    | \bstaff\b
    | \b(?:the|an?|his|her|their)\s+(?:school|setting|nursery|college|provider|academy|placement)\b
        (?!'s|\s+(?:day|days|gate|year|term|terms|hall|grounds|pool|bus|trip|site|office|library|playground|
        nurse|counsellor|counselor|premises|holidays?|week|timetable))
    | \b(?:an?|one)\s+(?:familiar\s+|trusted\s+)?adult\b | \badult\s+support\b | \badults\b
    | \bsomeone\b | \bprofessionals?\b
    | \b(?:the\s+)?(?:(?!(?:of|by|from|with|to|in|for|and|at|on)\b)[a-z-]+\s+){0,3}(?:service|team)\b
    | \ban?\s+assistant\b
    """
)

# --- groups --------------------------------------------------------------------------------------

GROUP_RE = compile_ci(
    r"""
    \b(?<!year\s)(?<!age\s)(?<!tutor\s)(?<!form\s)(?<!peer\s)(?<!stage\s)(?<!focus\s)(?<!parent\s)
      (?<!working\s)(?<!steering\s)(?<!support\s)(?<!user\s)(?<!reference\s)
      (?:small[\s-]+)?groups?\b
    | \bsmall[\s-]+class(?:es)?\b
    """
)
GROUP_SIZE_RE = compile_ci(
    rf"""
    \b(?:groups?|class(?:es)?)\s+of\s+(?:no\s+more\s+than\s+|not\s+more\s+than\s+|up\s+to\s+|at\s+most\s+|
        (?:a\s+)?maximum\s+(?:of\s+)?|max\.?\s+|between\s+|fewer\s+than\s+|around\s+|about\s+)?{NUMBER}
    | \b(?:no\s+more\s+than|not\s+more\s+than|up\s+to|at\s+most|(?:a\s+)?maximum(?:\s+of)?|max\.?|
        fewer\s+than|as\s+many\s+as|between|capped\s+at)\s+{NUMBER_RANGE}(?!\s*-?\s*(?:{TIME_UNIT}|{SESSION_UNIT}))
    | {NUMBER_RANGE}\s+(?:other\s+)?(?:named\s+)?{PEOPLE_UNIT}\b
    | \b(?:one|another)\s+(?:other\s+)?(?:pupil|child|student|learner|peer|classmate)\b
    | \b1\s*:\s*[1-9]\d?\b(?!\s*(?:am|pm))
    | \bone[\s-]to[\s-]one\b | \b1[\s-]to[\s-]1\b | \bratio\b
    | \b(?:in\s+)?pairs?\b | \bpaired\b | \bwith\s+a\s+(?:peer|partner|buddy)\b
    | \bwhole[\s-]class\b | \btrios?\b
    """
)

# --- equipment (a thing supplied: how much is the thing itself) ---------------------------------

EQUIPMENT_RE = compile_ci(
    r"""
    \b(?:visual\s+timetable|laptop|tablet|ipad|computer|chromebook|software|app|
       writing\s+slope|sloped?\s+board|pencil\s+grips?|chair|cushion|ear\s+defenders|headphones|
       radio\s+aid|hearing\s+aids?|(?:aac|communication)\s+(?:device|aid|book)|now\s+and\s+next\s+board|
       word\s+mat|overlays?|magnifier|cctv|braille(?:r)?|hoist|standing\s+frame|wheelchair|walker|
       equipment|fidget\s+toys?|timer|workstation|keyboard|scissors|symbols?|printed\s+notes|
       large\s+print|enlarged\s+(?:text|print|materials)|writing\s+frames?)\b
    """
)
