from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.test import Client

from coproduce.teams.models import TeamRole
from tests import factories


@dataclass
class World:
    """Two teams in one council and a second council: enough to test who sees what.

    ``a`` is a young person (17) whose team has one person in every team role; ``b`` has the same roles
    filled by other people. ``people`` maps an actor name to a user.
    """

    council: object
    other_council: object
    a: object
    b: object
    people: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)


TEAM_ROLES = [role.value for role in TeamRole]


def build_world() -> World:
    council = factories.council("Northmoor Council")
    other = factories.council("Southfield Council")
    a = factories.child(council, dob=dt.date(2009, 1, 15), given_name="Alex", family_name="Able")
    b = factories.child(council, dob=dt.date(2015, 6, 1), given_name="Billie", family_name="Baker")
    world = World(council=council, other_council=other, a=a, b=b)
    for role in TEAM_ROLES:
        person = factories.user(f"A {role}")
        world.people[role] = person
        world.memberships[role] = factories.member(a, person, role)
        outsider = factories.user(f"B {role}")
        world.people[f"other_{role}"] = outsider
        factories.member(b, outsider, role)
    world.people["caseload_officer"] = factories.officer(council, name="Council Officer")
    world.people["audit_officer"] = factories.officer(council, audit=True, caseload=False, name="Audit Officer")
    world.people["other_council_officer"] = factories.officer(other, name="Other Council Officer")
    world.people["no_team"] = factories.user("Nobody Special")
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


class SignedInClient(Client):
    """A test client whose ``force_login`` also completes the second step of signing in, as a person who
    has set up two-step sign-in would. Tests of two-step sign-in itself use Django's plain client."""

    def force_login(self, user, backend="coproduce.accounts.backends.EmailBackend"):
        super().force_login(user, backend)
        complete_second_step(self, user)


def complete_second_step(client: Client, user) -> None:
    """Mark the client's session as having passed two-step sign-in, with a device made for the test."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Test sign-in", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client() -> SignedInClient:
    return SignedInClient()
