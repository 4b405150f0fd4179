"""Changing and removing targets: the five levels and the weight can be changed, earlier words are kept,
two people changing a target at once never overwrite each other, and a rated target is ended, not deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.audit.models import AuditEvent
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.progress import actions
from coproduce.progress.models import EDITABLE_FIELDS, Rating, Target
from tests.plans.builders import as_
from tests.progress.builders import LEVELS, add_target, final_plan, rate
from tests.progress.test_pages import text_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name: str, world, target) -> str:
    return reverse(f"progress:{name}", kwargs={"child_id": world.a.id, "target_id": target.id})


def form_of(target: Target, **changes) -> dict:
    data = {name: getattr(target, name) for name in EDITABLE_FIELDS} | {"version": target.version}
    return {name: str(value) for name, value in (data | changes).items()}


@pytest.fixture
def target(world):
    made = final_plan(world)
    return add_target(world, made["outcome"], text="Follow three-part instructions")


def test_changing_the_levels_and_the_weight_keeps_the_earlier_words_and_is_audited(client, world, target):
    client.force_login(world.people["parent_carer"])
    page = client.get(url("edit-target", world, target))
    assert page.status_code == 200
    assert LEVELS["expected"] in page.content.decode(), "the form starts from the words saved now"

    response = client.post(
        url("edit-target", world, target),
        form_of(target, expected="Alex follows a three-part instruction in class, with a visual timetable.", weight=3),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.expected == "Alex follows a three-part instruction in class, with a visual timetable."
    assert target.weight == 3 and target.version == 2 and target.changed_at is not None
    assert target.earlier[0]["expected"] == LEVELS["expected"] and target.earlier[0]["weight"] == 1
    event = AuditEvent.objects.get(child=world.a, what__startswith="Changed a target")
    assert event.what == "Changed a target: how important it is, the five levels"
    assert LEVELS["expected"] not in event.what, "the audit trail says what kind of change, never the words"

    shown = text_of(client.get(url("target", world, target)))
    assert "How this target read before it was changed" in shown and LEVELS["expected"] in shown


def test_a_change_with_a_level_left_empty_says_what_to_do_and_keeps_what_was_typed(client, world, target):
    client.force_login(world.people["senco"])
    response = client.post(
        url("edit-target", world, target), form_of(target, text="Follow four-part instructions", more="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Describe what somewhat more than expected looks like" in page
    assert "Follow four-part instructions" in page, "what was typed is kept"
    assert response.content.decode().count("<title>Error: ") == 1
    target.refresh_from_db()
    assert target.text == "Follow three-part instructions" and target.version == 1, "nothing half-saved"


def test_two_people_changing_a_target_at_once_never_overwrite_each_other(client, world, target):
    loaded = form_of(target)
    actor, access = as_(world, "parent_carer")
    actions.EditTarget(
        actor, access=access, target=target, data={"text": "Follow three-part instructions at home"}, version=1
    ).execute()

    client.force_login(world.people["senco"])
    response = client.post(url("edit-target", world, target), loaded | {"text": "Follow three-part instructions in PE"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Someone else saved a change to this target first." in page
    assert "Follow three-part instructions at home" in page, "what is saved now is shown"
    assert "Follow three-part instructions in PE" in page, "with theirs kept in the form"
    target.refresh_from_db()
    assert target.text == "Follow three-part instructions at home"

    # Having seen both, saving again from the form as it came back goes through.
    again = client.post(
        url("edit-target", world, target), loaded | {"text": "Follow three-part instructions in PE", "version": "2"}
    )
    assert again.status_code == 302
    target.refresh_from_db()
    assert target.text == "Follow three-part instructions in PE" and target.version == 3
    assert [before["text"] for before in target.earlier] == [
        "Follow three-part instructions",
        "Follow three-part instructions at home",
    ]


def test_the_action_refuses_a_stale_version(world, target):
    actor, access = as_(world, "senco")
    actions.EditTarget(actor, access=access, target=target, data={"by_when": "By Easter"}, version=1).execute()
    with pytest.raises(Conflict):
        actions.EditTarget(actor, access=access, target=target, data={"by_when": "By summer"}, version=1).execute()
    # The same change sent twice changes nothing the second time, whatever version it carries.
    assert actions.EditTarget(actor, access=access, target=target, data={"by_when": "By Easter"}, version=1).execute()
    assert Target.objects.get(pk=target.pk).version == 2


def test_removing_a_target_nobody_rated_deletes_it_after_asking(client, world, target):
    client.force_login(world.people["senco"])
    confirm = text_of(client.get(url("remove-target", world, target)))
    assert "Remove this target?" in confirm and "Nobody has rated this target yet, so it will be deleted" in confirm
    assert Target.objects.filter(pk=target.pk).exists(), "asking changes nothing"
    assert client.post(url("remove-target", world, target)).status_code == 302
    assert not Target.objects.filter(pk=target.pk).exists()
    assert AuditEvent.objects.filter(child=world.a, what="Removed a target nobody had rated").exists()


def test_removing_a_rated_target_ends_it_and_keeps_its_ratings(client, world, target):
    rate(world, "parent_carer", [(target, 1, "Much better")], today=TODAY)
    client.force_login(world.people["parent_carer"])
    confirm = text_of(client.get(url("remove-target", world, target)))
    assert "It will be marked as removed, not deleted: its ratings stay on the record" in confirm
    assert client.post(url("remove-target", world, target)).status_code == 302

    target.refresh_from_db()
    assert target.ended and target.ended_by == world.people["parent_carer"]
    assert Rating.objects.filter(target=target).count() == 1
    assert AuditEvent.objects.filter(child=world.a, what="Removed a target, keeping its ratings on the record").exists()

    progress = text_of(client.get(reverse("progress:progress", args=[world.a.id])))
    assert "Removed on" in progress and "Much better" in progress, "its ratings are still shown"
    rate_page = client.get(reverse("progress:rate", args=[world.a.id])).content.decode()
    assert "Follow three-part instructions" not in rate_page, "nobody is asked to rate it again"
    assert client.get(url("edit-target", world, target)).status_code == 404
    assert client.get(url("remove-target", world, target)).status_code == 404

    actor, access = as_(world, "senco")
    with pytest.raises(ActionRefused):
        actions.RateTargets(actor, access=access, ratings=[(target, 0, "")], today=TODAY).execute()


def test_only_the_person_who_set_it_the_family_or_the_officer_may_remove_a_target(client, world, target):
    client.force_login(world.people["health"])
    response = client.post(url("remove-target", world, target))
    assert response.status_code == 200
    assert "Only the person who set this target, the family or the case officer can remove it" in text_of(response)
    assert Target.objects.filter(pk=target.pk).exists()


def test_people_outside_the_team_cannot_change_or_remove_a_target(client, world, target):
    client.force_login(world.people["other_senco"])
    assert client.get(url("edit-target", world, target)).status_code == 404
    assert client.post(url("remove-target", world, target)).status_code == 404
    assert Target.objects.filter(pk=target.pk).exists()
