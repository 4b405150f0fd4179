"""The audit trail: every view and change recorded with its data, never changed or deleted."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent, AuditImmutable
from coproduce.audit.record import AuditOutsideTransaction, record
from coproduce.teams.models import Invitation

pytestmark = pytest.mark.django_db


def test_each_view_of_a_childs_page_writes_exactly_one_event(client, world):
    client.force_login(world.people["senco"])
    response = client.get(reverse("teams:child", args=[world.a.id]), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.VIEWED
    assert event.actor == world.people["senco"]
    assert event.child == world.a
    assert event.ip_address == "198.51.100.7"
    assert event.request_id == response["X-Request-Id"]
    assert event.actor_role == "SENCo or teacher"


def test_a_refused_view_writes_no_event_and_says_not_found(client, world):
    client.force_login(world.people["other_senco"])
    assert client.get(reverse("teams:child", args=[world.a.id])).status_code == 404
    assert not AuditEvent.objects.exists()


def test_if_the_event_cannot_be_written_the_record_is_not_shown(client, world):
    client.force_login(world.people["senco"])
    client.raise_request_exception = False
    with mock.patch.object(AuditEvent.objects, "create", side_effect=DatabaseError("audit table unavailable")):
        response = client.get(reverse("teams:child", args=[world.a.id]))
    assert response.status_code == 500
    assert world.a.family_name not in response.content.decode()


def test_if_the_event_cannot_be_written_nothing_is_saved(client, world):
    client.force_login(world.people["case_officer"])
    client.raise_request_exception = False
    url = reverse("teams:invite", args=[world.a.id])
    real_create = AuditEvent.objects.create

    def fail_on_invite(**fields):
        if fields["action"] == AuditAction.INVITED:
            raise DatabaseError("audit table unavailable")
        return real_create(**fields)

    with mock.patch.object(AuditEvent.objects, "create", side_effect=fail_on_invite):
        response = client.post(url, {"email": "someone@example.org", "role": "health"})
    assert response.status_code == 500
    assert not Invitation.objects.exists()


def test_events_are_written_only_inside_a_transaction(world):
    # Django's test case wraps each test in a transaction; outside one, recording refuses.
    with mock.patch.object(transaction, "get_connection") as get_connection:
        get_connection.return_value.in_atomic_block = False
        with pytest.raises(AuditOutsideTransaction):
            record(Actor(user=None), AuditAction.VIEWED, what="x")


def test_the_application_cannot_change_or_delete_events(world):
    with transaction.atomic():
        event = record(Actor(user=world.people["senco"]), AuditAction.VIEWED, child=world.a, what="Overview")
    event.what = "something else"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(what="x")
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.all().delete()


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET what = 'x'", "DELETE FROM audit_auditevent"])
def test_the_database_refuses_to_change_or_delete_events(world, statement):
    with transaction.atomic():
        record(Actor(user=world.people["senco"]), AuditAction.VIEWED, child=world.a, what="Overview")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.get().what == "Overview"


def test_the_family_sees_who_has_looked_at_their_childs_record(client, world):
    client.force_login(world.people["health"])
    client.get(reverse("teams:child", args=[world.a.id]))
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("teams:history", args=[world.a.id])).content.decode()
    assert world.people["health"].full_name in page
    assert "Health practitioner" in page
    assert "Looked at: Overview" in page


def test_audit_officers_search_by_person_record_and_date(client, world):
    client.force_login(world.people["health"])
    client.get(reverse("teams:child", args=[world.a.id]))
    client.force_login(world.people["other_senco"])
    client.get(reverse("teams:child", args=[world.b.id]))
    client.force_login(world.people["audit_officer"])
    url = reverse("audit:search")
    by_person = client.post(url, {"person": world.people["health"].full_name}).context["events"]
    assert [e.actor for e in by_person] == [world.people["health"]]
    by_child = client.post(url, {"child": world.b.family_name}).context["events"]
    assert [e.child for e in by_child] == [world.b]
    from django.utils import timezone

    today = timezone.localdate()
    dated = client.post(url, {"date_from_0": today.day, "date_from_1": today.month, "date_from_2": today.year})
    assert len(dated.context["events"]) == 2
    assert AuditEvent.objects.filter(action=AuditAction.SEARCHED, actor=world.people["audit_officer"]).count() == 3


def test_audit_search_never_reaches_another_councils_records(client, world):
    from tests import factories

    other_child = factories.child(world.other_council)
    other_member = factories.user()
    factories.member(other_child, other_member, "senco")
    client.force_login(other_member)
    client.get(reverse("teams:child", args=[other_child.id]))
    client.force_login(world.people["audit_officer"])
    events = client.post(reverse("audit:search"), {"person": other_member.full_name}).context["events"]
    assert events == []


def test_a_bad_date_range_is_explained(client, world):
    client.force_login(world.people["audit_officer"])
    response = client.post(
        reverse("audit:search"),
        {
            "date_from_0": "10",
            "date_from_1": "10",
            "date_from_2": "2026",
            "date_to_0": "1",
            "date_to_1": "10",
            "date_to_2": "2026",
        },
    )
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in response.content.decode()
    assert response.context["events"] is None
