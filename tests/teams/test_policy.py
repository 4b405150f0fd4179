"""The one access policy: who sees which child's record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coproduce.teams.models import ParentsAccess
from coproduce.teams.policy import Permission, access_for, children_visible_to
from tests import factories

pytestmark = pytest.mark.django_db


def test_team_members_see_their_child_and_nobody_else_does(world):
    for role in ("parent_carer", "senco", "health", "iass_adviser"):
        assert list(children_visible_to(world.people[role])) == [world.a]
        assert access_for(world.people[role], world.b) is None
    assert list(children_visible_to(world.people["other_senco"])) == [world.b]
    assert children_visible_to(world.people["no_team"]).count() == 0


def test_council_officers_with_caseload_access_see_the_whole_council_only(world):
    assert set(children_visible_to(world.people["caseload_officer"])) == {world.a, world.b}
    assert children_visible_to(world.people["other_council_officer"]).count() == 0
    assert access_for(world.people["other_council_officer"], world.a) is None


def test_officers_without_caseload_access_see_nothing_by_their_post_alone(world):
    assert children_visible_to(world.people["audit_officer"]).count() == 0


def test_leaving_the_team_ends_access(world):
    membership = world.memberships["health"]
    membership.left_at = timezone.now() - dt.timedelta(seconds=1)
    membership.save()
    assert access_for(world.people["health"], world.a) is None
    assert children_visible_to(world.people["health"]).count() == 0


def test_a_young_person_can_stop_their_parents_seeing_their_plan(world):
    parent = world.people["parent_carer"]
    assert world.a.is_young_person()
    world.a.parents_access = ParentsAccess.NONE
    world.a.save()
    assert access_for(parent, world.a) is None
    assert children_visible_to(parent).count() == 0
    # The young person and the practitioners keep their access.
    assert access_for(world.people["young_person"], world.a) is not None
    assert access_for(world.people["senco"], world.a) is not None


def test_the_parents_choice_only_applies_once_the_child_is_a_young_person(world):
    parent = world.people["other_parent_carer"]
    world.b.parents_access = ParentsAccess.NONE  # b is 11: the choice is not theirs yet
    world.b.save()
    assert access_for(parent, world.b) is not None


def test_deactivated_people_see_nothing(world):
    parent = world.people["parent_carer"]
    parent.is_active = False
    parent.save()
    assert children_visible_to(parent).count() == 0
    assert access_for(parent, world.a) is None


P = Permission
MEMBER = {P.VIEW, P.CONTRIBUTE}
FAMILY = MEMBER | {P.VIEW_HISTORY, P.INVITE}
OFFICER = FAMILY | {P.REMOVE_MEMBER, P.EDIT_DETAILS, P.MANAGE_PLAN, P.RECORD_STEP, P.RECORD_DELIVERY, P.MANAGE_REVIEW}
# Progress: everyone on the team rates; practitioners and officers record delivery, the family does not.
RATES = {P.RATE_PROGRESS}
PRACTITIONER = MEMBER | RATES | {P.RECORD_DELIVERY}
# Information rights: the family asks for a copy of what is held; officers with the caseload produce it.
ASKS = {P.REQUEST_RECORDS}
PRODUCES = {P.PRODUCE_RECORDS}


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("parent_carer", FAMILY | RATES | ASKS),
        ("young_person", FAMILY | RATES | ASKS | {P.CHOOSE_PARENTS_ACCESS}),
        ("case_officer", OFFICER | RATES),
        ("caseload_officer", OFFICER | PRODUCES),
        ("senco", PRACTITIONER | {P.INVITE}),
        ("health", PRACTITIONER),
        ("social_worker", PRACTITIONER),
        ("iass_adviser", MEMBER | RATES),
        ("educational_psychologist", PRACTITIONER),
    ],
)
def test_what_each_role_may_do(world, actor, allowed):
    access = access_for(world.people[actor], world.a)
    assert {permission for permission in Permission if access.can(permission)} == allowed


def test_a_child_under_16_cannot_yet_choose_for_their_parents(db):
    council = factories.council()
    child = factories.child(council, dob=dt.date(2014, 1, 1))
    person = factories.user()
    factories.member(child, person, "young_person")
    assert not access_for(person, child).can(Permission.CHOOSE_PARENTS_ACCESS)
