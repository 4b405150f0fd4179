"""Subject access: the family asks, the council produces an export of everything held, checks what is
about other people, and releases it; the person who asked downloads it."""

from __future__ import annotations

import json

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.core.actions import ActionRefused
from coproduce.records import actions
from coproduce.records.models import AccessRequest, FlaggedItem, RequestStatus, ReviewDecision
from coproduce.records.tasks import prepare_released_pdf
from coproduce.rules import retention
from coproduce.statutory.models import NeedsAssessment
from coproduce.teams.actions import InviteMember
from tests.plans.builders import plan_for_matrix
from tests.progress.builders import progress_for_matrix
from tests.records.builders import as_, ask, decide_all, produce, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(world):
    """A child with a plan out for comment, advice, a family comment, a drawing, a target, a statutory step."""
    plan_for_matrix(world)
    progress_for_matrix(world)
    NeedsAssessment.objects.create(child=world.a, requested_by="parent", received_on=timezone.localdate())
    actor, access = as_(world, "case_officer")
    InviteMember(actor, access=access, email="new.person@example.org", role="health").execute()
    return world


def _items(content) -> dict[str, dict]:
    return {item["key"]: item for section in content["sections"] for item in section["items"]}


def _kinds(content) -> set[str]:
    return {item["kind"] for item in _items(content).values()}


def test_a_parent_asks_and_the_request_is_due_in_one_calendar_month_and_audited(world):
    made = ask(world)
    assert made.status == RequestStatus.REQUESTED
    assert made.due_on == retention.subject_access_due(timezone.localdate())
    event = AuditEvent.objects.get(action=AuditAction.CREATED, object_id=str(made.pk))
    assert event.child_id == world.a.pk and event.actor == world.people["parent_carer"]


def test_asking_again_while_a_request_is_open_is_refused(world):
    ask(world)
    with pytest.raises(ActionRefused):
        ask(world)
    assert AccessRequest.objects.count() == 1


def test_the_young_person_can_ask_for_their_own(world):
    assert ask(world, "young_person").requested_by == world.people["young_person"]


@pytest.mark.parametrize("who", ["senco", "health", "case_officer", "caseload_officer"])
def test_practitioners_and_officers_do_not_ask_on_the_familys_behalf(world, who):
    with pytest.raises(Http404):
        ask(world, who)


def test_the_export_holds_everything_and_flags_what_is_about_or_from_other_people(full):
    world = full
    made = produce(world, ask(world))
    content = made.content
    kinds = _kinds(content)
    for kind in (
        "teams.child",
        "teams.teammembership",
        "teams.invitation",
        "plans.plan",
        "plans.planversion",
        "plans.view",
        "plans.need",
        "plans.comment",
        "plans.advice",
        "statutory.needsassessment",
        "progress.target",
        "audit.auditevent",
    ):
        assert kind in kinds, kind
    text = json.dumps(content)
    assert "token_digest" not in text and "submission_key" not in text
    assert world.a.given_name in text
    items = _items(content)
    flagged = {item["kind"] for item in items.values() if item["flag"]}
    assert {"plans.advice", "plans.need", "teams.invitation", "audit.auditevent"} <= flagged
    # The child's own words, and the parent's own comment, are theirs: not flagged.
    child_view = next(
        i for i in items.values() if i["kind"] == "plans.view" and i["fields"]["text"] == "I like trains."
    )
    assert child_view["flag"] is None
    parents_comment = next(i for i in items.values() if i["kind"] == "plans.comment")
    assert parents_comment["flag"] is None
    assert {entry["type"] for entry in content["files"]} >= {"application/pdf", "image/png"}
    assert FlaggedItem.objects.filter(request=made).count() == sum(1 for i in items.values() if i["flag"])
    assert made.status == RequestStatus.IN_REVIEW


def test_release_is_refused_until_every_flagged_item_is_decided_and_changes_nothing(full):
    world = full
    made = produce(world, ask(world))
    actor, access = as_(world, "caseload_officer")
    with pytest.raises(ActionRefused):
        actions.ReleaseExport(actor, access=access, request=made).execute()
    made.refresh_from_db()
    assert made.status == RequestStatus.IN_REVIEW and made.released_content is None


def test_withheld_items_leave_only_a_note_and_each_decision_and_the_release_are_audited(full):
    world = full
    made = produce(world, ask(world))
    advice = made.flagged_items.get(key__startswith="plans.advice:")
    decide_all(world, made)
    actor, access = as_(world, "caseload_officer")
    actions.DecideFlaggedItem(
        actor, access=access, request=made, item=advice, decision=ReviewDecision.WITHHOLD, reason="Serious harm"
    ).execute()
    release(world, made)
    made.refresh_from_db()
    released = _items(made.released_content)[advice.key]
    assert released["fields"] == {} and "Withheld" in released["withheld"]
    assert all("flag" not in item for item in _items(made.released_content).values())
    assert "Serious harm" not in json.dumps(made.released_content)
    decisions = AuditEvent.objects.filter(what__contains="an item of a subject access export").count()
    assert decisions == made.flagged_items.count() + 1
    assert AuditEvent.objects.filter(what__startswith="Released a subject access export, 1 items withheld").exists()


