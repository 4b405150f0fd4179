"""Every demo person signs in with one click and walks every foundation page they can reach from their
home page; axe checks each page against WCAG 2.2 AA. The pages everyone can read are checked too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from coproduce.demo.personas import CHILDREN, PERSONAS, DemoChild, Persona
from coproduce.teams.models import INVITING_ROLES, TeamRole
from tests.e2e.helpers import error_summary, heading, main_nav

pytestmark = pytest.mark.browser

CHILD_LINK = re.compile(r"^/children/[0-9a-f-]{36}/$")
FAMILY = {TeamRole.PARENT_CARER, TeamRole.YOUNG_PERSON}


def known_as(child: DemoChild) -> str:
    return child.preferred_name or child.given_name


def display_name(child: DemoChild) -> str:
    return f"{known_as(child)} {child.family_name}"


def role_on(persona: Persona, child: DemoChild) -> str | None:
    return next((role for slug, role in child.team if slug == persona.slug), None)


def children_of(persona: Persona) -> list[DemoChild]:
    """Whose records the person sees: their teams', and every child of the council for its caseload officers."""
    return [child for child in CHILDREN if persona.caseload_access or role_on(persona, child)]


def subnav(page: Page, child: DemoChild):
    return page.get_by_role("navigation", name=f"Sections of {known_as(child)}'s record")


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.slug for p in PERSONAS])
def test_every_page_a_person_can_reach_is_accessible(open_page, axe, demo, persona: Persona):
    page = open_page(persona.slug)  # /demo/, "Sign in as …", then "Hello, <full name>"
    expect(page).to_have_url(f"{demo.url}/")
    expect(heading(page)).to_have_text(f"Hello, {persona.full_name}")
    expect(page.get_by_text(f"You are signed in as {persona.full_name}")).to_be_visible()
    axe(page)

    # The home page lists exactly the children whose records they may see.
    links = page.get_by_role("main").locator("a[href^='/children/']")
    found = {
        link.inner_text().strip(): link.get_attribute("href")
        for link in links.all()
        if CHILD_LINK.match(link.get_attribute("href") or "")
    }
    expected = children_of(persona)
    assert set(found) == {display_name(child) for child in expected}
    if not expected:
        expect(page.get_by_text("You are not on anyone's team yet", exact=False)).to_be_visible()

    # Officers with the council's caseload add children; others have no such page.
    add_child = page.get_by_role("link", name="Add a child or young person")
    if persona.caseload_access:
        add_child.click()
        expect(heading(page)).to_have_text("Add a child or young person")
        axe(page)
    else:
        expect(add_child).to_have_count(0)

    for child in expected:
        visit_child(page, axe, persona, child, found[display_name(child)])

    # The audit trail, for officers who may search it: the empty form, a search with results, and an error.
    audit_link = main_nav(page).get_by_role("link", name="Audit trail")
    if persona.audit_access:
        audit_link.click()
        expect(heading(page)).to_have_text("Audit trail")
        axe(page)
        page.get_by_label("Child or young person's name").fill("Grace")
        page.get_by_role("button", name="Search").click()
        results = page.get_by_role("table", name="Audit events found")
        expect(results).to_be_visible()
        expect(results.get_by_role("cell", name="Grace Okafor").first).to_be_visible()
        axe(page)
        fill_date(page.get_by_role("group", name="From", exact=True), "1 1 2021")
        fill_date(page.get_by_role("group", name="To", exact=True), "1 1 2020")
        page.get_by_role("button", name="Search").click()
        summary = error_summary(page)
        expect(summary).to_contain_text("There is a problem")
        expect(summary.get_by_role("link")).to_have_text(["The 'to' date must be the same as or after the 'from' date"])
        axe(page)
    else:
        expect(audit_link).to_have_count(0)
        response = page.goto("/audit/")
        assert response is not None and response.status == 404


def fill_date(group: Locator, date: str) -> None:
    for box, value in zip(("Day", "Month", "Year"), date.split(), strict=True):
        group.get_by_label(box).fill(value)


