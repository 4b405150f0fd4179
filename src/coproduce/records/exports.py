"""Everything held about one child, gathered for a subject access export or for disposal.

The record is found by following every relation that points at the child's record, then at what was
found, and so on (``held_about``), so a new kind of record under a child is exported and disposed of
without changing this module. The audit trail is read separately: it is append-only and is never
disposed of (see docs/decisions/0011-information-rights.md).

Items that hold information about or from other people are flagged for an officer to check before
release (Data Protection Act 2018, schedule 2 part 3; and the serious-harm provisions of schedule 3 for
health, education and social work data).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.teams.models import Child, TeamRole

FORMAT = "coproduce-subject-access"
FORMAT_VERSION = 1

#: Not part of the record about the child: the audit trail (read on its own) and information rights
#: themselves (earlier requests and legal holds, which may be legally privileged).
SKIP_APPS = frozenset({"audit", "records"})
#: Security values and internal bookkeeping that tell the person nothing and must never leave.
SKIP_FIELDS = frozenset({"token_digest", "submission_key"})
#: Kinds of record that are a professional's advice: checked for serious harm before release.
ADVICE_KINDS = frozenset({"plans.advice", "statutory.advicerequest"})
SECTIONS = {
    "teams": "The record and the team",
    "plans": "The plan",
    "statutory": "The statutory process",
    "progress": "Progress and reviews",
    "surveys": "Surveys",
}
OTHER_SECTION = "Other records"
AUDIT_SECTION = "Who has looked at or changed the record"
AUDIT_KEY = "audit.auditevent:all"
WITHHELD = (
    "Withheld after review: it holds information about someone else, or information whose release could cause "
    "serious harm."
)


def kind_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def key_of(obj: models.Model) -> str:
    return f"{kind_of(type(obj))}:{obj.pk}"


def _reverse_relations(model: type[models.Model]):
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        target = relation.related_model
        if target._meta.app_label in SKIP_APPS or target._meta.auto_created:
            continue
        yield relation


def held_about(child: Child) -> dict[type[models.Model], list[models.Model]]:
    """Every row held under the child's record, by model, the child's own record first."""
    found: dict[type[models.Model], dict[Any, models.Model]] = {Child: {child.pk: child}}
    frontier: list[tuple[type[models.Model], list]] = [(Child, [child.pk])]
    while frontier:
        model, pks = frontier.pop(0)
        for relation in _reverse_relations(model):
            target = relation.related_model
            rows = target._default_manager.filter(**{f"{relation.field.name}__in": pks})
            seen = found.setdefault(target, {})
            new = [row for row in rows if row.pk not in seen]
            for row in new:
                seen[row.pk] = row
            if new:
                frontier.append((target, [row.pk for row in new]))
    return {model: list(rows.values()) for model, rows in found.items() if rows}


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class _Writer:
    """Turns rows into export items, naming people and organisations rather than giving their ids."""

    def __init__(self, child: Child, requester, rows: dict[type[models.Model], list[models.Model]]):
        from coproduce.accounts.models import Organisation, User

        self.child = child
        self.rows = rows
        user_ids: set = {requester.pk}
        org_ids: set = set()
        for model, objs in rows.items():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is User:
                    user_ids |= {getattr(obj, field.attname) for obj in objs}
                elif field.is_relation and field.related_model is Organisation:
                    org_ids |= {getattr(obj, field.attname) for obj in objs}
        self.users = User.objects.in_bulk([pk for pk in user_ids if pk])
        self.organisations = Organisation.objects.in_bulk([pk for pk in org_ids if pk])
        self.user_model = User
        self.organisation_model = Organisation
        young_people = {
            obj.user_id
            for obj in rows.get(apps.get_model("teams", "TeamMembership"), [])
            if obj.role == TeamRole.YOUNG_PERSON
        }
        #: The people the export is about or for: the person asking, and the young person themselves.
        self.subjects = {requester.pk} | young_people
        self.files: list[dict[str, str]] = []

    def person(self, pk) -> str:
        user = self.users.get(pk)
        return user.full_name if user else "Someone who no longer has an account"

    def item(self, obj: models.Model) -> dict[str, Any]:
        model = type(obj)
        fields: dict[str, Any] = {}
        labels: dict[str, str] = {}
        others: list[str] = []
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in SKIP_FIELDS:
                continue
            raw = getattr(obj, field.attname)
            labels[field.name] = str(field.verbose_name)
            if field.is_relation:
                if raw is None:
                    value = None
                elif field.related_model is self.user_model:
                    value = self.person(raw)
                    if raw not in self.subjects:
                        others.append(value)
                elif field.related_model is self.organisation_model:
                    organisation = self.organisations.get(raw)
                    value = organisation.name if organisation else None
                else:
                    value = f"{kind_of(field.related_model)}:{raw}"
            elif isinstance(field, models.FileField):
                value = "A file is held" if raw else ""
                if raw:
                    self.files.append(
                        {"item": key_of(obj), "what": str(field.verbose_name), "type": self._file_type(obj)}
                    )
            elif field.choices and raw not in (None, ""):
                value = str(getattr(obj, f"get_{field.name}_display")())
            else:
                value = _json_safe(raw)
            fields[field.name] = value
        for field in model._meta.many_to_many:
            labels[field.name] = str(field.verbose_name)
            fields[field.name] = [
                f"{kind_of(field.related_model)}:{pk}" for pk in getattr(obj, field.name).values_list("pk", flat=True)
            ]
        reasons = []
        if kind_of(model) in ADVICE_KINDS:
            reasons.append("Professional advice: check for anything whose release could cause serious harm")
        if others:
            reasons.append("Names, or was written by, someone else: " + ", ".join(sorted(set(others))))
        if fields.get("email") and getattr(obj, "email", "").lower() not in self._subject_emails():
            reasons.append("Holds someone else's email address")
        return {
            "key": key_of(obj),
            "kind": kind_of(model),
            "kind_label": str(model._meta.verbose_name).capitalize(),
            "label": str(obj)[:200],
            "fields": fields,
            "labels": labels,
            "flag": "; ".join(reasons)[:300] or None,
        }

    def _subject_emails(self) -> set[str]:
        return {self.users[pk].email.lower() for pk in self.subjects if pk in self.users}

    @staticmethod
    def _file_type(obj) -> str:
        for name in ("image_type", "document_type"):
            if getattr(obj, name, ""):
                return getattr(obj, name)
        return ""

    def audit_item(self) -> dict[str, Any]:
        events = list(AuditEvent.objects.filter(child_id=self.child.pk).order_by("occurred_at", "id"))
        actor_ids = {event.actor_id for event in events if event.actor_id}
        self.users |= self.user_model.objects.in_bulk([pk for pk in actor_ids if pk not in self.users])
        others = sorted(
            {self.person(event.actor_id) for event in events if event.actor_id and event.actor_id not in self.subjects}
        )
        return {
            "key": AUDIT_KEY,
            "kind": "audit.auditevent",
            "kind_label": "Access log",
            "label": f"{len(events)} times someone looked at or changed the record",
            "fields": {
                "events": [
                    {
                        "when": event.occurred_at.isoformat(),
                        "who": self.person(event.actor_id) if event.actor_id else "Coproduce",
                        "role": event.actor_role,
                        "action": event.get_action_display(),
                        "what": event.what,
                    }
                    for event in events
                ]
            },
            "labels": {"events": "Events"},
            "flag": ("Names the people who looked at or changed the record: " + ", ".join(others))[:300]
            if others
            else None,
        }


def collect(child: Child, requester, access_request) -> dict[str, Any]:
    """The whole export, as stored before review: every item, each flagged item with why."""
    rows = held_about(child)
    writer = _Writer(child, requester, rows)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for model, objs in rows.items():
        section = SECTIONS.get(model._meta.app_label, OTHER_SECTION)
        grouped[section].extend(writer.item(obj) for obj in objs)
    order = [*SECTIONS.values(), OTHER_SECTION]
    sections = [{"title": title, "items": grouped[title]} for title in order if grouped.get(title)]
    sections.append({"title": AUDIT_SECTION, "items": [writer.audit_item()]})
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "produced_at": timezone.now().isoformat(),
        "request": {
            "id": str(access_request.pk),
            "requested_at": access_request.requested_at.isoformat(),
            "due_on": access_request.due_on.isoformat(),
        },
        "record_id": str(child.pk),
        "sections": sections,
        "files": writer.files,
    }


def flagged(content: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each flagged item with the title of its section, in export order."""
    return [(section["title"], item) for section in content["sections"] for item in section["items"] if item["flag"]]


def released(content: dict[str, Any], withheld_keys: set[str], released_at) -> dict[str, Any]:
    """What the person receives: everything, less the fields of withheld items, without review notes."""
    sections = []
    for section in content["sections"]:
        items = []
        for item in section["items"]:
            out = {name: value for name, value in item.items() if name != "flag"}
            if item["key"] in withheld_keys:
                out["fields"], out["labels"], out["withheld"] = {}, {}, WITHHELD
            items.append(out)
        sections.append({"title": section["title"], "items": items})
    files = [entry for entry in content["files"] if entry["item"] not in withheld_keys]
    return content | {"sections": sections, "files": files, "released_at": released_at.isoformat()}


def readable(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The export as sections of items with (label, value) rows, for the PDF and the review pages."""
    out = []
    for section in content["sections"]:
        items = []
        for item in section["items"]:
            rows = [(item["labels"].get(name, name), _text(value)) for name, value in item["fields"].items()]
            items.append(item | {"rows": rows})
        out.append({"title": section["title"], "items": items})
    return out


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list) and value and all(isinstance(entry, dict) for entry in value):
        return "\n".join("; ".join(f"{k}: {v}" for k, v in entry.items()) for entry in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def dumps(content: dict[str, Any]) -> str:
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"
