"""The plan's journeys in a real browser: writing the plan together, the plan checker as someone types,
commenting and deciding, the PDF, versions, a young person's own view of their plan, and two people
changing the same thing at once.

Most run once with JavaScript on and once with it off; axe checks every plan page on the way, error
states included. What is only set up (someone joining a team, a plan already started) is done through
the same actions the pages use."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from playwright.sync_api import Locator, Page, expect

from coproduce.audit.context import Actor
from coproduce.plans.actions import AddItem, DecideComment, StartPlan
from coproduce.plans.kinds import KINDS
from coproduce.plans.models import Plan, Provision
from coproduce.plans.rules import comment_window_closes
from coproduce.rules.plan_sections import SECTIONS, section
from coproduce.teams.actions import AcceptInvitation, InviteMember
from coproduce.teams.models import Invitation, TeamRole
from coproduce.teams.policy import access_for
from coproduce.web.templatetags.govuk import govuk_date
from tests.e2e.helpers import error_summary, expect_errors, heading, success_banner

pytestmark = pytest.mark.browser

with_and_without_javascript = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])


# --- Setting up, through the actions the pages use ----------------------------------------------------


def join_team(demo, child: str, slug: str, role: TeamRole) -> None:
    """The case officer invites a demo practitioner to a child's team and they accept."""
    officer, person = demo.people["olivia"], demo.people[slug]
    InviteMember(
        Actor(user=officer), access=access_for(officer, demo.children[child]), email=person.email, role=role
    ).execute()
    invitation = Invitation.objects.get(child=demo.children[child], email__iexact=person.email)
    AcceptInvitation(Actor(user=person), invitation=invitation).execute()


def start_plan(demo, child: str = "yusuf") -> Plan:
    officer = demo.people["olivia"]
    return StartPlan(Actor(user=officer), access=access_for(officer, demo.children[child])).execute()


def add_item(demo, plan: Plan, slug: str, kind: str, code: str, **data):
    person = demo.people[slug]
    return AddItem(
        Actor(user=person), access=access_for(person, plan.child), plan=plan, kind=KINDS[kind], section=code, data=data
    ).execute()


# --- Finding things on the plan's pages ---------------------------------------------------------------


def open_plan(page: Page, child: str, known_as: str) -> None:
    """From the home page: the child's record, then the plan in its side navigation."""
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=child, exact=True).click()
    record = page.get_by_role("navigation", name=f"Sections of {known_as}'s record")
    record.get_by_role("link", name="Plan", exact=True).click()
    expect(heading(page)).to_have_text(f"{known_as}'s plan")


def open_section(page: Page, code: str) -> None:
    """From the plan's page, or from one of its sections by way of "All sections"."""
    if page.get_by_role("link", name="All sections").count():
        page.get_by_role("link", name="All sections").click()
        expect(page.get_by_role("heading", name="Sections of the plan")).to_be_visible()
    page.get_by_role("link", name=section(code).label, exact=True).click()
    expect(heading(page)).to_have_text(section(code).label)


def card(page: Page, title: str | re.Pattern) -> Locator:
    """The summary card whose title is ``title``."""
    return page.locator(".govuk-summary-card").filter(has=page.get_by_role("heading", name=title, exact=True))


def row(container: Locator, key: str) -> Locator:
    """The value in a summary list row, by its key."""
    rows = container.locator(".govuk-summary-list__row").filter(
        has=container.page.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(key)}$"))
    )
    return rows.get_by_role("definition")


def expect_headings_in_order(page: Page) -> None:
    """Someone moving through the page by its headings never jumps a level (an h3 straight after the h1)."""
    levels = (
        page.get_by_role("main")
        .locator("h1, h2, h3, h4, h5, h6")
        .evaluate_all("headings => headings.map(heading => Number(heading.tagName[1]))")
    )
    jumps = [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]
    assert levels and not jumps, f"Heading levels jump on {page.url}: {levels}"


def checker_findings(page: Page) -> Locator:
    """The plan checker's findings beside the provision form, announced as they change."""
    return page.locator("#checker-findings[aria-live='polite']")


# --- 1. Writing the plan together -----------------------------------------------------------------------

YUSUF_WORDS = "I like trains and drawing. The playground is too loud and I want to go home."
YUSUF_HELPER = "Priya Shah, his SENCo"
AMIRA_VIEW = "Yusuf is gentle and funny. He can tell you every station on the line to his grandma's house."
AMIRA_HOPE = "That Yusuf has a friend to play with at breaktime and is happy to go to school."
NEED = (
    "Yusuf finds it hard to join in with other children's play and to say what he needs, especially in "
    "the noisy playground."
)
OUTCOME = "Yusuf will join a game with two other children at breaktime on most days of the week"
PROVISION = "A small social communication group practising turn-taking and asking to join a game"


