"""The kinds of item a plan holds, which section each belongs to, and which of its fields carries its
wording (what a suggested change replaces)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from coproduce.plans.models import Advice, Aspiration, Need, Outcome, Provision, View
from coproduce.rules.plan_sections import NEED_SECTIONS, PROVISION_SECTIONS


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    sections: tuple[str, ...]
    wording_field: str
    label: str
    related_name: str


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("view", View, ("A",), "text", "view", "views"),
        Kind("aspiration", Aspiration, ("A",), "text", "hope for the future", "aspirations"),
        Kind("need", Need, NEED_SECTIONS, "text", "need", "needs"),
        Kind("outcome", Outcome, ("E",), "text", "outcome", "outcomes"),
        Kind("provision", Provision, PROVISION_SECTIONS, "what", "provision", "provision"),
        Kind("advice", Advice, ("K",), "summary", "advice", "advice"),
    )
}


def kinds_for_section(code: str) -> list[Kind]:
    return [kind for kind in KINDS.values() if code in kind.sections]


def kind_of(item) -> Kind:
    return next(kind for kind in KINDS.values() if isinstance(item, kind.model))


def section_of(item) -> str:
    kind = kind_of(item)
    return getattr(item, "section", None) or kind.sections[0]
