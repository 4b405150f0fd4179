"""A plan as plain JSON-style data, in and out: ``check_plan_json(data) -> dict``.

The shape (every key optional except the ids and texts of items; unknown keys are refused so that a
misspelt key is an error rather than a silently empty section)::

    {
      "stage": "draft",                       # "draft" (default) or "final"
      "year_group": 9,                        # national curriculum year, Reception 0; null if not known
      "section_a_child_words": ["I like Lego and I want to be a vet."],
      "aspirations": [{"id": "A1", "text": "To work with animals"}],
      "needs": [{"id": "B1", "section": "B", "text": "Sam finds it hard to ..."}],   # section B, C or D
      "outcomes": [{"id": "E1", "text": "By the end of Year 10, Sam will ...",
                    "need_ids": ["B1"], "aspiration_ids": ["A1"], "provision_ids": ["F1"],
                    "pfa_area": "employment"}],      # null, or a preparing-for-adulthood area
      "provision": [{"id": "F1", "section": "F", "text": "A speech and language therapist will ...",
                     "need_ids": ["B1"]}],            # section F, G, H1 or H2
      "placement_text": ""                    # section I: must be blank in a draft
    }

Ids may be strings or integers (integers are turned into strings). The answer::

    {
      "findings": [{"code": ..., "item_id": ... or null, "section": "F", "start": 0, "end": 12,
                    "message": ..., "suggestion": ...}, ...],
      "summary": {"findings": 7, "by_code": {"no-frequency": 2, ...}, "vague_provision_ids": ["F2"]}
    }

``start`` and ``end`` are offsets into the text of the item named by ``item_id`` (Python string indices,
i.e. Unicode code points). Input of the wrong shape raises ``PlanFormatError`` (a ``ValueError``) naming
the offending key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from coproduce.rules.checker import plan as pl
from coproduce.rules.checker.provision import ADVICE_ONLY_CODES, CODES

_PLAN_KEYS = frozenset(
    {
        "stage",
        "year_group",
        "section_a_child_words",
        "aspirations",
        "needs",
        "outcomes",
        "provision",
        "placement_text",
    }
)
_ASPIRATION_KEYS = frozenset({"id", "text"})
_NEED_KEYS = frozenset({"id", "section", "text"})
_OUTCOME_KEYS = frozenset({"id", "text", "need_ids", "aspiration_ids", "provision_ids", "pfa_area"})
_PROVISION_KEYS = frozenset({"id", "section", "text", "need_ids"})


class PlanFormatError(ValueError):
    """The plan data is not in the documented shape."""


def _mapping(value: Any, where: str, allowed: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PlanFormatError(f"{where}: expected an object, got {type(value).__name__}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise PlanFormatError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
    return value


def _text(value: Any, where: str, *, default: str | None = None) -> str:
    if value is None and default is not None:
        return default
    if not isinstance(value, str):
        raise PlanFormatError(f"{where}: expected text, got {type(value).__name__}")
    return value


def _id(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PlanFormatError(f"{where}: expected an id (text or whole number)")
    return str(value)


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise PlanFormatError(f"{where}: expected a list, got {type(value).__name__}")
    return list(value)


def _ids(value: Any, where: str) -> tuple[str, ...]:
    return tuple(_id(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))


def _section(value: Any, where: str, allowed: tuple[str, ...]) -> Any:
    if value not in allowed:
        raise PlanFormatError(f"{where}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def plan_from_dict(data: Mapping[str, Any]) -> pl.PlanInput:
    """A ``PlanInput`` from the documented dict shape (raises ``PlanFormatError``)."""
    data = _mapping(data, "plan", _PLAN_KEYS)
    stage = data.get("stage", "draft")
    if stage not in pl.STAGES:
        raise PlanFormatError(f"stage: expected 'draft' or 'final', got {stage!r}")
    year_group = data.get("year_group")
    if year_group is not None and (isinstance(year_group, bool) or not isinstance(year_group, int)):
        raise PlanFormatError("year_group: expected a whole number or null")

    aspirations = []
    for i, raw in enumerate(_list(data.get("aspirations"), "aspirations")):
        where = f"aspirations[{i}]"
        item = _mapping(raw, where, _ASPIRATION_KEYS)
        aspirations.append(
            pl.AspirationInput(_id(item.get("id"), f"{where}.id"), _text(item.get("text"), f"{where}.text"))
        )

    needs = []
    for i, raw in enumerate(_list(data.get("needs"), "needs")):
        where = f"needs[{i}]"
        item = _mapping(raw, where, _NEED_KEYS)
        needs.append(
            pl.NeedInput(
                _id(item.get("id"), f"{where}.id"),
                _section(item.get("section"), f"{where}.section", pl.NEED_SECTIONS),
                _text(item.get("text"), f"{where}.text"),
            )
        )

    outcomes = []
    for i, raw in enumerate(_list(data.get("outcomes"), "outcomes")):
        where = f"outcomes[{i}]"
        item = _mapping(raw, where, _OUTCOME_KEYS)
        pfa_area = item.get("pfa_area")
        if pfa_area is not None and not isinstance(pfa_area, str):
            raise PlanFormatError(f"{where}.pfa_area: expected text or null")
        outcomes.append(
            pl.OutcomeInput(
                _id(item.get("id"), f"{where}.id"),
                _text(item.get("text"), f"{where}.text"),
                need_ids=_ids(item.get("need_ids"), f"{where}.need_ids"),
                aspiration_ids=_ids(item.get("aspiration_ids"), f"{where}.aspiration_ids"),
                provision_ids=_ids(item.get("provision_ids"), f"{where}.provision_ids"),
                pfa_area=pfa_area,
            )
        )

    provision = []
    for i, raw in enumerate(_list(data.get("provision"), "provision")):
        where = f"provision[{i}]"
        item = _mapping(raw, where, _PROVISION_KEYS)
        provision.append(
            pl.ProvisionInput(
                _id(item.get("id"), f"{where}.id"),
                _section(item.get("section", "F"), f"{where}.section", pl.PROVISION_SECTIONS),
                _text(item.get("text"), f"{where}.text"),
                need_ids=_ids(item.get("need_ids"), f"{where}.need_ids"),
            )
        )

    child_words = [
        _text(v, f"section_a_child_words[{i}]")
        for i, v in enumerate(_list(data.get("section_a_child_words"), "section_a_child_words"))
    ]
    return pl.PlanInput(
        stage=stage,
        year_group=year_group,
        section_a_child_words=tuple(child_words),
        aspirations=tuple(aspirations),
        needs=tuple(needs),
        outcomes=tuple(outcomes),
        provision=tuple(provision),
        placement_text=_text(data.get("placement_text"), "placement_text", default=""),
    )


def check_plan_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a plan given as a plain dict; the answer is a plain dict (both shapes in the module docstring)."""
    plan = plan_from_dict(data)
    findings = pl.check_plan(plan)
    vague_ids = {f.item_id for f in findings if f.code in CODES and f.code not in ADVICE_ONLY_CODES and f.item_id}
    return {
        "findings": [f.as_dict() for f in findings],
        "summary": {
            "findings": len(findings),
            "by_code": dict(sorted(Counter(f.code for f in findings).items())),
            "vague_provision_ids": [item.id for item in plan.provision if item.id in vague_ids],
        },
    }