@with_and_without_javascript
def test_writing_the_plan_together(open_page, axe, demo, javascript):
    join_team(demo, "yusuf", "tom", TeamRole.EDUCATIONAL_PSYCHOLOGIST)
    join_team(demo, "yusuf", "hannah", TeamRole.HEALTH)

    # The case officer starts the plan.
    olivia = open_page("olivia")
    open_plan(olivia, "Yusuf Hassan", "Yusuf")
    expect(olivia.get_by_text("There is no education, health and care plan yet.")).to_be_visible()
    axe(olivia)
    olivia.get_by_role("button", name="Start the plan").click()
    expect(success_banner(olivia)).to_contain_text("You started the plan.")
    expect(row(olivia.get_by_role("main"), "Stage")).to_have_text("Draft")
    expect(olivia.get_by_role("link", name=section("A").label, exact=True)).to_be_visible()
    axe(olivia)

    # The SENCo writes down Yusuf's own words, and the pictures he chose.
    priya = open_page("priya")
    open_plan(priya, "Yusuf Hassan", "Yusuf")
    open_section(priya, "A")
    expect(priya.get_by_text("No views yet.")).to_be_visible()
    axe(priya)
    priya.get_by_role("link", name="Add views").click()
    expect(heading(priya)).to_have_text("Add views")
    axe(priya)
    add = priya.get_by_role("button", name="Add to the plan")
    add.click()
    expect_errors(
        priya,
        javascript,
        "Select whose views these are",
        "Select what the views are about",
        "Select how they gave their views",
        "Enter their words, choose the pictures they picked, or add their drawing or photo",
    )
    expect(priya.locator("#id_text-error")).to_have_text(
        "Error: Enter their words, choose the pictures they picked, or add their drawing or photo"
    )
    for link in error_summary(priya).get_by_role("link").all():  # each message leads to its answer
        expect(priya.locator(link.get_attribute("href"))).to_have_count(1)
    axe(priya)
    priya.get_by_label("The child or young person's own views", exact=True).check()
    priya.get_by_label("What is important to me", exact=True).check()
    priya.get_by_label("Said it to someone who wrote it down word for word", exact=True).check()
    priya.get_by_label("Who helped, and how? (optional)").fill(YUSUF_HELPER)
    priya.get_by_label("Their words", exact=True).fill(YUSUF_WORDS)
    pictures = priya.get_by_role("group", name="Pictures they chose (optional)")
    pictures.get_by_label("Being outside", exact=True).check()
    pictures.get_by_label("Somewhere quiet", exact=True).check()
    add.click()
    expect(success_banner(priya)).to_contain_text("Your view has been added to section A.")
    expect(heading(priya)).to_have_text(section("A").label)
    view = card(priya, "What is important to me")
    expect(view).to_contain_text(
        f"In Yusuf's own words (said it to someone who wrote it down word for word, helped by {YUSUF_HELPER})"
    )
    expect(view.get_by_text(YUSUF_WORDS, exact=True)).to_be_visible()
    expect(view.locator(".app-child-words").get_by_role("listitem")).to_have_text(["Being outside", "Somewhere quiet"])
    expect(view).to_contain_text("Written by Yusuf (SENCo or teacher), entered by Priya Shah")
    axe(priya)

    # His mother adds her own views and what success would look like.
    amira = open_page("amira")
    open_plan(amira, "Yusuf Hassan", "Yusuf")
    open_section(amira, "A")
    amira.get_by_role("link", name="Add views").click()
    amira.get_by_label("A parent or carer's views", exact=True).check()
    amira.get_by_label("What people like and admire about me", exact=True).check()
    amira.get_by_label("Typed in their own words", exact=True).check()
    amira.get_by_label("Their words", exact=True).fill(AMIRA_VIEW)
    amira.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(amira)).to_contain_text("Your view has been added to section A.")
    parent_view = card(amira, "What people like and admire about me")
    expect(parent_view).to_contain_text(AMIRA_VIEW)
    expect(parent_view).to_contain_text("Written by Amira Hassan (Parent or carer)")
    expect(parent_view).not_to_contain_text("own words")  # only the child's words are shown as theirs

    amira.get_by_role("link", name="Add what success would look like").click()
    expect(heading(amira)).to_have_text("What would success look like?")
    axe(amira)
    amira.get_by_label("Parent or carer", exact=True).check()
    amira.get_by_role("textbox", name="What would success look like?").fill(AMIRA_HOPE)
    amira.get_by_label("Typed in their own words", exact=True).check()
    amira.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(amira)).to_contain_text("Your hope for the future has been added to section A.")
    expect(card(amira, "What success would look like")).to_contain_text(AMIRA_HOPE)
    axe(amira)

    # The SENCo describes a need in section B.
    open_section(priya, "B")
    priya.get_by_role("link", name="Add need").click()
    expect(heading(priya)).to_have_text("Add need")
    axe(priya)
    priya.get_by_label("Area of need").select_option(label="Communication and interaction")
    priya.get_by_label("Describe the need").fill(NEED)
    priya.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(priya)).to_contain_text("Your need has been added to section B.")
    expect(card(priya, "Communication and interaction")).to_contain_text(NEED)

    # The educational psychologist adds an outcome, linked to the need and to the family's hope.
    tom = open_page("tom")
    open_plan(tom, "Yusuf Hassan", "Yusuf")
    open_section(tom, "E")
    tom.get_by_role("link", name="Add outcome").click()
    expect(heading(tom)).to_have_text("Add outcome")
    axe(tom)
    tom.get_by_label("The outcome", exact=True).fill(OUTCOME)
    tom.get_by_label("By when?").fill("by the end of Year 2")
    tom.get_by_role("group", name="Which needs does it meet?").get_by_label(NEED).check()
    tom.get_by_role("group", name="Which hopes for the future does it serve?").get_by_label(AMIRA_HOPE).check()
    tom.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(tom)).to_contain_text("Your outcome has been added to section E.")
    outcome = card(tom, "Outcome 1")
    expect(outcome).to_contain_text(OUTCOME)
    expect(row(outcome, "By when")).to_have_text("by the end of Year 2")
    expect(row(outcome, "Provision that delivers it")).to_have_text("None yet.")
    axe(tom)

    # The speech and language therapist adds provision, linked to the outcome and the need.
    hannah = open_page("hannah")
    open_plan(hannah, "Yusuf Hassan", "Yusuf")
    open_section(hannah, "F")
    hannah.get_by_role("link", name="Add provision").click()
    expect(heading(hannah)).to_have_text("Add provision")
    hannah.get_by_label("What is provided").fill(PROVISION)
    hannah.get_by_label("Who delivers it", exact=True).fill("speech and language therapist")
    hannah.get_by_label("How often", exact=True).fill("twice a week")
    hannah.get_by_label("For how long each time").fill("30 minutes")
    hannah.get_by_label("Group size or ratio (optional)").fill("a group of no more than 4")
    hannah.get_by_role("group", name="Which outcomes does it deliver?").get_by_label(OUTCOME).check()
    hannah.get_by_role("group", name="Which needs does it meet?").get_by_label(NEED).check()
    if javascript:  # the plan checker has looked at it as she wrote
        expect(checker_findings(hannah)).to_contain_text("The plan checker found nothing vague")
    axe(hannah)
    hannah.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(hannah)).to_contain_text("Your provision has been added to section F.")
    provision = card(hannah, "Provision 1")
    expect(row(provision, "What")).to_have_text(PROVISION)
    expect(row(provision, "Who delivers it")).to_have_text("speech and language therapist")
    expect(row(provision, "How often")).to_have_text("twice a week")
    axe(hannah)

    # The golden thread, one way: the provision says why it is there, and its links lead to the need
    # and the outcome.
    why = row(provision, "Why it is here")
    need_link = why.get_by_role("link", name=re.compile(r"^Need in section B: Yusuf finds it hard"))
    outcome_link = why.get_by_role("link", name=re.compile(r"^Outcome: Yusuf will join a game"))
    expect(need_link).to_be_visible()
    expect(outcome_link).to_be_visible()
    outcome_link.click()
    expect(heading(hannah)).to_have_text(section("E").label)
    expect(hannah).to_have_url(re.compile(r"/sections/E/#item-[0-9a-f-]{36}$"))
    expect(hannah.locator(":target")).to_contain_text(OUTCOME)
    expect_headings_in_order(hannah)
    expect(row(hannah.locator(":target"), "Provision that delivers it")).to_contain_text(
        "Section F: A small social communication group"
    )
    axe(hannah)
    hannah.go_back()
    need_link.click()
    expect(heading(hannah)).to_have_text(section("B").label)
    expect(hannah).to_have_url(re.compile(r"/sections/B/#item-[0-9a-f-]{36}$"))
    expect(hannah.locator(":target")).to_contain_text(NEED)
    expect_headings_in_order(hannah)

    # And the other way: the need lists its outcome and its provision.
    open_section(priya, "B")
    need = card(priya, "Communication and interaction")
    expect(need.get_by_role("link", name=OUTCOME, exact=True)).to_be_visible()
    to_provision = need.get_by_role("link", name=re.compile(r"^Section F: A small social communication group"))
    expect(to_provision).to_be_visible()
    axe(priya)
    to_provision.click()
    expect(heading(priya)).to_have_text(section("F").label)
    expect(priya.locator(":target")).to_contain_text(PROVISION)
    expect_headings_in_order(priya)
    open_section(priya, "A")
    expect_headings_in_order(priya)


