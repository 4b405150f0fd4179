"""Small builders for test data. Each returns saved objects with sensible defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from coproduce.accounts.models import Organisation, OrganisationKind, StaffPosition, User
from coproduce.teams.models import INVITING_ROLES, Child, TeamMembership

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


def organisation(name: str | None = None, kind: str = OrganisationKind.LOCAL_AUTHORITY, local_area=None):
    return Organisation.objects.create(name=name or f"Organisation {next(_counter)}", kind=kind, local_area=local_area)


def council(name: str | None = None) -> Organisation:
    return organisation(name or f"Council {next(_counter)}", OrganisationKind.LOCAL_AUTHORITY)


def user(name: str | None = None, email: str | None = None, **fields) -> User:
    n = next(_counter)
    return User.objects.create_user(
        email=email or f"person{n}@example.org", password=PASSWORD, full_name=name or f"Person {n}", **fields
    )


def officer(council_org: Organisation, *, audit: bool = False, caseload: bool = True, name: str | None = None) -> User:
    person = user(name)
    StaffPosition.objects.create(
        user=person,
        organisation=council_org,
        job_title="SEN case officer",
        caseload_access=caseload,
        audit_access=audit,
    )
    return person


def child(council_org: Organisation, *, dob: dt.date = dt.date(2016, 3, 1), **fields) -> Child:
    n = next(_counter)
    defaults = {"given_name": f"Child{n}", "family_name": f"Family{n}", "date_of_birth": dob}
    return Child.objects.create(responsible_council=council_org, **(defaults | fields))


def member(child_obj: Child, person: User, role: str, **fields) -> TeamMembership:
    fields.setdefault("can_invite", role in INVITING_ROLES)
    return TeamMembership.objects.create(child=child_obj, user=person, role=role, **fields)
