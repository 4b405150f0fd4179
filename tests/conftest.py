from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

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