# --- 2. The plan checker --------------------------------------------------------------------------------

VAGUE = "Access to speech and language therapy as appropriate"
SPECIFIC = "One-to-one speech and language therapy on following instructions"


def expect_vague_findings(page: Page) -> None:
    """The checker names the words that cannot be enforced, says why, and what to write instead."""
    findings = checker_findings(page)
    expect(findings).to_contain_text("The plan checker found 5 things to look at")
    marked = findings.locator("mark")
    expect(marked.filter(has_text=re.compile(r"^Access to$"))).to_have_count(1)
    expect(marked.filter(has_text=re.compile(r"^as appropriate$"))).to_have_count(1)
    expect(findings).to_contain_text("'Access to' only says something is available, not that it will be given")
    expect(findings).to_contain_text("Say what will be delivered, by whom, how often and for how long")
    expect(findings).to_contain_text("'As appropriate' leaves it to someone's discretion")
    expect(findings).to_contain_text("It does not say how often this happens")
    expect(findings).to_contain_text("Add how often, e.g. 'three times a week'")


def write_specifically(page: Page) -> None:
    page.get_by_label("What is provided").fill(SPECIFIC)
    page.get_by_label("Who delivers it", exact=True).fill("speech and language therapist")
    page.get_by_label("How often", exact=True).fill("once a week")
    page.get_by_label("For how long each time").fill("30 minutes")
    page.get_by_label("Group size or ratio (optional)").fill("1:1")


