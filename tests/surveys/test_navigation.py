"""The menu links to surveys for their builders and analysts, and to the co-production overview for
board members, council officers with the caseload and forum coordinators; both worked out in one query."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from coproduce.forum.models import MemberRole
from coproduce.surveys.context_processors import survey_links
from coproduce.surveys.models import SurveyAnalyst
from coproduce.surveys.policy import menu_links
from tests.surveys import builders

pytestmark = pytest.mark.django_db

SURVEYS = reverse("surveys:list")
OVERVIEW = reverse("surveys:insight")


def menu(client, user) -> dict[str, bool]:
    client.force_login(user)
    page = client.get(reverse("web:home")).content.decode()
    nav = re.search(r'<nav aria-label="Menu".*?</nav>', page, re.S).group(0)
    return {
        "surveys": f'href="{SURVEYS}"' in nav and ">Surveys</a>" in nav,
        "co_production": f'href="{OVERVIEW}"' in nav and ">Co-production</a>" in nav,
    }


def test_each_person_sees_the_links_they_may_use(client, world, area):
    officer = world.people["caseload_officer"]
    assert menu(client, area.coordinator) == {"surveys": True, "co_production": True}
    assert menu(client, officer) == {"surveys": False, "co_production": True}, "the caseload: overview only"
    builders.on_board(area, officer)
    assert menu(client, officer) == {"surveys": True, "co_production": True}, "on a board: builds surveys"
    parent = world.people["parent_carer"]
    assert menu(client, parent) == {"surveys": False, "co_production": False}
    builders.on_board(area, parent, MemberRole.PARENT_REP)
    assert menu(client, parent) == {"surveys": False, "co_production": True}, "a board member sees the overview"
    assert menu(client, world.people["other_council_officer"]) == {"surveys": False, "co_production": True}
    assert menu(client, world.people["no_team"]) == {"surveys": False, "co_production": False}


def test_a_named_analyst_gets_the_surveys_link(client, world, area):
    analyst = world.people["health"]
    assert menu(client, analyst)["surveys"] is False
    SurveyAnalyst.objects.create(local_area=world.council, user=analyst, started_on=dt.date(2020, 1, 1))
    assert menu(client, analyst) == {"surveys": True, "co_production": False}


def test_both_links_cost_one_query_and_only_on_pages_that_ask(world, area, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = area.coordinator
    with django_assert_num_queries(0):
        links = survey_links(request)
    with django_assert_num_queries(1):
        assert bool(links["show_surveys"]) and bool(links["show_co_production"])
    with django_assert_num_queries(1):
        assert menu_links(world.people["parent_carer"]) == {"surveys": False, "co_production": False}
