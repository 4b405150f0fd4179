"""Forum actions: audited without personal data, memberships that end, ratings that replace, consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse

from coproduce.audit.models import AuditEvent
from coproduce.forum import actions
from coproduce.forum.models import ForumMember, LadderRating, Workstream
from tests.forum.builders import actor, as_, forum_for_matrix, forum_in

pytestmark = pytest.mark.django_db


def test_every_change_is_audited_without_naming_anyone(world):
    before = AuditEvent.objects.count()
    forum_for_matrix(world)
    events = list(AuditEvent.objects.all()[: AuditEvent.objects.count() - before])
    assert len(events) >= 9
    assert {event.what for event in events} >= {
        "Set up a workstream",
        "Arranged a meeting",
        "Changed the draft minutes of a meeting",
        "Added a meeting paper (PDF)",
        "Recorded a decision",
        "Added an action",
        "Added a 'you said, we did' item",
        "Posted an update on a 'you said, we did' item",
        "Recorded time or claimed expenses",
    }
    names = [person.full_name for person in world.people.values()] + [p.email for p in world.people.values()]
    for event in events:
        assert event.object_id and event.child_id is None
        assert not any(name in event.what for name in names), event.what


def test_a_membership_that_ends_takes_away_access_and_the_chair(client, world):
    made = forum_in(world)
    ws = made.workstream
    client.force_login(made.coordinator)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    response = client.post(
        reverse("forum:member-end", args=[ws.pk, made.members["parent_carer"].pk]),
        {"ended_on_0": yesterday.day, "ended_on_1": yesterday.month, "ended_on_2": yesterday.year},
    )
    assert response.status_code == 302
    ws.refresh_from_db()
    assert ws.chair is None
    client.force_login(world.people["parent_carer"])
    assert client.get(reverse("forum:workstream", args=[ws.pk])).status_code == 404
    assert client.get(reverse("forum:claim-new")).status_code == 404


def test_rating_again_replaces_that_sides_rating_and_each_side_rates_only_for_itself(world):
    made = forum_in(world)
    ws = made.workstream
    officer, rep = world.people["caseload_officer"], world.people["parent_carer"]
    decision = as_(
        officer,
        actions.RecordDecision,
        ws,
        title="Decide",
        what="What",
        decided_by="Board",
        decided_on=dt.date(2026, 1, 1),
        family_involvement="Asked",
    )
    as_(rep, actions.RateDecision, ws, decision=decision, rung=3)
    as_(rep, actions.RateDecision, ws, decision=decision, rung=5, reason="We wrote the options together.")
    as_(officer, actions.RateDecision, ws, decision=decision, rung=6)
    ratings = {r.side: (r.rung, r.rated_by) for r in LadderRating.objects.filter(decision=decision)}
    assert ratings == {"families": (5, rep), "council": (6, officer)}


def test_a_decision_links_only_to_you_said_items_of_its_own_area(world):
    from django.http import Http404

    from tests import factories

    made = forum_in(world)
    elsewhere = factories.council("Elsewhere Council")
    item = actions.CreateYouSaidItem(
        actor(None), system=True, local_area=elsewhere, title="Elsewhere", families_said="Said"
    ).execute()
    with pytest.raises(Http404):
        as_(
            world.people["caseload_officer"],
            actions.RecordDecision,
            made.workstream,
            title="Decide",
            what="What",
            decided_by="Board",
            decided_on=dt.date(2026, 1, 1),
            family_involvement="Asked",
            you_said_items=[item],
        )


def test_a_family_joins_changes_their_mind_about_contact_and_volunteers_once(client, world):
    made = forum_in(world)
    family = world.people["young_person"]
    client.force_login(family)
    assert "Join the parent carer forum" in client.get(reverse("forum:home")).content.decode()
    refused = client.post(reverse("forum:join"), {"forum": made.forum.pk})
    assert "Select yes if the forum can contact you" in refused.content.decode()
    client.post(reverse("forum:join"), {"forum": made.forum.pk, "may_contact": "yes"})
    assert ForumMember.objects.get(user=family).may_contact
    client.post(reverse("forum:join"), {"forum": made.forum.pk, "may_contact": "no"})
    assert not ForumMember.objects.get(user=family).may_contact
    ws = Workstream.objects.get()
    assert client.post(reverse("forum:volunteer", args=[ws.pk]), {"note": ""}).status_code == 302
    again = client.post(reverse("forum:volunteer", args=[ws.pk]), {"note": ""})
    assert "You have already offered to join this workstream" in again.content.decode()


def test_a_family_leaves_the_forum_is_no_longer_counted_or_contacted_and_may_join_again(client, world):
    made = forum_in(world)
    family = world.people["young_person"]
    client.force_login(family)
    assert client.get(reverse("forum:leave")).status_code == 404  # not a member: nothing to leave
    client.post(reverse("forum:join"), {"forum": made.forum.pk, "may_contact": "yes"})
    assert reverse("forum:leave") in client.get(reverse("forum:join")).content.decode()
    page = client.get(reverse("forum:leave")).content.decode()
    assert f"Leave {made.forum.name}?" in page and "You can join again at any time" in page
    before = AuditEvent.objects.count()
    response = client.post(reverse("forum:leave"))
    assert response.status_code == 302 and response["Location"] == reverse("forum:home")
    member = ForumMember.objects.get(user=family)
    assert member.left_on is not None and not member.may_contact
    assert not ForumMember.objects.current().filter(user=family).exists()
    event = AuditEvent.objects.get(pk__gt=0, what="Left the parent carer forum")
    assert AuditEvent.objects.count() == before + 1 and event.actor == family
    assert client.post(reverse("forum:leave")).status_code == 404  # already left
    assert "Join the parent carer forum" in client.get(reverse("forum:home")).content.decode()
    client.post(reverse("forum:join"), {"forum": made.forum.pk, "may_contact": "no"})
    assert ForumMember.objects.current().filter(user=family).exists()


def test_nobody_leaves_the_forum_for_someone_else(world):
    made = forum_in(world)
    family = world.people["young_person"]
    member = actions.JoinForum(actor(family), forum=made.forum, may_contact=True).execute()
    with pytest.raises(Http404):
        actions.LeaveForum(actor(world.people["parent_carer"]), member=member).execute()
    member.refresh_from_db()
    assert member.left_on is None