@with_and_without_javascript
def test_the_plan_checker_while_writing_provision(open_page, axe, demo, javascript):
    join_team(demo, "yusuf", "hannah", TeamRole.HEALTH)
    plan = start_plan(demo)

    hannah = open_page("hannah")
    open_plan(hannah, "Yusuf Hassan", "Yusuf")
    open_section(hannah, "F")
    hannah.get_by_role("link", name="Add provision").click()
    expect(heading(hannah)).to_have_text("Add provision")
    findings = checker_findings(hannah)
    expect(findings).to_be_empty()
    form_url = hannah.url
    what = hannah.get_by_label("What is provided")

    if javascript:
        # As she types, after a pause, the checker answers beside the form: no button, no new page.
        with hannah.expect_response(re.compile(r"/plan/check-provision/$")) as checked:
            what.press_sequentially(VAGUE)
        assert checked.value.ok
        expect_vague_findings(hannah)
        assert hannah.url == form_url
        axe(hannah)
        write_specifically(hannah)
    else:
        # Without JavaScript the "Check the wording" button checks it, and saves nothing.
        what.fill(VAGUE)
        hannah.get_by_role("button", name="Check the wording").click()
        expect_vague_findings(hannah)
        expect(hannah).to_have_url(form_url)
        expect(heading(hannah)).to_have_text("Add provision")
        expect(what).to_have_value(VAGUE)
        expect(error_summary(hannah)).to_have_count(0)
        assert not Provision.objects.filter(plan=plan).exists()
        axe(hannah)
        write_specifically(hannah)
        hannah.get_by_role("button", name="Check the wording").click()

    expect(findings).to_contain_text(
        "The plan checker found nothing vague: it says who, what, how often and for how long."
    )
    expect(findings.locator("mark")).to_have_count(0)
    expect(what).to_have_value(SPECIFIC)
    assert not Provision.objects.filter(plan=plan).exists()
    axe(hannah)

    hannah.get_by_role("button", name="Add to the plan").click()
    expect(success_banner(hannah)).to_contain_text("Your provision has been added to section F.")
    saved = card(hannah, "Provision 1")
    expect(row(saved, "What")).to_have_text(SPECIFIC)
    expect(row(saved, "Who delivers it")).to_have_text("speech and language therapist")
    expect(row(saved, "How often")).to_have_text("once a week")
    expect(row(saved, "For how long")).to_have_text("30 minutes")
    expect(row(saved, "Group size")).to_have_text("1:1")
    # Beside the saved item the checker finds nothing vague, only that it is not yet linked to a need.
    expect(saved).to_contain_text("Plan checker: 1 thing to look at")
    expect(saved).to_contain_text("This provision is not linked to any need in sections B, C or D")
    assert Provision.objects.filter(plan=plan).count() == 1
    axe(hannah)


