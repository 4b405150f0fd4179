"""The statutory clock's journeys in a real browser: the case officer recording the steps of a needs
assessment while the family watches the clock move on, an exception to the time limits, the caseload
and the council's timeliness figures.

Most run once with JavaScript on and once with it off; axe checks every page on the way, error states
included. The dates are worked out from today, as the demo council's are."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from coproduce.audit.context import Actor
from coproduce.rules.clock.dates import add_months
from coproduce.statutory import actions
from coproduce.statutory.clock import in_words
from coproduce.teams.policy import access_for
from tests.e2e.helpers import error_summary, expect_errors, heading, main_nav, success_banner

pytestmark = pytest.mark.browser

with_and_without_javascript = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])


def today() -> dt.date:
    return timezone.localdate()


def fill_date(group: Locator, day: dt.date) -> None:
    """The GOV.UK date input: the day, month and year boxes inside the group named by its legend."""
    for box, value in zip(("Day", "Month", "Year"), (day.day, day.month, day.year), strict=True):
        group.get_by_label(box, exact=True).fill(str(value))


def open_timeline(page: Page, child: str, known_as: str) -> None:
    """From the home page: the child's record, then the Timeline in its side navigation."""
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=child, exact=True).click()
    record = page.get_by_role("navigation", name=f"Sections of {known_as}'s record")
    record.get_by_role("link", name="Timeline", exact=True).click()
    expect(heading(page)).to_have_text("Timeline")


def next_steps(page: Page) -> Locator:
    """The list under "What happens next"."""
    return page.locator(".app-next-steps")


def what_has_happened(page: Page) -> Locator:
    return page.locator("ol.app-timeline")


def choose_step(page: Page, title: str) -> None:
    page.get_by_role("link", name="Record a step").click()
    expect(heading(page)).to_have_text("Record a step")
    page.get_by_role("link", name=title, exact=True).click()
    expect(heading(page)).to_have_text(title)


# --- 1. Recording the steps of a needs assessment ------------------------------------------------------


@with_and_without_javascript
def test_recording_the_steps_of_yusufs_assessment(open_page, axe, demo, javascript):
    received = today() - dt.timedelta(days=21)  # the demo request arrived three weeks ago

    # His mother sees who must do what next, and by when.
    amira = open_page("amira")
    open_timeline(amira, "Yusuf Hassan", "Yusuf")
    expect(next_steps(amira)).to_contain_text(
        f"The council must decide whether to assess by {in_words(received + dt.timedelta(weeks=6))}."
    )
    expect(what_has_happened(amira)).to_contain_text("The council received a request for an EHC needs assessment")
    expect(amira.get_by_role("link", name="Record a step")).to_have_count(0)  # only officers record steps
    axe(amira)

    # The case officer records the decision to assess, saving the empty form first.
    olivia = open_page("olivia")
    open_timeline(olivia, "Yusuf Hassan", "Yusuf")
    axe(olivia)
    olivia.get_by_role("link", name="Record a step").click()
    expect(heading(olivia)).to_have_text("Record a step")
    # What cannot be recorded yet says why, as text rather than a link.
    expect(olivia.get_by_text("Not now: No advice is awaited.")).to_be_visible()
    axe(olivia)
    olivia.get_by_role("link", name="Decision whether to assess", exact=True).click()
    expect(heading(olivia)).to_have_text("Decision whether to assess")
    axe(olivia)
    olivia.get_by_role("button", name="Save").click()
    expect_errors(
        olivia,
        javascript,
        "Select whether the council will assess",
        "Enter the date the family was told the decision",
    )
    for link in error_summary(olivia).get_by_role("link").all():  # each message leads to its answer
        expect(olivia.locator(link.get_attribute("href"))).to_have_count(1)
    axe(olivia)
    olivia.get_by_label("Yes, the council will assess", exact=True).check()
    fill_date(olivia.get_by_role("group", name="The date the family was told the decision"), today())
    olivia.get_by_role("button", name="Save").click()
    expect(success_banner(olivia)).to_contain_text("The decision whether to assess is recorded.")
    expect(heading(olivia)).to_have_text("Timeline")
    axe(olivia)

    # Amira sees the clock move on: the decision has happened, and the draft plan is what comes next.
    amira.reload()
    expect(what_has_happened(amira)).to_contain_text("The council decided to carry out an EHC needs assessment")
    expect(next_steps(amira)).not_to_contain_text("decide whether to assess")
    expect(next_steps(amira)).to_contain_text(
        "The council must send a draft plan, or say that it will not issue a plan by "
        f"{in_words(received + dt.timedelta(weeks=16))}."
    )
    expect(next_steps(amira)).to_contain_text(
        f"The council must issue the final plan by {in_words(received + dt.timedelta(weeks=20))}."
    )
    axe(amira)

    # Then the case officer asks Yusuf's SENCo for educational advice.
    choose_step(olivia, "Advice asked for")
    olivia.get_by_role("button", name="Save").click()
    expect_errors(olivia, javascript, "Select the kind of advice asked for", "Enter the date the advice was asked for")
    axe(olivia)
    olivia.get_by_label("Educational advice", exact=True).check()
    olivia.get_by_label("Who was asked, if they are on the team (optional)").select_option(label="Priya Shah")
    fill_date(olivia.get_by_role("group", name="The date the advice was asked for"), today())
    olivia.get_by_role("button", name="Save").click()
    expect(success_banner(olivia)).to_contain_text("The request for advice is recorded.")
    axe(olivia)

    # Amira sees who the council asked, and the date the advice must arrive by.
    amira.reload()
    expect(what_has_happened(amira)).to_contain_text("The council asked Priya Shah for educational advice")
    expect(next_steps(amira)).to_contain_text(
        f"Priya Shah must send their educational advice by {in_words(today() + dt.timedelta(weeks=6))}."
    )
    axe(amira)


