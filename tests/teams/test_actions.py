"""Actions on a child's record: checks, changes and their audit events, in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditEvent
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.teams import actions
from coproduce.teams.models import Child, Invitation, TeamMembership
from coproduce.teams.policy import access_for
from coproduce.teams.selectors import invitation_by_token
from tests import factories

pytestmark = pytest.mark.django_db


def act(world, who):
    user = world.people[who]
    return Actor(user=user, ip_address="192.0.2.1", request_id="test"), access_for(user, world.a)


def details(child, **changes):
    values = {field: getattr(child, field) for field in actions.CHILD_FIELDS} | {"version": child.version}
    return values | changes


def test_inviting_sends_an_email_without_personal_data(world, django_capture_on_commit_callbacks):
    actor, access = act(world, "parent_carer")
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = actions.InviteMember(
            actor, access=access, email="New.Person@Example.org", role="health"
        ).execute()
    assert invitation.email == "new.person@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert token in message.body
    for personal in (world.a.given_name, world.a.family_name, world.people["parent_carer"].full_name):
        assert personal not in message.body and personal not in message.subject
    event = AuditEvent.objects.get(action="invited")
    assert event.child == world.a and event.actor == world.people["parent_carer"]


def test_invitations_are_refused_for_existing_members_and_duplicates(world):
    actor, access = act(world, "case_officer")
    with pytest.raises(ActionRefused, match="already on the team"):
        actions.InviteMember(actor, access=access, email=world.people["health"].email, role="health").execute()
    actions.InviteMember(actor, access=access, email="someone@example.org", role="health").execute()
    with pytest.raises(ActionRefused, match="already been invited"):
        actions.InviteMember(actor, access=access, email="SOMEONE@example.org", role="senco").execute()


def test_only_the_council_adds_a_case_officer(world):
    actor, access = act(world, "parent_carer")
    with pytest.raises(ActionRefused, match="Only the council"):
        actions.InviteMember(actor, access=access, email="x@example.org", role="case_officer").execute()


def test_people_who_may_not_invite_are_told_nothing_exists(world):
    actor, access = act(world, "health")
    with pytest.raises(Http404):
        actions.InviteMember(actor, access=access, email="x@example.org", role="senco").execute()
    assert not Invitation.objects.exists()


def test_accepting_creates_the_account_and_the_membership(world):
    actor, access = act(world, "case_officer")
    invitation, token = actions.InviteMember(actor, access=access, email="new@example.org", role="senco").execute()
    user, accepted = actions.AcceptInvitation(
        Actor(user=None),
        invitation=invitation_by_token(token),
        full_name="New Person",
        password="a long enough passphrase",
    ).execute()
    assert user.check_password("a long enough passphrase")
    membership = TeamMembership.objects.get(child=world.a, user=user)
    assert membership.role == "senco" and membership.added_by == world.people["case_officer"]
    assert accepted.status == "accepted"
    with pytest.raises(ActionRefused, match="can no longer be used"):
        actions.AcceptInvitation(Actor(user=user), invitation=invitation_by_token(token)).execute()


def test_an_invitation_is_for_its_email_address_only(world):
    actor, access = act(world, "case_officer")
    invitation, token = actions.InviteMember(actor, access=access, email="new@example.org", role="senco").execute()
    with pytest.raises(ActionRefused, match="different email"):
        actions.AcceptInvitation(Actor(user=world.people["other_senco"]), invitation=invitation).execute()


def test_expired_and_withdrawn_invitations_cannot_be_used(world):
    actor, access = act(world, "case_officer")
    expired, _ = actions.InviteMember(actor, access=access, email="old@example.org", role="senco").execute()
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    expired.refresh_from_db()
    assert expired.status == "expired"
    with pytest.raises(ActionRefused):
        actions.AcceptInvitation(Actor(user=None), invitation=expired, full_name="x", password="y" * 12).execute()
    withdrawn, _ = actions.InviteMember(actor, access=access, email="w@example.org", role="senco").execute()
    actions.WithdrawInvitation(actor, access=access, invitation=withdrawn).execute()
    assert withdrawn.status == "withdrawn"
    with pytest.raises(ActionRefused):
        actions.AcceptInvitation(Actor(user=None), invitation=withdrawn, full_name="x", password="y" * 12).execute()


def test_removing_a_member_ends_their_access_and_is_audited(world):
    actor, access = act(world, "case_officer")
    actions.RemoveMember(actor, access=access, membership=world.memberships["health"]).execute()
    assert access_for(world.people["health"], world.a) is None
    assert AuditEvent.objects.filter(action="removed", child=world.a).count() == 1
    with pytest.raises(ActionRefused, match="yourself"):
        actions.RemoveMember(actor, access=access, membership=world.memberships["case_officer"]).execute()


def test_officers_create_children_only_for_their_own_council(world):
    officer = world.people["caseload_officer"]
    child = actions.CreateChild(
        Actor(user=officer),
        responsible_council=world.council,
        given_name="New",
        family_name="Child",
        preferred_name="",
        date_of_birth=dt.date(2018, 5, 5),
        setting=None,
        upn="",
        nhs_number="",
    ).execute()
    assert TeamMembership.objects.get(child=child).role == "case_officer"
    assert AuditEvent.objects.filter(child=child, action="created").exists()
    with pytest.raises(ActionRefused, match="your council"):
        actions.CreateChild(
            Actor(user=officer),
            responsible_council=world.other_council,
            given_name="A",
            family_name="B",
            preferred_name="",
            date_of_birth=dt.date(2018, 5, 5),
            setting=None,
            upn="",
            nhs_number="",
        ).execute()


def test_the_second_of_two_clashing_edits_is_refused_and_the_first_kept(world):
    actor, access = act(world, "case_officer")
    first = details(world.a, preferred_name="Lex")
    second = details(world.a, preferred_name="Al")
    actions.UpdateChildDetails(actor, access=access, **first).execute()
    stale = access_for(world.people["case_officer"], Child.objects.get(pk=world.a.pk))
    with pytest.raises(Conflict):
        actions.UpdateChildDetails(actor, access=stale, **second).execute()
    world.a.refresh_from_db()
    assert world.a.preferred_name == "Lex"
    assert world.a.version == 2


def test_a_change_records_what_changed_but_not_the_values(world):
    actor, access = act(world, "case_officer")
    actions.UpdateChildDetails(actor, access=access, **details(world.a, preferred_name="Lex")).execute()
    event = AuditEvent.objects.get(action="changed")
    assert "preferred name" in event.what
    assert "Lex" not in event.what


def test_the_young_person_chooses_their_parents_access(world):
    actor, access = act(world, "young_person")
    actions.ChooseParentsAccess(actor, access=access, choice="none").execute()
    assert access_for(world.people["parent_carer"], world.a) is None
    actions.ChooseParentsAccess(actor, access=access, choice="supporters").execute()
    assert access_for(world.people["parent_carer"], world.a) is not None
    assert AuditEvent.objects.filter(action="access_changed").count() == 2


def test_a_parent_cannot_make_the_young_persons_choice(world):
    actor, access = act(world, "parent_carer")
    with pytest.raises(Http404):
        actions.ChooseParentsAccess(actor, access=access, choice="none").execute()


def test_unknown_councils_cannot_be_chosen_by_a_practitioner(db):
    council = factories.council()
    person = factories.user()
    with pytest.raises(ActionRefused):
        actions.CreateChild(
            Actor(user=person),
            responsible_council=council,
            given_name="A",
            family_name="B",
            preferred_name="",
            date_of_birth=dt.date(2018, 5, 5),
            setting=None,
            upn="",
            nhs_number="",
        ).execute()
