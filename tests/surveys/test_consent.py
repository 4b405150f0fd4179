"""Consent to talk: asked apart from the answers, kept apart, withdrawn with a link, listed for the coordinator."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.surveys.models import ContactConsent
from tests.surveys.helpers import url, words

pytestmark = pytest.mark.django_db


def _agree(client, survey, **fields):
    data = {"name": "Sam Taylor", "email": "sam@example.org", "phone": "", "way": "video", "agree": "on", "website": ""}
    return client.post(url("talk", survey), data | fields)


def test_consent_is_asked_separately_and_kept_apart(client, branching, django_capture_on_commit_callbacks, mailoutbox):
    survey, _ = branching
    with django_capture_on_commit_callbacks(execute=True):
        response = _agree(client, survey)
    assert response["Location"] == url("talk-done", survey)
    consent = ContactConsent.objects.get()
    assert (consent.name, consent.email, consent.way) == ("Sam Taylor", "sam@example.org", "video")
    # The confirmation email carries the withdrawal link, and nothing about any answers.
    [mail] = mailoutbox
    link = re.search(r"http\S+/surveys/withdraw/\S+/", mail.body).group(0)
    assert "Sam" not in mail.body
    page = client.get(url("talk-done", survey))
    assert "/surveys/withdraw/" in words(page)
    # Recorded without the person's address.
    event = AuditEvent.objects.get(object_type="contactconsent")
    assert event.ip_address is None and event.actor is None

    # Withdrawing with the link, from anywhere, deletes the details.
    path = link.split("testserver")[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    stranger = Client()
    assert "Withdraw your agreement" in words(stranger.get(path))
    response = stranger.post(path)
    assert "You have withdrawn" in words(response)
    consent.refresh_from_db()
    assert consent.withdrawn_on is not None and (consent.name, consent.email, consent.phone) == ("", "", "")
    assert "You have already withdrawn" in words(stranger.get(path))


def test_a_way_to_contact_them_is_needed(client, branching):
    survey, _ = branching
    response = _agree(client, survey, email="", phone="")
    assert "Enter an email address or a phone number so that we can contact you" in words(response)
    response = _agree(client, survey, email="", phone="12")
    assert "Enter a phone number, like 01632 960 001" in words(response)
    response = _agree(client, survey, agree="")
    assert "Select the box to say you are happy to be contacted" in words(response)
    assert not ContactConsent.objects.exists()


def test_a_forged_withdrawal_link_is_not_found(client):
    assert client.get(reverse("surveys:withdraw", kwargs={"withdraw_token": "not-a-token"})).status_code == 404


def test_the_coordinator_sees_the_contact_list_and_looking_is_audited(client, world, area, branching):
    survey, _ = branching
    _agree(Client(), survey)
    _agree(Client(), survey, name="Withdrawn person", email="gone@example.org")
    gone = ContactConsent.objects.get(name="Withdrawn person")
    from coproduce.audit.context import Actor
    from coproduce.surveys import actions

    actions.WithdrawConsent(Actor(user=None), consent=gone).execute()
    client.force_login(area.coordinator)
    page = words(client.get(reverse("surveys:contacts")))
    assert "Sam Taylor" in page and "sam@example.org" in page and "Withdrawn person" not in page
    assert AuditEvent.objects.filter(actor=area.coordinator, what__startswith="Looked at the list of people").exists()
    download = client.get(reverse("surveys:contacts-download"))
    assert "sam@example.org" in download.content.decode()
    assert AuditEvent.objects.filter(actor=area.coordinator, action="downloaded").exists()
    # A council officer who builds surveys does not see who is happy to talk.
    officer = world.people["caseload_officer"]
    from tests.surveys.builders import on_board

    on_board(area, officer)
    client.force_login(officer)
    assert client.get(reverse("surveys:contacts")).status_code == 404
