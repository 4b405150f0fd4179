"""The forum's journeys, as people use them through the pages (Django's test client, no JavaScript)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.forum import clock
from coproduce.forum.models import (
    Attendance,
    Decision,
    LadderRating,
    Meeting,
    Member,
    MinutesStatus,
    Paper,
    WorkAction,
    Workstream,
)
from tests.forum.builders import PDF_BYTES, forum_in
from tests.forum.helpers import date_fields, days, page, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(world):
    return forum_in(world)


def test_a_coordinator_sets_up_a_workstream_with_parent_representatives(client, world, made):
    client.force_login(made.coordinator)
    assert "Set up a board or workstream" in page(client.get(reverse("forum:home")))

    refused = client.post(reverse("forum:workstream-new"), {"forum": made.forum.pk, "kind": "board", "name": ""})
    assert refused.status_code == 200
    assert "There is a problem" in page(refused)
    assert "Enter the name" in page(refused) and "Enter the purpose" in page(refused)

    response = client.post(
        reverse("forum:workstream-new"),
        {"forum": made.forum.pk, "kind": "board", "name": "Local Change Board", "purpose": "Oversee changes."},
    )
    board = Workstream.objects.get(name="Local Change Board")
    assert response["Location"] == reverse("forum:workstream", args=[board.pk])
    assert board.local_area == world.council

    rep, officer = world.people["parent_carer"], world.people["caseload_officer"]
    start, end = days(-30), days(335)
    unknown = client.post(
        reverse("forum:member-add", args=[board.pk]),
        {"email": "nobody@example.org", "role": "parent_rep", **date_fields("started_on", start)},
    )
    assert "There is no Coproduce account with this email address" in page(unknown)
    assert 'value="nobody@example.org"' in page(unknown), "what they typed is kept"

    for person, role, mandate in (
        (rep, "parent_rep", "Northmoor Parent Carer Forum"),
        (officer, "council_officer", ""),
    ):
        response = client.post(
            reverse("forum:member-add", args=[board.pk]),
            {
                "email": person.email,
                "role": role,
                "mandate": mandate,
                **date_fields("started_on", start),
                **date_fields("ended_on", end),
            },
        )
        assert response.status_code == 302
    response = client.post(
        reverse("forum:workstream-edit", args=[board.pk]),
        {"kind": "board", "name": "Local Change Board", "purpose": "Oversee changes.", "chair": rep.pk},
    )
    assert response.status_code == 302

    overview = words(client.get(reverse("forum:workstream", args=[board.pk])))
    assert f"{rep.full_name} (chair) Parent representative Northmoor Parent Carer Forum" in overview
    assert f"From {start.day} {start:%B %Y} to {end.day} {end:%B %Y}" in overview
    assert "Council officer" in overview
    assert AuditEvent.objects.filter(what="Set up a board", object_id=str(board.pk)).exists()
    assert AuditEvent.objects.filter(what="Added a parent representative to a workstream").count() == 1

    client.force_login(rep)
    home = page(client.get(reverse("forum:home")))
    assert reverse("forum:workstream", args=[board.pk]) in home
    assert "Forum</a>" in home, "the menu has a Forum link for members"


def test_a_meeting_with_an_agenda_papers_attendance_and_agreed_minutes(client, world, made):
    ws = made.workstream
    officer, chair, senco = world.people["caseload_officer"], world.people["parent_carer"], world.people["senco"]
    client.force_login(officer)
    response = client.post(
        reverse("forum:meeting-new", args=[ws.pk]),
        {"title": "Autumn meeting", **date_fields("held_on", days(-3)), "agenda": "Welcome\n\nTransition guide\n"},
    )
    meeting = Meeting.objects.get(title="Autumn meeting")
    assert response["Location"] == reverse("forum:meeting", args=[ws.pk, meeting.pk])
    shown = page(client.get(response["Location"]))
    assert "<li>Welcome</li><li>Transition guide</li>" in shown
    held = days(-3)
    assert f"{held:%A} {held.day} {held:%B %Y}" in shown, "dates in words"

    # Papers: what the file is decides, not its name; stored privately; downloaded as an attachment.
    fake = SimpleUploadedFile("minutes.pdf", b"this is not a PDF", content_type="application/pdf")
    refused = client.post(reverse("forum:paper-add", args=[ws.pk, meeting.pk]), {"title": "Fake", "document": fake})
    assert "The file must be a PDF, a Word document (DOCX), or a JPG or PNG image" in page(refused)
    real = SimpleUploadedFile("Agenda papers.pdf", PDF_BYTES, content_type="text/plain")
    client.post(reverse("forum:paper-add", args=[ws.pk, meeting.pk]), {"title": "Agenda papers", "document": real})
    paper = Paper.objects.get(meeting=meeting)
    assert paper.content_type == "application/pdf"
    assert "Agenda" not in paper.document.name and paper.document.name.endswith(".pdf")
    client.force_login(world.people["iass_adviser"])
    download = client.get(reverse("forum:paper", args=[ws.pk, meeting.pk, paper.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.force_login(world.people["no_team"])
    assert client.get(reverse("forum:paper", args=[ws.pk, meeting.pk, paper.pk])).status_code == 404

    # Attendance, by whoever runs meetings.
    client.force_login(officer)
    members = Member.objects.current().filter(workstream=ws)
    statuses = {f"member_{m.pk}": "present" for m in members}
    statuses[f"member_{made.members['parent_carer'].pk}"] = "apologies"
    assert client.post(reverse("forum:attendance", args=[ws.pk, meeting.pk]), statuses).status_code == 302
    assert Attendance.objects.filter(meeting=meeting).count() == members.count()
    assert f"{chair.full_name} Parent representative Sent apologies" in words(
        client.get(reverse("forum:meeting", args=[ws.pk, meeting.pk]))
    )

    # Minutes written together: two people, the second on a stale copy, is told and keeps their words.
    minutes = reverse("forum:minutes-edit", args=[ws.pk, meeting.pk])
    client.force_login(senco)
    assert client.post(minutes, {"text": "We agreed to write a guide.", "version": 0}).status_code == 302
    client.force_login(officer)
    clash = client.post(minutes, {"text": "My version of events.", "version": 0})
    assert "Someone else changed the minutes while you were editing them" in page(clash)
    assert "My version of events." in page(clash)
    assert "We agreed to write a guide." in page(clash)

    # Only the chair (or coordinator) circulates and agrees.
    client.force_login(senco)
    assert client.post(reverse("forum:minutes-circulate", args=[ws.pk, meeting.pk])).status_code == 404
    client.force_login(chair)
    assert client.post(reverse("forum:minutes-circulate", args=[ws.pk, meeting.pk])).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.CIRCULATED

    client.force_login(world.people["iass_adviser"])
    observer = client.post(reverse("forum:minutes-comment", args=[ws.pk, meeting.pk]), {"text": "Observers read."})
    assert observer.status_code == 404
    client.force_login(officer)
    comment = client.post(reverse("forum:minutes-comment", args=[ws.pk, meeting.pk]), {"text": "Add the date."})
    assert comment.status_code == 302

    client.force_login(chair)
    assert client.post(reverse("forum:minutes-agree", args=[ws.pk, meeting.pk])).status_code == 302
    shown = words(client.get(reverse("forum:meeting", args=[ws.pk, meeting.pk])))
    assert "Status: Agreed" in shown
    assert "Add the date." in shown
    assert client.get(minutes).status_code == 404, "agreed minutes can no longer be changed"


def _decide(client, ws, title="Write a transition guide"):
    response = client.post(
        reverse("forum:decision-new", args=[ws.pk]),
        {
            "title": title,
            "what": "Write it with young people.",
            "decided_by": "The workstream, by agreement",
            **date_fields("decided_on", days(-1)),
            "family_involvement": "Parent representatives chose the topics.",
        },
    )
    assert response.status_code == 302, page(response)
    return Decision.objects.get(title=title)


def _rate(client, ws, decision, rung):
    return client.post(reverse("forum:decision-rate", args=[ws.pk, decision.pk]), {"rung": rung, "reason": ""})


def test_a_decision_rated_by_both_sides_shows_a_gap_of_two_rungs(client, world, made):
    ws = made.workstream
    officer, rep, observer = (world.people[p] for p in ("caseload_officer", "parent_carer", "iass_adviser"))
    client.force_login(officer)
    decision = _decide(client, ws)

    client.force_login(observer)
    assert client.get(reverse("forum:decision", args=[ws.pk, decision.pk])).status_code == 200
    assert client.get(reverse("forum:decision-new", args=[ws.pk])).status_code == 404
    assert client.post(reverse("forum:decision-new", args=[ws.pk]), {"title": "Mine"}).status_code == 404
    assert client.get(reverse("forum:decision-rate", args=[ws.pk, decision.pk])).status_code == 404
    assert _rate(client, ws, decision, 1).status_code == 404
    assert not LadderRating.objects.exists()

    client.force_login(rep)
    refused = client.post(reverse("forum:decision-rate", args=[ws.pk, decision.pk]), {})
    assert "Select where the decision sat on the ladder" in page(refused)
    assert _rate(client, ws, decision, 4).status_code == 302
    mine = words(client.get(reverse("forum:decision", args=[ws.pk, decision.pk])))
    assert "Consultation Your side's rating" in mine

    client.force_login(officer)
    theirs = words(client.get(reverse("forum:decision", args=[ws.pk, decision.pk])))
    assert "Consultation" not in theirs.split("On the ladder")[1].split("The ladder of co-production")[0]
    assert "Rated. Shown when both sides have rated" in theirs
    assert _rate(client, ws, decision, 6).status_code == 302
    assert {r.side: r.rung for r in LadderRating.objects.all()} == {"families": 4, "council": 6}

    log = words(client.get(reverse("forum:decisions", args=[ws.pk])))
    assert "Write a transition guide" in log
    assert "Consultation Co-design Wide gap: 2 rungs apart" in log
    detail = words(client.get(reverse("forum:decision", args=[ws.pk, decision.pk])))
    assert "Warning Wide gap: the two sides are 2 rungs apart" in detail

    # One rung apart is not highlighted.
    close = _decide(client, ws, title="Publish the guide")
    _rate(client, ws, close, 6)
    client.force_login(rep)
    _rate(client, ws, close, 7)
    log = words(client.get(reverse("forum:decisions", args=[ws.pk])))
    assert "Co-production Co-design 1 rung apart" in log
    assert log.count("Wide gap:") == 1


def test_an_action_goes_overdue_and_the_whole_workstream_sees_it(client, world, made, monkeypatch):
    ws = made.workstream
    client.force_login(world.people["caseload_officer"])
    due = days(2)
    response = client.post(
        reverse("forum:action-new", args=[ws.pk]),
        {"what": "Ask the college for places", "owner": world.people["parent_carer"].pk, **date_fields("due_on", due)},
    )
    assert response.status_code == 302
    work = WorkAction.objects.get()
    client.force_login(world.people["iass_adviser"])
    assert "overdue" not in words(client.get(reverse("forum:actions", args=[ws.pk]))).lower()

    monkeypatch.setattr(clock, "today", lambda: days(3))
    actions_page = words(client.get(reverse("forum:actions", args=[ws.pk])))
    assert "Warning 1 action is overdue." in actions_page
    assert "Ask the college for places" in actions_page.split("Overdue")[1]
    assert "1 action is overdue" in words(client.get(reverse("forum:workstream", args=[ws.pk])))
    client.force_login(world.people["senco"])
    assert "1 action is overdue" in words(client.get(reverse("forum:workstream", args=[ws.pk])))

    update = client.post(reverse("forum:action-update", args=[ws.pk, work.pk]), {"status": "done"})
    assert update.status_code == 302
    work.refresh_from_db()
    assert work.completed_on == days(3) and not work.done_on_time, "done, but after its due date"
    assert "overdue" not in words(client.get(reverse("forum:workstream", args=[ws.pk]))).lower()


def test_the_health_of_co_production_is_drawn_and_tabled(client, world, made):
    ws = made.workstream
    officer, rep = world.people["caseload_officer"], world.people["parent_carer"]
    client.force_login(officer)
    decision = _decide(client, ws)
    _rate(client, ws, decision, 6)
    client.force_login(rep)
    _rate(client, ws, decision, 3)
    meeting = Meeting.objects.create(workstream=ws, title="Spring meeting", held_on=days(-5))
    Attendance.objects.create(meeting=meeting, member=made.members["parent_carer"], status="present")
    WorkAction.objects.create(
        workstream=ws,
        what="Done late",
        owner=rep,
        due_on=days(-10),
        status="done",
        completed_on=days(-2),
        created_by=rep,
    )
    WorkAction.objects.create(
        workstream=ws,
        what="On time",
        owner=rep,
        due_on=days(-10),
        status="done",
        completed_on=days(-12),
        created_by=rep,
    )
    client.force_login(world.people["iass_adviser"])
    response = client.get(reverse("forum:health", args=[ws.pk]))
    shown = page(response)
    assert shown.count('role="img"') == 3
    assert '<title id="chart-ladder-title">' in shown and '<desc id="chart-ladder-desc">' in shown
    assert "parent representatives Informing, council officers Co-design" in shown
    text = words(response)
    assert "3: Informing 6: Co-design Wide gap: 3 rungs apart" in text
    assert "Spring meeting" in text and "1 1 100%" in text
    assert "1 2 50%" in text, "one of two actions done by its due date"
    assert "style=" not in shown


def test_people_outside_a_workstream_see_only_what_is_public(client, world, made):
    ws = made.workstream
    for outsider in ("no_team", "other_senco", "other_parent_carer", "young_person", "other_council_officer"):
        client.force_login(world.people[outsider])
        assert client.get(reverse("forum:workstream", args=[ws.pk])).status_code == 404, outsider
        assert client.get(reverse("forum:decisions", args=[ws.pk])).status_code == 404, outsider
        assert client.get(reverse("forum:you-said-public")).status_code == 200
    # A forum member who is not on the workstream sees it in outline, and can offer to join.
    client.force_login(world.people["other_parent_carer"])
    home = words(client.get(reverse("forum:home")))
    assert "What your representatives are working on" in home
    assert (
        "Preparing for adulthood (workstream) Plan early for adult life. Representatives "
        f"{world.people['parent_carer'].full_name}" in home
    )
    response = client.post(reverse("forum:volunteer", args=[ws.pk]), {"note": "My son is 15."})
    assert response.status_code == 302
    client.force_login(made.coordinator)
    assert "My son is 15." in words(client.get(reverse("forum:workstream", args=[ws.pk])))
    offer = ws.volunteers.get()
    prefilled = page(client.get(reverse("forum:member-add", args=[ws.pk]) + f"?volunteer={offer.pk}"))
    assert f'value="{world.people["other_parent_carer"].email}"' in prefilled


def test_families_on_a_team_find_the_forum_in_the_menu_and_others_do_not(client, world, made):
    client.force_login(world.people["other_young_person"])
    assert ">Forum</a>" in page(client.get(reverse("web:home")))
    client.force_login(world.people["other_health"])
    assert ">Forum</a>" not in page(client.get(reverse("web:home")))
