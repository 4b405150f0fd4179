"""The foundation's journeys in a real browser, each once with JavaScript on and once with it off.

With JavaScript on, the sign-in and add-a-child journeys use the keyboard alone (Tab, typing, Enter).
axe checks the pages on the way, error states included."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from coproduce.audit.context import Actor
from coproduce.demo.personas import DEMO_PASSWORD
from coproduce.rules.identifiers import upn_check_letter
from coproduce.rules.school_years import year_group
from coproduce.teams.actions import InviteMember
from coproduce.teams.models import TeamRole
from coproduce.teams.policy import access_for
from coproduce.web.templatetags.govuk import year_group_label
from tests.e2e.helpers import Hands, error_summary, heading, main_nav, sign_in_as, success_banner

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"]),
]


def expect_errors(page: Page, javascript: bool, *messages: str) -> None:
    """The GOV.UK error summary: "There is a problem", each message, the page title starting "Error:",
    and with JavaScript on, the focus moved to the summary so screen readers announce it."""
    summary = error_summary(page)
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    for message in messages:
        expect(summary).to_contain_text(message)
    expect(page).to_have_title(re.compile(r"^Error: "))
    if javascript:
        expect(summary).to_be_focused()


def test_sign_in_with_email_and_password(open_page, axe, javascript):
    page = open_page()
    hands = Hands(page, keyboard=javascript)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    email, password = page.get_by_label("Email address"), page.get_by_label("Password", exact=True)
    sign_in = page.get_by_role("button", name="Sign in", exact=True)

    hands.fill(email, "sarah.clarke@example.org")
    hands.fill(password, "not the password")
    hands.press(sign_in)
    expect_errors(page, javascript, "The email address or password is not right. Check them and try again.")
    expect(email).to_have_value("sarah.clarke@example.org")  # kept, so only the password is typed again
    expect(password).to_have_value("")
    axe(page)

    hands.fill(password, DEMO_PASSWORD)
    hands.press(sign_in)
    expect(heading(page)).to_have_text("Hello, Sarah Clarke")
    expect(page).to_have_url(re.compile(r"/$"))
    axe(page)


def test_case_officer_adds_a_child(open_page, axe, javascript):
    page = open_page("olivia")
    hands = Hands(page, keyboard=javascript)  # keyboard only when JavaScript is on
    hands.press(page.get_by_role("link", name="Add a child or young person"))
    expect(heading(page)).to_have_text("Add a child or young person")
    add = page.get_by_role("button", name="Add", exact=True)

    # Nothing typed: a specific message for each missing answer, by its field and in the summary.
    hands.press(add)
    expect_errors(page, javascript, "Enter their first name", "Enter their last name", "Enter date of birth")
    expect(page.locator("#id_given_name-error")).to_have_text("Error: Enter their first name")
    expect(page.locator("#id_date_of_birth-error")).to_have_text("Error: Enter date of birth")
    axe(page)
    # Each link in the summary takes the focus to its field (the day box for a date).
    links = error_summary(page).get_by_role("link")
    expect(links).not_to_have_count(0)
    for link in links.all():
        target = page.locator(link.get_attribute("href"))
        expect(target).to_have_count(1)
        hands.press(link)
        expect(target).to_be_focused()
    expect(page.get_by_role("link", name="Enter their first name")).to_have_attribute("href", "#id_given_name")
    expect(page.get_by_role("link", name="Enter date of birth")).to_have_attribute("href", "#id_date_of_birth_0")

    # A UPN whose check letter does not match.
    born = dt.date(2018, 3, 10)
    rest = "938201810099"
    right = upn_check_letter(rest)
    wrong = "B" if right != "B" else "C"
    hands.fill(page.get_by_label("First name"), "Ava")
    hands.fill(page.get_by_label("Last name"), "Lindqvist")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    hands.fill(date_of_birth.get_by_label("Day"), str(born.day))
    hands.fill(date_of_birth.get_by_label("Month"), str(born.month))
    hands.fill(date_of_birth.get_by_label("Year"), str(born.year))
    upn = page.get_by_label("Unique pupil number (UPN) (optional)")
    hands.fill(upn, wrong + rest)
    hands.press(add)
    expect_errors(page, javascript, "Check the UPN: its first letter does not match the rest of the number")
    expect(error_summary(page).get_by_role("link")).to_have_count(1)
    expect(page.get_by_label("First name")).to_have_value("Ava")  # what was typed is kept
    expect(date_of_birth.get_by_label("Year")).to_have_value("2018")
    axe(page)

    hands.fill(upn, right + rest)
    hands.press(add)
    expect(success_banner(page)).to_contain_text("You added Ava Lindqvist. You are their case officer.")
    expect(heading(page)).to_have_text("Overview")
    expect(page.locator(".govuk-caption-l")).to_have_text("Ava Lindqvist")
    school_year = page.locator(".govuk-summary-list__row").filter(
        has=page.get_by_role("term").filter(has_text=re.compile(r"^School year$"))
    )
    expected_year = year_group_label(year_group(born, timezone.localdate()))
    expect(school_year.get_by_role("definition")).to_have_text(expected_year)
    expect(page.get_by_text(right + rest, exact=True)).to_be_visible()
    axe(page)


def test_parent_invites_someone_and_withdraws_the_invitation(open_page, axe, javascript):
    page = open_page("sarah")
    page.get_by_role("link", name="Leo Clarke", exact=True).click()
    page.get_by_role("navigation", name="Sections of Leo's record").get_by_role("link", name="Team").click()
    page.get_by_role("link", name="Invite someone to the team").click()
    expect(heading(page)).to_have_text("Invite someone to Leo's team")
    send = page.get_by_role("button", name="Send invitation")

    send.click()
    expect_errors(page, javascript, "Enter their email address", "Select what they will be on the team")
    axe(page)

    page.get_by_label("Their email address").fill("alex.morgan@example.org")
    page.get_by_label("Health practitioner", exact=True).check()
    send.click()
    expect(success_banner(page)).to_contain_text("We have sent an invitation to alex.morgan@example.org.")
    waiting = page.get_by_role("table", name="Invitations waiting for a reply")
    expect(waiting.get_by_role("row").filter(has_text="alex.morgan@example.org")).to_contain_text("Health practitioner")
    axe(page)

    waiting.get_by_role("link", name="Withdraw the invitation to alex.morgan@example.org").click()
    expect(heading(page)).to_have_text("Withdraw the invitation to alex.morgan@example.org?")
    axe(page)
    page.get_by_role("button", name="Withdraw invitation").click()
    expect(success_banner(page)).to_contain_text("You withdrew the invitation to alex.morgan@example.org.")
    expect(heading(page)).to_have_text("The team around Leo")
    expect(waiting).to_have_count(0)


def test_invited_person_creates_an_account_and_joins_the_team(open_page, axe, demo, mailoutbox, javascript):
    sarah, leo = demo.people["sarah"], demo.children["leo"]
    # The invitation is made in the live server's database; its email reaches this process's outbox.
    # Leo's other parent is invited: family members need no second sign-in step, practitioners would.
    _invitation, token = InviteMember(
        Actor(user=sarah), access=access_for(sarah, leo), email="daniel.clarke@example.org", role=TeamRole.PARENT_CARER
    ).execute()
    [email] = [message for message in mailoutbox if message.to == ["daniel.clarke@example.org"]]
    assert f"/invitations/{token}/" in email.body
    assert "Leo" not in email.body  # the email names no child

    page = open_page()  # signed out, in a fresh context
    page.goto(f"/invitations/{token}/")
    expect(heading(page)).to_have_text("Join the team around Leo")
    expect(page.get_by_role("main")).to_contain_text("Sarah Clarke has invited you to join as: Parent or carer.")
    axe(page)

    full_name, password = page.get_by_label("Your full name"), page.get_by_label("Create a password")
    join = page.get_by_role("button", name="Create account and join the team")
    full_name.fill("Daniel Clarke")
    password.fill("too short")
    join.click()
    expect_errors(page, javascript, "Your password must be at least 12 characters long")
    expect(page.locator("#id_password-error")).to_contain_text("Your password must be at least 12 characters long")
    expect(full_name).to_have_value("Daniel Clarke")
    axe(page)

    password.fill("purple lighthouse morning tide")
    join.click()
    expect(success_banner(page)).to_contain_text("You have joined the team around Leo.")
    expect(heading(page)).to_have_text("Overview")
    expect(page.locator(".govuk-caption-l")).to_have_text("Leo Clarke")
    expect(page.get_by_text("Daniel Clarke – Parent or carer")).to_be_visible()
    expect(page.get_by_text("You are signed in as Daniel Clarke")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(heading(page)).to_have_text("Hello, Daniel Clarke")
    expect(page.get_by_role("main").get_by_role("link", name="Leo Clarke", exact=True)).to_be_visible()


def test_case_officer_removes_someone_from_the_team(open_page, axe, demo, javascript):
    mark = open_page("mark")
    grace_link = mark.get_by_role("main").get_by_role("link", name="Grace Okafor", exact=True)
    expect(grace_link).to_be_visible()

    olivia = open_page("olivia")
    olivia.get_by_role("link", name="Grace Okafor", exact=True).click()
    olivia.get_by_role("navigation", name="Sections of Grace's record").get_by_role("link", name="Team").click()
    olivia.get_by_role("link", name="Remove Mark Evans from the team").click()
    expect(heading(olivia)).to_have_text("Remove Mark Evans from the team?")
    axe(olivia)
    olivia.get_by_role("button", name="Remove from team").click()
    expect(success_banner(olivia)).to_contain_text("Mark Evans is no longer on the team.")
    expect(heading(olivia)).to_have_text("The team around Grace")
    expect(olivia.get_by_role("table", name="Who is on the team")).not_to_contain_text("Mark Evans")
    axe(olivia)

    mark.reload()
    expect(heading(mark)).to_have_text("Hello, Mark Evans")
    expect(grace_link).to_have_count(0)
    response = mark.goto(demo.child_url("grace"))
    assert response is not None and response.status == 404
    expect(heading(mark)).to_have_text("Page not found")


def test_young_person_chooses_whether_parents_see_the_plan(open_page, axe, demo, javascript):
    karen = open_page("karen")
    jordan_on_karens_home = karen.get_by_role("main").get_by_role("link", name="Jordan Price", exact=True)
    expect(jordan_on_karens_home).to_be_visible()

    jordan = open_page("jordan")
    jordan.get_by_role("main").get_by_role("link", name="Jordan Price", exact=True).click()
    choose = jordan.get_by_role("link", name="Choose who can see your plan")
    choose.click()
    expect(heading(jordan)).to_have_text("Who can see my plan")
    axe(jordan)
    jordan.get_by_label("My parents or carers cannot see my plan any more").check()
    jordan.get_by_role("button", name="Save my choice").click()
    expect(success_banner(jordan)).to_contain_text("Your parents or carers can no longer see your plan.")
    axe(jordan)

    karen.reload()
    expect(heading(karen)).to_have_text("Hello, Karen Price")
    expect(jordan_on_karens_home).to_have_count(0)
    response = karen.goto(demo.child_url("jordan"))
    assert response is not None and response.status == 404
    expect(heading(karen)).to_have_text("Page not found")

    choose.click()
    expect(jordan.get_by_label("My parents or carers cannot see my plan any more")).to_be_checked()
    jordan.get_by_label("My parents or carers can keep seeing my plan and adding their views").check()
    jordan.get_by_role("button", name="Save my choice").click()
    expect(success_banner(jordan)).to_contain_text("Your parents or carers can keep seeing your plan.")

    karen.goto("/")
    jordan_on_karens_home.click()
    expect(heading(karen)).to_have_text("Overview")
    expect(karen.locator(".govuk-caption-l")).to_have_text("Jordan Price")


def test_parent_sees_who_has_looked_at_the_record(open_page, axe, demo, javascript):
    olivia = open_page("olivia")
    olivia.goto(demo.child_url("grace"))
    expect(heading(olivia)).to_have_text("Overview")

    david = open_page("david")
    david.get_by_role("main").get_by_role("link", name="Grace Okafor", exact=True).click()
    sections = david.get_by_role("navigation", name="Sections of Grace's record")
    sections.get_by_role("link", name="Who has looked at this record").click()
    expect(heading(david)).to_have_text("Who has looked at or changed this record")
    rows = david.get_by_role("table", name=re.compile("Who has looked at or changed this record")).get_by_role("row")
    expect(rows.filter(has_text="Olivia Bennett").filter(has_text="Looked at: Overview").first).to_be_visible()
    expect(rows.filter(has_text="Olivia Bennett").first).to_contain_text("Council case officer")
    expect(rows.filter(has_text="David Okafor").filter(has_text="Looked at: Overview").first).to_be_visible()
    axe(david)


def test_sign_out(open_page, axe, demo, javascript):
    page = open_page("sarah")
    main_nav(page).get_by_role("button", name="Sign out").click()
    expect(heading(page)).to_have_text("You have signed out")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    axe(page)

    # Signed out means signed out: the home page and a child's page both ask to sign in.
    page.goto("/")
    expect(heading(page)).to_have_text("Sign in to Coproduce")
    page.goto(demo.child_url("leo"))
    expect(page).to_have_url(re.compile(r"/sign-in/\?next="))
    expect(page.get_by_text("Leo Clarke")).to_have_count(0)


def test_sign_out_on_a_small_screen(open_page, javascript):
    """At 320 pixels wide GOV.UK's service navigation folds behind a "Menu" button when JavaScript runs;
    without JavaScript the links stay on the page."""
    page = open_page()
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in_as(page, "sarah")
    sign_out = main_nav(page).get_by_role("button", name="Sign out")
    menu = main_nav(page).get_by_role("button", name="Menu")
    if javascript:
        expect(sign_out).to_be_hidden()
        expect(menu).to_have_attribute("aria-expanded", "false")
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
    else:
        expect(menu).to_be_hidden()
    sign_out.click()
    expect(heading(page)).to_have_text("You have signed out")
