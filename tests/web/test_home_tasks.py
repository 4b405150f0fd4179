"""The home page asks the parent, the young person and the school to rate this check-in's progress, until
they have rated every target; nobody else is asked."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.progress import actions
from coproduce.progress.models import EDITABLE_FIELDS, Target
from tests import factories
from tests.plans.builders import as_
from tests.progress.builders import add_target, final_plan, rate
from tests.progress.test_pages import text_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TASK = "Rate this term's progress"


def home(client, world, who: str) -> str:
    client.force_login(world.people[who])
    return text_of(client.get(reverse("web:home")))


@pytest.fixture
def targets(world):
    made = final_plan(world)
    return [add_target(world, made["outcome"], text=f"Target number {n}") for n in (1, 2)]


@pytest.mark.parametrize("who", ["parent_carer", "senco"])
def test_the_parent_and_the_school_are_asked_to_rate_until_they_have(client, world, targets, who):
    page = home(client, world, who)
    assert f"{TASK}: {world.a.display_name}" in page and "2 targets to rate" in page
    assert reverse("progress:rate", args=[world.a.id]) in client.get(reverse("web:home")).content.decode()

    rate(world, who, [(targets[0], 0)], today=TODAY)
    assert "1 target to rate" in home(client, world, who)
    rate(world, who, [(targets[1], 1)], today=TODAY)
    assert TASK not in home(client, world, who), "done for this term"


def test_the_young_person_is_asked_with_the_faces_and_is_done_when_their_own_ratings_are_in(client, world, targets):
    client.force_login(world.people["young_person"])
    html = client.get(reverse("web:home")).content.decode()
    assert TASK in text_of_html(html) and "How are your targets going?" in text_of_html(html)
    assert reverse("progress:faces", args=[world.a.id]) in html

    # Someone on the team sitting with the child enters the child's own choices: the child's task is done.
    rate(world, "senco", [(t, 0) for t in targets], today=TODAY, for_child=True)
    assert TASK not in home(client, world, "young_person")
    assert TASK in home(client, world, "senco"), "the school's own rating is still to do"


def text_of_html(html: str) -> str:
    class Page:
        content = html.encode()

    return text_of(Page)


def test_others_on_the_team_and_outsiders_are_not_asked(client, world, targets):
    for who in ("case_officer", "health", "educational_psychologist", "other_parent_carer", "other_senco"):
        assert TASK not in home(client, world, who), who


def test_nothing_to_rate_without_targets_or_once_a_target_is_removed(client, world):
    made = final_plan(world)
    assert TASK not in home(client, world, "parent_carer")
    target = add_target(world, made["outcome"])
    assert TASK in home(client, world, "parent_carer")
    actor, access = as_(world, "senco")
    actions.RemoveTarget(actor, access=access, target=target).execute()
    assert TASK not in home(client, world, "parent_carer")


def test_the_word_follows_the_teams_choice_of_how_often(client, world, targets):
    actor, access = as_(world, "senco")
    actions.ChooseCheckIns(actor, access=access, every="month").execute()
    assert "Rate this month's progress" in home(client, world, "parent_carer")


def test_the_task_costs_the_same_queries_however_many_children(client, world, targets):
    parent = world.people["parent_carer"]
    client.force_login(parent)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("web:home")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(3):  # more children, each with a target to rate
        child = factories.child(world.council)
        factories.member(child, parent, "parent_carer")
        fields = {name: getattr(targets[0], name) for name in EDITABLE_FIELDS}
        Target.objects.create(child=child, outcome=targets[0].outcome, author=parent, author_role="Parent", **fields)
    assert home(client, world, "parent_carer").count(TASK) == 4
    assert queries() == few
