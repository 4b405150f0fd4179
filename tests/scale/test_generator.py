"""The generator behind ``coproduce seed``: the same seed gives the same council, the council follows
the published figures, and what it writes is what the application itself would write."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from coproduce.audit.models import AuditEvent
from coproduce.plans import portable
from coproduce.plans.models import Need, Outcome, Plan, PlanVersion, Provision
from coproduce.rules.school_years import year_group
from coproduce.scale import statistics
from coproduce.scale.generator import AlreadySeeded, seed_council
from coproduce.statutory.actions import refresh_clock
from coproduce.statutory.models import ClockSummary, NeedsAssessment, SenNeed
from coproduce.teams.models import Child, TeamMembership, TeamRole

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker):
    """A council of 400 plans, built once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_council(plans=400, seed=3, today=TODAY, council_name="Figures Council")
        transaction.set_rollback(True)


def _fingerprint(council) -> tuple:
    children = Child.objects.filter(responsible_council=council)
    return (
        tuple(children.order_by("id").values_list("id", "given_name", "family_name", "date_of_birth", "stage")),
        tuple(Plan.objects.filter(child__in=children).order_by("id").values_list("id", "stage", "finalised_on")),
        tuple(Need.objects.filter(plan__child__in=children).order_by("id").values_list("id", "text")),
        tuple(
            NeedsAssessment.objects.filter(child__in=children)
            .order_by("id")
            .values_list("id", "received_on", "decided_on", "outcome_on")
        ),
        tuple(SenNeed.objects.filter(child__in=children).order_by("child", "rank").values_list("child", "sen_type")),
        AuditEvent.objects.filter(child__in=children).count(),
    )


def _seed_and_forget(seed: int) -> tuple:
    with transaction.atomic():
        result = seed_council(plans=20, seed=seed, today=TODAY, council_name="Twice Council")
        fingerprint = _fingerprint(result.council)
        transaction.set_rollback(True)
    return fingerprint


def test_the_same_seed_gives_the_same_council_and_another_seed_another():
    first = _seed_and_forget(7)
    assert first == _seed_and_forget(7)
    assert first != _seed_and_forget(8)
    assert len(first[1]) == 20


def test_a_council_is_seeded_once():
    seed_council(plans=2, seed=1, today=TODAY, council_name="Once Council")
    with pytest.raises(AlreadySeeded):
        seed_council(plans=2, seed=1, today=TODAY, council_name="Once Council")


def test_the_command_refuses_a_second_seed_unless_told_to_skip_it():
    out = StringIO()
    call_command("seed", plans=3, seed=2, council="Command Council", stdout=out)
    assert "Seeded 3 plans" in out.getvalue()
    assert Plan.objects.filter(child__responsible_council__name="Command Council").count() == 3
    with pytest.raises(CommandError, match="already seeded"):
        call_command("seed", plans=3, seed=2, council="Command Council", stdout=StringIO())
    out = StringIO()
    call_command("seed", plans=3, seed=2, council="Command Council", if_empty=True, stdout=out)
    assert "nothing to do" in out.getvalue()
    assert Plan.objects.filter(child__responsible_council__name="Command Council").count() == 3


