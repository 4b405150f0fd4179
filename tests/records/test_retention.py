"""Retention: records past the council's rule are listed for review; a legal hold blocks disposal;
disposal removes the child's personal data, keeps the audit trail and leaves a tombstone."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.core.actions import ActionRefused
from coproduce.plans.models import Advice, Plan
from coproduce.records import actions
from coproduce.records.exports import held_about
from coproduce.records.models import DisposedRecord, LegalHold
from coproduce.records.selectors import due_for_disposal
from coproduce.rules import retention
from coproduce.teams.models import Child, TeamMembership
from tests import factories
from tests.plans.builders import plan_for_matrix
from tests.progress.builders import progress_for_matrix
from tests.records.builders import ask, decide_all, produce, release

pytestmark = pytest.mark.django_db


def _governor(world):
    return Actor(user=world.people["audit_officer"], ip_address="192.0.2.1", request_id="test")


def _make_due(child, years=retention.DEFAULT_RETENTION_YEARS):
    """Moves the child's date of birth so the record reached its retention date yesterday."""
    today = timezone.localdate()
    Child.objects.filter(pk=child.pk).update(date_of_birth=retention.add_years(today, -years) - dt.timedelta(days=1))
    child.refresh_from_db()
    return child


def test_records_past_the_default_rule_are_due_and_younger_ones_are_not(world):
    today = timezone.localdate()
    assert due_for_disposal(world.council, today) == []
    _make_due(world.b)
    assert [each.child for each in due_for_disposal(world.council, today)] == [world.b]
    assert due_for_disposal(world.other_council, today) == []


def test_a_council_sets_its_own_rule_and_the_queue_follows_it(world):
    _make_due(world.b, 35)
    assert len(due_for_disposal(world.council, timezone.localdate())) == 1
    actions.SetRetentionRule(_governor(world), council=world.council, years=40).execute()
    assert due_for_disposal(world.council, timezone.localdate()) == []
    assert AuditEvent.objects.filter(what__contains="date of birth + 40 years").exists()


def test_a_rule_shorter_than_a_plan_can_last_is_refused(world, client):
    with pytest.raises(ActionRefused):
        actions.SetRetentionRule(_governor(world), council=world.council, years=20).execute()
    client.force_login(world.people["audit_officer"])
    response = client.post(reverse("records:retention-rule"), {"years": "20"})
    assert "Enter at least 25 years" in response.content.decode()


def test_only_the_councils_governance_role_sets_its_rule(world):
    with pytest.raises(Http404):
        actions.SetRetentionRule(
            Actor(user=world.people["caseload_officer"]), council=world.council, years=40
        ).execute()
    with pytest.raises(Http404):
        actions.SetRetentionRule(_governor(world), council=world.other_council, years=40).execute()


def test_a_legal_hold_blocks_disposal_until_it_ends_and_both_are_audited(world):
    child = _make_due(world.b)
    actions.SetLegalHold(_governor(world), child=child, reason="Tribunal appeal").execute()
    with pytest.raises(ActionRefused, match="legal hold"):
        actions.DisposeRecord(_governor(world), child=child, confirmed=True).execute()
    assert Child.objects.filter(pk=child.pk).exists()
    with pytest.raises(ActionRefused):
        actions.SetLegalHold(_governor(world), child=child, reason="Again").execute()
    actions.ClearLegalHold(_governor(world), child=child, reason="Appeal decided").execute()
    assert not LegalHold.objects.active().exists()
    whats = set(AuditEvent.objects.filter(child_id=child.pk).values_list("what", flat=True))
    assert {"Placed a legal hold on the record", "Ended the legal hold on the record"} <= whats
    actions.DisposeRecord(_governor(world), child=child, confirmed=True).execute()
    assert not Child.objects.filter(pk=child.pk).exists()


def test_a_record_not_yet_due_or_unconfirmed_is_not_disposed_of(world):
    with pytest.raises(ActionRefused, match="not yet due"):
        actions.DisposeRecord(_governor(world), child=world.a, confirmed=True).execute()
    child = _make_due(world.a)
    with pytest.raises(ActionRefused, match="Confirm"):
        actions.DisposeRecord(_governor(world), child=child, confirmed=False).execute()
    assert Child.objects.filter(pk=child.pk).exists()


