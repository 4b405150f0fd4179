"""Surveys in a real browser ("Your views needed", issue 8).

1. The forum coordinator builds a survey (sections, a yes/no question, a rating shown only after "Yes",
   any number of answers, an optional question in people's own words), previews and publishes it. A
   parent answers it on a phone-sized screen with JavaScript off and without signing in, agrees to be
   contacted, and later withdraws with the link; the coordinator's contact list follows.
2. On the demo's closed survey the coordinator (JavaScript off this time) sees results with small
   numbers suppressed and a filter refused with its reason; asks for suggested themes in the free text,
   accepts and renames one, merges another; turns the theme into a "you said, we did" item, publishes it,
   and anyone sees it on the public page with where it came from, while the theme links to the item.

axe checks every page on the way, error states included. Nothing sleeps."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.helpers import error_summary, expect_errors, heading, main_nav, success_banner

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

TITLE = "Short breaks survey, autumn"
HAD_BREAK = "Has your child had a short break this year?"
HOW_GOOD = "How good was the short break?"
WOULD_HELP = "Which of these would help your family?"
CHANGE = "What one thing would you change about short breaks?"
EMAIL = "a.parent@example.net"


def expect_each_error_leads_to_its_answer(page: Page) -> None:
    for link in error_summary(page).get_by_role("link").all():
        expect(page.locator(link.get_attribute("href"))).to_have_count(1)


def fits_the_screen(page: Page) -> bool:
    """Nothing sticks out sideways: no scrolling left and right on a phone."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def add_question(page: Page, axe, section: str, kind: str, text: str, *, options: str = "", required: bool = True):
    page.get_by_role("link", name=f"Add a question to {section}").click()
    expect(heading(page)).to_have_text("Add a question")
    expect(page.get_by_label("Section")).to_have_value(re.compile(".+"))
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Question", exact=True).fill(text)
    page.get_by_role("group", name="Must people answer it?").get_by_label("Yes" if required else "No").check()
    if options:
        page.get_by_label("Answers to choose from").fill(options)
    return page


def save_question(page: Page) -> None:
    page.get_by_role("button", name="Save the question").click()
    expect(success_banner(page)).to_contain_text("The question has been saved.")
    expect(heading(page)).to_have_text("Questions")


# --- 1. Build, publish, answer on a phone without JavaScript, agree to talk, withdraw ------------------