def test_the_command_refuses_a_production_database_unless_told_it_is_a_benchmarks(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never run it on a live council"):
        call_command("seed", plans=2, seed=3, council="Live Council", stdout=StringIO())
    assert not Plan.objects.filter(child__responsible_council__name="Live Council").exists()
    call_command("seed", plans=2, seed=3, council="Live Council", allow_production=True, stdout=StringIO())
    assert Plan.objects.filter(child__responsible_council__name="Live Council").count() == 2


def test_the_published_figures_add_up():
    assert sum(statistics.AGE_BAND_PERCENT.values()) == pytest.approx(100, abs=0.05)
    assert sum(statistics.PLACEMENT_PERCENT.values()) == pytest.approx(100, abs=0.05)
    # As published for January 2025: autism 31.5%, speech and language 21.3%, SEMH 20.7% of all plans.
    assert statistics.need_share("ASD") == pytest.approx(0.315, abs=0.003)
    assert statistics.need_share("SLCN") == pytest.approx(0.213, abs=0.003)
    assert statistics.need_share("SEMH") == pytest.approx(0.207, abs=0.003)


def test_primary_needs_follow_englands_proportions(council):
    primary = Counter(
        SenNeed.objects.filter(child__responsible_council=council.council, rank=1).values_list("sen_type", flat=True)
    )
    total = sum(primary.values())
    for code in ("ASD", "SLCN", "SEMH", "MLD"):
        assert primary[code] / total == pytest.approx(statistics.need_share(code), abs=0.06), code
    assert primary.most_common(1)[0][0] == "ASD"


def test_ages_and_school_years_follow_englands_proportions(council):
    births = Child.objects.filter(responsible_council=council.council, plans__isnull=False).values_list(
        "date_of_birth", flat=True
    )
    ages = [(TODAY - born).days // 365 for born in births]
    bands = Counter(statistics.age_band(min(max(age, 2), 24)) for age in ages)
    for band, percent in statistics.AGE_BAND_PERCENT.items():
        assert bands[band] / len(ages) == pytest.approx(percent / 100, abs=0.06), band
    years = Counter(year_group(born, TODAY) for born in births)
    assert years[7] > 0 and years[11] > 0  # every phase is there, secondary included


def test_case_officers_have_realistic_caseloads_and_teams_realistic_sizes(council):
    officers = Counter(
        TeamMembership.objects.filter(
            child__responsible_council=council.council, role=TeamRole.CASE_OFFICER
        ).values_list("user", flat=True)
    )
    assert len(officers) == 2 and min(officers.values()) >= 200
    sizes = Counter(
        TeamMembership.objects.filter(child__responsible_council=council.council).values_list("child", flat=True)
    )
    average = sum(sizes.values()) / len(sizes)
    assert min(sizes.values()) >= 2 and 3 <= average <= 5


def test_every_stage_of_the_clock_is_there(council):
    stages = set(Child.objects.filter(responsible_council=council.council).values_list("stage", flat=True))
    assert {"request", "assessment", "plan", "review"} <= stages
    plan_stages = set(Plan.objects.filter(child__responsible_council=council.council).values_list("stage", flat=True))
    assert {"draft", "consultation", "final"} <= plan_stages


def test_generated_records_pass_model_validation(council):
    plans = Plan.objects.filter(child__responsible_council=council.council).order_by("id")[:25]
    for plan in plans:
        plan.full_clean()
        plan.child.full_clean()
        for item in (*plan.needs.all(), *plan.outcomes.all(), *plan.provision.all(), *plan.views.all()):
            item.full_clean()
        for membership in TeamMembership.objects.filter(child=plan.child):
            membership.full_clean()
        for assessment in NeedsAssessment.objects.filter(child=plan.child):
            assessment.full_clean()


def test_the_stored_version_is_the_plan_as_the_application_exports_it(council):
    for plan in Plan.objects.filter(child__responsible_council=council.council).order_by("id")[:25]:
        exported = portable.export_plan(plan)
        assert portable.problems(exported) == []
        assert PlanVersion.objects.get(plan=plan, number=1).content == exported


def test_the_plans_are_linked_needs_to_outcomes_to_provision(council):
    plans = Plan.objects.filter(child__responsible_council=council.council)
    assert not Outcome.objects.filter(plan__in=plans, needs__isnull=True).exists()
    assert not Provision.objects.filter(plan__in=plans, outcomes__isnull=True).exists()
    assert not Provision.objects.filter(plan__in=plans, section="F", frequency="").exists()


def test_the_clock_summary_and_stage_are_what_the_application_works_out(council):
    children = Child.objects.filter(responsible_council=council.council).order_by("id")[:60]
    for child in children:
        before = ClockSummary.objects.get(child=child)
        stage = child.stage
        refresh_clock(child, today=TODAY)
        after = ClockSummary.objects.get(child=child)
        assert (before.next_due_on, before.next_key, before.open_count) == (
            after.next_due_on,
            after.next_key,
            after.open_count,
        ), child.pk
        assert Child.objects.get(pk=child.pk).stage == stage
