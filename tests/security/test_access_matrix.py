"""Every route × every kind of person × GET and POST, against the access matrix."""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coproduce.audit.context import Actor
from coproduce.teams import actions
from coproduce.teams.policy import access_for
from tests import factories
from tests.conftest import SignedInClient, build_world
from tests.forum.builders import forum_for_matrix
from tests.plans.builders import plan_for_matrix
from tests.progress.builders import progress_for_matrix
from tests.records.builders import records_for_matrix
from tests.security.access_matrix import ACTORS, BAD_REQUEST, LOGIN, MATRIX, NOT_ALLOWED, NOT_FOUND, OK, expected
from tests.surveys.builders import surveys_for_matrix

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


# Tables a refused request may still touch: the session of the person asking, and sign-in bookkeeping.
NOT_DATA = ("django_session", "axes_", "otp_")


def _data() -> dict:
    """Every data table's row count and a checksum of its rows in primary-key order, to show a refused
    request changed nothing. The database itself joins each table's rows into one text in one query,
    instead of sending every row of every table to Python as the backups' manifest does."""
    from django.db import connection

    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        table = model._meta.db_table
        if model._meta.proxy or not model._meta.managed or table.startswith(NOT_DATA):
            continue
        pk = quote(model._meta.pk.column)
        if connection.vendor == "postgresql":
            rows = f"md5(string_agg(t::text, '|' ORDER BY t.{pk}))"  # the digest only, not the rows
            source = f"{quote(table)} t"
        else:  # SQLite: each row as its columns' SQL literals, in key order
            columns = " || ',' || ".join(f"quote({quote(field.column)})" for field in model._meta.concrete_fields)
            rows = "group_concat(r, '|')"
            source = f"(SELECT {columns} AS r FROM {quote(table)} ORDER BY {pk})"
        parts.append(f"SELECT '{table}', count(*), coalesce({rows}, '') FROM {source}")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sorted(set(parts))))
        return {
            table: {"rows": count, "sha256": hashlib.sha256(text.encode()).hexdigest()}
            for table, count, text in cursor.fetchall()
        }


def build_matrix_world() -> tuple:
    """The one world every route and every cell is tried against (each cell rolled back to it), and the
    values for the routes' URLs: every app's matrix builder adds something for its routes to address."""
    world = build_world()
    forum_values = forum_for_matrix(world, full=True)
    factories.user("Amira Hassan", email="amira.hassan@example.org")
    case_officer = world.people["case_officer"]
    invitation, token = actions.InviteMember(
        Actor(user=case_officer),
        access=access_for(case_officer, world.a),
        email="new.person@example.org",
        role="health",
    ).execute()
    values = {
        "child_id": world.a.id,
        "invitation_id": invitation.id,
        "membership_id": world.memberships["health"].id,
        "token": token,
        "slug": "amira",
        "step": "request",
    }
    values |= plan_for_matrix(world)
    values |= forum_values
    values |= progress_for_matrix(world)
    values |= surveys_for_matrix(world)
    values |= records_for_matrix(world)
    values["passkey_id"] = passkey_for_matrix(world.people["parent_carer"]).pk
    return world, values


# Routes whose "item_id" is another kind of item than the plan item the other routes address.
ITEM_FOR_ROUTE = {"plans:download-advice": "advice_id", "plans:view-image": "image_view_id"}


def url_for(route: str, values: dict) -> str:
    values = values | ({"item_id": values[ITEM_FOR_ROUTE[route]]} if route in ITEM_FOR_ROUTE else {})
    return reverse(route, kwargs={name: values[name] for name in routes()[route]})


def passkey_for_matrix(user):
    """A passkey as django-otp-webauthn stores one (the key itself is never used here)."""
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(
        user=user, name="Phone", credential_id=b"matrix-credential", public_key=b"key", confirmed=True
    )


def check_cell(client: SignedInClient, route: str, method: str, actor: str, url: str, world) -> str | None:
    """One person, one method, one route: None if it does what the matrix says, else what went wrong.
    Runs in a savepoint that is rolled back, so every cell starts from the same world; the client starts
    signed out (its cookies cleared), and is reused only to save loading the middleware for every cell."""
    client.cookies.clear()
    cache.clear()
    with transaction.atomic():
        try:
            if actor != "anonymous":
                client.force_login(world.people[actor])
            want = expected(route, method, actor)
            checks_data = want == NOT_FOUND and method == "POST"
            unchanged = _data() if checks_data else None  # after signing in, which itself writes
            response = client.get(url) if method == "GET" else client.post(url, {})
            status = response.status_code
            if checks_data and _data() != unchanged:
                return f"{actor} {method} {url} was refused, yet the data changed"
            if want == OK and not (status == 200 or (status == 302 and "/sign-in/" not in response["Location"])):
                return f"{actor} {method} {url}: wanted the page, got {status}"
            if want == LOGIN and not (status == 302 and response["Location"].startswith(reverse("accounts:sign-in"))):
                return f"{actor} {method} {url}: wanted a redirect to sign in, got {status}"
            if want == NOT_FOUND and status != 404:
                return f"{actor} {method} {url}: wanted 404, got {status}"
            if want == BAD_REQUEST and status != 400:
                return f"{actor} {method} {url}: wanted 400, got {status}"
            if want == NOT_ALLOWED and status != 405:
                return f"{actor} {method} {url}: wanted 405, got {status}"
            return None
        finally:
            transaction.set_rollback(True)


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_access_matrix(matrix_world, route):
    """Every kind of person, GET and POST, on one route."""
    world, values = matrix_world
    url = url_for(route, values)
    client = SignedInClient()
    problems = [
        problem
        for method in ("GET", "POST")
        for actor in ACTORS
        if (problem := check_cell(client, route, method, actor, url, world)) is not None
    ]
    assert not problems, "\n".join(problems)