def test_a_coordinator_builds_a_survey_and_a_parent_answers_it_on_a_phone(open_page, axe, demo):
    joanne = open_page("joanne")
    main_nav(joanne).get_by_role("link", name="Surveys").click()
    expect(heading(joanne)).to_have_text("Surveys")
    expect(main_nav(joanne).get_by_role("link", name="Surveys")).to_have_attribute("aria-current", "page")
    axe(joanne)

    # A blank survey needs a title: the empty form first.
    joanne.get_by_role("link", name="Start a survey").click()
    joanne.get_by_label("A blank survey", exact=True).check()
    joanne.get_by_role("button", name="Start the survey").click()
    expect_errors(joanne, True, "Enter a title for the survey")
    expect_each_error_leads_to_its_answer(joanne)
    axe(joanne)
    joanne.get_by_label("Title (optional for a built-in survey)").fill(TITLE)
    joanne.get_by_label("Everyone", exact=True).check()
    joanne.get_by_role("button", name="Start the survey").click()
    expect(success_banner(joanne)).to_contain_text("The survey has been started as a draft.")
    expect(heading(joanne)).to_have_text("Questions")
    expect(joanne.locator(".govuk-caption-l")).to_contain_text(TITLE)
    axe(joanne)

    # Two sections: the blank survey's first one renamed, and another added.
    joanne.get_by_role("link", name="Rename the section Your views").click()
    axe(joanne)
    joanne.get_by_label("Section title").fill("Short breaks")
    joanne.get_by_role("button", name="Save").click()
    expect(success_banner(joanne)).to_contain_text("The section has been renamed.")
    joanne.get_by_role("link", name="Add a section").click()
    joanne.get_by_label("Section title").fill("What would help")
    joanne.get_by_role("button", name="Save").click()
    expect(success_banner(joanne)).to_contain_text("The section has been added.")
    expect(joanne.get_by_role("heading", level=2, name=re.compile("^What would help"))).to_be_visible()

    # An empty question form shows each problem and leads to its answer.
    joanne.get_by_role("link", name="Add a question to Short breaks").click()
    joanne.get_by_role("button", name="Save the question").click()
    expect_errors(joanne, True, "Choose what kind of answer people give", "Enter the question")
    expect_each_error_leads_to_its_answer(joanne)
    axe(joanne)
    joanne.get_by_role("link", name="Cancel").click()

    add_question(joanne, axe, "Short breaks", "Yes or no", HAD_BREAK)
    save_question(joanne)
    # A rating shown only to people who answered "Yes".
    add_question(joanne, axe, "Short breaks", "A rating scale", HOW_GOOD, options="Poor\nFair\nGood\nVery good")
    joanne.get_by_label(f'Question 1, "{HAD_BREAK}", is answered "Yes"').check()
    axe(joanne)
    save_question(joanne)
    add_question(
        joanne,
        axe,
        "What would help",
        "Any number of answers from a list",
        WOULD_HELP,
        options="Clearer information\nMore places nearby\nHelp with transport",
    )
    save_question(joanne)
    add_question(joanne, axe, "What would help", "Their own words", CHANGE, required=False)
    save_question(joanne)
    questions = joanne.locator(".app-survey-question")
    expect(questions).to_have_count(4)
    expect(questions.nth(1)).to_contain_text('Shown only if question 1 is answered "Yes"')
    expect(questions.nth(3)).to_contain_text("Their own words, optional")
    axe(joanne)

    # The preview shows every question, with the condition in words; nothing can be sent from it.
    joanne.get_by_role("link", name="Preview").click()
    expect(heading(joanne)).to_have_text("Preview")
    expect(joanne.get_by_text('shown only if question 1 is answered "Yes"')).to_be_visible()
    expect(joanne.get_by_role("heading", level=2, name=CHANGE)).to_be_visible()
    axe(joanne)
    joanne.get_by_role("link", name="Questions", exact=True).first.click()

    joanne.get_by_role("link", name="Publish", exact=True).click()
    expect(heading(joanne)).to_have_text("Publish the survey?")
    axe(joanne)
    joanne.get_by_role("button", name="Publish").click()
    expect(success_banner(joanne)).to_contain_text("The survey is published. Share its link.")
    link = joanne.locator(".govuk-summary-list__row").filter(has_text="Public link").get_by_role("link")
    public_link = link.inner_text()
    assert public_link.startswith(demo.url) and "/surveys/" in public_link
    axe(joanne)

    # A parent, on a phone, with JavaScript off and without signing in.
    parent = open_page(js=False)
    parent.set_viewport_size(PHONE)
    parent.goto(public_link)
    expect(heading(parent)).to_have_text(TITLE)
    assert fits_the_screen(parent)
    axe(parent)
    parent.get_by_role("button", name="Start now").click()

    # Who they are, asked because the survey is for everyone: the empty answer first.
    parent.get_by_role("button", name="Continue").click()
    expect_errors(parent, False, "Select which of these describes you")
    axe(parent)
    parent.get_by_label("A parent or carer", exact=True).check()
    parent.get_by_role("button", name="Continue").click()

    # Three questions to begin with; answering "Yes" brings in the rating.
    expect(parent.get_by_text("Question 1 of 3")).to_be_visible()
    expect(heading(parent)).to_have_text(HAD_BREAK)
    parent.get_by_role("button", name="Continue").click()
    expect_errors(parent, False, "Select an answer")
    axe(parent)
    parent.get_by_label("Yes", exact=True).check()
    parent.get_by_role("button", name="Continue").click()
    expect(parent.get_by_text("Question 2 of 4")).to_be_visible()
    expect(heading(parent)).to_have_text(HOW_GOOD)
    assert fits_the_screen(parent)
    axe(parent)
    parent.get_by_label("Good", exact=True).check()
    parent.get_by_role("button", name="Continue").click()
    expect(heading(parent)).to_have_text(WOULD_HELP)
    parent.get_by_label("Clearer information").check()
    parent.get_by_label("Help with transport").check()
    axe(parent)
    parent.get_by_role("button", name="Continue").click()
    expect(heading(parent)).to_have_text(CHANGE)
    expect(parent.get_by_text("This question is optional.")).to_be_visible()
    axe(parent)
    parent.get_by_label(CHANGE).fill("Tell us sooner which short breaks have places.")
    parent.get_by_role("button", name="Continue").click()

    expect(heading(parent)).to_have_text("Check your answers before sending them")
    answers = parent.locator(".govuk-summary-list")
    for question, answer in (
        ("Which of these describes you?", "A parent or carer"),
        (HAD_BREAK, "Yes"),
        (HOW_GOOD, "Good"),
        (WOULD_HELP, "Clearer information"),
        (WOULD_HELP, "Help with transport"),
        (CHANGE, "Tell us sooner which short breaks have places."),
    ):
        expect(answers.locator(".govuk-summary-list__row").filter(has_text=question)).to_contain_text(answer)
    assert fits_the_screen(parent)
    axe(parent)
    parent.get_by_role("button", name="Send your answers").click()
    expect(parent.locator(".govuk-panel__title")).to_have_text("Your answers have been sent")
    axe(parent)

    # Agreeing to talk is asked apart from the answers: the empty form first.
    parent.get_by_role("link", name="I'm happy to talk about my experience").click()
    expect(heading(parent)).to_have_text("Would you be happy to talk about your experience?")
    parent.get_by_role("button", name="Send").click()
    expect_errors(
        parent,
        False,
        "Select how you would like to talk",
        "Select the box to say you are happy to be contacted",
    )
    expect_each_error_leads_to_its_answer(parent)
    axe(parent)
    parent.get_by_label("Your name (optional)").fill("Morgan Ellis")
    parent.get_by_label("Email address (optional if you give a phone number)").fill(EMAIL)
    parent.get_by_label("A video call", exact=True).check()
    parent.get_by_label("I'm happy to talk about my experience, for example on a video call").check()
    parent.get_by_role("button", name="Send").click()
    expect(parent.locator(".govuk-panel__title")).to_have_text("Thank you")
    withdraw_link = parent.locator(".app-break-anywhere").get_by_role("link").inner_text()
    assert "/surveys/withdraw/" in withdraw_link
    assert fits_the_screen(parent)
    axe(parent)

    # The coordinator sees one response, suppressed, and the parent on the contact list.
    joanne.reload()
    responses = joanne.locator(".govuk-summary-list__row").filter(has_text="Responses")
    expect(responses.locator("dd")).to_have_text(re.compile("fewer than 5", re.I))
    main_nav(joanne).get_by_role("link", name="Surveys").click()
    joanne.get_by_role("link", name="People happy to talk about their experience").click()
    person = joanne.get_by_role("row").filter(has_text="Morgan Ellis")
    expect(person).to_contain_text(EMAIL)
    expect(person).to_contain_text("A video call")
    expect(person).to_contain_text(TITLE)
    axe(joanne)

    # The parent changes their mind: the link deletes their details at once.
    parent.goto(withdraw_link)
    expect(heading(parent)).to_have_text("Withdraw your agreement to be contacted")
    axe(parent)
    parent.get_by_role("button", name="Withdraw and delete my details").click()
    expect(parent.locator(".govuk-panel__title")).to_have_text("You have withdrawn")
    axe(parent)
    parent.goto(withdraw_link)
    expect(heading(parent)).to_have_text("You have already withdrawn")

    joanne.reload()
    expect(joanne.get_by_role("row").filter(has_text="Morgan Ellis")).to_have_count(0)
    expect(joanne.get_by_text(EMAIL)).to_have_count(0)