def visit_child(page: Page, axe, persona: Persona, child: DemoChild, href: str) -> None:
    """The child's overview, team and the pages the team page offers this person, each checked by axe.

    Each page is opened once, by following its link or by going to the address a link on an earlier page
    gave, so that the walk costs one page load per page."""
    role = role_on(persona, child)
    officer = persona.caseload_access or role == TeamRole.CASE_OFFICER
    family = role in FAMILY
    name = known_as(child)

    page.goto(href)
    expect(heading(page)).to_have_text("Overview")
    expect(page.locator(".govuk-caption-l")).to_have_text(display_name(child))
    axe(page)

    # The young person, from 16, chooses who can see their plan ("Who can see my plan").
    choose = page.get_by_role("link", name="Choose who can see your plan")
    choose_href = choose.get_attribute("href") if role == TeamRole.YOUNG_PERSON else None
    if choose_href is None:
        expect(choose).to_have_count(0)

    # Changing the details: officers only.
    change = page.get_by_role("link", name="Change these details")
    if officer:
        change.click()
        expect(heading(page)).to_have_text(f"Change {name}'s details")
        axe(page)
    else:
        expect(change).to_have_count(0)

    subnav(page, child).get_by_role("link", name="Team", exact=True).click()
    expect(heading(page)).to_have_text(f"The team around {name}")
    axe(page)

    # Inviting: the family, officers and those whose role may invite (SENCos).
    invite = page.get_by_role("link", name="Invite someone to the team")
    invite_href = invite.get_attribute("href") if family or officer or role in INVITING_ROLES else None
    if invite_href is None:
        expect(invite).to_have_count(0)
    # Removing someone (the confirmation page only: nothing is removed here): officers only.
    remove = page.get_by_role("link", name=re.compile(r"^Remove .+ from the team$"))
    remove_href = remove.first.get_attribute("href") if officer else None
    if remove_href is None:
        expect(remove).to_have_count(0)

    # "Who has looked at this record": for the family and officers only.
    history = subnav(page, child).get_by_role("link", name="Who has looked at this record")
    if family or officer:
        history.click()
        expect(heading(page)).to_have_text("Who has looked at or changed this record")
        expect(page.get_by_role("table")).to_contain_text(persona.full_name)
        axe(page)
    else:
        expect(history).to_have_count(0)

    if invite_href:
        page.goto(invite_href)
        expect(heading(page)).to_have_text(f"Invite someone to {name}'s team")
        axe(page)
    if remove_href:
        page.goto(remove_href)
        expect(heading(page)).to_have_text(re.compile(r"^Remove .+ from the team\?$"))
        axe(page)
    if choose_href:
        page.goto(choose_href)
        expect(heading(page)).to_have_text("Who can see my plan")
        expect(page.get_by_role("group", name="Can your parents or carers see your plan?")).to_be_visible()
        axe(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_pages_for_everyone_are_accessible(open_page, axe, javascript):
    page = open_page()

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    expect(heading(page)).to_have_text("Sign in to Coproduce")
    axe(page)

    page.get_by_role("link", name="Sign in as one of the demo people").click()
    expect(heading(page)).to_have_text("Try Coproduce as someone in Northmoor")
    for persona in PERSONAS:
        expect(page.get_by_role("button", name=f"Sign in as {persona.full_name}", exact=True)).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Accessibility").click()
    expect(heading(page)).to_have_text("Accessibility of Coproduce")
    axe(page)

    page.get_by_role("link", name="Privacy").click()
    expect(heading(page)).to_have_text("How Coproduce uses your information")
    axe(page)

    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    expect(heading(page)).to_have_text("Page not found")
    expect(page).to_have_title("Page not found – Coproduce")
    axe(page)


def test_page_not_found_when_signed_in_is_accessible(open_page, axe, demo):
    page = open_page("sarah")
    # Someone else's child is "not found", exactly like a page that does not exist.
    response = page.goto(f"/children/{demo.children['grace'].id}/")
    assert response is not None and response.status == 404
    expect(heading(page)).to_have_text("Page not found")
    axe(page)
    page.get_by_role("link", name="Go to your home page").click()
    expect(heading(page)).to_have_text("Hello, Sarah Clarke")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_accessibility_check_finds_problems(new_context, axe, javascript):
    """The check itself, with and without JavaScript: a page with known failures must not pass."""
    page = new_context(java_script_enabled=javascript).new_page()
    page.set_content(
        '<html><head><title>Broken</title></head><body><main><img src="/static/coproduce/favicon.svg">'
        '<p style="color:#bbb;background:#fff">Faint text</p></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        axe(page)
    report = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "color-contrast"):
        assert rule in report
    assert '["img"]' in report  # each failing element is named by its selector
