"""Comparing two versions of a plan as readable text.

A version is a plan in the portable format (a plain dict). It is turned into lines a person reads,
section by section, and the lines are compared.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coproduce.rules.checker.portable import provision_statement
from coproduce.rules.plan_sections import SECTIONS, Holds


def plan_lines(plan: Mapping[str, Any]) -> list[str]:
    """The plan as lines of text, each starting with its section, in A to K order."""
    lines: list[str] = []
    for section in SECTIONS:
        prefix = section.code
        match section.holds:
            case Holds.VIEWS:
                lines += [
                    f"{prefix}: {v['author']['name']} ({v['topic'].replace('_', ' ')}): {v['text']}"
                    + (f" [pictures: {', '.join(v['pictures'])}]" if v["pictures"] else "")
                    for v in plan["views"]
                ]
                lines += [
                    f"{prefix}: {a['ref']} What success would look like, {a['author']['name']}: {a['text']}"
                    for a in plan["aspirations"]
                ]
            case Holds.NEEDS:
                lines += [f"{prefix}: {n['ref']} {n['text']}" for n in plan["needs"] if n["section"] == prefix]
            case Holds.OUTCOMES:
                lines += [
                    f"{prefix}: {o['ref']} {o['text']}"
                    + (f" ({o['timeframe']})" if o["timeframe"] else "")
                    + (f" [meets {', '.join(o['needs'])}]" if o["needs"] else "")
                    for o in plan["outcomes"]
                ]
            case Holds.PROVISION:
                lines += [
                    f"{prefix}: {p['ref']} {provision_statement(p)}"
                    + (f" [for {', '.join(p['outcomes'])}]" if p["outcomes"] else "")
                    for p in plan["provision"]
                    if p["section"] == prefix
                ]
            case Holds.PLACEMENT:
                if plan["placement"]:
                    lines.append(f"{prefix}: {plan['placement']}")
            case Holds.BUDGET:
                if plan["personal_budget"]:
                    lines.append(f"{prefix}: {plan['personal_budget']}")
            case Holds.ADVICE:
                lines += [
                    f"{prefix}: {a['title']}, from {a['given_by']}, received {a['received_on']}" for a in plan["advice"]
                ]
    return lines


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "removed", "added", "changed"
    before: str
    after: str


def compare(older: Mapping[str, Any], newer: Mapping[str, Any]) -> list[Change]:
    """Line-by-line differences between two versions, for an inline or side-by-side view."""
    before, after = plan_lines(older), plan_lines(newer)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [Change("same", line, line) for line in before[i1:i2]]
        elif tag == "delete":
            changes += [Change("removed", line, "") for line in before[i1:i2]]
        elif tag == "insert":
            changes += [Change("added", "", line) for line in after[j1:j2]]
        else:
            old, new = before[i1:i2], after[j1:j2]
            for index in range(max(len(old), len(new))):
                a = old[index] if index < len(old) else ""
                b = new[index] if index < len(new) else ""
                changes.append(Change("changed" if a and b else ("removed" if a else "added"), a, b))
    return changes
