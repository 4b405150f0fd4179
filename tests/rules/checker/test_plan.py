"""Plan-level checks: golden thread, outcomes, section A, section I, and provision findings per item."""

from __future__ import annotations

import dataclasses

import pytest

from coproduce.rules.checker import plan as pl
from coproduce.rules.checker import provision as pv
from coproduce.rules.checker.plan import (
    AspirationInput,
    NeedInput,
    OutcomeInput,
    PlanFinding,
    PlanInput,
    ProvisionInput,
    check_outcome,
    check_plan,
)
from coproduce.rules.checker.plan_json import PlanFormatError, check_plan_json, plan_from_dict

GOOD_OUTCOME = "By the end of Year 6, Sam will read a short book aloud to an adult without help."
GOOD_PROVISION = "A trained teaching assistant will deliver 20 minutes of 1:1 phonics every morning."


def good_plan(**changes: object) -> PlanInput:
    plan = PlanInput(
        stage="final",
        year_group=5,
        section_a_child_words=("I like dinosaurs and I want to read to my little brother.",),
        aspirations=(AspirationInput("A1", "To read stories to his brother"),),
        needs=(
            NeedInput("B1", "B", "Sam cannot yet blend sounds to read words."),
            NeedInput("C1", "C", "Sam has asthma."),
        ),
        outcomes=(
            OutcomeInput("E1", GOOD_OUTCOME, need_ids=("B1",), aspiration_ids=("A1",), provision_ids=("F1",)),
            OutcomeInput(
                "E2",
                "By July 2027, Sam will use his inhaler on his own before PE.",
                need_ids=("C1",),
                aspiration_ids=("A1",),
            ),
        ),
        provision=(
            ProvisionInput("F1", "F", GOOD_PROVISION, need_ids=("B1",)),
            ProvisionInput(
                "G1",
                "G",
                "The school nurse will check Sam's inhaler technique for 10 minutes each half term.",
                need_ids=("C1",),
            ),
        ),
        placement_text="Oakfield Primary School (mainstream primary)",
    )
    return dataclasses.replace(plan, **changes)


def found(plan: PlanInput) -> list[tuple[str, str | None, str]]:
    return [(f.code, f.item_id, f.section) for f in check_plan(plan)]


def test_a_good_plan_has_no_findings() -> None:
    assert check_plan(good_plan()) == []


# --- the golden thread -----------------------------------------------------------------------------


def test_need_without_outcome_and_provision() -> None:
    plan = good_plan(needs=(*good_plan().needs, NeedInput("D1", "D", "Sam's mum needs short breaks.")))
    assert found(plan) == [
        (pl.NEED_WITHOUT_OUTCOME, "D1", "D"),
        (pl.NEED_WITHOUT_PROVISION, "D1", "D"),
    ]


def test_special_educational_need_met_only_outside_section_f() -> None:
    base = good_plan()
    provision = (dataclasses.replace(base.provision[0], section="G"), base.provision[1])
    assert (pl.NEED_WITHOUT_SECTION_F, "B1", "B") in found(dataclasses.replace(base, provision=provision))


def test_provision_linked_to_no_need() -> None:
    base = good_plan()
    extra = ProvisionInput("F2", "F", GOOD_PROVISION)
    assert found(dataclasses.replace(base, provision=(*base.provision, extra))) == [
        (pl.PROVISION_WITHOUT_NEED, "F2", "F")
    ]


def test_links_to_missing_items() -> None:
    base = good_plan()
    outcome = dataclasses.replace(base.outcomes[0], need_ids=("B1", "B9"), provision_ids=("F7",))
    findings = check_plan(dataclasses.replace(base, outcomes=(outcome, base.outcomes[1])))
    broken = [f for f in findings if f.code == pl.BROKEN_LINK]
    assert [f.message for f in broken] == [
        "This is linked to need 'B9', which is not in the plan.",
        "This is linked to provision 'F7', which is not in the plan.",
    ]


# --- outcomes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when",
    [
        "by the end of Year 6",
        "by July 2027",
        "within 12 months",
        "by the end of key stage 2",
        "by the end of the summer term",
        "before she moves to secondary school",
        "within a year",
        "by his next annual review",
        "in 2027",
    ],
)
def test_timeframes(when: str) -> None:
    text = f"Amira will write three sentences independently {when}."
    assert [code for code, *_ in check_outcome(text)] == []


def test_outcome_without_timeframe() -> None:
    text = "Amira will write three sentences independently."
    [(code, start, end, message, suggestion)] = check_outcome(text)
    assert code == pl.OUTCOME_NO_TIMEFRAME
    assert (start, end) == (0, len(text))
    assert "by the end of Year 6" in suggestion


