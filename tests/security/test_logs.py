"""Nothing personal in the logs: names, email addresses, passwords, session keys and a sentinel typed into
the plan never appear in anything logged while people use Coproduce, including when a page fails."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from coproduce.demo.personas import DEMO_PASSWORD, PERSONAS
from tests.plans.builders import linked_plan

pytestmark = pytest.mark.django_db
SENTINEL = "Zebra-Sentinel-4471 finds loud rooms hard"


def test_using_coproduce_logs_no_personal_data(caplog, world, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    linked_plan(world)
    client = Client()
    client.post("/sign-in/", {"email": world.people["parent_carer"].email, "password": "wrong password entirely"})
    client.post("/sign-in/", {"email": world.people["parent_carer"].email, "password": "correct horse battery staple"})
    session_key = client.session.session_key
    for url in (
        "/",
        reverse("teams:child", args=[world.a.id]),
        reverse("plans:plan", args=[world.a.id]),
        reverse("plans:section", args=[world.a.id, "B"]),
        reverse("teams:history", args=[world.a.id]),
    ):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("teams:invite", args=[world.a.id]), {"email": "new.person@example.org", "role": "senco"})
        client.post(
            reverse("plans:add-item", args=[world.a.id, "A", "view"]),
            {"whose": "parent", "topic": "important", "text": SENTINEL, "method": "own_words"},
        )
    client.raise_request_exception = False
    client.get(reverse("teams:child", args=["00000000-0000-0000-0000-000000000000"]))
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    secrets = [
        SENTINEL,
        world.a.given_name,
        world.a.family_name,
        world.people["parent_carer"].full_name,
        world.people["parent_carer"].email,
        "correct horse battery staple",
        "wrong password entirely",
        session_key,
        "new.person@example.org",
    ]
    secrets += [p.full_name for p in PERSONAS] + [p.email for p in PERSONAS] + [DEMO_PASSWORD]
    leaked = [secret for secret in secrets if secret and secret in logged]
    assert leaked == []
    assert mail.outbox, "the invitation was sent (and its email is checked elsewhere)"
