"""Every route × every kind of person × GET and POST, against the access matrix."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coproduce.audit.context import Actor
from coproduce.teams import actions
from coproduce.teams.policy import access_for
from tests import factories
from tests.conftest import build_world
from tests.forum.builders import forum_for_matrix
from tests.plans.builders import plan_for_matrix
from tests.security.access_matrix import ACTORS, LOGIN, MATRIX, NOT_ALLOWED, NOT_FOUND, OK, expected

pytestmark = pytest.mark.django_db


def routes(patterns=None, namespace: str = "", params: frozenset = frozenset()) -> dict[str, frozenset]:
    """Every named route in the URL configuration, with the names of its URL parameters."""
    found: dict[str, frozenset] = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        names = params | frozenset(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= routes(pattern.url_patterns, inner, names)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"Every route needs a name so the access matrix can cover it: {pattern}"
            found[f"{namespace}{pattern.name}"] = names
    return found


def test_every_route_is_in_the_matrix_and_nothing_else():
    assert set(routes()) - set(MATRIX) == set(), "Add these routes to tests/security/access_matrix.py"
    assert set(MATRIX) - set(routes()) == set(), "These matrix entries have no route any more"


CELLS = [(route, method, actor) for route in sorted(MATRIX) for method in ("GET", "POST") for actor in ACTORS]


@pytest.mark.parametrize(("route", "method", "actor"), CELLS, ids=["-".join(cell) for cell in CELLS])
def test_access_matrix(client, route, method, actor):
    world = build_world()
    forum_values = forum_for_matrix(world, full=route.startswith("forum:"))
    factories.user("Amira Hassan", email="amira.hassan@example.org")
    case_officer = world.people["case_officer"]
    invitation, token = actions.InviteMember(
        Actor(user=case_officer),
        access=access_for(case_officer, world.a),
        email="new.person@example.org",
        role="health",
    ).execute()
    if actor != "anonymous":
        client.force_login(world.people[actor])
    values = {
        "child_id": world.a.id,
        "invitation_id": invitation.id,
        "membership_id": world.memberships["health"].id,
        "token": token,
        "slug": "amira",
        "step": "request",
    }
    plan_values = plan_for_matrix(world)
    values |= plan_values
    values |= forum_values
    if route == "plans:download-advice":
        values["item_id"] = plan_values["advice_id"]
    url = reverse(route, kwargs={name: values[name] for name in routes()[route]})
    response = client.get(url) if method == "GET" else client.post(url, {})
    want = expected(route, method, actor)
    status = response.status_code
    if want == OK:
        assert status == 200 or (status == 302 and "/sign-in/" not in response["Location"]), (
            f"{actor} {method} {url}: wanted the page, got {status}"
        )
    elif want == LOGIN:
        assert status == 302 and response["Location"].startswith(reverse("accounts:sign-in")), (
            f"{actor} {method} {url}: wanted a redirect to sign in, got {status}"
        )
    elif want == NOT_FOUND:
        assert status == 404, f"{actor} {method} {url}: wanted 404, got {status}"
    elif want == NOT_ALLOWED:
        assert status == 405, f"{actor} {method} {url}: wanted 405, got {status}"