def test_outcome_with_nothing_to_measure() -> None:
    text = "By the end of Year 6, Sam will improve his reading."
    [(code, start, end, *_)] = check_outcome(text)
    assert code == pl.OUTCOME_NOT_SPECIFIC
    assert text[start:end] == "improve"


def test_a_measure_makes_improvement_specific() -> None:
    assert check_outcome("By July 2027, Sam will improve his reading age by 12 months.") == []


def test_a_year_in_the_timeframe_is_not_a_measure() -> None:
    codes = [code for code, *_ in check_outcome("By the end of Year 6, Sam will be more confident.")]
    assert codes == [pl.OUTCOME_NOT_SPECIFIC]


def test_vague_wording_in_an_outcome() -> None:
    text = "By July 2027, Sam will read aloud as appropriate."
    [(code, start, end, *_)] = check_outcome(text)
    assert (code, text[start:end]) == (pl.OUTCOME_NOT_SPECIFIC, "as appropriate")


def test_outcome_written_as_a_service() -> None:
    text = "By July 2027, Sam will receive speech and language therapy."
    [(code, start, end, *_)] = check_outcome(text)
    assert (code, text[start:end]) == (pl.OUTCOME_SERVICE, "will receive")


def test_outcome_linked_to_no_aspiration() -> None:
    base = good_plan()
    outcome = dataclasses.replace(base.outcomes[0], aspiration_ids=())
    assert found(dataclasses.replace(base, outcomes=(outcome, base.outcomes[1]))) == [
        (pl.OUTCOME_WITHOUT_ASPIRATION, "E1", "E")
    ]


def test_no_aspirations_at_all_is_one_finding() -> None:
    base = good_plan()
    outcomes = tuple(dataclasses.replace(o, aspiration_ids=()) for o in base.outcomes)
    assert found(dataclasses.replace(base, aspirations=(), outcomes=outcomes)) == [(pl.NO_ASPIRATIONS, None, "A")]


@pytest.mark.parametrize(("year_group", "expected"), [(8, False), (9, True), (12, True), (None, False)])
def test_preparing_for_adulthood_from_year_9(year_group: int | None, expected: bool) -> None:
    assert ((pl.NO_PFA_OUTCOME, None, "E") in found(good_plan(year_group=year_group))) is expected


def test_a_pfa_outcome_satisfies_year_9() -> None:
    base = good_plan(year_group=10)
    outcome = dataclasses.replace(base.outcomes[1], pfa_area="health")
    assert check_plan(dataclasses.replace(base, outcomes=(base.outcomes[0], outcome))) == []


# --- sections A and I ----------------------------------------------------------------------------


@pytest.mark.parametrize("words", [(), ("",), ("   ", "\n")])
def test_no_child_words(words: tuple[str, ...]) -> None:
    assert found(good_plan(section_a_child_words=words)) == [(pl.NO_CHILD_WORDS, None, "A")]


def test_school_named_in_a_draft() -> None:
    plan = good_plan(stage="draft")
    [finding] = check_plan(plan)
    assert (finding.code, finding.section, finding.item_id) == (pl.SCHOOL_IN_DRAFT, "I", None)
    assert plan.placement_text[finding.start : finding.end] == "Oakfield Primary School"


def test_any_placement_text_in_a_draft_is_flagged() -> None:
    plan = good_plan(stage="draft", placement_text="A mainstream primary school")
    [finding] = check_plan(plan)
    assert finding.code == pl.SCHOOL_IN_DRAFT
    assert (finding.start, finding.end) == (0, len(plan.placement_text))


def test_school_named_in_provision_of_a_draft() -> None:
    base = good_plan(stage="draft", placement_text="")
    text = "At St Mary's Catholic Primary School a trained TA will read with Sam for 20 minutes daily."
    provision = (ProvisionInput("F1", "F", text, need_ids=("B1",)), base.provision[1])
    [finding] = check_plan(dataclasses.replace(base, provision=provision))
    assert (finding.code, finding.item_id) == (pl.SCHOOL_IN_DRAFT, "F1")
    assert text[finding.start : finding.end] == "St Mary's Catholic Primary School"


def test_a_blank_draft_section_i_is_right() -> None:
    assert check_plan(good_plan(stage="draft", placement_text="  ")) == []


def test_a_final_plan_needs_a_placement() -> None:
    assert found(good_plan(placement_text="")) == [(pl.NO_PLACEMENT, None, "I")]


# --- provision findings carry the item --------------------------------------------------------------


