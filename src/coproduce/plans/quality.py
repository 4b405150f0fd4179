"""The plan checker applied to a plan: findings beside each item, a summary for the plan, and the
checks across a council's plans (copied paragraphs, another child's name)."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.plans import portable
from coproduce.plans.kinds import kind_of, section_of
from coproduce.plans.models import AcceptedFinding, Aspiration, Need, Outcome, Plan, Provision, View
from coproduce.rules.checker import check_plan, check_provision
from coproduce.rules.checker.copies import find_copied_paragraphs
from coproduce.rules.checker.names import find_other_names
from coproduce.rules.checker.portable import plan_input_from_portable, provision_statement
from coproduce.teams.models import Child


@dataclass
class Finding:
    code: str
    message: str
    suggestion: str
    section: str
    item: object | None
    text: str
    start: int
    end: int
    accepted: AcceptedFinding | None = None

    @property
    def key(self) -> str:
        return f"{self.code}:{self.item.pk if self.item is not None else ''}"

    @property
    def before(self) -> str:
        return self.text[: self.start]

    @property
    def span(self) -> str:
        return self.text[self.start : self.end]

    @property
    def after(self) -> str:
        return self.text[self.end :]

    @property
    def kind_name(self) -> str:
        return kind_of(self.item).name if self.item is not None else ""


def _item_text(item) -> str:
    if isinstance(item, Provision):
        return item.statement
    if isinstance(item, Outcome):
        return " ".join(part for part in (item.text, item.timeframe) if part)
    return getattr(item, "text", "")


def plan_findings(plan: Plan, *, across_council: bool = False) -> list[Finding]:
    data, refs = portable.export_plan_with_refs(plan)
    findings = []
    for found in check_plan(plan_input_from_portable(data)):
        item = refs.get(found.item_id) if found.item_id else None
        findings.append(
            Finding(
                found.code,
                found.message,
                found.suggestion,
                found.section,
                item,
                _item_text(item) if item is not None else "",
                found.start,
                found.end,
            )
        )
    if across_council:
        findings += council_findings(plan)
    accepted = {f"{a.code}:{a.item_id or ''}": a for a in plan.accepted_findings.select_related("accepted_by")}
    for finding in findings:
        finding.accepted = accepted.get(finding.key)
    return findings


def provision_findings(fields: dict) -> tuple[str, list]:
    """Findings for a provision item as it is being written (not yet saved)."""
    statement = provision_statement(fields)
    return statement, check_provision(statement)


def _paragraphs(plan_id) -> list[tuple[object, str]]:
    items: list = []
    items += list(View.objects.filter(plan_id=plan_id))
    items += list(Aspiration.objects.filter(plan_id=plan_id))
    items += list(Need.objects.filter(plan_id=plan_id))
    items += list(Outcome.objects.filter(plan_id=plan_id))
    items += list(Provision.objects.filter(plan_id=plan_id))
    return [(item, _item_text(item)) for item in items if _item_text(item).strip()]


def council_findings(plan: Plan) -> list[Finding]:
    """Paragraphs copied from another child's plan in the same council, and other children's names."""
    council_id = plan.child.responsible_council_id
    mine = _paragraphs(plan.pk)
    others: dict[str, list[str]] = {}
    written: dict[str, list] = {}
    for kind in (View, Aspiration, Need, Outcome):
        for other_plan, text, created in (
            kind.objects.filter(plan__child__responsible_council_id=council_id)
            .exclude(plan=plan)
            .values_list("plan_id", "text", "created_at")
        ):
            others.setdefault(str(other_plan), []).append(text)
            written.setdefault(str(other_plan), []).append(created)
    provision_fields = ("plan_id", "created_at", *portable.PROVISION_FIELDS)
    for row in (
        Provision.objects.filter(plan__child__responsible_council_id=council_id)
        .exclude(plan=plan)
        .values(*provision_fields)
    ):
        others.setdefault(str(row["plan_id"]), []).append(provision_statement(row))
        written.setdefault(str(row["plan_id"]), []).append(row["created_at"])
    findings = []
    for match in find_copied_paragraphs([text for _, text in mine], others):
        item, text = mine[match.paragraph_index]
        if item.created_at < written[match.other_plan_id][match.other_paragraph_index]:
            continue  # the other plan's paragraph came later: the copy is there, not here
        findings.append(
            Finding(
                "copied-paragraph",
                f"This is {round(match.similarity * 100)}% the same as a paragraph in another child's plan. "
                "Copied paragraphs rarely describe this child, and can share another family's information.",
                "Write it again about this child: what they find hard, what they will achieve, what they need.",
                section_of(item),
                item,
                text,
                0,
                len(text),
            )
        )
    child = plan.child
    own = [name for name in (child.given_name, child.preferred_name, child.family_name) if name]
    other_names = set()
    for given, preferred, family in (
        Child.objects.filter(responsible_council_id=council_id)
        .exclude(pk=child.pk)
        .values_list("given_name", "preferred_name", "family_name")
    ):
        other_names.update(name for name in (given, preferred) if name)
        other_names.add(family)
    for item, text in mine:
        for match in find_other_names(text, own, other_names):
            findings.append(
                Finding(
                    "other-childs-name",
                    f"'{match.name}' is the name of another child this council supports. It may have been copied "
                    "from their plan.",
                    "Check this is about the right child, and take out anything from another child's plan.",
                    section_of(item),
                    item,
                    text,
                    match.start,
                    match.end,
                )
            )
    return findings
