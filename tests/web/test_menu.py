"""The header's menu: who sees which link is each app's access policy, asked for all links at once, in one
query, once per request."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.forum.models import ForumCoordinator
from coproduce.forum.policy import uses_forum
from coproduce.statutory.selectors import may_see_caseload, may_see_council_overview
from coproduce.surveys.policy import menu_links
from coproduce.teams.models import TeamRole
from coproduce.teams.policy import can_search_audit
from coproduce.web.context_processors import site
from coproduce.web.menu import Menu, menu_for
from tests import factories
from tests.surveys import builders

pytestmark = pytest.mark.django_db

# The figure after the menu became one query (it was 13 on the benchmark database before: 8 for the menu).
MAX_QUERIES_FOR_A_PLAIN_PAGE = 6
NAV_LINKS = {
    "Caseload": reverse("statutory:caseload"),
    "Timeliness": reverse("statutory:council-overview"),
    "Forum": reverse("forum:home"),
    "Surveys": reverse("surveys:list"),
    "Co-production": reverse("surveys:insight"),
    "Audit trail": reverse("audit:search"),
    "Retention": reverse("records:disposal-queue"),
}


def one_by_one(user) -> dict[str, bool]:
    """What each app's policy says on its own, one query at a time."""
    surveys = menu_links(user)
    return {
        "caseload": bool(may_see_caseload(user)),
        "council_overview": bool(may_see_council_overview(user)),
        "forum": bool(uses_forum(user)),
        "surveys": surveys["surveys"],
        "co_production": surveys["co_production"],
        "audit": bool(can_search_audit(user)),
    }


def everything_person(world):
    """A practitioner who sees every menu item: caseload and audit roles, a case officer on a team, and
    the forum's coordinator."""
    person = factories.officer(world.council, audit=True, name="Every Link")
    factories.member(world.b, person, TeamRole.CASE_OFFICER)
    area = builders.area_for(world.council)
    ForumCoordinator.objects.create(forum=area.forum, user=person, started_on=dt.date(2020, 1, 1))
    return person


def test_the_menu_shows_each_person_exactly_what_each_policy_allows(world):
    area = builders.area_for(world.council)
    board_parent = world.people["parent_carer"]
    builders.on_board(area, world.people["other_parent_carer"])
    people = [*world.people.values(), area.coordinator, board_parent, everything_person(world)]
    seen = set()
    for person in people:
        links = Menu(person).links()
        assert links == one_by_one(person), person.full_name
        seen.update(name for name, shown in links.items() if shown)
    assert seen == set(Menu(people[-1]).links()), "every link is shown to someone"
    assert all(Menu(people[-1]).links().values())


def test_nobody_signed_in_sees_no_links_and_costs_no_query(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert not any(Menu(AnonymousUser()).links().values())


def test_the_menu_is_worked_out_once_per_request_in_one_query(world, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = everything_person(world)
    with django_assert_num_queries(0):
        context = site(request)
        menu = menu_for(request)
    assert menu_for(request) is menu
    with django_assert_num_queries(1):
        assert bool(context["can_search_audit"])
        assert all(menu.links().values())
        assert menu_for(request).caseload


def test_a_plain_page_with_every_menu_link_stays_within_its_queries(client, world):
    person = everything_person(world)
    client.force_login(person)
    client.get(reverse("web:accessibility"))  # the first visit may set up the session; count a later one
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("web:accessibility")).content.decode()
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', page, re.S).group(0)
    for label, href in NAV_LINKS.items():
        assert f'href="{href}"' in nav and f">{label}</a>" in nav, label
    assert len(queries) <= MAX_QUERIES_FOR_A_PLAIN_PAGE, [q["sql"][:120] for q in queries]