# --- 2. An exception to the time limits ----------------------------------------------------------------

AWAY = "The child or family was away from the area for 4 weeks or more in a row"


@with_and_without_javascript
def test_an_exception_is_shown_on_the_timeline(open_page, axe, demo, javascript):
    starts, ends = today() - dt.timedelta(days=14), today() + dt.timedelta(days=28)
    olivia = open_page("olivia")
    open_timeline(olivia, "Yusuf Hassan", "Yusuf")
    choose_step(olivia, "Exception to the time limits")
    axe(olivia)

    # Saving the empty form: a message for each answer, saying what to do.
    olivia.get_by_role("button", name="Save").click()
    expect_errors(
        olivia,
        javascript,
        "Select why the exception applies",
        "Enter the date the period started",
        "Enter the date the period ended",
    )
    axe(olivia)

    olivia.get_by_label(AWAY, exact=True).check()
    fill_date(olivia.get_by_role("group", name="The date the period started"), starts)
    fill_date(olivia.get_by_role("group", name="The date the period ended"), ends)
    olivia.get_by_label("What shows this (optional)").fill("The family were with relatives abroad")
    olivia.get_by_role("button", name="Save").click()
    expect(success_banner(olivia)).to_contain_text("The exception is recorded.")
    axe(olivia)

    # The family sees the exception, its reason and its period, and that the deadline is excepted.
    amira = open_page("amira")
    open_timeline(amira, "Yusuf Hassan", "Yusuf")
    event = (
        what_has_happened(amira)
        .get_by_role("listitem")
        .filter(has=amira.get_by_role("heading", name="An exception to the time limits was applied"))
    )
    expect(event).to_contain_text(f"Why: {AWAY.lower()}.")
    expect(event).to_contain_text(f"The exception covers {in_words(starts)} to {in_words(ends)}.")
    expect(event).to_contain_text("The dates do not move.")
    decision = next_steps(amira).get_by_role("listitem").filter(has_text="decide whether to assess")
    expect(decision).to_contain_text("An exception applies to this time limit")
    expect(decision).to_contain_text("the council is not counted as late if it is missed")
    axe(amira)


# --- 3. The caseload ------------------------------------------------------------------------------------


def caseload_rows(page: Page) -> Locator:
    return page.get_by_role("table").locator("tbody tr")


