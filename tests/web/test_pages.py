"""Pages as each person sees them, bad input handled, and query counts that do not grow with data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.teams.models import Child
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:sign-in")


def test_a_parent_sees_a_card_for_their_child(client, world):
    client.force_login(world.people["parent_carer"])
    page = client.get("/").content.decode()
    assert "Alex Able" in page
    assert "Billie Baker" not in page
    assert "The children and young people you support" not in page


def test_a_practitioner_sees_the_children_they_support(client, world):
    client.force_login(world.people["health"])
    page = client.get("/").content.decode()
    assert "The children and young people you support" in page
    assert "Alex Able" in page and "Billie Baker" not in page


def test_the_child_page_shows_the_school_year_from_the_date_of_birth(client, world):
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("teams:child", args=[world.a.id])).content.decode()
    expected = world.a.year_group()
    assert f"Year {expected}" in page
    assert "makes their own decisions about their plan" in page


def _home_queries(client, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_does_not_make_more_queries_with_more_children(client, world):
    officer = world.people["caseload_officer"]
    client.force_login(officer)
    few = _home_queries(client, officer)
    for _ in range(25):
        child = factories.child(world.council)
        factories.member(child, factories.user(), "parent_carer")
    many = _home_queries(client, officer)
    assert many == few


def test_the_team_page_does_not_make_more_queries_with_a_bigger_team(client, world):
    client.force_login(world.people["case_officer"])
    url = reverse("teams:team", args=[world.a.id])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        factories.member(world.a, factories.user(), "health", organisation=factories.organisation())
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_adding_a_child_with_bad_input_explains_each_problem_and_keeps_what_was_typed(client, world):
    client.force_login(world.people["caseload_officer"])
    response = client.post(
        reverse("teams:add-child"),
        {
            "given_name": "",
            "family_name": "Ng",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "2019",
            "responsible_council": world.council.id,
            "upn": "A12",
            "nhs_number": "123",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter their first name" in page
    assert "Date of birth must be a real date" in page
    assert "A UPN is 13 characters long" in page
    assert "An NHS number is 10 numbers" in page
    assert 'value="Ng"' in page and 'value="31"' in page
    assert not Child.objects.filter(family_name="Ng").exists()


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of birth"),
        ("12", "", "2019", "Date of birth must include a month"),
        ("1", "1", "19", "Date of birth must be a real date"),
        ("1", "1", "2099", "Date of birth must be today or in the past"),
    ],
)
def test_dates_are_explained_precisely(client, world, day, month, year, message):
    client.force_login(world.people["caseload_officer"])
    response = client.post(
        reverse("teams:add-child"),
        {
            "given_name": "A",
            "family_name": "B",
            "date_of_birth_0": day,
            "date_of_birth_1": month,
            "date_of_birth_2": year,
            "responsible_council": world.council.id,
        },
    )
    assert message in response.content.decode()


def test_adding_a_child_makes_the_officer_their_case_officer(client, world):
    client.force_login(world.people["caseload_officer"])
    response = client.post(
        reverse("teams:add-child"),
        {
            "given_name": "Sam",
            "family_name": "Ng",
            "date_of_birth_0": "14",
            "date_of_birth_1": "5",
            "date_of_birth_2": "2019",
            "responsible_council": world.council.id,
            "upn": "",
            "nhs_number": "943 476 5919",
        },
    )
    child = Child.objects.get(family_name="Ng")
    assert response["Location"] == reverse("teams:child", args=[child.id])
    assert child.nhs_number == "9434765919"
    page = client.get(response["Location"]).content.decode()
    assert "You added Sam Ng" in page
    assert "943 476 5919" in page


def test_a_clashing_edit_shows_both_versions_and_loses_nothing(client, world):
    client.force_login(world.people["case_officer"])
    url = reverse("teams:edit-details", args=[world.a.id])
    form = {
        "given_name": "Alex",
        "family_name": "Able",
        "date_of_birth_0": "15",
        "date_of_birth_1": "1",
        "date_of_birth_2": "2009",
        "version": "1",
        "upn": "",
        "nhs_number": "",
    }
    assert client.post(url, form | {"preferred_name": "Lex"}).status_code == 302
    response = client.post(url, form | {"preferred_name": "Al"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed these details" in page
    assert 'value="Al"' in page, "the second person's typing is kept"
    assert "These are the details now saved" in page
    world.a.refresh_from_db()
    assert world.a.preferred_name == "Lex"
    # Saving again, having seen the other change, works.
    assert client.post(url, form | {"preferred_name": "Al", "version": "2"}).status_code == 302
    world.a.refresh_from_db()
    assert world.a.preferred_name == "Al"


def test_accepting_an_invitation_with_a_weak_password_says_why(client, world):
    from coproduce.audit.context import Actor
    from coproduce.teams.actions import InviteMember
    from coproduce.teams.policy import access_for

    officer = world.people["case_officer"]
    _, token = InviteMember(
        Actor(user=officer), access=access_for(officer, world.a), email="n@example.org", role="health"
    ).execute()
    url = reverse("teams:invitation", args=[token])
    page = client.get(url).content.decode()
    assert "Join the team around Alex" in page
    short = client.post(url, {"full_name": "Nia", "password": "short"}).content.decode()
    assert "Your password must be at least 12 characters long" in short
    common = client.post(url, {"full_name": "Nia", "password": "password1234"}).content.decode()
    assert "too easy to guess" in common
    done = client.post(url, {"full_name": "Nia Jones", "password": "kettle river garden blue"})
    assert done["Location"] == reverse("teams:child", args=[world.a.id])
    # A practitioner's first stop after joining is setting up two-step sign-in.
    assert client.get(done["Location"])["Location"].startswith(reverse("accounts:two-step-set-up"))
    client.logout()
    assert "This invitation has already been accepted" in client.get(url).content.decode()


def test_an_unknown_invitation_link_is_not_found(client):
    assert client.get(reverse("teams:invitation", args=["not-a-real-token"])).status_code == 404


def test_health_check(client):
    assert client.get("/health/").json() == {"status": "ok"}


def test_dates_read_in_words():
    from coproduce.web.templatetags.govuk import govuk_date, govuk_datetime

    assert govuk_date(dt.date(2025, 2, 17)) == "Monday 17 February 2025"
    from django.utils import timezone

    moment = timezone.make_aware(dt.datetime(2025, 2, 17, 14, 5))
    assert govuk_datetime(moment) == "17 February 2025 at 2:05pm"
    assert govuk_datetime(timezone.make_aware(dt.datetime(2025, 2, 17, 12, 0))) == "17 February 2025 at midday"


def test_liveness_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_readiness_says_unavailable_when_the_database_is_down(rf, monkeypatch):
    from coproduce.web import views

    class Down:
        def cursor(self):
            raise ConnectionError("database down")

    monkeypatch.setattr(views, "connection", Down())
    response = views.readyz(rf.get("/readyz"))
    assert response.status_code == 503