# --- 2. Results, themes and "you said, we did" on the demo's closed survey ----------------------------

WAITING = "Waiting times for therapy and assessments"


def test_results_suppression_themes_and_a_you_said_item(open_page, axe, demo):
    joanne = open_page("joanne", js=False)
    main_nav(joanne).get_by_role("link", name="Surveys").click()
    closed = joanne.get_by_role("row").filter(has_text="Your experience of co-production, spring")
    expect(closed).to_contain_text("Closed")
    closed.get_by_role("link").click()
    expect(heading(joanne)).to_have_text("Questions")
    survey_nav = joanne.get_by_role("navigation", name="Survey")
    survey_nav.get_by_role("link", name="Results").click()
    expect(heading(joanne)).to_have_text("Results")
    expect(joanne.get_by_text("Responses: 64")).to_be_visible()
    # Small counts are never shown as numbers.
    expect(joanne.get_by_role("cell", name=re.compile(r"^fewer than 5", re.I)).first).to_be_visible()
    axe(joanne)

    # Only two people said "Someone else": picking them out is refused, with the reason.
    joanne.get_by_label("Who answered", exact=True).select_option(label="Someone else")
    joanne.get_by_role("button", name="Show these results").click()
    refused = joanne.get_by_role("region", name="These results are not shown")
    expect(refused).to_contain_text("Fewer than 5 people match someone else")
    expect(refused).to_contain_text("Choose a wider group or a longer period.")
    expect(joanne.get_by_text("Responses: ")).to_have_count(0)
    axe(joanne)
    refused.get_by_role("link", name="Show the results for everyone").click()
    expect(joanne.get_by_text("Responses: 64")).to_be_visible()

    # Themes: ask for suggestions in the free text, then check them.
    survey_nav.get_by_role("link", name="Themes in what people wrote").click()
    expect(heading(joanne)).to_have_text("Themes in what people wrote")
    axe(joanne)
    joanne.get_by_role("link", name='Read and tag the answers to "What one thing would you change?"').click()
    expect(joanne.get_by_text("38 answers.")).to_be_visible()
    axe(joanne)
    joanne.get_by_role("button", name="Suggest themes").click()
    expect(success_banner(joanne)).to_contain_text("themes suggested. Accept, rename, merge or reject each one.")
    suggested = joanne.get_by_role("table", name="Suggested themes")
    waiting = suggested.get_by_role("row").filter(has=joanne.get_by_role("link", name=re.compile(r"^Waiting")))
    expect(waiting).to_have_count(1)
    axe(joanne)

    # Accept the waiting-lists suggestion under a better name: the empty choice first.
    waiting.get_by_role("link", name=re.compile("^Check")).click()
    expect(heading(joanne)).to_have_text(re.compile(r'^Check the theme "Waiting'))
    joanne.get_by_role("button", name="Save").click()
    expect_errors(joanne, False, "Choose what to do with this theme")
    axe(joanne)
    joanne.get_by_label("Accept it (with the new name below, if you give one)").check()
    joanne.get_by_label("New name (optional)").fill(WAITING)
    joanne.get_by_role("button", name="Save").click()
    expect(success_banner(joanne)).to_contain_text("The theme has been saved.")
    accepted = joanne.get_by_role("table", name="Accepted themes")
    expect(accepted.get_by_role("link", name=WAITING, exact=True)).to_be_visible()

    # Merge plain English into being listened to: the analyst's one-step fix the decision record expects.
    accepted.get_by_role("link", name="Children, english, plain", exact=True).click()
    joanne.get_by_role("link", name="Rename, merge or reject").click()
    joanne.get_by_label("Merge it into another theme").check()
    joanne.get_by_label("Theme to merge it into").select_option(label="Ask, child, listen")
    axe(joanne)
    joanne.get_by_role("button", name="Save").click()
    expect(success_banner(joanne)).to_contain_text("The theme has been saved.")
    expect(accepted.get_by_role("link", name="Children, english, plain", exact=True)).to_have_count(0)
    expect(joanne.locator("details").filter(has_text="Rejected and merged themes")).to_contain_text(
        "Children, english, plain: merged into another theme (Ask, child, listen)"
    )
    axe(joanne)

    # The answers now carry the accepted theme.
    joanne.get_by_role("link", name='Read and tag the answers to "What one thing would you change?"').click()
    tagged = joanne.locator(".app-free-text").filter(has=joanne.locator(".govuk-tag", has_text=WAITING))
    expect(tagged.first).to_contain_text(re.compile("wait", re.I))
    joanne.get_by_role("link", name="Themes", exact=True).first.click()

    # The theme becomes a "you said, we did" item, published from the forum's own page.
    joanne.get_by_role("table", name="Accepted themes").get_by_role("link", name=f"Make an item from {WAITING}").click()
    expect(heading(joanne)).to_have_text('Make a "you said, we did" item')
    expect(joanne.get_by_label("Title", exact=True)).to_have_value(WAITING)
    axe(joanne)
    joanne.get_by_label("What we will do (optional)").fill("Publish waiting times for therapy every month.")
    joanne.get_by_role("button", name="Add the item").click()
    expect(success_banner(joanne)).to_contain_text("The 'you said, we did' item has been added.")
    expect(heading(joanne)).to_have_text(WAITING)
    came_from = f'Your experience of co-production, spring {demo_year()}: the theme "{WAITING}"'
    expect(joanne.locator(".govuk-summary-list__row").filter(has_text="Where it came from")).to_contain_text(came_from)
    axe(joanne)
    joanne.get_by_role("link", name="Change the item").click()
    publicly = joanne.get_by_role("group", name="Show it on the public 'You said, we did' page?")
    publicly.get_by_label("Yes", exact=True).check()
    joanne.get_by_role("button", name="Save").click()
    expect(joanne.get_by_role("link", name="See it on the public page")).to_be_visible()

    # Anyone sees it on the public page, with where it came from.
    public = open_page(js=False)
    public.goto("/you-said-we-did/")
    expect(heading(public)).to_have_text("You said, we did")
    public.get_by_role("link", name=WAITING, exact=True).click()
    expect(heading(public)).to_have_text(WAITING)
    expect(public.locator(".govuk-summary-list__row").filter(has_text="Where it came from")).to_contain_text(came_from)
    axe(public)

    # And the theme links to the item it became.
    main_nav(joanne).get_by_role("link", name="Surveys").click()
    joanne.get_by_role("row").filter(has_text="Your experience of co-production, spring").get_by_role("link").click()
    joanne.get_by_role("navigation", name="Survey").get_by_role("link", name="Themes in what people wrote").click()
    row = joanne.get_by_role("table", name="Accepted themes").get_by_role("row").filter(has_text=WAITING)
    row.get_by_role("link", name=WAITING).last.click()
    expect(heading(joanne)).to_have_text(WAITING)
    expect(joanne.locator(".govuk-caption-l")).to_have_text("You said, we did")

    # The board's overview is one click away in the menu.
    main_nav(joanne).get_by_role("link", name="Co-production").click()
    expect(heading(joanne)).to_have_text("How co-production is going")
    axe(joanne)


def demo_year() -> int:
    return timezone.localdate().year
