"""The demo family with a review coming has a term of ratings and delivery records, with a shortfall."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.progress.models import (
    CheckIn,
    DeliveryRecord,
    RaterKind,
    Rating,
    ReviewContribution,
    ReviewView,
    Shortfall,
    Target,
)
from coproduce.rules import delivery as rule
from coproduce.teams.models import Child

pytestmark = pytest.mark.django_db


def counts() -> list[int]:
    return [m.objects.count() for m in (Target, Rating, DeliveryRecord, Shortfall, ReviewView, ReviewContribution)]


def test_grace_has_a_term_of_ratings_and_delivery_with_a_shortfall():
    call_command("demo_data", verbosity=0)
    grace = Child.objects.get(given_name="Grace")
    assert Target.objects.filter(child=grace).count() == 3
    raters = set(Rating.objects.filter(target__child=grace).values_list("attributed_to", "rater_kind"))
    assert raters == {("David Okafor", RaterKind.PARENT), ("Mark Evans", RaterKind.SCHOOL)}, "Grace is not on her team"
    this_term = rule.term_of(timezone.localdate())
    assert CheckIn.objects.filter(child=grace, starts_on=this_term.start).exists()
    assert CheckIn.objects.filter(child=grace).count() == 2
    records = DeliveryRecord.objects.filter(child=grace)
    assert records.filter(delivered=True).count() >= 10
    assert records.filter(delivered=False, reason="staff_away").exists()
    assert max(records.values_list("on", flat=True)) - min(records.values_list("on", flat=True)) >= dt.timedelta(
        weeks=13
    )
    shortfall = Shortfall.objects.get(child=grace, resolved_at__isnull=True)
    assert shortfall.percent < shortfall.threshold
    assert ReviewView.objects.filter(child=grace, whose="child").exists()
    assert ReviewContribution.objects.filter(child=grace).count() == 2


def test_the_demo_progress_loads_once():
    call_command("demo_data", verbosity=0)
    first = counts()
    call_command("demo_data", verbosity=0)
    assert counts() == first


def test_david_sees_the_shortfall_and_olivia_sees_it_on_the_council_page(client):
    call_command("demo_data", verbosity=0)
    grace = Child.objects.get(given_name="Grace")
    client.force_login(User.objects.get(email="david.okafor@example.org"))
    page = client.get(reverse("progress:progress", args=[grace.id])).content.decode()
    assert "Less support was delivered than the plan promises." in page
    client.force_login(User.objects.get(email="olivia.bennett@northmoor.example.gov.uk"))
    page = client.get(reverse("progress:council-delivery")).content.decode()
    assert "Grace Okafor" in page


def test_jordan_has_a_target_to_rate_and_their_home_page_asks_them(client):
    call_command("demo_data", verbosity=0)
    jordan = Child.objects.get(given_name="Jordan")
    target = Target.objects.get(child=jordan)
    assert not target.ratings.exists()
    for email in ("jordan.price@example.org", "karen.price@example.org"):
        client.force_login(User.objects.get(email=email))
        assert "Rate this term" in client.get(reverse("web:home")).content.decode(), email
    client.force_login(User.objects.get(email="olivia.bennett@northmoor.example.gov.uk"))
    assert "Rate this term" not in client.get(reverse("web:home")).content.decode(), "officers are not asked"
