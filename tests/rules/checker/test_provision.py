"""Unit tests for each provision check: what it finds, what it leaves alone, and the exact words it points at."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.rules.checker import lexicon, plan
from coproduce.rules.checker import provision as pv
from coproduce.rules.checker.provision import Finding, check_provision, is_vague

SPECIFIC = "A trained teaching assistant will deliver 20 minutes of 1:1 phonics every morning."


def spans(text: str, code: str) -> list[str]:
    return [text[f.start : f.end] for f in check_provision(text) if f.code == code]


def codes(text: str) -> set[str]:
    return {f.code for f in check_provision(text)}


# --- fully specific statements produce nothing ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        SPECIFIC,
        "Forty-five minutes of 1:1 SALT every fortnight from a speech and language therapist.",
        "Thirty minutes a day of handwriting practice with an LSA.",
        "30 mins x 3 per week, delivered by an HCPC-registered SLT.",
        "The OT will review the programme every 6 weeks for 30 minutes; the TA will deliver it daily for 15 minutes.",
        "A member of staff trained in Makaton will sign key vocabulary in all lessons.",
        "Two sessions of 30 minutes each week with the speech and language therapist.",
        "A trained teaching assistant will run Talkabout in a group of 6 pupils for 45 minutes every Wednesday.",
        "Sam's regular class teacher will lead a 20-minute guided reading session three times a week, groups of 4.",
        "So that Ella can join in PE, a physiotherapist will work with her for 30 minutes each week.",
        "In May 2026 the educational psychologist will carry out a 2-hour assessment.",
        "An adult trained in Team Teach will supervise Kit at lunchtime every day.",
        "A teacher of the deaf will visit once a fortnight for an hour.",
        "Half an hour of ELSA work every Monday with the school's ELSA.",
    ],
)
def test_specific_statements_have_no_findings(text: str) -> None:
    assert check_provision(text) == []
    assert not is_vague(text)


# --- wording: each code, with the exact words ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("Speech therapy as appropriate.", pv.DISCRETIONARY, "as appropriate"),
        ("Counselling will be arranged if necessary.", pv.DISCRETIONARY, "if necessary"),
        ("Where possible, the TA will pre-teach words for 10 minutes daily.", pv.DISCRETIONARY, "Where possible"),
        ("Support from the TA as and when required, 20 minutes daily.", pv.DISCRETIONARY, "as and when required"),
        ("A TA will help Sam whenever he needs it for 10 minutes daily.", pv.DISCRETIONARY, "whenever he needs"),
        ("Social skills work, time permitting, 20 minutes daily with the TA.", pv.DISCRETIONARY, "time permitting"),
        ("Sessions at the discretion of the SENCo.", pv.DISCRETIONARY, "at the discretion"),
        ("Access to a sensory room.", pv.NOT_A_COMMITMENT, "Access to"),
        ("Opportunities to practise reading aloud.", pv.NOT_A_COMMITMENT, "Opportunities"),
        ("Mo will have the chance to join a lunch club.", pv.NOT_A_COMMITMENT, "chance to"),
        ("Regular speech and language therapy.", pv.VAGUE_FREQUENCY, "Regular"),
        ("Progress will be checked regularly by the SENCo.", pv.VAGUE_FREQUENCY, "regularly"),
        ("Ongoing help from a teaching assistant.", pv.VAGUE_FREQUENCY, "Ongoing"),
        ("Occasional visits from the specialist teacher.", pv.VAGUE_FREQUENCY, "Occasional"),
        ("Periodic reviews by the physiotherapist.", pv.VAGUE_FREQUENCY, "Periodic"),
        ("Frequent movement breaks.", pv.VAGUE_FREQUENCY, "Frequent"),
        ("Ava would benefit from a quiet workstation.", pv.ADVICE, "would benefit"),
        ("It is recommended that Ava has a quiet workstation.", pv.ADVICE, "is recommended"),
        ("Staff will consider a reduced timetable.", pv.ADVICE, "consider"),
        ("Nurture group, subject to review.", pv.OPEN_ENDED, "subject to"),
        ("Sessions with the EP, frequency to be agreed.", pv.OPEN_ENDED, "to be agreed"),
        ("Hours of support TBC.", pv.OPEN_ENDED, "TBC"),
        ("A programme tailored to Leo's needs.", pv.VAGUE_WORDING, "tailored"),
        ("Some 1:1 reading each week.", pv.VAGUE_WORDING, "Some"),
        ("Strategies to support attention in class.", pv.VAGUE_WORDING, "Strategies to"),
        ("A range of interventions for reading.", pv.VAGUE_WORDING, "A range of"),
        ("Appropriate support at lunchtime.", pv.VAGUE_WORDING, "Appropriate"),
        ("A few sessions with the counsellor.", pv.VAGUE_WORDING, "A few"),
        ("Visual supports (timetable, symbols, etc.) from the class teacher.", pv.VAGUE_WORDING, "etc"),
        ("Work planned according to her needs by the class teacher.", pv.VAGUE_WORDING, "according to her needs"),
        ("15 hours a week of TA support, to be used flexibly.", pv.DISCRETIONARY, "flexibly"),
        ("Counselling on request, 50 minutes weekly, with the school counsellor.", pv.DISCRETIONARY, "on request"),
        ("A TA for 10 hours a week, reducing as Sam settles.", pv.DISCRETIONARY, "reducing as"),
        ("A TA will read with Lucy when she is ready, 10 minutes daily.", pv.DISCRETIONARY, "when she is ready"),
        ("Lily would find it helpful to have a buddy at playtime.", pv.ADVICE, "would find it helpful"),
        ("Interventions in line with the SALT report.", pv.OPEN_ENDED, "in line with the SALT report"),
        ("A TA will deliver 20 minutes daily, or another adult.", pv.NO_DELIVERER, "or another adult"),
    ],
)
def test_wording_findings_point_at_the_words(text: str, code: str, words: str) -> None:
    assert spans(text, code) == [words]
    assert is_vague(text)


def test_overlapping_phrases_of_one_kind_become_one_finding() -> None:
    text = "Adult support as and when necessary."
    assert spans(text, pv.DISCRETIONARY) == ["as and when necessary"]


def test_the_longer_phrase_wins_over_a_hedge_inside_it() -> None:
    text = "Mia might benefit from a sensory diet."
    assert spans(text, pv.ADVICE) == ["might benefit"]
    assert spans(text, pv.HEDGED_VERB) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sam's regular class teacher will read with him for 10 minutes daily.",
        "In addition to regular lessons, a TA will give 20 minutes of 1:1 maths daily.",
    ],
)
def test_regular_meaning_ordinary_is_not_a_frequency(text: str) -> None:
    assert pv.VAGUE_FREQUENCY not in codes(text)


def test_someone_is_not_some() -> None:
    assert pv.VAGUE_WORDING not in codes("Someone trained in Makaton will sign in all lessons.")


# --- hedged verbs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The school should provide a writing slope.", "should"),
        ("Jake may need help with transitions.", "may"),
        ("May need a teaching assistant at lunchtime.", "May"),
        ("Therapy could be delivered by an assistant.", "could"),
        ("Priya can be offered a laptop.", "can be offered"),
        ("The SENCo will aim to meet parents every term for 30 minutes.", "will aim to"),
        ("The school will endeavour to provide a quiet room.", "will endeavour to"),
        ("Dylan ought to have movement breaks.", "ought to"),
    ],
)
def test_hedged_verbs(text: str, words: str) -> None:
    assert spans(text, pv.HEDGED_VERB) == [words]


@pytest.mark.parametrize(
    "text",
    [
        "From May 2026 a TA will read with Omar for 10 minutes daily.",
        "May 2026: a TA will read with Omar for 10 minutes daily.",
        "A quiet room where he can access his work, with a TA for 20 minutes daily.",
        "So that she may join in, a TA will support her at lunchtime every day.",
        "Sam would like football; a TA will run a 30-minute football club each Friday for 6 pupils.",
    ],
)
def test_not_hedges(text: str) -> None:
    assert pv.HEDGED_VERB not in codes(text)


# --- ceilings, approximations, ranges ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Up to 10 hours of 1:1 support per week from a TA.", "Up to 10 hours"),
        ("A maximum of three hours per week of mentoring from a mentor.", "A maximum of three hours"),
        ("No more than two sessions a week with the OT, 30 minutes each.", "No more than two sessions"),
        ("A TA will support Sam for up to an hour daily.", "up to an hour"),
    ],
)
def test_ceilings(text: str, words: str) -> None:
    assert spans(text, pv.CEILING) == [words]
    assert is_vague(text)


@pytest.mark.parametrize(
    "text",
    [
        "A 20-minute session daily with a TA in a group of no more than 3 pupils.",
        "Weekly 1-hour nurture group (maximum 6 pupils) led by a trained teacher.",
        "A teacher will teach maths for 1 hour daily, with a maximum of four pupils.",
        "A TA will deliver at least 10 hours of 1:1 support per week.",
    ],
)
def test_a_cap_on_group_size_or_a_floor_is_not_a_ceiling(text: str) -> None:
    assert pv.CEILING not in codes(text)
    assert not is_vague(text)


def test_approximate_amount() -> None:
    text = "Around twenty minutes of phonics each day with a TA."
    assert spans(text, pv.APPROXIMATE) == ["Around twenty minutes"]
    assert is_vague(text)


def test_once_or_twice_is_a_range() -> None:
    text = "A learning mentor will meet Ali for 30 minutes once or twice a term."
    assert [(f.code, text[f.start : f.end]) for f in check_provision(text)] == [(pv.RANGE, "once or twice")]


def test_at_times_of_is_not_a_vague_frequency() -> None:
    text = "A key worker will meet Ali for 10 minutes at times of transition each day."
    assert pv.VAGUE_FREQUENCY not in codes(text)


def test_a_range_is_advice_only() -> None:
    text = "2-3 sessions a week of 30 minutes with a trained teaching assistant."
    [finding] = check_provision(text)
    assert finding.code == pv.RANGE
    assert text[finding.start : finding.end] == "2-3 sessions"
    assert not finding.makes_vague
    assert not is_vague(text)


# --- missing parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A teaching assistant will give 20 minutes of 1:1 reading.",
        "A teaching assistant will help Zara with dressing after PE for 10 minutes.",
    ],
)
def test_no_frequency(text: str) -> None:
    [finding] = check_provision(text)
    assert finding.code == pv.NO_FREQUENCY
    assert (finding.start, finding.end) == (0, len(text))


@pytest.mark.parametrize(
    "frequency",
    [
        "daily",
        "weekly",
        "fortnightly",
        "termly",
        "each week",
        "every morning",
        "per term",
        "once a fortnight",
        "twice a week",
        "three times a week",
        "every other day",
        "every six weeks",
        "on Tuesdays",
        "every half term",
        "five days a week",
        "3x per week",
    ],
)
def test_frequencies_in_words_and_numbers(frequency: str) -> None:
    text = f"A teaching assistant will give 20 minutes of 1:1 reading {frequency}."
    assert pv.NO_FREQUENCY not in codes(text)


def test_a_count_of_sessions_in_a_term_is_a_frequency() -> None:
    text = "Six 40-minute sessions of CBT in the spring term with a clinical psychologist."
    assert check_provision(text) == []


@pytest.mark.parametrize(
    "amount",
    ["30 minutes", "thirty minutes", "forty-five minutes", "an hour", "half an hour", "1.5 hours", "90-minute"],
)
def test_amounts_in_words_and_numbers(amount: str) -> None:
    text = f"A speech and language therapist will give {amount} of therapy each week."
    assert pv.NO_AMOUNT not in codes(text)


def test_no_amount_points_at_a_stand_in_noun() -> None:
    text = "Weekly input from a speech and language therapist."
    assert spans(text, pv.NO_AMOUNT) == ["input"]


def test_no_amount_without_a_stand_in_points_at_the_statement() -> None:
    text = "  Weekly speech and language therapy from a speech and language therapist.  "
    [finding] = [f for f in check_provision(text) if f.code == pv.NO_AMOUNT]
    assert text[finding.start : finding.end] == text.strip()


def test_a_time_range_is_an_amount() -> None:
    assert check_provision("A midday supervisor will run a club every day from 12:30 to 13:10.") == []


def test_equipment_needs_no_minutes() -> None:
    assert check_provision("The class teacher will provide a visual timetable for Sam.") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Physiotherapy delivered by school staff for 20 minutes daily.", "school staff"),
        ("The setting will monitor progress for 10 minutes weekly.", "The setting"),
        ("Support from an adult for 20 minutes daily.", "an adult"),
        ("20 minutes daily of reading.", "20 minutes daily of reading."),
        ("Sessions with the autism outreach team for 1 hour each term.", "the autism outreach team"),
    ],
)
def test_no_deliverer(text: str, words: str) -> None:
    assert spans(text, pv.NO_DELIVERER) == [words]


@pytest.mark.parametrize(
    "who",
    [
        "a teaching assistant",
        "the SENCo",
        "an HLTA",
        "a speech and language therapist",
        "an educational psychologist",
        "a physiotherapist",
        "a specialist teacher",
        "a key worker",
        "a named adult",
        "an adult trained in Team Teach",
        "staff trained in Makaton",
        "the school nurse",
        "a social worker",
        "a qualified teacher of the deaf",
        "a learning support assistant",
        "an occupational therapist",
        "a BSL interpreter",
        "an Early Help worker",
        "the school's autism lead",
        "a sensory support assistant",
        "a SaLT",
    ],
)
def test_deliverers(who: str) -> None:
    assert pv.NO_DELIVERER not in codes(f"Reading for 20 minutes daily with {who}.")


def test_group_without_size() -> None:
    text = "A TA will run a small group for literacy for 30 minutes daily."
    assert spans(text, pv.GROUP_WITHOUT_SIZE) == ["small group"]


@pytest.mark.parametrize(
    "size",
    [
        "in a group of no more than 4",
        "in a group of 3-4 pupils",
        "in a group of three",
        "at a ratio of 1:2",
        "1:3",
        "with two other pupils",
        "with one other pupil",
        "(maximum 6 pupils)",
    ],
)
def test_group_with_size(size: str) -> None:
    text = f"A TA will run a small group for literacy {size} for 30 minutes daily."
    assert check_provision(text) == []


def test_year_group_is_not_a_group() -> None:
    assert pv.GROUP_WITHOUT_SIZE not in codes("A TA will read with her for 20 minutes daily, as in her year group.")


# --- the finding itself ---------------------------------------------------------------------------


def test_findings_carry_plain_english_and_a_suggestion() -> None:
    [access, *_] = check_provision("Access to speech and language therapy as appropriate.")
    assert access.message.startswith("'Access to'")
    assert "e.g." in access.suggestion
    for finding in check_provision("Access to speech and language therapy as appropriate."):
        assert finding.message and finding.suggestion
        assert finding.code in pv.CODES


def test_findings_are_frozen_and_serialisable() -> None:
    finding = check_provision("Regular therapy.")[0]
    with pytest.raises(AttributeError):
        finding.code = "x"  # type: ignore[misc]
    assert set(finding.as_dict()) == {"code", "start", "end", "message", "suggestion", "makes_vague"}


def test_empty_statement() -> None:
    [finding] = check_provision("   ")
    assert finding.code == pv.EMPTY
    assert is_vague("")


def test_typographic_characters_keep_offsets() -> None:
    text = "Sessions 2\u20133 times a week \u2014 \u2018as appropriate\u2019 \u2014 with a TA for 30 minutes."
    assert spans(text, pv.DISCRETIONARY) == ["as appropriate"]


def test_findings_are_in_text_order() -> None:
    findings = check_provision("Some regular support, as appropriate, could be offered.")
    assert [f.start for f in findings] == sorted(f.start for f in findings)


# --- properties ------------------------------------------------------------------------------------

PROVISION_WORDS = (
    "a the will weekly daily regular access to as appropriate up to 10 hours minutes thirty group small "
    "of 1:1 teaching assistant SENCo should may May 2026 some per week twice . , - \u2013 \n"
)
provision_words = st.sampled_from(PROVISION_WORDS.split(" "))


@given(st.one_of(st.text(max_size=200), st.lists(provision_words, max_size=40).map(" ".join)))
def test_any_text_gives_well_formed_findings(text: str) -> None:
    findings = check_provision(text)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(0 <= f.start <= f.end <= len(text) for f in findings)
    assert all(f.code in pv.CODES for f in findings)
    assert [(f.start, f.end) for f in findings] == sorted((f.start, f.end) for f in findings)
    assert is_vague(text) == any(f.makes_vague for f in findings)
    assert check_provision(text) == findings  # deterministic


@given(st.sampled_from([SPECIFIC]), st.sampled_from(["", " ", "  \n"]))
def test_surrounding_whitespace_does_not_change_the_verdict(text: str, pad: str) -> None:
    assert is_vague(pad + text + pad) == is_vague(text)


def test_no_pattern_has_a_quantifier_formatted_as_a_tuple() -> None:
    """A regex quantifier like {1,2} inside an f-string becomes "(1, 2)"; it must be written {{1,2}}."""
    patterns = [rule.pattern for rule in pv._RULES]
    for module in (lexicon, pv, plan):
        patterns += [value for value in vars(module).values() if isinstance(value, re.Pattern)]
    assert [p.pattern[:60] for p in patterns if re.search(r"\(\d+, \d+\)", p.pattern)] == []
