"""Signing in and out, and how long a session lasts."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests import factories
from tests.conftest import complete_second_step

pytestmark = pytest.mark.django_db
SIGN_IN = "/sign-in/"


def test_signing_in_starts_a_new_session_and_goes_home(client):
    person = factories.user(email="parent@example.org")
    client.get(SIGN_IN)
    before = client.session.session_key
    response = client.post(SIGN_IN, {"email": "Parent@Example.org", "password": factories.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session.session_key != before
    assert client.get("/").context["user"] == person


def test_wrong_password_and_unknown_account_read_the_same(client):
    factories.user(email="parent@example.org")
    wrong = client.post(SIGN_IN, {"email": "parent@example.org", "password": "not the password at all"})
    unknown = client.post(SIGN_IN, {"email": "nobody@example.org", "password": "not the password at all"})
    for response in (wrong, unknown):
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page
        assert "The email address or password is not right" in page
    assert wrong.status_code == unknown.status_code
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()


def test_empty_sign_in_names_each_missing_field_and_keeps_the_email(client):
    page = client.post(SIGN_IN, {"email": "parent@example.org", "password": ""}).content.decode()
    assert "Enter your password" in page
    assert 'value="parent@example.org"' in page
    page = client.post(SIGN_IN, {"email": "", "password": ""}).content.decode()
    assert "Enter your email address" in page
    assert 'href="#id_email"' in page


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "http:evil"])
def test_sign_in_never_redirects_off_site(client, target):
    factories.user(email="parent@example.org")
    response = client.post(f"{SIGN_IN}?next={target}", {"email": "parent@example.org", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_in_follows_a_path_on_this_site(client):
    factories.user(email="parent@example.org")
    response = client.post(
        f"{SIGN_IN}?next=/accessibility/", {"email": "parent@example.org", "password": factories.PASSWORD}
    )
    assert response["Location"] == "/accessibility/"


def test_signing_out_ends_the_session_at_once(client):
    person = factories.user()
    client.force_login(person)
    cookie = client.cookies["coproduce_session"].value
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    client.cookies["coproduce_session"] = cookie
    assert client.get("/").status_code == 302


def test_deactivating_someone_ends_their_sessions(client):
    person = factories.user()
    client.force_login(person)
    assert client.get("/").status_code == 200
    person.is_active = False
    person.save()
    assert client.get("/")["Location"].startswith(SIGN_IN)


def _age_session(client, *, idle: int = 0, signed_in: int = 0):
    session = client.session
    now = int(time.time())
    session[SIGNED_IN_AT] = now - signed_in
    session[LAST_SEEN_AT] = now - idle
    session.save()


def test_practitioners_are_signed_out_after_30_minutes_idle(client, world):
    client.post(SIGN_IN, {"email": world.people["caseload_officer"].email, "password": factories.PASSWORD})
    complete_second_step(client, world.people["caseload_officer"])
    _age_session(client, idle=29 * 60)
    assert client.get("/").status_code == 200
    _age_session(client, idle=31 * 60)
    response = client.get("/")
    assert response.status_code == 302
    assert "signed out because you had not done anything" in client.get(SIGN_IN).content.decode()


def test_families_are_not_timed_out_after_30_minutes(client, world):
    client.post(SIGN_IN, {"email": world.people["parent_carer"].email, "password": factories.PASSWORD})
    _age_session(client, idle=45 * 60)
    assert client.get("/").status_code == 200


def test_nobody_stays_signed_in_for_more_than_12_hours(client, world):
    client.post(SIGN_IN, {"email": world.people["parent_carer"].email, "password": factories.PASSWORD})
    _age_session(client, signed_in=12 * 60 * 60 + 1)
    assert client.get("/").status_code == 302


def test_session_cookies_are_http_only_and_same_site(client):
    factories.user(email="parent@example.org")
    response = client.post(SIGN_IN, {"email": "parent@example.org", "password": factories.PASSWORD})
    cookie = response.cookies["coproduce_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_account_lookup_ignores_case_and_compares_lower_cased_email_to_use_the_index():
    person = factories.user(email="carer@example.org")
    users = get_user_model()._default_manager
    with CaptureQueriesContext(connection) as queries:
        assert users.get_by_natural_key("  CARER@Example.ORG ") == person
    sql = queries.captured_queries[-1]["sql"].lower()
    assert "lower(" in sql and "upper(" not in sql
    with pytest.raises(get_user_model().DoesNotExist):
        users.get_by_natural_key("someone-else@example.org")