def test_the_family_downloads_the_released_export_as_an_attachment_never_cached(full, client):
    world = full
    made = ask(world)
    produce(world, made)
    decide_all(world, made)
    release(world, made)
    client.force_login(world.people["parent_carer"])
    before = AuditEvent.objects.count()
    response = client.get(reverse("records:download-json", args=[world.a.id, made.id]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["format"] == "coproduce-subject-access"
    assert AuditEvent.objects.count() == before + 1
    made.refresh_from_db()
    assert not made.released_pdf  # the worker has not made it yet: it is made on demand
    response = client.get(reverse("records:download-pdf", args=[world.a.id, made.id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.count() == before + 2


def test_the_released_pdf_is_made_once_after_release_and_the_download_is_that_copy(
    full, client, django_capture_on_commit_callbacks
):
    world = full
    made = produce(world, ask(world))
    decide_all(world, made)
    with django_capture_on_commit_callbacks(execute=True):
        release(world, made)
    made.refresh_from_db()
    assert made.released_pdf.name.startswith("information-held/") and made.released_pdf.name.endswith(".pdf")
    assert world.a.given_name not in made.released_pdf.name and str(world.a.pk) not in made.released_pdf.name
    with made.released_pdf.open("rb") as stored:
        kept = stored.read()
    assert kept.startswith(b"%PDF")
    event = AuditEvent.objects.get(child=world.a, what="Made the PDF of a released subject access export")
    assert event.actor is None and event.object_id == str(made.pk)
    assert prepare_released_pdf.call(str(made.pk)) is False, "made once, never again"
    client.force_login(world.people["parent_carer"])
    response = client.get(reverse("records:download-pdf", args=[world.a.id, made.id]))
    assert response.status_code == 200 and response.content == kept
    assert response["Content-Disposition"].startswith("attachment;") and "no-store" in response["Cache-Control"]


def test_no_pdf_is_made_for_a_request_not_yet_released(world):
    made = produce(world, ask(world))
    assert prepare_released_pdf.call(str(made.pk)) is False
    made.refresh_from_db()
    assert not made.released_pdf


def test_before_release_the_family_cannot_download_but_the_officer_can_read_the_draft(world, client):
    made = produce(world, ask(world))
    url = reverse("records:download-json", args=[world.a.id, made.id])
    client.force_login(world.people["parent_carer"])
    assert client.get(url).status_code == 404
    client.force_login(world.people["caseload_officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert any(item["flag"] for item in _items(json.loads(response.content)).values())


@pytest.mark.parametrize("who", ["young_person", "senco", "other_parent_carer", "other_council_officer"])
def test_nobody_else_sees_the_request_or_its_export(world, client, who):
    made = produce(world, ask(world))
    decide_all(world, made)
    release(world, made)
    client.force_login(world.people[who])
    for name in ("records:detail", "records:download-json", "records:download-pdf"):
        assert client.get(reverse(name, args=[world.a.id, made.id])).status_code == 404


def test_a_refused_post_changes_nothing(world, client):
    made = produce(world, ask(world))
    item = made.flagged_items.first()
    client.force_login(world.people["other_council_officer"])
    before = (AuditEvent.objects.count(), FlaggedItem.objects.filter(decision="").count())
    url = reverse("records:review-item", args=[world.a.id, made.id, item.id])
    assert client.post(url, {"decision": "release", "reason": "x"}).status_code == 404
    assert client.post(reverse("records:release", args=[world.a.id, made.id])).status_code == 404
    client.force_login(world.people["other_parent_carer"])
    assert client.post(reverse("records:request", args=[world.a.id])).status_code == 404
    assert (AuditEvent.objects.count(), FlaggedItem.objects.filter(decision="").count()) == before
    assert AccessRequest.objects.count() == 1


def test_the_officer_works_through_the_pages_and_a_missing_reason_saves_nothing(world, client):
    plan_for_matrix(world)
    client.force_login(world.people["parent_carer"])
    response = client.post(reverse("records:request", args=[world.a.id]))
    made = AccessRequest.objects.get()
    assert response.status_code == 302
    client.force_login(world.people["caseload_officer"])
    assert client.post(reverse("records:produce", args=[world.a.id, made.id])).status_code == 302
    item = made.flagged_items.first()
    url = reverse("records:review-item", args=[world.a.id, made.id, item.id])
    response = client.post(url, {"decision": "withhold", "reason": "  "})
    assert response.status_code == 200
    assert "Say why you are releasing or withholding this item" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == ""
    response = client.post(reverse("records:release", args=[world.a.id, made.id]))
    assert "still to decide" in response.content.decode()
    for each in made.flagged_items.all():
        url = reverse("records:review-item", args=[world.a.id, made.id, each.id])
        assert client.post(url, {"decision": "release", "reason": "Acting in a professional role"}).status_code == 302
    assert client.post(reverse("records:release", args=[world.a.id, made.id])).status_code == 302
    made.refresh_from_db()
    assert made.status == RequestStatus.RELEASED
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("records:detail", args=[world.a.id, made.id])).content.decode()
    assert reverse("records:download-pdf", args=[world.a.id, made.id]) in page


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("parent_carer", "records:child"),
        ("parent_carer", "records:request"),
        ("parent_carer", "records:detail"),
        ("caseload_officer", "records:child"),
        ("caseload_officer", "records:detail"),
        ("caseload_officer", "records:produce"),
        ("caseload_officer", "records:release"),
        ("caseload_officer", "records:review-item"),
    ],
)
def test_each_read_of_the_record_writes_exactly_one_audit_event(world, client, who, name):
    made = produce(world, ask(world))
    args = {
        "records:child": [world.a.id],
        "records:request": [world.a.id],
        "records:review-item": [world.a.id, made.id, made.flagged_items.first().id],
    }.get(name, [world.a.id, made.id])
    client.force_login(world.people[who])
    before = AuditEvent.objects.count()
    assert client.get(reverse(name, args=args)).status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.child_id, event.actor) == (AuditAction.VIEWED, world.a.pk, world.people[who])