def test_provision_checks_run_on_each_item() -> None:
    base = good_plan()
    text = "Regular speech and language therapy as required."
    provision = (ProvisionInput("F1", "F", text, need_ids=("B1",)), base.provision[1])
    findings = [f for f in check_plan(dataclasses.replace(base, provision=provision)) if f.item_id == "F1"]
    assert {f.code for f in findings} == {pv.VAGUE_FREQUENCY, pv.DISCRETIONARY, pv.NO_AMOUNT, pv.NO_DELIVERER}
    assert all(f.section == "F" for f in findings)
    by_code = {f.code: text[f.start : f.end] for f in findings}
    assert by_code[pv.VAGUE_FREQUENCY] == "Regular"
    assert by_code[pv.DISCRETIONARY] == "as required"


def test_findings_are_ordered_by_section_then_item() -> None:
    plan = good_plan(
        section_a_child_words=(),
        needs=(*good_plan().needs, NeedInput("B2", "B", "Sam is anxious in crowds.")),
        provision=(*good_plan().provision, ProvisionInput("H1a", "H1", "Short breaks as needed.")),
    )
    sections = [f.section for f in check_plan(plan)]
    order = [pl.SECTION_ORDER.index(s) for s in sections]
    assert order == sorted(order)
    assert sections[0] == "A"


# --- inputs ----------------------------------------------------------------------------------------


def test_bad_sections_and_stages_are_refused() -> None:
    with pytest.raises(ValueError, match="section"):
        NeedInput("B1", "F", "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="section"):
        ProvisionInput("F1", "B", "text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="stage"):
        PlanInput(stage="agreed")  # type: ignore[arg-type]


def test_plan_finding_as_dict() -> None:
    finding = PlanFinding("x", None, "A", 0, 0, "m", "s")
    assert finding.as_dict() == {
        "code": "x",
        "item_id": None,
        "section": "A",
        "start": 0,
        "end": 0,
        "message": "m",
        "suggestion": "s",
    }


# --- the same through plain dicts ------------------------------------------------------------------

PLAN_DICT = {
    "stage": "draft",
    "year_group": 10,
    "section_a_child_words": ["I want to work with animals."],
    "aspirations": [{"id": "A1", "text": "To work with animals"}],
    "needs": [{"id": "B1", "section": "B", "text": "Ryan finds it hard to plan his work."}],
    "outcomes": [
        {
            "id": "E1",
            "text": "By July 2028, Ryan will plan a week of college work on his own.",
            "need_ids": ["B1"],
            "aspiration_ids": ["A1"],
            "provision_ids": [1],
            "pfa_area": "employment",
        }
    ],
    "provision": [
        {"id": 1, "section": "F", "text": "Regular mentoring.", "need_ids": ["B1"]},
        {"id": "F2", "section": "F", "text": GOOD_PROVISION, "need_ids": ["B1"]},
        {"id": "F3", "section": "F", "text": "2-3 sessions a week of 30 minutes with a TA.", "need_ids": ["B1"]},
    ],
    "placement_text": "",
}


def test_check_plan_json() -> None:
    result = check_plan_json(PLAN_DICT)
    assert result["summary"]["vague_provision_ids"] == ["1"]
    assert result["summary"]["findings"] == len(result["findings"])
    assert result["summary"]["by_code"] == {pv.NO_AMOUNT: 1, pv.NO_DELIVERER: 1, pv.RANGE: 1, pv.VAGUE_FREQUENCY: 1}
    first = result["findings"][0]
    assert set(first) == {"code", "item_id", "section", "start", "end", "message", "suggestion"}
    assert first["item_id"] == "1"


def test_plan_from_dict_defaults() -> None:
    plan = plan_from_dict({})
    assert plan == PlanInput()


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"stage": "agreed"}, "stage"),
        ({"year_group": "ten"}, "year_group"),
        ({"needs": [{"id": "B1", "section": "X", "text": "t"}]}, r"needs\[0\]\.section"),
        ({"needs": [{"id": "B1", "section": "B"}]}, r"needs\[0\]\.text"),
        ({"outcomes": [{"id": "E1", "text": "t", "need_ids": "B1"}]}, r"outcomes\[0\]\.need_ids"),
        ({"provision": [{"id": None, "text": "t"}]}, r"provision\[0\]\.id"),
        ({"provisions": []}, "unknown key"),
        ({"needs": [{"id": "B1", "section": "B", "text": "t", "colour": "red"}]}, "unknown key"),
    ],
)
def test_plan_from_dict_refuses_bad_shapes(change: dict[str, object], complaint: str) -> None:
    with pytest.raises(PlanFormatError, match=complaint):
        plan_from_dict({**PLAN_DICT, **change})


def test_plan_from_dict_refuses_a_non_object() -> None:
    with pytest.raises(PlanFormatError):
        plan_from_dict([])  # type: ignore[arg-type]
