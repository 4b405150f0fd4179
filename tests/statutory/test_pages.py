"""The clock's pages, as the people using them see them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import OrganisationKind, User
from coproduce.rules.clock.dates import add_months
from coproduce.statutory import actions
from coproduce.statutory.clock import in_words
from coproduce.statutory.models import NeedsAssessment
from coproduce.statutory.steps import STEPS
from coproduce.teams.models import Child
from tests import factories
from tests.statutory.helpers import step

pytestmark = pytest.mark.django_db

D = dt.date


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def words(html: str) -> str:
    """The text of a page, in one line, as a screen reader would read it."""
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", text).replace("&#x27;", "'")


def timeline_url(child) -> str:
    return reverse("statutory:timeline", args=[child.id])


# --- The demo families ---------------------------------------------------------------------------
@pytest.fixture
def demo(db):
    call_command("demo_data", verbosity=0)
    return {child.given_name: child for child in Child.objects.all()}


def person(email_start: str) -> User:
    return User.objects.get(email__startswith=email_start)


def test_yusufs_mother_sees_when_the_council_must_decide(client, demo):
    today = timezone.localdate()
    text = words(page(client, person("amira"), timeline_url(demo["Yusuf"])))
    due = in_words(today - dt.timedelta(days=21) + dt.timedelta(weeks=6))
    assert f"The council must decide whether to assess by {due}." in text
    assert "The council received a request for an EHC needs assessment" in text
    assert demo["Yusuf"].stage == "request"


def test_leos_mother_sees_her_comment_window_and_the_late_advice(client, demo):
    today = timezone.localdate()
    text = words(page(client, person("sarah"), timeline_url(demo["Leonardo"])))
    closes = in_words(today - dt.timedelta(days=5) + dt.timedelta(days=14))
    assert f"You can comment on the draft plan and ask for a school or college to be named until {closes}." in text
    assert "Open now" in text
    assert "Hannah Lee sent health advice" in text
    assert "Late This was 7 days after the time limit of" in text
    final = in_words(today - dt.timedelta(weeks=17) + dt.timedelta(weeks=20))
    assert f"The council must issue the final plan by {final}." in text


def test_everyone_on_leos_team_sees_the_same_clock(client, demo):
    text = words(page(client, person("priya"), timeline_url(demo["Leonardo"])))
    assert "The family can comment on the draft plan" in text
    assert "Hannah Lee sent health advice" in text


def test_graces_father_sees_the_coming_review(client, demo):
    today = timezone.localdate()
    text = words(page(client, person("david"), timeline_url(demo["Grace"])))
    assert f"The annual review meeting is on {in_words(today + dt.timedelta(days=14))}." in text
    ends = add_months(add_months(today, -11), 12) - dt.timedelta(days=1)
    assert f"The council must finish the annual review and make its decision by {in_words(ends)}." in text
    assert "After the annual review, the council decided to keep the plan as it is" in text
    assert demo["Grace"].stage == "review"


def test_jordan_sees_their_plan_and_the_next_review(client, demo):
    today = timezone.localdate()
    text = words(page(client, person("jordan"), timeline_url(demo["Jordan"])))
    next_review = add_months(add_months(today, -5), 12) - dt.timedelta(days=1)
    assert (
        f"The council must review the plan and decide whether to keep, change or stop it by {in_words(next_review)}."
    ) in text
    assert "The council amended the plan for the move to the next school or college" in text
    assert demo["Jordan"].stage == "plan"


def test_loading_the_demo_again_adds_no_steps(demo):
    before = NeedsAssessment.objects.count()
    call_command("demo_data", verbosity=0)
    assert NeedsAssessment.objects.count() == before == 4


def test_the_overview_says_what_happens_next(client, demo):
    text = words(page(client, person("amira"), reverse("teams:child", args=[demo["Yusuf"].id])))
    assert "What happens next" in text and "The council must decide whether to assess by" in text


def test_the_overview_of_a_child_with_nothing_on_the_clock_says_so(client, world):
    empty = words(page(client, world.people["parent_carer"], reverse("teams:child", args=[world.a.id])))
    assert "Nothing is on the statutory clock yet." in empty


# --- Recording a step ------------------------------------------------------------------------------
def test_an_officer_records_a_step_and_the_family_sees_it(client, world):
    officer = world.people["case_officer"]
    client.force_login(officer)
    url = reverse("statutory:record-step", args=[world.a.id, "request"])
    bad = client.post(
        url, {"requested_by": "other", "received_on_0": "31", "received_on_1": "2", "received_on_2": "2025"}
    )
    html = bad.content.decode()
    assert bad.status_code == 200
    assert "There is a problem" in html
    assert "Say who asked for the assessment, for example health visitor" in html
    assert "The date the council received the request must be a real date" in html
    assert 'value="31"' in html  # what was typed is kept
    good = client.post(
        url,
        {"requested_by": "parent", "received_on_0": "6", "received_on_1": "1", "received_on_2": "2025"},
        follow=True,
    )
    assert "The request for assessment is recorded." in good.content.decode()
    text = words(page(client, world.people["parent_carer"], timeline_url(world.a)))
    assert "Late: the council had to decide whether to assess by Monday 17 February 2025." in text


def test_a_refused_step_explains_itself_by_the_field(client, world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    client.force_login(officer)
    response = client.post(
        reverse("statutory:record-step", args=[world.a.id, "decision"]),
        {"decision": "yes", "decided_on_0": "1", "decided_on_1": "1", "decided_on_2": "2025"},
    )
    html = response.content.decode()
    assert "The date of the decision must be on or after the day the request was received" in html
    assert 'href="#id_decided_on_0"' in html


def test_the_step_menu_says_why_a_step_cannot_be_recorded_yet(client, world):
    text = words(page(client, world.people["case_officer"], reverse("statutory:record", args=[world.a.id])))
    assert "Decision whether to assess Not now: There is no request for assessment in progress." in text


def test_an_exception_is_shown_with_its_reason_and_the_evidence_only_to_family_and_council(client, world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    step(
        world.a,
        officer,
        actions.RecordException,
        reason="exceptional_personal_circumstances",
        starts_on=D(2025, 1, 20),
        ends_on=D(2025, 3, 1),
        note="A long stay in hospital",
        family_told=True,
    )
    family = words(page(client, world.people["parent_carer"], timeline_url(world.a)))
    assert "An exception to the time limits was applied" in family
    assert "Why: exceptional personal circumstances affected the child or the family." in family
    assert "It applies to the time limits for deciding whether to assess" in family
    assert "What shows this: A long stay in hospital" in family
    assert "An exception applies to this time limit" in family  # on the overdue decision itself
    school = words(page(client, world.people["senco"], timeline_url(world.a)))
    assert "Why: exceptional personal circumstances" in school
    assert "A long stay in hospital" not in school


def test_the_clock_pages_have_no_inline_styles_and_ordered_headings(client, world):
    step(world.a, world.people["case_officer"], actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    for user, url in (
        (world.people["parent_carer"], timeline_url(world.a)),
        (world.people["case_officer"], reverse("statutory:record", args=[world.a.id])),
        (world.people["caseload_officer"], reverse("statutory:caseload")),
        (world.people["caseload_officer"], reverse("statutory:council-overview")),
    ):
        html = page(client, user, url)
        assert "style=" not in html and "<style" not in html
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), url


# --- The caseload ----------------------------------------------------------------------------------
def _child_with_request(council, officer, received, **fields):
    child = factories.child(council, **fields)
    factories.member(child, officer, "case_officer")
    step(child, officer, actions.RecordRequest, requested_by="parent", received_on=received)
    return child


def test_the_caseload_is_sorted_by_next_deadline_and_highlights_what_is_late_or_soon(client, world):
    officer = world.people["caseload_officer"]
    today = timezone.localdate()
    late = _child_with_request(world.council, officer, today - dt.timedelta(weeks=7), family_name="Late")
    soon = _child_with_request(world.council, officer, today - dt.timedelta(weeks=5), family_name="Soon")
    later = _child_with_request(world.council, officer, today - dt.timedelta(weeks=1), family_name="Later")
    html = page(client, officer, reverse("statutory:caseload"))
    text = words(html)
    names = re.findall(r'timeline/">([^<]+)</a>', html)
    assert names[:3] == [late.display_name, soon.display_name, later.display_name]
    assert "Overdue 7 days late" in text
    assert "Due soon 7 days left" in text
    assert "1 with a deadline that has passed" in text
    assert "1 with a deadline within 10 days" in text
    assert "5 children and young people" in text  # and Alex and Billie, with nothing on the clock
    assert "2 with nothing on the clock" in text
    by_name = re.findall(r'timeline/">([^<]+)</a>', page(client, officer, reverse("statutory:caseload") + "?sort=name"))
    assert by_name == sorted(by_name, key=lambda n: n.split()[-1])


def test_the_caseload_filters(client, world):
    officer = world.people["caseload_officer"]
    today = timezone.localdate()
    school = factories.organisation("Brook School", OrganisationKind.SETTING, local_area=world.council)
    year_5 = D(today.year - 10 - (1 if today.month < 9 else 0), 10, 1)
    late = _child_with_request(world.council, officer, today - dt.timedelta(weeks=8), setting=school, dob=year_5)
    soon = _child_with_request(world.council, officer, today - dt.timedelta(weeks=5))
    other_officer = factories.officer(world.council, name="Another Officer")
    theirs = _child_with_request(world.council, other_officer, today - dt.timedelta(weeks=2))
    url = reverse("statutory:caseload")

    def listed(query):
        return set(re.findall(r'children/([0-9a-f-]+)/timeline/">', page(client, officer, f"{url}?{query}")))

    assert listed("overdue=on") == {str(late.id)}
    assert listed("due_within=10") == {str(soon.id)}
    assert listed(f"setting={school.id}") == {str(late.id)}
    assert listed(f"school_year={late.year_group()}") == {str(late.id)}
    assert listed(f"officer={other_officer.id}") == {str(theirs.id)}
    step(soon, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=today)
    assert listed("stage=assessment") == {str(soon.id)}
    assert listed("stage=plan") == set()
    text = words(page(client, officer, f"{url}?due_within=lots"))
    assert "Enter the number of days as a whole number, like 10" in text


def test_a_case_officer_sees_only_their_own_childrens_caseload(client, world):
    text = words(page(client, world.people["case_officer"], reverse("statutory:caseload")))
    assert world.a.display_name in text and world.b.display_name not in text
    other = words(page(client, world.people["other_council_officer"], reverse("statutory:caseload")))
    assert world.a.display_name not in other and "0 children and young people" in other


def _caseload_queries(client, officer) -> int:
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("statutory:caseload") + "?sort=deadline").status_code == 200
    return len(queries)


def test_the_caseload_makes_no_more_queries_with_more_children(client, world):
    officer = world.people["caseload_officer"]
    today = timezone.localdate()
    for n in range(3):
        _child_with_request(world.council, officer, today - dt.timedelta(days=n))
    few = _caseload_queries(client, officer)
    for n in range(35):
        _child_with_request(world.council, officer, today - dt.timedelta(days=n))
    many = _caseload_queries(client, officer)
    assert many == few


# --- The council overview --------------------------------------------------------------------------
def _issued_plan(council, officer, received, issued, exception=None):
    child = _child_with_request(council, officer, received)
    step(child, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=received + dt.timedelta(weeks=5))
    if exception:
        step(
            child,
            officer,
            actions.RecordException,
            reason="family_away_4_weeks",
            starts_on=exception[0],
            ends_on=exception[1],
            note="",
            family_told=True,
        )
    step(child, officer, actions.RecordOutcome, outcome="issue", outcome_on=issued)
    return child


def test_the_council_overview_draws_accessible_charts_and_suppresses_small_numbers(client, world):
    officer = world.people["caseload_officer"]
    for n in range(6):
        received = D(2025, 1, 6) + dt.timedelta(days=n)
        _issued_plan(world.council, officer, received, received + dt.timedelta(weeks=18))
    late = D(2025, 2, 3)
    _issued_plan(world.council, officer, late, late + dt.timedelta(weeks=24))
    html = page(client, officer, reverse("statutory:council-overview") + "?year=2025")
    text = words(html)
    assert 'role="img"' in html and '<title id="chart-plans-title">' in html and '<desc id="chart-plans-desc">' in html
    assert "Plans issued in 2025" in text
    # 7 plans, 6 in time, 1 late: the late one is "fewer than 5", and 6 of 7 would give it away
    assert "Including exceptions 7 not shown, to protect a small number not shown, to protect a small number" in text
    assert "fewer than 5" in text
    assert "86%" not in text


def test_the_council_overview_is_for_officers_with_the_caseload(client, world):
    client.force_login(world.people["case_officer"])
    assert client.get(reverse("statutory:council-overview")).status_code == 404
    client.force_login(world.people["caseload_officer"])
    assert client.get(reverse("statutory:council-overview") + "?year=1999").status_code == 200


# --- Advice and reminder settings ------------------------------------------------------------------
def test_an_adviser_sees_their_own_advice_due_across_children(client, world):
    officer, adviser = world.people["caseload_officer"], world.people["educational_psychologist"]
    today = timezone.localdate()
    factories.member(world.b, adviser, "educational_psychologist")
    for child in (world.a, world.b):
        step(child, officer, actions.RecordRequest, requested_by="parent", received_on=today - dt.timedelta(weeks=8))
        step(child, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=today - dt.timedelta(weeks=6))
    step(
        world.a,
        officer,
        actions.RecordAdviceRequest,
        kind="psychological",
        adviser=adviser,
        organisation=None,
        sent_on=today - dt.timedelta(weeks=5),
    )
    step(
        world.b,
        officer,
        actions.RecordAdviceRequest,
        kind="psychological",
        adviser=adviser,
        organisation=None,
        sent_on=today - dt.timedelta(weeks=7),
    )
    text = words(page(client, adviser, reverse("statutory:advice")))
    assert world.a.display_name in text and world.b.display_name in text
    assert "Overdue 7 days late" in text
    assert "Due soon 7 days left" in text
    assert text.index(world.b.display_name) < text.index(world.a.display_name)  # soonest due first
    nobody = words(page(client, world.people["senco"], reverse("statutory:advice")))
    assert "Nobody has asked you for advice" in nobody


def test_the_home_page_snippet_lists_advice_still_to_send(world):
    from django.template.loader import render_to_string

    from coproduce.statutory.selectors import advice_for

    officer, adviser = world.people["case_officer"], world.people["health"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=timezone.localdate())
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=timezone.localdate())
    step(
        world.a,
        officer,
        actions.RecordAdviceRequest,
        kind="medical",
        adviser=adviser,
        organisation=None,
        sent_on=timezone.localdate(),
    )
    html = render_to_string("statutory/home_advice.html", {"advice_due": advice_for(adviser, outstanding_only=True)})
    assert "Advice you have been asked for" in html and "Health advice" in html
    assert "<table" not in render_to_string("statutory/home_advice.html", {"advice_due": []})


def test_people_choose_how_they_get_reminders(client, world):
    client.force_login(world.people["parent_carer"])
    url = reverse("statutory:reminders")
    assert "Select how you would like to get reminders" in client.post(url, {}).content.decode()
    response = client.post(url, {"frequency": "daily"}, follow=True)
    assert "Your choice is saved." in response.content.decode()
    assert 'value="daily" checked' in response.content.decode()


# --- Who may see what ------------------------------------------------------------------------------
def test_someone_on_another_childs_team_finds_nothing_and_changes_nothing(client, world):
    client.force_login(world.people["other_case_officer"])
    assert client.get(timeline_url(world.a)).status_code == 404
    response = client.post(
        reverse("statutory:record-step", args=[world.a.id, "request"]),
        {"requested_by": "parent", "received_on_0": "6", "received_on_1": "1", "received_on_2": "2025"},
    )
    assert response.status_code == 404
    assert not NeedsAssessment.objects.exists()


def test_parents_a_young_person_has_excluded_no_longer_see_the_timeline(client, world):
    from coproduce.audit.context import Actor
    from coproduce.teams.actions import ChooseParentsAccess
    from coproduce.teams.policy import access_for

    young = world.people["young_person"]
    ChooseParentsAccess(Actor(user=young), access=access_for(young, world.a), choice="none").execute()
    client.force_login(world.people["parent_carer"])
    assert client.get(timeline_url(world.a)).status_code == 404


@pytest.mark.parametrize("slug", sorted(STEPS))
def test_every_step_page_shows_its_form_or_why_not(client, world, slug):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2024, 1, 8))
    step(world.a, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=D(2024, 2, 5))
    html = page(client, officer, reverse("statutory:record-step", args=[world.a.id, slug]))
    assert ('<form method="post"' in html) or ("You cannot record this now." in html)
    empty = client.post(reverse("statutory:record-step", args=[world.a.id, slug]), {})
    assert empty.status_code == 200 and "There is a problem" in empty.content.decode()


def test_an_officer_records_an_exception_through_the_form(client, world):
    officer = world.people["case_officer"]
    step(world.a, officer, actions.RecordRequest, requested_by="parent", received_on=D(2025, 1, 6))
    client.force_login(officer)
    url = reverse("statutory:record-step", args=[world.a.id, "exception"])
    dates = {"starts_on_0": "1", "starts_on_1": "2", "starts_on_2": "2025", "ends_on_0": "10"}
    short = client.post(url, dates | {"reason": "family_away_4_weeks", "ends_on_1": "2", "ends_on_2": "2025"})
    assert "For this reason the period must be at least 4 weeks (28 days) long" in short.content.decode()
    done = client.post(
        url,
        dates | {"reason": "family_away_4_weeks", "ends_on_1": "3", "ends_on_2": "2025", "family_told": "on"},
        follow=True,
    )
    assert "The exception is recorded." in done.content.decode()
    assert "An exception to the time limits was applied" in words(done.content.decode())
