"""The parent carer forum's journeys in a real browser: the coordinator setting up a workstream and its
members, a meeting from agenda to agreed minutes, a decision rated on the ladder of co-production by
both sides, an overdue action, and a "you said, we did" update reaching the public page.

Each runs once with JavaScript on and once with it off; axe checks every page on the way, error states
included. The demo forum's "Preparing for adulthood" workstream is chaired by Rachel Green (parent
representative); Ian Clarke sits on it as a council officer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from coproduce.demo.personas import PERSONAS
from tests.e2e.helpers import error_summary, expect_errors, heading, main_nav, persona_named, success_banner

pytestmark = pytest.mark.browser

with_and_without_javascript = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])

PFA = "Preparing for adulthood"


def today() -> dt.date:
    return timezone.localdate()


def in_words(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def name_of(slug: str) -> str:
    return persona_named(slug).full_name


def fill_date(group: Locator, day: dt.date) -> None:
    for box, value in zip(("Day", "Month", "Year"), (day.day, day.month, day.year), strict=True):
        group.get_by_label(box, exact=True).fill(str(value))


def open_workstream(page: Page, name: str) -> None:
    """From any page: the Forum in the menu, then the workstream in "Your boards and workstreams"."""
    main_nav(page).get_by_role("link", name="Forum").click()
    expect(heading(page)).to_have_text("Parent carer forum")
    page.get_by_role("main").get_by_role("link", name=name, exact=True).click()
    expect(heading(page)).to_have_text("Members and meetings")


def workstream_part(page: Page, workstream: str, part: str) -> None:
    page.get_by_role("navigation", name=f"Parts of {workstream}").get_by_role("link", name=part, exact=True).click()
    expect(heading(page)).to_have_text(part)


def expect_each_error_leads_to_its_answer(page: Page) -> None:
    for link in error_summary(page).get_by_role("link").all():
        expect(page.locator(link.get_attribute("href"))).to_have_count(1)


# --- 5. Setting up a workstream -------------------------------------------------------------------------

SHORT_BREAKS = "Short breaks"


@with_and_without_javascript
def test_the_coordinator_sets_up_a_workstream(open_page, axe, demo, javascript):
    joanne = open_page("joanne")
    main_nav(joanne).get_by_role("link", name="Forum").click()
    expect(heading(joanne)).to_have_text("Parent carer forum")
    axe(joanne)
    joanne.get_by_role("link", name="Set up a board or workstream").click()
    axe(joanne)

    joanne.get_by_role("button", name="Set it up").click()
    expect_errors(joanne, javascript, "Select board or workstream", "Enter the name", "Enter the purpose")
    expect_each_error_leads_to_its_answer(joanne)
    axe(joanne)
    joanne.get_by_label("Workstream", exact=True).check()
    joanne.get_by_label("Name", exact=True).fill(SHORT_BREAKS)
    joanne.get_by_label("Purpose", exact=True).fill("Make short breaks easy to understand and to ask for.")
    joanne.get_by_role("button", name="Set it up").click()
    expect(success_banner(joanne)).to_contain_text(f"You set up {SHORT_BREAKS}. Now add its members.")
    expect(heading(joanne)).to_have_text("Members and meetings")
    expect(joanne.get_by_role("table", name="Members")).to_contain_text("Nobody yet.")
    axe(joanne)

    # Rachel joins as a parent representative; the empty form first.
    joanne.get_by_role("link", name="Add a member").click()
    axe(joanne)
    joanne.get_by_role("button", name="Add member").click()
    expect_errors(joanne, javascript, "Enter their email address", "Select their role")
    expect_each_error_leads_to_its_answer(joanne)
    axe(joanne)
    joanne.get_by_label("Their email address").fill(persona_named("rachel").email)
    joanne.get_by_label("Parent representative", exact=True).check()
    joanne.get_by_label("Who do they speak for? (optional)").fill("Northmoor Parent Carer Forum")
    joanne.get_by_role("button", name="Add member").click()
    expect(success_banner(joanne)).to_contain_text(f"{name_of('rachel')} is now a parent representative.")
    member = joanne.get_by_role("table", name="Members").get_by_role("row").filter(has_text=name_of("rachel"))
    expect(member).to_contain_text("Parent representative")
    expect(member).to_contain_text("Northmoor Parent Carer Forum")
    axe(joanne)

    # Rachel now finds the new workstream among her own.
    rachel = open_page("rachel")
    open_workstream(rachel, SHORT_BREAKS)
    expect(rachel.get_by_text("You are here as: Parent representative")).to_be_visible()
    axe(rachel)


# --- 6. A meeting: agenda, who came, and minutes agreed -----------------------------------------------

AGENDA = ["Welcome and apologies", "The new transition guide", "Any other business"]
MINUTES = "Rachel welcomed everyone. The group agreed the transition guide will go to families in March."


@with_and_without_javascript
def test_a_meeting_from_agenda_to_agreed_minutes(open_page, axe, demo, javascript):
    # Rachel chairs the workstream: she arranges the meeting, empty form first.
    rachel = open_page("rachel")
    open_workstream(rachel, PFA)
    rachel.get_by_role("link", name="Arrange a meeting").click()
    axe(rachel)
    rachel.get_by_role("button", name="Arrange meeting").click()
    expect_errors(rachel, javascript, "Enter a title for the meeting", "Enter date of the meeting")
    expect_each_error_leads_to_its_answer(rachel)
    axe(rachel)
    rachel.get_by_label("Title", exact=True).fill("Spring meeting")
    fill_date(rachel.get_by_role("group", name="Date of the meeting"), today())
    rachel.get_by_label("Where, or how to join (optional)").fill("Northmoor Library, meeting room 2")
    rachel.get_by_label("Agenda (optional)").fill("\n".join(AGENDA))
    rachel.get_by_role("button", name="Arrange meeting").click()
    expect(success_banner(rachel)).to_contain_text("The meeting has been arranged.")
    expect(heading(rachel)).to_have_text("Spring meeting")
    agenda = rachel.get_by_role("heading", name="Agenda").locator("xpath=following-sibling::ol[1]")
    expect(agenda.get_by_role("listitem")).to_have_text(AGENDA)
    expect(rachel.get_by_text("Attendance has not been recorded yet.")).to_be_visible()
    axe(rachel)

    # Who came: saving with no answers asks about each member by name.
    rachel.get_by_role("link", name="Record who came").click()
    axe(rachel)
    rachel.get_by_role("button", name="Save attendance").click()
    expect_errors(rachel, javascript, f"Select whether {name_of('rachel')} was there")
    axe(rachel)
    for group in rachel.get_by_role("main").get_by_role("group").all():
        group.get_by_label("Present", exact=True).check()
    rachel.get_by_role("group", name=re.compile(f"^{name_of('karen')}")).get_by_label(
        "Sent apologies", exact=True
    ).check()
    rachel.get_by_role("button", name="Save attendance").click()
    expect(success_banner(rachel)).to_contain_text("Attendance has been saved.")
    who_came = rachel.get_by_role("table", name="Attendance at Spring meeting")
    expect(who_came.get_by_role("row").filter(has_text=name_of("karen"))).to_contain_text("Sent apologies")
    expect(who_came.get_by_role("row").filter(has_text=name_of("ian"))).to_contain_text("Present")

    # The minutes: written, circulated, commented on by a council officer, then agreed by the chair.
    rachel.get_by_role("link", name="Write the minutes").click()
    axe(rachel)
    rachel.get_by_role("button", name="Save draft minutes").click()
    expect_errors(rachel, javascript, "Enter the minutes")
    axe(rachel)
    rachel.get_by_label("Minutes", exact=True).fill(MINUTES)
    rachel.get_by_role("button", name="Save draft minutes").click()
    expect(success_banner(rachel)).to_contain_text("The draft minutes have been saved.")
    rachel.get_by_role("link", name="Circulate the draft for comments").click()
    axe(rachel)
    rachel.get_by_role("button", name="Circulate for comments").click()
    expect(success_banner(rachel)).to_contain_text("The draft minutes have been circulated.")
    axe(rachel)

    ian = open_page("ian")
    open_workstream(ian, PFA)
    ian.get_by_role("link", name="Spring meeting").click()
    expect(ian.get_by_text(MINUTES)).to_be_visible()
    ian.get_by_role("button", name="Add comment").click()
    expect_errors(ian, javascript, "Enter your comment")
    axe(ian)
    ian.get_by_label("Your comment on the draft minutes").fill("Please add that the college will host it.")
    ian.get_by_role("button", name="Add comment").click()
    expect(success_banner(ian)).to_contain_text("Your comment has been added.")
    axe(ian)

    rachel.reload()
    expect(rachel.get_by_text("Please add that the college will host it.")).to_be_visible()
    rachel.get_by_role("link", name="Record the minutes as agreed").click()
    axe(rachel)
    rachel.get_by_role("button", name="Record as agreed").click()
    expect(success_banner(rachel)).to_contain_text("The minutes have been recorded as agreed.")
    expect(rachel.get_by_role("main")).to_contain_text(f"Agreed on {in_words(today())}.")
    expect(rachel.get_by_role("link", name="Edit the draft minutes")).to_have_count(0)  # agreed minutes stay
    axe(rachel)


# --- 7. A decision on the ladder of co-production -----------------------------------------------------

DECISION = "Transition guide for families"


@with_and_without_javascript
def test_both_sides_rate_a_decision_on_the_ladder(open_page, axe, demo, javascript):
    rachel = open_page("rachel")
    open_workstream(rachel, PFA)
    workstream_part(rachel, PFA, "Decisions")
    axe(rachel)
    rachel.get_by_role("link", name="Record a decision").click()
    axe(rachel)
    rachel.get_by_role("button", name="Record decision").click()
    expect_errors(
        rachel,
        javascript,
        "Enter the decision in a few words",
        "Enter what was decided",
        "Enter who decided",
        "Enter date of the decision",
        "Enter how families were involved",
    )
    expect_each_error_leads_to_its_answer(rachel)
    axe(rachel)
    rachel.get_by_label("Decision in a few words").fill(DECISION)
    rachel.get_by_label("What was decided").fill(
        "The workstream will publish a transition guide written with families."
    )
    rachel.get_by_label("Who decided").fill("The workstream, by agreement of all members present")
    fill_date(rachel.get_by_role("group", name="Date of the decision"), today())
    rachel.get_by_label("How were families involved?").fill("Parent representatives wrote the first draft.")
    rachel.get_by_role("button", name="Record decision").click()
    expect(success_banner(rachel)).to_contain_text("The decision has been recorded.")
    expect(heading(rachel)).to_have_text(DECISION)
    axe(rachel)

    # The parent representative rates it for families: the top rung.
    rachel.get_by_role("link", name="Rate this decision").click()
    axe(rachel)
    rachel.get_by_role("button", name="Save rating").click()
    expect_errors(rachel, javascript, "Select where the decision sat on the ladder")
    axe(rachel)
    rachel.get_by_label(re.compile(r"^Co-production:")).check()
    rachel.get_by_label("Why? (optional)").fill("We wrote it together from the start.")
    rachel.get_by_role("button", name="Save rating").click()
    expect(success_banner(rachel)).to_contain_text("Your side's rating has been saved.")
    ratings = rachel.get_by_role("table", name="Each side's rating, side by side")
    expect(ratings).to_contain_text("Your side's rating. The other side's is hidden until they rate.")
    expect(ratings).to_contain_text("Not both rated yet")
    axe(rachel)

    # The council officer rates it lower: three rungs apart, said in words.
    ian = open_page("ian")
    open_workstream(ian, PFA)
    workstream_part(ian, PFA, "Decisions")
    ian.get_by_role("link", name=DECISION).click()
    expect(ian.get_by_role("table", name="Each side's rating, side by side")).to_contain_text(
        "Rated. Shown when both sides have rated"
    )
    ian.get_by_role("link", name="Rate this decision").click()
    ian.get_by_label(re.compile(r"^Consultation:")).check()
    ian.get_by_role("button", name="Save rating").click()
    expect(success_banner(ian)).to_contain_text("Your side's rating has been saved.")
    for page in (ian, rachel):
        if page is rachel:
            page.reload()
        expect(page.locator(".govuk-warning-text")).to_contain_text(
            "Wide gap: the two sides are 3 rungs apart. Talk about why you see this decision differently."
        )
        row = page.get_by_role("table", name="Each side's rating, side by side").get_by_role("row").nth(1)
        expect(row).to_contain_text("Co-production")
        expect(row).to_contain_text("Consultation")
        expect(row).to_contain_text("Wide gap: 3 rungs apart")
        axe(page)

    # The decisions log shows the gap in words too.
    workstream_part(rachel, PFA, "Decisions")
    expect(rachel.get_by_role("row").filter(has_text=DECISION)).to_contain_text("3 rungs apart")
    axe(rachel)


# --- 8. An overdue action, and "you said, we did" in public ----------------------------------------------

PLAN_ITEM = "Not enough help to plan for life after school"
UPDATE = "The new preparing for adulthood section is now used in every Year 9 review."


@with_and_without_javascript
def test_overdue_actions_and_you_said_we_did(open_page, axe, demo, javascript):
    # The workstream sees the overdue action, marked in words as well as colour.
    karen = open_page("karen")
    open_workstream(karen, PFA)
    expect(karen.locator(".govuk-warning-text")).to_contain_text("1 action is overdue.")
    axe(karen)
    karen.get_by_role("link", name="See the actions").click()
    expect(heading(karen)).to_have_text("Actions")
    overdue = karen.get_by_role("table", name="Overdue")
    row = overdue.get_by_role("row").filter(has_text="Ask the college for more supported internship places")
    expect(row).to_contain_text(name_of("ian"))
    expect(row.get_by_text("Overdue", exact=True)).to_be_visible()
    expect(karen.get_by_role("table", name="Open")).not_to_contain_text("Ask the college")
    axe(karen)

    # The coordinator posts an update on a public item, empty form first.
    joanne = open_page("joanne")
    main_nav(joanne).get_by_role("link", name="Forum").click()
    joanne.get_by_role("link", name="You said, we did: write and update items").click()
    axe(joanne)
    joanne.get_by_role("link", name=PLAN_ITEM).click()
    expect(heading(joanne)).to_have_text(PLAN_ITEM)
    joanne.get_by_role("link", name="Post an update").click()
    axe(joanne)
    joanne.get_by_role("button", name="Post update").click()
    expect_errors(joanne, javascript, "Enter the update")  # the status starts as the item's own
    expect_each_error_leads_to_its_answer(joanne)
    axe(joanne)
    joanne.get_by_label("Update", exact=True).fill(UPDATE)
    joanne.get_by_label("Under way", exact=True).check()
    joanne.get_by_role("button", name="Post update").click()
    expect(success_banner(joanne)).to_be_visible()
    expect(joanne.get_by_text(UPDATE)).to_be_visible()
    axe(joanne)

    # Signed out, anyone sees it on the public page, with no one's name or email address.
    public = open_page()
    public.goto("/you-said-we-did/")
    expect(heading(public)).to_have_text("You said, we did")
    item = public.locator(".app-you-said").filter(has=public.get_by_role("heading", name=PLAN_ITEM))
    expect(item.locator(".govuk-tag")).to_have_text("Under way")
    expect(item).to_contain_text(f"Latest update, {in_words(today())}: {UPDATE}")
    expect(public.get_by_text("Who can have short breaks is unclear")).to_have_count(0)  # not published
    text = public.get_by_role("main").inner_text()
    for person in PERSONAS:
        assert person.full_name not in text, f"{person.full_name} is named on the public page"
        assert person.email.lower() not in text.lower(), f"{person.email} is on the public page"
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), "An email address is on the public page"
    axe(public)

    # The filter there is a GET form too.
    public.get_by_label("Show").select_option(value="in_progress")
    public.get_by_role("button", name="Show").click()
    expect(public).to_have_url(re.compile(r"[?&]status=in_progress"))
    expect(public.get_by_role("heading", name=PLAN_ITEM)).to_be_visible()
    expect(public.get_by_role("heading", name="It is hard to find anything on the local offer")).to_have_count(0)
    axe(public)
