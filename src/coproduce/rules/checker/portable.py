"""Reading a plan in Coproduce's portable format (``docs/plan-format/``) into the checker's inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from coproduce.rules.checker.plan import AspirationInput, NeedInput, OutcomeInput, PlanInput, ProvisionInput
from coproduce.rules.school_years import year_group

PROVISION_PARTS = ("frequency", "duration", "group_size", "where_when")


def provision_statement(fields: Mapping[str, Any]) -> str:
    """A provision item's structured fields as the one sentence a reader (and the checker) sees."""
    parts = [str(fields.get("what", "")).strip().rstrip(".")]
    if fields.get("deliverer_role"):
        who = fields["deliverer_role"]
        if fields.get("deliverer_training"):
            who += f" ({fields['deliverer_training']})"
        parts.append(f"delivered by {who}")
    parts.extend(str(fields[part]) for part in PROVISION_PARTS if fields.get(part))
    return ", ".join(part for part in parts if part) + "."


def plan_input_from_portable(data: Mapping[str, Any], *, on: dt.date | None = None) -> PlanInput:
    """The checker's view of a portable plan. The year group is worked out from the date of birth."""
    dob = dt.date.fromisoformat(data["child"]["date_of_birth"])
    outcome_provision: dict[str, list[str]] = {}
    for item in data["provision"]:
        for ref in item["outcomes"]:
            outcome_provision.setdefault(ref, []).append(item["ref"])
    return PlanInput(
        stage="final" if data["stage"] == "final" else "draft",
        year_group=year_group(dob, on or dt.date.today()),
        section_a_child_words=[v["text"] for v in data["views"] if v["whose"] == "child" and v["text"].strip()]
        + [a["text"] for a in data["aspirations"] if a["whose"] == "child"],
        aspirations=[AspirationInput(id=a["ref"], text=a["text"]) for a in data["aspirations"]],
        needs=[NeedInput(id=n["ref"], section=n["section"], text=n["text"]) for n in data["needs"]],
        outcomes=[
            OutcomeInput(
                id=o["ref"],
                text=" ".join(part for part in (o["text"], o["timeframe"]) if part),
                need_ids=list(o["needs"]),
                aspiration_ids=list(o["aspirations"]),
                provision_ids=outcome_provision.get(o["ref"], []),
                pfa_area=o["pfa_area"] or None,
            )
            for o in data["outcomes"]
        ],
        provision=[
            ProvisionInput(id=p["ref"], section=p["section"], text=provision_statement(p), need_ids=list(p["needs"]))
            for p in data["provision"]
        ],
        placement_text=data["placement"],
    )
