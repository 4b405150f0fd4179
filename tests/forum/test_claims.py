"""Sustaining parent involvement: time and expenses recorded, approved by the coordinator, totalled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from coproduce.forum import actions
from coproduce.forum.models import Claim, ClaimStatus
from coproduce.forum.selectors import claim_totals
from tests.forum.builders import actor, as_, forum_in
from tests.forum.helpers import date_fields, days, page, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(world):
    return forum_in(world)


def test_a_representative_claims_and_only_the_coordinator_approves(client, world, made):
    rep = world.people["parent_carer"]
    client.force_login(rep)
    empty = client.post(
        reverse("forum:claim-new"),
        {"workstream": made.workstream.pk, "description": "Meeting", **date_fields("on_date", days(-1))},
    )
    assert "Enter the hours you gave, the expenses you are claiming, or both" in page(empty)
    future = client.post(
        reverse("forum:claim-new"),
        {"workstream": made.workstream.pk, "description": "Meeting", "hours": "2", **date_fields("on_date", days(3))},
    )
    assert "Date of the work must be today or in the past" in page(future)
    bad = client.post(
        reverse("forum:claim-new"),
        {
            "workstream": made.workstream.pk,
            "description": "Meeting",
            "expenses": "twelve",
            **date_fields("on_date", days(-1)),
        },
    )
    assert "Expenses must be a number, like 12.50" in page(bad)

    response = client.post(
        reverse("forum:claim-new"),
        {
            "workstream": made.workstream.pk,
            "description": "Board meeting and preparation",
            "hours": "2.5",
            "expenses": "12.40",
            **date_fields("on_date", days(-1)),
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert "Board meeting and preparation" in words(client.get(reverse("forum:claims")))
    assert "Waiting for approval" in words(client.get(reverse("forum:claims")))

    # Nobody but the coordinator decides: not the representative, not a council officer.
    for who in ("parent_carer", "caseload_officer", "iass_adviser"):
        client.force_login(world.people[who])
        assert client.get(reverse("forum:claim-decide", args=[claim.pk])).status_code == 404
        assert client.post(reverse("forum:claim-decide", args=[claim.pk]), {"approve": "yes"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED

    client.force_login(made.coordinator)
    assert "1 waiting for approval" in words(client.get(reverse("forum:home")))
    refused = client.post(reverse("forum:claim-decide", args=[claim.pk]), {"approve": "no"})
    assert "Say why the claim is not approved" in page(refused)
    approved = client.post(reverse("forum:claim-decide", args=[claim.pk]), {"approve": "yes"})
    assert approved.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.decided_by == made.coordinator

    # An observer or practitioner is not a representative and cannot claim.
    for who in ("iass_adviser", "senco", "caseload_officer"):
        client.force_login(world.people[who])
        assert client.get(reverse("forum:claim-new")).status_code == 404


def test_totals_per_workstream_and_year_count_approved_claims_only(client, world, made):
    rep = world.people["parent_carer"]
    ws = made.workstream

    def claim(on, hours, expenses, payment, approve=True):
        made_claim = as_(
            rep,
            actions.SubmitClaim,
            ws,
            on_date=on,
            description="Meeting",
            hours=Decimal(hours),
            expenses=Decimal(expenses),
            payment=Decimal(payment),
        )
        if approve is not None:
            actions.DecideClaim(actor(made.coordinator), claim=made_claim, approve=approve, note="Not agreed").execute()

    claim(dt.date(2025, 3, 31), "2", "10.00", "30.00")  # the year April 2024 to March 2025
    claim(dt.date(2025, 4, 1), "3", "12.40", "45.00")  # the year April 2025 to March 2026
    claim(dt.date(2025, 9, 10), "1.5", "0", "30.00")
    claim(dt.date(2025, 9, 11), "9", "99.00", "0", approve=False)  # not approved: not counted
    claim(dt.date(2025, 9, 12), "4", "5.00", "0", approve=None)  # waiting: not counted

    totals = {(row.year_label, row.workstream): row for row in claim_totals(made.coordinator)}
    later = totals[("April 2025 to March 2026", "Preparing for adulthood")]
    assert (later.claims, later.hours, later.expenses, later.payment) == (
        2,
        Decimal("4.5"),
        Decimal("12.40"),
        Decimal("75.00"),
    )
    earlier = totals[("April 2024 to March 2025", "Preparing for adulthood")]
    assert (earlier.claims, earlier.hours, earlier.expenses, earlier.payment) == (
        1,
        Decimal("2"),
        Decimal("10.00"),
        Decimal("30.00"),
    )

    client.force_login(made.coordinator)
    text = words(client.get(reverse("forum:claim-totals")))
    assert "April 2025 to March 2026 Preparing for adulthood 2 4.5 £12.40 £75.00" in text
    assert "April 2024 to March 2025 Preparing for adulthood 1 2 £10.00 £30.00" in text
    client.force_login(rep)
    assert client.get(reverse("forum:claim-totals")).status_code == 404