@with_and_without_javascript
def test_the_caseload(open_page, axe, demo, javascript):
    # Set up, through the actions the pages use: advice for Leo asked for 45 days ago (6 weeks allowed, so
    # 3 days late), and Grace's review meeting moved to a week ago (its report is due within 2 weeks).
    officer = demo.people["olivia"]
    actor = Actor(user=officer)
    actions.RecordAdviceRequest(
        actor,
        access=access_for(officer, demo.children["leo"]),
        kind="social_care",
        adviser=None,
        organisation=None,
        sent_on=today() - dt.timedelta(days=45),
    ).execute()
    actions.RecordReviewMeeting(
        actor,
        access=access_for(officer, demo.children["grace"]),
        meeting_on=today() - dt.timedelta(days=7),
        invited_on=today() - dt.timedelta(days=30),
    ).execute()

    olivia = open_page("olivia")
    main_nav(olivia).get_by_role("link", name="Caseload").click()
    expect(heading(olivia)).to_have_text("Caseload")

    counts = olivia.get_by_role("list", name="Counts for the children listed")
    expect(counts).to_contain_text(re.compile(r"\d+ children and young people"))
    expect(counts).to_contain_text("with a deadline that has passed")
    expect(counts).to_contain_text("with a deadline within 10 days")
    expect(olivia.get_by_role("table")).to_contain_text("soonest deadline first")
    axe(olivia)

    rows = caseload_rows(olivia)
    names = [row.get_by_role("link").first.inner_text() for row in rows.all()]
    for child in ("Yusuf Hassan", "Leo", "Grace", "Jordan"):
        assert any(child in name for name in names), f"{child} is not on the caseload: {names}"

    # Soonest deadline first: the dates in the "Next deadline" column never go backwards.
    deadlines = [
        dt.datetime.strptime(match.group(1), "%A %d %B %Y").date()
        for text in rows.locator("td:nth-child(3)").all_inner_texts()
        if (match := re.search(r"by (\w+ \d{1,2} \w+ \d{4})", text))
    ]
    assert deadlines and deadlines == sorted(deadlines), deadlines

    # The markers are words, never colour alone: each highlighted row says "Overdue" or "Due soon".
    expect(rows.filter(has_text="Leo").get_by_text("Overdue", exact=True)).to_be_visible()
    expect(rows.filter(has_text="Grace").get_by_text("Due soon", exact=True)).to_be_visible()
    assert rows.first.inner_text().startswith(names[0]) and "Leo" in names[0], names  # the late one comes first
    for row in olivia.locator(".app-caseload__row--overdue").all():
        expect(row).to_contain_text("Overdue")
    for row in olivia.locator(".app-caseload__row--soon").all():
        expect(row).to_contain_text("Due soon")
    overdue = int(counts.locator(".app-count--overdue .app-count__number").inner_text())
    soon = int(counts.locator(".app-count--soon .app-count__number").inner_text())
    expect(rows.filter(has_text="Overdue")).to_have_count(overdue)
    expect(rows.filter(has_text="Due soon")).to_have_count(soon)

    # The filter is an ordinary form sent with GET, so it works with JavaScript off as well.
    olivia.get_by_label("Stage", exact=True).select_option(label="Asking for an assessment")
    olivia.get_by_role("button", name="Apply filters").click()
    expect(olivia).to_have_url(re.compile(r"[?&]stage=request"))
    expect(olivia.get_by_label("Stage", exact=True)).to_have_value("request")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Yusuf Hassan")
    expect(counts).to_contain_text("1 child or young person")
    axe(olivia)

    olivia.get_by_role("link", name="Clear filters").click()
    expect(rows).to_have_count(len(names))


# --- 4. The council's timeliness ----------------------------------------------------------------------


@with_and_without_javascript
def test_the_councils_timeliness(open_page, axe, demo, javascript):
    ian = open_page("ian")
    main_nav(ian).get_by_role("link", name="Timeliness").click()
    expect(heading(ian)).to_have_text(f"Timeliness in {today().year}")
    axe(ian)

    # The year of Jordan's last annual review decision (five months ago): one decision that year.
    year = add_months(today(), -5).year
    ian.get_by_label("Calendar year").fill(str(year))
    ian.get_by_role("button", name="Show this year").click()
    expect(heading(ian)).to_have_text(f"Timeliness in {year}")
    expect(ian).to_have_url(re.compile(rf"[?&]year={year}"))

    # Each chart is an image with a name and a description a screen reader reads out.
    charts = ian.get_by_role("img").filter(has=ian.locator("title"))
    expect(charts).to_have_count(3)
    for chart in charts.all():
        name = chart.evaluate(
            "svg => svg.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
        )
        assert len(name) > 20, f"A chart has no useful accessible name: {name!r}"
    expect(ian.get_by_role("img", name=re.compile("20 weeks"))).to_have_count(1)

    # The tables give the numbers; a number from 1 to 4 is shown as "fewer than 5".
    reviews = ian.get_by_role("table", name=f"Annual review decisions in {year}")
    expect(reviews).to_be_visible()
    expect(reviews.get_by_role("cell").first).to_have_text("fewer than 5")
    expect(ian.get_by_role("table", name=f"Plans issued in {year}")).to_be_visible()
    expect(ian.get_by_role("table", name=f"Moves with an amended plan due in {year}")).to_be_visible()
    axe(ian)

    # A year still to come is refused, with the GOV.UK error summary.
    ian.get_by_label("Calendar year").fill(str(today().year + 1))
    ian.get_by_role("button", name="Show this year").click()
    expect_errors(ian, javascript, "Enter this year or an earlier one")
    axe(ian)