def test_disposal_removes_everything_held_keeps_the_audit_trail_and_leaves_a_tombstone(
    world, django_capture_on_commit_callbacks
):
    plan_for_matrix(world)
    progress_for_matrix(world)
    made = produce(world, ask(world))
    decide_all(world, made)
    with django_capture_on_commit_callbacks(execute=True):
        release(world, made)  # and its PDF made and kept
    made.refresh_from_db()
    copy = made.released_pdf.storage, made.released_pdf.name
    assert copy[1] and copy[0].exists(copy[1])
    child = _make_due(world.a)
    child_id = child.pk
    advice = Advice.objects.get()
    stored = advice.document.storage, advice.document.name
    assert stored[0].exists(stored[1])
    held = held_about(child)
    assert len(held) > 10
    events_before = AuditEvent.objects.filter(child_id=child_id).count()
    with django_capture_on_commit_callbacks(execute=True):
        tombstone = actions.DisposeRecord(_governor(world), child=child, confirmed=True).execute()
    for model, rows in held.items():
        assert not model._default_manager.filter(pk__in=[row.pk for row in rows]).exists(), model
    assert not Plan.objects.filter(pk__in=[p.pk for p in held[Plan]]).exists()
    assert not TeamMembership.objects.filter(child_id=child_id).exists()
    assert not stored[0].exists(stored[1])
    assert not copy[0].exists(copy[1]), "the subject access copy is disposed of with the record"
    # The tombstone: the record's id, the council, when, who, the rule; nothing else.
    assert {f.name for f in DisposedRecord._meta.concrete_fields} == {
        "id",
        "council",
        "disposed_at",
        "authorised_by",
        "rule",
    }
    assert (tombstone.id, tombstone.council, tombstone.authorised_by) == (
        child_id,
        world.council,
        world.people["audit_officer"],
    )
    assert tombstone.rule == "Date of birth + 31 years"
    # The trail stays, one event more, and names nothing but ids.
    assert AuditEvent.objects.filter(child_id=child_id).count() == events_before + 1
    trail = json.dumps(list(AuditEvent.objects.filter(child_id=child_id).values("what", "object_id")))
    assert "Alex" not in trail and "Able" not in trail
    # The people keep their accounts; they are no longer on any team for this child.
    assert world.people["parent_carer"].__class__.objects.filter(pk=world.people["parent_carer"].pk).exists()


def test_the_queue_page_lists_due_records_for_the_councils_governance_role_only(world, client):
    _make_due(world.b)
    client.force_login(world.people["audit_officer"])
    before = AuditEvent.objects.count()
    page = client.get(reverse("records:disposal-queue")).content.decode()
    assert world.b.legal_name in page and world.a.legal_name not in page
    assert AuditEvent.objects.count() == before + 1
    for who in ("caseload_officer", "other_council_officer", "parent_carer"):
        client.force_login(world.people[who])
        assert client.get(reverse("records:disposal-queue")).status_code == 404


def test_hold_and_dispose_through_the_pages(world, client):
    child = _make_due(world.b)
    client.force_login(world.people["audit_officer"])
    hold_url = reverse("records:legal-hold", args=[child.id])
    before = AuditEvent.objects.count()
    assert client.get(hold_url).status_code == 200
    assert AuditEvent.objects.count() == before + 1
    response = client.post(hold_url, {"reason": ""})
    assert "Say why" in response.content.decode()
    assert client.post(hold_url, {"reason": "Complaint to the ombudsman"}).status_code == 302
    dispose_url = reverse("records:dispose", args=[child.id])
    response = client.post(dispose_url, {"confirm": "on"})
    assert "on legal hold" in response.content.decode()
    assert client.post(hold_url, {"reason": "Complaint closed"}).status_code == 302
    response = client.post(dispose_url, {})
    assert "Confirm that you have checked" in response.content.decode()
    child_id = child.pk
    assert client.post(dispose_url, {"confirm": "on"}).status_code == 302
    assert DisposedRecord.objects.filter(pk=child_id).exists()
    assert client.get(reverse("teams:child", args=[child_id])).status_code == 404