# --- 3. Consultation and decisions ----------------------------------------------------------------------

PHONICS = "A structured phonics reading programme"
PHONICS_SUGGESTED = "A structured phonics reading programme using books about animals, which Leo loves"
QUIET = "Access to a quiet space as appropriate"
QUIET_SUGGESTED = "A quiet room with an adult he knows, for 15 minutes after lunch every school day"
NOT_ACCEPTED_BECAUSE = "The reading programme's books are set by the programme; his teacher will add animal books."


@with_and_without_javascript
def test_comments_decisions_and_the_final_plan(open_page, axe, demo, javascript):
    leo = Plan.objects.get(child=demo.children["leo"])
    closes = govuk_date(comment_window_closes(leo.draft_served_on))

    # The parent opens the draft, sees when comments close, and suggests new words for one item.
    sarah = open_page("sarah")
    open_plan(sarah, "Leo Clarke", "Leo")
    main = sarah.get_by_role("main")
    expect(row(main, "Stage")).to_have_text("Out for comment")
    expect(row(main, "Comments close")).to_have_text(closes)
    expect(main).to_contain_text(f"suggest different words, by {closes}.")
    axe(sarah)
    open_section(sarah, "F")
    expect(sarah.get_by_text(f"Comments close on {closes}.")).to_be_visible()
    expect(sarah.get_by_role("link", name="Add provision")).to_have_count(0)  # out for comment: no editing
    phonics = card(sarah, "Provision 2")
    expect(row(phonics, "What")).to_have_text(PHONICS)
    phonics.get_by_role("link", name="Comment or suggest a change to provision 2").click()
    expect(heading(sarah)).to_have_text("Comment on this provision")
    expect(sarah.get_by_role("main")).to_contain_text(f"Comments close on {closes}.")
    axe(sarah)
    wording = sarah.get_by_label("Suggest new wording (optional)")
    expect(wording).to_have_value(PHONICS)  # the words as they are, to change
    send = sarah.get_by_role("button", name="Send comment")
    send.click()
    expect_errors(sarah, javascript, "Enter your comment")
    axe(sarah)
    sarah.get_by_label("Your comment").fill("Leo reads for longer when the books are about animals.")
    wording.fill(PHONICS_SUGGESTED)
    send.click()
    expect(success_banner(sarah)).to_contain_text("Your comment has been sent to the case officer.")
    expect(heading(sarah)).to_have_text(section("F").label)
    suggestion = card(sarah, "Provision 2").locator(".app-comment")
    expect(suggestion).to_contain_text("Suggested change from Sarah Clarke")
    expect(suggestion.locator("del")).to_have_text(PHONICS)  # struck through
    expect(suggestion.locator("ins")).to_have_text(PHONICS_SUGGESTED)
    expect(suggestion).to_contain_text("Waiting for a decision")
    expect(row(card(sarah, "Provision 2"), "What")).to_have_text(PHONICS)  # unchanged until decided
    axe(sarah)

    # The case officer cannot finalise while family comments wait for a decision.
    olivia = open_page("olivia")
    open_plan(olivia, "Leo Clarke", "Leo")
    expect(olivia.get_by_text("2 comments from the family have no decision yet.")).to_be_visible()
    olivia.get_by_role("link", name="Finalise the plan").click()
    expect(heading(olivia)).to_have_text("Finalise the plan")
    placement = olivia.get_by_label("Section I: name and type of school or other institution")
    finished = olivia.get_by_label("The family has told us they have finished commenting")
    issue = olivia.get_by_role("button", name="Issue the final plan")
    placement.fill("Riverside Primary School, a mainstream primary school")
    finished.check()
    issue.click()
    expect_errors(
        olivia, javascript, "2 comments from the family have no decision yet. Decide on every family comment first."
    )
    axe(olivia)

    # She decides on each: one not accepted (a reason is required), one accepted.
    olivia.get_by_role("link", name="Decide on them first").click()
    expect(heading(olivia)).to_have_text("Comments and decisions")
    axe(olivia)
    phonics_comment = olivia.locator(".govuk-summary-card").filter(has_text=PHONICS_SUGGESTED)
    phonics_comment.get_by_role("link", name="Decide on the suggested change from Sarah Clarke").click()
    expect(heading(olivia)).to_have_text("Decide on this suggested change")
    axe(olivia)
    olivia.get_by_label("Not accepted", exact=True).check()
    record = olivia.get_by_role("button", name="Record decision")
    record.click()
    expect_errors(olivia, javascript, "Give the reason it is not accepted: the person who wrote it will see it")
    expect(olivia.get_by_label("Not accepted", exact=True)).to_be_checked()
    axe(olivia)
    olivia.get_by_label("Reason", exact=True).fill(NOT_ACCEPTED_BECAUSE)
    record.click()
    expect(success_banner(olivia)).to_contain_text("Your decision has been recorded. Sarah Clarke can see it.")
    expect(heading(olivia)).to_have_text("Comments and decisions")

    quiet_comment = olivia.locator(".govuk-summary-card").filter(has_text=QUIET_SUGGESTED)
    quiet_comment.get_by_role("link", name="Decide on the suggested change from Sarah Clarke").click()
    olivia.get_by_label("Accepted", exact=True).check()
    expect(olivia.get_by_label("Wording that will go into the plan")).to_have_value(QUIET_SUGGESTED)
    record.click()
    expect(success_banner(olivia)).to_contain_text("Your decision has been recorded.")
    axe(olivia)

    # The accepted words replace the item's words in the plan.
    quiet_comment.get_by_role("link", name="See it in the plan (section F)").click()
    expect(heading(olivia)).to_have_text(section("F").label)
    quiet_item = olivia.locator(":target")
    expect(row(quiet_item, "What")).to_have_text(QUIET_SUGGESTED)
    expect(quiet_item.locator("del")).to_have_text(QUIET)  # the old words live on only in the comment
    axe(olivia)

    # The parent sees each decision, and the reason for the one not accepted.
    open_plan(sarah, "Leo Clarke", "Leo")
    sarah.get_by_role("link", name="Comments and decisions", exact=True).click()
    expect(heading(sarah)).to_have_text("Comments and decisions")
    expect(sarah.get_by_role("link", name=re.compile("^Decide"))).to_have_count(0)
    refused = sarah.locator(".govuk-summary-card").filter(has_text=PHONICS_SUGGESTED)
    expect(refused.get_by_text("Not accepted", exact=True)).to_be_visible()
    expect(refused).to_contain_text("by Olivia Bennett")
    expect(refused).to_contain_text(f"Reason: {NOT_ACCEPTED_BECAUSE}")
    accepted = sarah.locator(".govuk-summary-card").filter(has_text=QUIET_SUGGESTED)
    expect(accepted.get_by_text("Accepted", exact=True)).to_be_visible()
    expect(accepted).to_contain_text("by Olivia Bennett")
    expect(sarah.get_by_text("Waiting for a decision", exact=True)).to_have_count(0)
    axe(sarah)

    # Now the plan can be finalised, naming the school in section I.
    open_plan(olivia, "Leo Clarke", "Leo")
    expect(olivia.get_by_text("from the family have no decision yet")).to_have_count(0)
    olivia.get_by_role("link", name="Finalise the plan").click()
    expect(heading(olivia)).to_have_text("Finalise the plan")
    expect(olivia.get_by_text("no decision yet")).to_have_count(0)
    axe(olivia)
    placement.fill("Riverside Primary School, a mainstream primary school")
    finished.check()
    issue.click()
    expect(success_banner(olivia)).to_contain_text("The final plan has been issued.")
    expect(heading(olivia)).to_have_text("Leo's plan")
    expect(row(olivia.get_by_role("main"), "Stage")).to_have_text("Final")
    expect(row(olivia.get_by_role("main"), "Final plan issued")).not_to_be_empty()
    axe(olivia)
    open_section(olivia, "I")
    expect(olivia.get_by_text("Riverside Primary School, a mainstream primary school")).to_be_visible()

    open_plan(sarah, "Leo Clarke", "Leo")
    expect(row(sarah.get_by_role("main"), "Stage")).to_have_text("Final")


