"""The demo council: loads once, loads again without duplicates, and exists only in demo mode."""

from __future__ import annotations

import importlib

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from coproduce.accounts.models import Organisation, User
from coproduce.demo.personas import CHILDREN, PERSONAS
from coproduce.teams.models import Child, TeamMembership

pytestmark = pytest.mark.django_db


def counts():
    return (Organisation.objects.count(), User.objects.count(), Child.objects.count(), TeamMembership.objects.count())


def test_demo_data_loads_and_loading_again_changes_nothing():
    call_command("demo_data", verbosity=0)
    first = counts()
    assert first == (8, len(PERSONAS), len(CHILDREN), sum(len(c.team) for c in CHILDREN))
    call_command("demo_data", verbosity=0)
    assert counts() == first


def test_the_families_are_at_different_stages():
    call_command("demo_data", verbosity=0)
    stages = {child.given_name: child.stage for child in Child.objects.all()}
    assert stages == {"Yusuf": "request", "Leonardo": "draft", "Grace": "review", "Jordan": "plan"}
    assert Child.objects.get(given_name="Jordan").is_young_person()


def test_a_persona_signs_in_with_one_click(client):
    call_command("demo_data", verbosity=0)
    page = client.get(reverse("demo:personas")).content.decode()
    for persona in PERSONAS:
        assert persona.full_name in page
    response = client.post(reverse("demo:sign-in-as", args=["sarah"]))
    assert response.status_code == 302
    assert "Leo Clarke" in client.get("/").content.decode()


def test_outside_demo_mode_the_persona_pages_do_not_exist(client):
    import coproduce.config.urls as urls

    try:
        with override_settings(DEMO_MODE=False):
            importlib.reload(urls)
            clear_url_caches()
            with pytest.raises(NoReverseMatch):
                reverse("demo:personas")
            assert client.get("/demo/").status_code == 404
            assert client.post("/demo/sign-in/sarah/").status_code == 404
            assert "demo people" not in client.get("/sign-in/").content.decode()
    finally:
        importlib.reload(urls)
        clear_url_caches()


def test_demo_practitioners_sign_in_with_one_click_including_the_second_step():
    from django.test import Client

    call_command("demo_data", verbosity=0)
    client = Client()
    client.post(reverse("demo:sign-in-as", args=["olivia"]))
    assert client.get("/").status_code == 200
    assert "Leo Clarke" in client.get("/").content.decode()