def test_another_councils_governance_role_gets_not_found_and_changes_nothing(world, client):
    child = _make_due(world.b)
    outsider = factories.officer(world.other_council, audit=True, caseload=False, name="Other Governor")
    client.force_login(outsider)
    before = AuditEvent.objects.count()
    assert client.get(reverse("records:dispose", args=[child.id])).status_code == 404
    assert client.post(reverse("records:dispose", args=[child.id]), {"confirm": "on"}).status_code == 404
    assert client.post(reverse("records:legal-hold", args=[child.id]), {"reason": "x"}).status_code == 404
    assert Child.objects.filter(pk=child.pk).exists() and not LegalHold.objects.exists()
    assert AuditEvent.objects.count() == before


def test_the_retention_review_command_lists_ids_never_names(world):
    child = _make_due(world.b)
    actions.SetLegalHold(_governor(world), child=child, reason="Claim").execute()
    out = StringIO()
    call_command("retention_review", stdout=out)
    text = out.getvalue()
    assert str(child.pk) in text and "(legal hold)" in text
    assert child.given_name not in text and child.family_name not in text
    assert text.strip().endswith(f"1 records due for disposal, 1 of them on legal hold, on {timezone.localdate()}")
    out = StringIO()
    call_command("retention_review", "--json", "--council", world.council.name, stdout=out)
    report = json.loads(out.getvalue())
    assert report["due"] == 1 and report["councils"][0]["due"][0]["legal_hold"] is True


def _find(client, child, **changes):
    born = child.date_of_birth
    data = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth_0": str(born.day),
        "date_of_birth_1": str(born.month),
        "date_of_birth_2": str(born.year),
    }
    return client.post(reverse("records:find-record"), data | changes)


def test_a_record_not_yet_due_is_found_by_name_and_birth_date_and_placed_on_hold(world, client):
    """A tribunal appeal years before disposal: the governance role finds the record and holds it."""
    child = world.a
    client.force_login(world.people["audit_officer"])
    queue = client.get(reverse("records:disposal-queue")).content.decode()
    assert reverse("records:find-record") in queue and child.legal_name not in queue
    before = AuditEvent.objects.count()
    page = _find(client, child, given_name=f"  {child.given_name.upper()} ").content.decode()
    assert "1 record found" in page and child.legal_name in page
    assert reverse("records:legal-hold", args=[child.id]) in page
    found = AuditEvent.objects.get(action=AuditAction.VIEWED, actor=world.people["audit_officer"], child=child)
    assert AuditEvent.objects.count() == before + 1
    assert found.child_id == child.pk and found.what == "Found by a search for a record to place on legal hold"
    due = retention.disposal_due(child.date_of_birth, retention.DEFAULT_RETENTION_YEARS)
    assert due > timezone.localdate()
    assert client.post(reverse("records:legal-hold", args=[child.id]), {"reason": "Tribunal appeal"}).status_code == 302
    assert LegalHold.objects.active().filter(child=child).exists()
    assert "On hold" in _find(client, child).content.decode()
    assert child.legal_name in client.get(reverse("records:disposal-queue")).content.decode()


def test_finding_a_record_needs_an_exact_match_in_a_council_the_person_governs(world, client):
    client.force_login(world.people["audit_officer"])
    before = AuditEvent.objects.count()
    page = _find(client, world.a, date_of_birth_0="16").content.decode()
    assert "No record found" in page and world.a.legal_name not in page
    [search] = AuditEvent.objects.filter(pk__gt=0).order_by("-pk")[:1]
    assert AuditEvent.objects.count() == before + 1 and search.child_id is None
    assert world.a.given_name not in search.what and world.a.family_name not in search.what
    other = factories.child(world.other_council, dob=dt.date(2012, 3, 4), given_name="Cara", family_name="Cole")
    page = _find(client, other).content.decode()
    assert "No record found" in page and "Cara" in page  # only in the form, kept as typed
    assert "Cara Cole" not in page


def test_finding_a_record_with_bad_input_says_what_is_wrong_and_keeps_it(world, client):
    client.force_login(world.people["audit_officer"])
    before = AuditEvent.objects.count()
    page = _find(client, world.a, family_name="", date_of_birth_1="13").content.decode()
    assert "There is a problem" in page
    assert "Enter their last name" in page and "Date of birth must be a real date" in page
    assert f'value="{world.a.given_name}"' in page
    assert AuditEvent.objects.count() == before


def test_only_a_governance_role_may_look_for_records(world, client):
    for who in ("caseload_officer", "parent_carer", "other_council_officer", "no_team"):
        client.force_login(world.people[who])
        assert client.get(reverse("records:find-record")).status_code == 404
        assert _find(client, world.a).status_code == 404