# --- 4. The PDF -----------------------------------------------------------------------------------------


def poppler(tool: str, *args: str) -> str:
    """What one of poppler's command-line tools (pdftotext, pdfinfo) prints for a PDF."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"The PDF test needs {tool}: apt-get install poppler-utils", pytrace=False)
    return subprocess.run([found, *args], capture_output=True, check=True, text=True).stdout


def pdf_text(path) -> str:
    """The PDF's text as pdftotext reads it, in one line: ligatures undone and spaces collapsed."""
    text = poppler("pdftotext", "-enc", "UTF-8", str(path), "-")
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_download_the_plan_as_a_pdf(open_page, tmp_path):
    sarah = open_page("sarah")
    open_plan(sarah, "Leo Clarke", "Leo")
    with sarah.expect_download() as downloading:
        sarah.get_by_role("link", name="Download the plan as a PDF").click()
    download = downloading.value
    assert re.fullmatch(r"plan-[0-9a-f-]{36}-v\d+\.pdf", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", str(saved)), re.MULTILINE), "The PDF is not tagged"

    text = pdf_text(saved)
    assert "Education, health and care plan for Leonardo Clarke" in text
    positions = []
    for plan_section in SECTIONS:
        assert plan_section.label in text, f"The PDF has no heading {plan_section.label!r}"
        positions.append(text.index(plan_section.label))
    assert positions == sorted(positions), "The PDF's sections are not in A to K order"
    assert "In Leo's own words" in text
    assert "I like Lego and dogs. I don't like it when everyone talks at once, it makes my head fizzy." in text
    assert "I want to be a vet and look after dogs." in text


# --- 5. Versions ----------------------------------------------------------------------------------------


@with_and_without_javascript
def test_versions_and_what_changed(open_page, axe, demo, javascript):
    # The case officer accepts the family's suggested words for the vague item: a new version.
    officer = demo.people["olivia"]
    leo = Plan.objects.get(child=demo.children["leo"])
    DecideComment(
        Actor(user=officer),
        access=access_for(officer, demo.children["leo"]),
        plan=leo,
        comment=leo.comments.get(suggested_text=QUIET_SUGGESTED),
        decision="accepted",
        reason="",
        decided_text="",
    ).execute()
    leo.refresh_from_db()
    newest = leo.version_number

    sarah = open_page("sarah")
    open_plan(sarah, "Leo Clarke", "Leo")
    sarah.get_by_role("link", name="Versions and what changed").click()
    expect(heading(sarah)).to_have_text("Versions of the plan")
    versions = sarah.get_by_role("table", name="All versions")
    expect(versions.get_by_role("row").nth(1)).to_contain_text(
        "Accepted a suggested change to a provision in section F"
    )
    expect(versions.get_by_role("row")).to_have_count(newest + 1)  # a heading row and one per version
    axe(sarah)

    # Side by side: the old words on the left, struck through; the new on the right.
    sarah.get_by_label("From version").select_option(str(newest - 1))
    sarah.get_by_label("To version").select_option(str(newest))
    sarah.get_by_label("Show").select_option(label="Side by side")
    sarah.get_by_role("button", name="Compare").click()
    expect(
        sarah.get_by_role("heading", name=f"What changed from version {newest - 1} to version {newest}")
    ).to_be_visible()
    side = sarah.get_by_role("table", name=f"Version {newest - 1} and version {newest} side by side")
    expect(side.get_by_role("columnheader")).to_have_text([f"Version {newest - 1}", f"Version {newest}"])
    [changed] = side.get_by_role("row").filter(has=sarah.locator("td")).all()
    before, after = changed.get_by_role("cell").all()
    expect(before.locator("del")).to_contain_text(f"Removed: F: P3 {QUIET}.")
    expect(after.locator("ins")).to_contain_text(f"Added: F: P3 {QUIET_SUGGESTED}.")
    expect(sarah.get_by_label("Show")).to_have_value("side")
    axe(sarah)

    # One after the other: the same change, inline.
    sarah.get_by_label("Show").select_option(label="One after the other")
    sarah.get_by_role("button", name="Compare").click()
    expect(side).to_have_count(0)
    inline = sarah.locator("ul.app-diff").get_by_role("listitem")
    expect(inline).to_have_count(2)
    expect(inline.nth(0).locator("del")).to_contain_text(QUIET)
    expect(inline.nth(1).locator("ins")).to_contain_text(QUIET_SUGGESTED)
    axe(sarah)

    # Further apart: from the empty plan just started to now, everything written shows as added.
    sarah.get_by_label("From version").select_option("1")
    sarah.get_by_role("button", name="Compare").click()
    expect(sarah.get_by_role("heading", name=f"What changed from version 1 to version {newest}")).to_be_visible()
    expect(inline.filter(has_text="Added: A: Leo")).not_to_have_count(0)
    expect(inline.filter(has_text="Added: F:")).to_have_count(3)
    expect(inline.locator("del")).to_have_count(0)  # version 1 was an empty plan: nothing removed


# --- 6. A young person's own view -----------------------------------------------------------------------


@with_and_without_javascript
def test_a_young_person_sees_my_plan_and_about_me(open_page, axe, demo, javascript):
    jordan = open_page("jordan")
    jordan.get_by_role("main").get_by_role("link", name="Jordan Price", exact=True).click()
    record = jordan.get_by_role("navigation", name="Sections of Jordan's record")
    expect(record.get_by_role("link", name="My plan", exact=True)).to_be_visible()
    expect(record.get_by_role("link", name="Plan", exact=True)).to_have_count(0)
    record.get_by_role("link", name="My plan", exact=True).click()
    expect(heading(jordan)).to_have_text("My plan")
    expect(record.get_by_role("link", name="My plan", exact=True)).to_have_attribute("aria-current", "page")
    expect(row(jordan.get_by_role("main"), "Stage")).to_have_text("Final")
    axe(jordan)

    open_section(jordan, "A")
    expect(jordan.get_by_role("heading", name="My views", level=2)).to_be_visible()
    axe(jordan)

    record.get_by_role("link", name="About me", exact=True).click()
    expect(heading(jordan)).to_have_text("About me")
    expect(record.get_by_role("link", name="About me", exact=True)).to_have_attribute("aria-current", "page")
    important = jordan.get_by_role("region", name="What is important to me")
    expect(important).to_contain_text("In Jordan's own words")
    expect(important).to_contain_text("I want people to talk to me, not to my mum. I'm good with computers.")
    success = jordan.get_by_role("region", name="What success would look like")
    expect(success).to_contain_text("In Jordan's own words")
    expect(success).to_contain_text("I want a job in IT support and my own flat one day.")
    axe(jordan)


# --- 7. Two people changing the same thing --------------------------------------------------------------

FIRST_NEED = "Yusuf finds it hard to say what he needs when the classroom is noisy."
PRIYAS_CHANGE = "Yusuf finds it hard to say what he needs when the classroom is noisy, and often goes quiet."
OLIVIAS_CHANGE = "Yusuf finds it hard to tell adults what he needs, most of all when the classroom is noisy."


def test_two_people_change_the_same_need(open_page, axe, demo, javascript):
    plan = start_plan(demo)
    add_item(demo, plan, "priya", "need", "B", broad_area="communication_interaction", text=FIRST_NEED)

    priya, olivia = open_page("priya"), open_page("olivia")
    for page in (priya, olivia):
        open_plan(page, "Yusuf Hassan", "Yusuf")
        open_section(page, "B")
        card(page, "Communication and interaction").get_by_role(
            "link", name="Change communication and interaction"
        ).click()
        expect(heading(page)).to_have_text("Change this need")
        expect(page.get_by_label("Describe the need")).to_have_value(FIRST_NEED)
    axe(olivia)

    # The first to save wins.
    priya.get_by_label("Describe the need").fill(PRIYAS_CHANGE)
    priya.get_by_role("button", name="Save changes").click()
    expect(success_banner(priya)).to_contain_text("Your changes to the need have been saved.")
    expect(card(priya, "Communication and interaction")).to_contain_text(PRIYAS_CHANGE)

    # The second is told, and shown both: what is saved now, and their own words still in the form.
    olivia.get_by_label("Describe the need").fill(OLIVIAS_CHANGE)
    olivia.get_by_role("button", name="Save changes").click()
    expect_errors(olivia, javascript, "Someone else changed this while you were editing it.")
    expect(olivia.get_by_text("Someone else saved a change first.")).to_be_visible()
    expect(olivia.get_by_role("main")).to_contain_text("What is saved now (by Priya Shah and others)")
    expect(olivia.locator(".govuk-inset-text").filter(has_text=PRIYAS_CHANGE)).to_be_visible()
    expect(olivia.get_by_label("Describe the need")).to_have_value(OLIVIAS_CHANGE)
    axe(olivia)

    # Having read both, she saves again on purpose: now it is saved, and the earlier change is in the history.
    olivia.get_by_label("Describe the need").fill(f"{OLIVIAS_CHANGE} He often goes quiet.")
    olivia.get_by_role("button", name="Save changes").click()
    expect(success_banner(olivia)).to_contain_text("Your changes to the need have been saved.")
    expect(card(olivia, "Communication and interaction")).to_contain_text(f"{OLIVIAS_CHANGE} He often goes quiet.")
    texts = [
        version.content["needs"][0]["text"] for version in plan.versions.order_by("number") if version.content["needs"]
    ]
    assert texts == [FIRST_NEED, PRIYAS_CHANGE, f"{OLIVIAS_CHANGE} He often goes quiet."]
