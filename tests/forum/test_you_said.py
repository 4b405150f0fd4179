""" "You said, we did": tracked items, contributors told of changes, and a public page with no sign-in."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditEvent
from coproduce.forum import actions, notify
from coproduce.forum.models import ForumMember, SourceKind, YouSaidContributor, YouSaidItem, YouSaidNotification
from tests import factories
from tests.forum.builders import actor, forum_in
from tests.forum.helpers import page, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(world):
    return forum_in(world)


def test_an_update_tells_contributors_who_agreed_once_and_appears_on_the_public_page(
    client, world, made, mailoutbox, django_capture_on_commit_callbacks
):
    keen = world.people["other_parent_carer"]  # joined the forum and agreed to be contacted
    quiet = factories.user("Quiet Parent")
    actions.JoinForum(actor(quiet), forum=made.forum, may_contact=False).execute()

    client.force_login(made.coordinator)
    response = client.post(
        reverse("forum:you-said-new"),
        {
            "local_area": world.council.pk,
            "title": "Waiting for speech and language therapy",
            "families_said": "Families wait too long and hear nothing while they wait.",
            "we_will": "Write to every family on the waiting list each month.",
            "owner": "Northmoor Community Health",
            "source_kind": "survey",
            "source_description": "Autumn survey, question 6",
            "workstream": made.workstream.pk,
            "published": "yes",
        },
    )
    item = YouSaidItem.objects.get()
    assert response["Location"] == reverse("forum:you-said-item", args=[item.pk])

    members = ForumMember.objects.filter(user__in=[keen, quiet])
    response = client.post(reverse("forum:you-said-contributors", args=[item.pk]), {"members": [m.pk for m in members]})
    assert response.status_code == 302
    assert {(c.user_id, c.may_contact) for c in YouSaidContributor.objects.all()} == {
        (keen.pk, True),
        (quiet.pk, False),
    }

    # A council officer on one of the area's workstreams posts an update that moves the status on.
    client.force_login(world.people["caseload_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("forum:you-said-update", args=[item.pk]),
            {"text": "The first letters went out this week.", "status": "in_progress"},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1, "only the contributor who agreed to be contacted is told"
    email = mailoutbox[0]
    assert email.to == [keen.email]
    assert "It is now: Under way" in email.body
    assert reverse("forum:you-said-public-item", args=[item.pk]) in email.body
    for personal in (
        keen.full_name,
        quiet.full_name,
        made.coordinator.full_name,
        world.people["caseload_officer"].full_name,
    ):
        assert personal not in email.body and personal not in email.subject
    assert "speech" not in email.body.lower(), "the email says nothing about what they told us"

    # Told once: running the sender again sends nothing; an update with no change of status tells nobody.
    update = item.updates.get()
    assert notify.send_for_update(update.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("forum:you-said-update", args=[item.pk]),
            {"text": "More letters this week.", "status": "in_progress"},
        )
    assert len(mailoutbox) == 1
    assert YouSaidNotification.objects.count() == 1

    # The public page works signed out and shows no personal data.
    public = Client()
    listing = public.get(reverse("forum:you-said-public"))
    assert listing.status_code == 200
    text = words(listing)
    assert "Waiting for speech and language therapy" in text and "Under way" in text
    detail = public.get(reverse("forum:you-said-public-item", args=[item.pk]))
    shown = words(detail)
    assert "The first letters went out this week." in shown and "More letters this week." in shown
    assert "Status changed to: Under way" in shown
    assert "Northmoor Community Health" in shown and "Autumn survey, question 6" in shown
    for response in (listing, detail):
        html = page(response)
        for person in world.people.values():
            assert person.full_name not in html and person.email not in html
        assert "@" not in html.split("<footer")[0].split("</header>")[1]


def test_items_not_published_are_not_public(client, world, made):
    item = actions.CreateYouSaidItem(
        actor(made.coordinator), local_area=world.council, title="Draft item", families_said="Said."
    ).execute()
    public = Client()
    assert "Draft item" not in page(public.get(reverse("forum:you-said-public")))
    assert public.get(reverse("forum:you-said-public-item", args=[item.pk])).status_code == 404
    client.force_login(made.coordinator)
    assert "Draft item" in page(client.get(reverse("forum:you-said-list")))


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(client, world, made):
    client.force_login(world.people["caseload_officer"])
    response = client.post(reverse("forum:you-said-new"), {"title": "Short breaks", "local_area": world.council.pk})
    shown = page(response)
    assert "There is a problem" in shown
    for message in ("Enter what families said", "Select where it came from", "Select yes to show it publicly"):
        assert message in shown
    assert 'value="Short breaks"' in shown


def test_other_apps_create_items_through_the_action(world, made):
    survey_taker = world.people["other_parent_carer"]
    item = actions.CreateYouSaidItem(
        Actor.system("survey import"),
        system=True,
        local_area=world.council,
        title="Transport to college",
        families_said="Families said transport stops at 16.",
        source_kind=SourceKind.SURVEY,
        source_description="Spring survey, question 2",
        source_app="surveys.survey",
        source_id="42",
        contributors=[(survey_taker, True)],
    ).execute()
    assert YouSaidItem.objects.filter(source_app="surveys.survey", source_id="42").get() == item
    assert not item.published
    assert item.contributors.get().may_contact
    assert AuditEvent.objects.filter(object_id=str(item.pk), what="Added a 'you said, we did' item").exists()

    with pytest.raises(Http404):
        actions.CreateYouSaidItem(
            Actor(user=None), local_area=world.council, title="Anonymous", families_said="No."
        ).execute()
    with pytest.raises(Http404):
        actions.CreateYouSaidItem(
            actor(world.people["parent_carer"]), local_area=world.council, title="Rep", families_said="No."
        ).execute()
    other = factories.council("Elsewhere Council")
    with pytest.raises(Http404):
        actions.CreateYouSaidItem(
            actor(made.coordinator), local_area=other, title="Elsewhere", families_said="No."
        ).execute()
