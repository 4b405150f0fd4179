"""The demo forum: two workstreams, a term of meetings and decisions, public items; loads once."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coproduce.forum.models import (
    Claim,
    Decision,
    ForumMember,
    LadderRating,
    Meeting,
    MinutesStatus,
    WorkAction,
    Workstream,
    YouSaidItem,
    YouSaidNotification,
    YouSaidUpdate,
)
from coproduce.forum.policy import access_for
from coproduce.forum.selectors import decisions_log
from tests.forum.helpers import words

pytestmark = pytest.mark.django_db

MODELS = (Workstream, ForumMember, Meeting, Decision, LadderRating, WorkAction, YouSaidItem, YouSaidUpdate, Claim)


def counts():
    return [model.objects.count() for model in MODELS]


def test_the_demo_forum_loads_once(mailoutbox):
    call_command("demo_data", verbosity=0)
    first = counts()
    assert first[0] == 2
    call_command("demo_data", verbosity=0)
    assert counts() == first
    assert not YouSaidNotification.objects.exists() and not mailoutbox, "loading the demo emails nobody"


def test_the_demo_has_a_term_of_meetings_decisions_with_a_wide_gap_and_public_items():
    call_command("demo_data", verbosity=0)
    for workstream in Workstream.objects.all():
        meetings = workstream.meetings.all()
        assert meetings.count() >= 4
        assert meetings.filter(minutes_status=MinutesStatus.AGREED).count() >= 2
        coordinator = workstream.forum.forum_coordinators.get().user
        rows = decisions_log(access_for(coordinator, workstream))
        assert any(row.wide_gap for row in rows), workstream.name
        assert any(work.overdue for work in workstream.actions.all()), workstream.name
    public = Client().get(reverse("forum:you-said-public"))
    assert public.status_code == 200
    text = words(public)
    assert YouSaidItem.objects.filter(published=True).count() == 3
    for item in YouSaidItem.objects.all():
        assert (item.title in text) == item.published


def test_joanne_and_rachel_sign_in_with_one_click_and_see_the_forum():
    call_command("demo_data", verbosity=0)
    client = Client()
    client.post(reverse("demo:sign-in-as", args=["joanne"]))
    home = words(client.get(reverse("forum:home")))
    assert "Preparing for adulthood" in home and "The local offer" in home
    assert "1 waiting for approval" in home
    client = Client()
    client.post(reverse("demo:sign-in-as", args=["rachel"]))
    pfa = Workstream.objects.get(name="Preparing for adulthood")
    assert "Wide gap: 2 rungs apart" in words(client.get(reverse("forum:decisions", args=[pfa.pk])))
    assert "Rachel Green (chair)" in words(client.get(reverse("forum:workstream", args=[pfa.pk])))
