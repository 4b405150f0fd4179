"""Reading the plan. Every function takes an ``Access`` that the policy has already granted (from
``teams.selectors.child_access``), so nothing here can be reached without passing the policy."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from coproduce.plans.kinds import KINDS, Kind
from coproduce.plans.models import Agreement, Comment, Outcome, Plan, PlanCheck, PlanVersion, Position, Provision
from coproduce.rules.plan_sections import SECTIONS, Holds, Section
from coproduce.teams.policy import Access


def plan_for(access: Access) -> Plan | None:
    return Plan.objects.filter(child=access.child).first()


def plan_or_404(access: Access) -> Plan:
    plan = plan_for(access)
    if plan is None:
        raise Http404
    return plan


def item_or_404(plan: Plan, kind_name: str, item_id) -> object:
    kind: Kind | None = KINDS.get(kind_name)
    if kind is None:
        raise Http404
    try:
        return kind.model.objects.get(plan=plan, pk=uuid.UUID(str(item_id)))
    except (kind.model.DoesNotExist, ValueError):
        raise Http404 from None


def comment_or_404(plan: Plan, comment_id) -> Comment:
    try:
        return Comment.objects.select_related("author", "decided_by").get(plan=plan, pk=uuid.UUID(str(comment_id)))
    except (Comment.DoesNotExist, ValueError):
        raise Http404 from None


@dataclass
class SectionContent:
    section: Section
    views: list = field(default_factory=list)
    aspirations: list = field(default_factory=list)
    needs: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    provision: list = field(default_factory=list)
    advice: list = field(default_factory=list)
    comments: list = field(default_factory=list)

    @property
    def section_comments(self) -> list:
        """Comments on the section as a whole, rather than on one item."""
        return [comment for comment in self.comments if comment.item_id is None]

    @property
    def items(self) -> list:
        return self.views + self.aspirations + self.needs + self.outcomes + self.provision + self.advice


def section_content(plan: Plan, section: Section) -> SectionContent:
    """One section's items with the golden thread in both directions, and the comments on it."""
    content = SectionContent(section=section)
    match section.holds:
        case Holds.VIEWS:
            content.views = list(plan.views.all())
            content.aspirations = list(plan.aspirations.prefetch_related("outcomes"))
        case Holds.NEEDS:
            content.needs = list(
                plan.needs.filter(section=section.code).prefetch_related(
                    Prefetch("outcomes", queryset=Outcome.objects.order_by("position")),
                    Prefetch("provision", queryset=Provision.objects.order_by("position")),
                )
            )
        case Holds.OUTCOMES:
            content.outcomes = list(plan.outcomes.prefetch_related("needs", "aspirations", "provision"))
        case Holds.PROVISION:
            content.provision = list(plan.provision.filter(section=section.code).prefetch_related("outcomes", "needs"))
        case Holds.ADVICE:
            content.advice = list(plan.advice.all())
    content.comments = list(plan.comments.filter(section=section.code).select_related("author", "decided_by"))
    return content


@dataclass
class SectionStatus:
    section: Section
    items: int
    open_comments: int
    positions: dict  # person name -> (role, position label, reason)

    @property
    def status(self) -> tuple[str, str]:
        """(words, GOV.UK tag colour) for the task list."""
        if self.open_comments:
            return "Comments waiting for a decision", "orange"
        values = [p[1] for p in self.positions.values()]
        if Position.DISAGREE.label in values or Position.PARTLY.label in values:
            return "Disagreement recorded", "red"
        if values and all(v == Position.AGREE.label for v in values):
            return "Agreed", "green"
        if self.items:
            return "In progress", "blue"
        return "Not started", "grey"


def latest_agreements(plan: Plan) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Per section, each person's newest position: {section: {name: (role, position, reason)}}."""
    result: dict[str, dict[str, tuple[str, str, str]]] = {}
    for agreement in Agreement.objects.filter(plan=plan).select_related("person").order_by("recorded_at"):
        result.setdefault(agreement.section, {})[agreement.person.full_name] = (
            agreement.person_role,
            agreement.get_position_display(),
            agreement.reason,
        )
    return result


def section_statuses(plan: Plan) -> list[SectionStatus]:
    counts = dict.fromkeys((s.code for s in SECTIONS), 0)
    counts["A"] = plan.views.count() + plan.aspirations.count()
    for need_section in plan.needs.values_list("section", flat=True):
        counts[need_section] += 1
    counts["E"] = plan.outcomes.count()
    for provision_section in plan.provision.values_list("section", flat=True):
        counts[provision_section] += 1
    counts["I"] = int(bool(plan.placement))
    counts["J"] = int(bool(plan.personal_budget))
    counts["K"] = plan.advice.count()
    open_comments: dict[str, int] = {}
    for comment_section in plan.comments.filter(decision="").values_list("section", flat=True):
        open_comments[comment_section] = open_comments.get(comment_section, 0) + 1
    agreements = latest_agreements(plan)
    return [
        SectionStatus(s, counts[s.code], open_comments.get(s.code, 0), agreements.get(s.code, {})) for s in SECTIONS
    ]


def all_comments(plan: Plan) -> list[Comment]:
    return list(plan.comments.select_related("author", "decided_by").order_by("decision", "created_at"))


def versions(plan: Plan) -> list[PlanVersion]:
    return list(plan.versions.select_related("created_by").defer("content"))


def version_or_404(plan: Plan, number) -> PlanVersion:
    try:
        return plan.versions.select_related("created_by").get(number=int(number))
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class CouncilQuality:
    plans: int
    with_findings: int
    common: list  # (code, meaning, number of plans)


def council_quality(user) -> CouncilQuality:
    """Across the plans the officer's councils are responsible for: how many have checker findings, and
    which findings are most common (counted once per plan). Lists come through the access policy."""
    from collections import Counter

    from coproduce.rules.checker import CODES, PLAN_CODES
    from coproduce.teams.policy import councils_for

    checks = PlanCheck.objects.filter(plan__child__responsible_council__in=councils_for(user))
    plans = Plan.objects.filter(child__responsible_council__in=councils_for(user)).count()
    per_code: Counter = Counter()
    with_findings = 0
    for codes in checks.values_list("codes", flat=True).iterator(chunk_size=2000):
        if codes:
            with_findings += 1
            per_code.update(set(codes))
    meanings = {**CODES, **PLAN_CODES}
    return CouncilQuality(
        plans, with_findings, [(code, meanings.get(code, code), count) for code, count in per_code.most_common(10)]
    )
