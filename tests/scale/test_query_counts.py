"""The key pages ask the database a fixed number of questions whatever the size of the council.

Two councils are seeded once for the module, one with 10 plans and one with 1,000, by the same generator as
``coproduce seed``. Each page is opened as the same kind of person in each council, and must stay within
the same maximum number of queries in both: a page that made a query per child, plan or response would
need hundreds more in the larger council.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.plans.models import Plan, PlanStage
from coproduce.progress.models import DeliveryRecord, Target
from coproduce.scale.generator import seed_council
from coproduce.teams.models import TeamMembership, TeamRole
from tests.conftest import SignedInClient

pytestmark = pytest.mark.django_db

SIZES = {"small": 10, "large": 1000}


@pytest.fixture(scope="module")
def councils(django_db_setup, django_db_blocker):
    """Both councils, built once and rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = {
            size: seed_council(plans=plans, seed=20 + plans, council_name=f"{size.title()} Query Council")
            for size, plans in SIZES.items()
        }
        yield built
        transaction.set_rollback(True)


def _child_with_everything(council):
    """A child with a final plan, a progress target and delivery records, and their parent."""
    plans = Plan.objects.filter(child__responsible_council=council, stage=PlanStage.FINAL).order_by("child__id")
    for plan in plans:
        if (
            Target.objects.filter(child=plan.child_id).exists()
            and DeliveryRecord.objects.filter(child=plan.child_id).exists()
        ):
            parent = (
                TeamMembership.objects.filter(child=plan.child_id, role=TeamRole.PARENT_CARER)
                .order_by("joined_at", "id")
                .first()
            )
            officer = TeamMembership.objects.get(child=plan.child_id, role=TeamRole.CASE_OFFICER)
            return plan.child, parent.user, officer.user
    raise AssertionError("The seeded council has no child with a plan, targets and delivery")


def _busiest_officer(council):
    from django.db.models import Count

    row = (
        TeamMembership.objects.filter(child__responsible_council=council, role=TeamRole.CASE_OFFICER)
        .values("user")
        .annotate(n=Count("id"))
        .order_by("-n", "user")
        .first()
    )
    return row["user"], row["n"]


def _pages(seeded):
    """(page name, who opens it, its address) for one council."""
    from coproduce.accounts.models import User

    child, parent, officer = _child_with_everything(seeded.council)
    busiest, _ = _busiest_officer(seeded.council)
    busiest = User.objects.get(pk=busiest)
    manager, coordinator = seeded.manager, seeded.coordinator
    workstream = seeded.workstream_ids[0]
    return [
        ("home (parent)", parent, reverse("web:home")),
        ("home (officer)", officer, reverse("web:home")),
        ("child's page (parent)", parent, reverse("teams:child", args=[child.pk])),
        ("child's page (officer)", officer, reverse("teams:child", args=[child.pk])),
        ("plan page (parent)", parent, reverse("plans:plan", args=[child.pk])),
        ("plan page (officer)", officer, reverse("plans:plan", args=[child.pk])),
        ("timeline", officer, reverse("statutory:timeline", args=[child.pk])),
        ("progress", parent, reverse("progress:progress", args=[child.pk])),
        ("caseload (case officer)", busiest, reverse("statutory:caseload")),
        ("caseload (whole council)", manager, reverse("statutory:caseload")),
        ("council timeliness", manager, reverse("statutory:council-overview")),
        ("council delivery", manager, reverse("progress:council-delivery")),
        ("council co-production", manager, reverse("surveys:insight")),
        ("council plan quality", manager, reverse("plans:council-quality")),
        ("forum workstream", coordinator, reverse("forum:workstream", args=[workstream])),
        ("survey results", coordinator, reverse("surveys:results", args=[seeded.survey_id])),
    ]


#: The most queries each page may make, in a council of any size.
MAX_QUERIES = {
    "home (parent)": 24,
    "home (officer)": 24,
    "child's page (parent)": 30,
    "child's page (officer)": 30,
    "plan page (parent)": 40,
    "plan page (officer)": 40,
    "timeline": 30,
    "progress": 35,
    "caseload (case officer)": 25,
    "caseload (whole council)": 25,
    "council timeliness": 25,
    "council delivery": 20,
    "council co-production": 25,
    "council plan quality": 20,
    "forum workstream": 25,
    "survey results": 30,
}


def _count(user, url) -> tuple[int, int]:
    client = SignedInClient()
    client.force_login(user)
    client.get(url)  # the first visit may set up the session; count a later one
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_the_councils_are_the_sizes_asked_for(councils):
    assert Plan.objects.filter(child__responsible_council=councils["small"].council).count() == 10
    assert Plan.objects.filter(child__responsible_council=councils["large"].council).count() == 1000
    _, busiest = _busiest_officer(councils["large"].council)
    assert busiest >= 200  # a case officer with a realistic caseload


def test_key_pages_make_the_same_bounded_number_of_queries_at_any_size(councils):
    counts: dict[str, dict[str, int]] = {}
    for size, seeded in councils.items():
        for name, user, url in _pages(seeded):
            status, n = _count(user, url)
            assert status == 200, f"{name} ({size}) answered {status}"
            counts.setdefault(name, {})[size] = n
    too_many = {name: sizes for name, sizes in counts.items() if max(sizes.values()) > MAX_QUERIES[name]}
    assert not too_many, f"Pages over their query budget: {too_many}"
    grew = {name: sizes for name, sizes in counts.items() if sizes["large"] > sizes["small"] + 2}
    assert not grew, f"Pages whose queries grow with the council: {grew}"
