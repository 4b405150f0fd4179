"""The portable plan format: a whole plan as plain JSON, versioned and described by a JSON Schema
(`schema/plan-v1.schema.json`, also at `docs/plan-format/`).

Items refer to each other by references made from their kind and order (N1, O2, P3 ...), so exporting
the same plan always gives the same file, and a plan imported elsewhere exports identically.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

FORMAT = "coproduce-plan"
FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / "plan-v1.schema.json"

PROVISION_FIELDS = ("what", "deliverer_role", "deliverer_training", "frequency", "duration", "group_size", "where_when")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _author(item) -> dict[str, str]:
    return {"name": item.attributed_to, "role": item.author_role}


def export_plan(plan) -> dict[str, Any]:
    """The plan as a plain dict in the portable format."""
    return export_plan_with_refs(plan)[0]


def export_plan_with_refs(plan) -> tuple[dict[str, Any], dict[str, Any]]:
    """The portable dict, and which item each reference (N1, O2 ...) stands for."""
    return document(
        plan.child,
        plan,
        views=list(plan.views.all()),
        aspirations=list(plan.aspirations.all()),
        needs=list(plan.needs.all()),
        outcomes=list(plan.outcomes.prefetch_related("needs", "aspirations")),
        provision=list(plan.provision.prefetch_related("outcomes", "needs")),
        advice=list(plan.advice.all()),
        linked=lambda item, name: getattr(item, name).all(),
    )


def document(
    child, plan, *, views, aspirations, needs, outcomes, provision, advice, linked: Callable[[Any, str], Iterable]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The portable dict of a plan's items, and which item each reference stands for. ``linked(item, name)``
    gives the items an outcome or a provision item is linked to by ``name`` ("needs", "aspirations",
    "outcomes"): from the database for a saved plan, from memory for the seed's generated plans."""
    ref = {}
    for prefix, items in (("S", aspirations), ("N", needs), ("O", outcomes), ("P", provision)):
        for number, item in enumerate(items, start=1):
            ref[item.pk] = f"{prefix}{number}"

    def refs(item, name: str) -> list[str]:
        return sorted((ref[other.pk] for other in linked(item, name)), key=_ref_order)

    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "child": {
            "given_name": child.given_name,
            "family_name": child.family_name,
            "preferred_name": child.preferred_name,
            "date_of_birth": child.date_of_birth.isoformat(),
        },
        "stage": plan.stage,
        "draft_served_on": _date(plan.draft_served_on),
        "finalised_on": _date(plan.finalised_on),
        "views": [
            {
                "whose": v.whose,
                "topic": v.topic,
                "text": v.text,
                "method": v.method,
                "helped_by": v.helped_by,
                "pictures": list(v.pictures),
                "author": _author(v),
            }
            for v in views
        ],
        "aspirations": [
            {
                "ref": ref[a.pk],
                "whose": a.whose,
                "text": a.text,
                "method": a.method,
                "helped_by": a.helped_by,
                "author": _author(a),
            }
            for a in aspirations
        ],
        "needs": [
            {"ref": ref[n.pk], "section": n.section, "broad_area": n.broad_area, "text": n.text, "author": _author(n)}
            for n in needs
        ],
        "outcomes": [
            {
                "ref": ref[o.pk],
                "text": o.text,
                "timeframe": o.timeframe,
                "pfa_area": o.pfa_area,
                "needs": refs(o, "needs"),
                "aspirations": refs(o, "aspirations"),
                "author": _author(o),
            }
            for o in outcomes
        ],
        "provision": [
            {
                "ref": ref[p.pk],
                "section": p.section,
                **{f: getattr(p, f) for f in PROVISION_FIELDS},
                "start_date": _date(p.start_date),
                "review_date": _date(p.review_date),
                "outcomes": refs(p, "outcomes"),
                "needs": refs(p, "needs"),
                "author": _author(p),
            }
            for p in provision
        ],
        "placement": plan.placement,
        "personal_budget": plan.personal_budget,
        "advice": [
            {
                "title": a.title,
                "given_by": a.given_by,
                "received_on": a.received_on.isoformat(),
                "summary": a.summary,
                "document_name": a.document_name,
                "author": _author(a),
            }
            for a in advice
        ],
    }
    return data, {
        reference: item for item in (*aspirations, *needs, *outcomes, *provision) for reference in [ref[item.pk]]
    }


def _ref_order(ref: str) -> tuple[str, int]:
    return ref[0], int(ref[1:])


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text())


def problems(data: Any) -> list[str]:
    """Every way ``data`` breaks the format, each with where it is ("needs[2].section: ..."). Empty if valid."""
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        found.append(f"{_location(error.absolute_path)}: {error.message}")
    if found:
        return found
    return _link_problems(data)


def _location(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _link_problems(data: dict[str, Any]) -> list[str]:
    """References must point at items that exist, of the right kind, and be unique."""
    found = []
    known: dict[str, str] = {}
    for kind in ("aspirations", "needs", "outcomes", "provision"):
        for index, item in enumerate(data[kind]):
            if item["ref"] in known:
                found.append(f"{kind}[{index}].ref: {item['ref']!r} is used more than once")
            known[item["ref"]] = kind
    links = {
        "outcomes": (("needs", "needs"), ("aspirations", "aspirations")),
        "provision": (("outcomes", "outcomes"), ("needs", "needs")),
    }
    for kind, fields in links.items():
        for index, item in enumerate(data[kind]):
            for field, target in fields:
                for position, ref in enumerate(item[field]):
                    if known.get(ref) != target:
                        found.append(f"{kind}[{index}].{field}[{position}]: {ref!r} is not one of the plan's {target}")
    return found


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
