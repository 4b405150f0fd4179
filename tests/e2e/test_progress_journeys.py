"""Progress between reviews in a real browser: a parent and the school rate Grace's targets (each rating
shown with its rater's name, differences shown, never averaged) and the annual review pack starts from all
of it; the school records sessions of support delivered and missed, the family sees the shortfall and the
case officer sees it across the council; and Jordan, a young person, rates their own target with the
faces, after their mum has changed it.

One journey with JavaScript off, one with the keyboard alone; axe checks every page on the way, error
states included. The demo council's dates are worked out from today, and so are these."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from coproduce.progress.models import Shortfall
from coproduce.rules import delivery as rule
from coproduce.rules.goal_attainment import t_score_display
from tests.e2e.helpers import Hands, error_summary, expect_errors, heading, success_banner, tab_to

pytestmark = pytest.mark.browser

MINUS = "\u2212"


def today() -> dt.date:
    return timezone.localdate()


def this_term() -> str:
    return rule.term_of(today()).label


def open_progress(page: Page, child: str, known_as: str, *, own: bool = False) -> None:
    """From the home page: the child's record, then Progress in its side navigation."""
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=child, exact=True).click()
    record = page.get_by_role("navigation", name=f"Sections of {known_as}'s record")
    record.get_by_role("link", name="My progress" if own else "Progress", exact=True).click()
    expect(heading(page)).to_have_text("My progress" if own else "Progress")


def target_group(page: Page, number: str) -> Locator:
    """On the rating page: the radios for one target, in the fieldset its legend names."""
    return page.get_by_role("group", name=re.compile(rf"^Target {re.escape(number)}: "))


def level(group: Locator, signed: str) -> Locator:
    return group.get_by_role("radio", name=re.compile(rf"^{re.escape(signed)} "))


def ratings_table(page: Page, number: str) -> Locator:
    return page.get_by_role("table", name=f"Target {number}: each person's rating at each check-in")


def rate(page: Page, choices: dict[str, tuple[str, str]]) -> None:
    """On the rating page: a level and a comment for each target, then save."""
    for number, (signed, comment) in choices.items():
        level(target_group(page, number), signed).check()
        if comment:
            page.get_by_label(f"Comment on target {number} (optional)", exact=True).fill(comment)
    page.get_by_role("button", name="Save your ratings").click()
    expect(success_banner(page)).to_contain_text("Your ratings have been saved. Everyone on the team can see them.")


# --- 1. A parent and the school rate; the chart, the table and the review pack show it -------------------

DAVID = {"1.1": ("+1", "She ate lunch in school four days last week."), "1.2": ("0", ""), "1.3": ("+1", "")}
MARK = {"1.1": ("0", ""), "1.2": ("0", ""), "1.3": (f"{MINUS}1", "She left maths twice without telling anyone.")}
WEIGHTS = (2, 1, 1)  # the demo's: lunch matters more to Grace


def t_of(choices: dict[str, tuple[str, str]]) -> str:
    levels = [int(signed.replace(MINUS, "-")) for signed, _ in choices.values()]
    return t_score_display(levels, WEIGHTS)


@pytest.mark.parametrize("javascript", [False], ids=["js-off"])
def test_a_parent_and_the_school_rate_and_the_review_pack_starts_from_it(open_page, axe, demo, javascript):
    # Grace's dad rates her targets. Saving with nothing chosen says what to do for each target.
    david = open_page("david")
    open_progress(david, "Grace Okafor", "Grace")
    axe(david)
    david.get_by_role("link", name="Rate this term's progress").click()
    expect(heading(david)).to_have_text(f"Rate progress: {this_term()}")
    expect(david.get_by_text("Your ratings are shown with your name, beside everyone else's.")).to_be_visible()
    axe(david)
    david.get_by_role("button", name="Save your ratings").click()
    expect_errors(david, javascript, "Select how target 1.1 went", "Select how target 1.2 went")
    for link in error_summary(david).get_by_role("link").all():  # each message leads to its question
        expect(david.locator(link.get_attribute("href"))).to_have_count(1)
    axe(david)
    rate(david, DAVID)
    axe(david)

    # Then her SENCo, on his own; his ratings differ from David's.
    mark = open_page("mark")
    open_progress(mark, "Grace Okafor", "Grace")
    mark.get_by_role("link", name="Rate this term's progress").click()
    rate(mark, MARK)

    # Each person's rating, with their name and role, side by side; the differences are said in words.
    david.reload()
    lunch = ratings_table(david, "1.1").get_by_role("row").filter(has_text=this_term())
    expect(lunch).to_contain_text("+1 Somewhat more than expected")
    expect(lunch).to_contain_text("She ate lunch in school four days last week.")
    expect(lunch).to_contain_text("0 As expected")
    expect(lunch).to_contain_text("Ratings differ by 1 level")
    maths = ratings_table(david, "1.3").get_by_role("row").filter(has_text=this_term())
    expect(maths).to_contain_text(f"{MINUS}1 Somewhat less than expected")
    expect(maths).to_contain_text("Ratings differ by 2 levels")
    header = ratings_table(david, "1.1").get_by_role("row").first
    expect(header).to_contain_text("David Okafor")
    expect(header).to_contain_text("Mark Evans")

    # The whole plan's T-scores: each person's own, never averaged; the chart says the same numbers.
    whole = david.get_by_role("table", name="The whole plan: each person's T-score at each check-in")
    row = whole.get_by_role("row").filter(has_text=this_term())
    expect(row).to_contain_text(t_of(DAVID))
    expect(row).to_contain_text(t_of(MARK))
    chart = david.locator("#chart-plan-desc")
    expect(chart).to_contain_text(f"David Okafor {t_of(DAVID)}")
    expect(chart).to_contain_text(f"Mark Evans {t_of(MARK)}")
    axe(david)

    # One target's own page: its chart and its table.
    david.get_by_role("link", name="See this target (1.1)").click()
    expect(heading(david)).to_have_text("Target 1.1")
    expect(david.get_by_role("img", name="Target 1.1: each person's rating at each check-in")).to_be_visible()
    expect(david.locator("svg.app-chart desc")).to_contain_text("David Okafor +1, Mark Evans 0")
    expect(ratings_table(david, "1.1")).to_contain_text("She ate lunch in school four days last week.")
    axe(david)

    # The case officer opens the review pack: Grace's views first, then everything the team has recorded.
    olivia = open_page("olivia")
    open_progress(olivia, "Grace Okafor", "Grace")
    olivia.get_by_role("link", name="See the annual review pack").click()
    expect(heading(olivia)).to_have_text("Annual review pack")
    sections = olivia.locator(".app-pack-section h2").all_inner_texts()
    assert sections[0] == "1. Grace's views", sections
    views = olivia.get_by_role("region", name="1. Grace's views")
    expect(views).to_contain_text("The quiet room helps.")
    ratings = olivia.get_by_role("region", name=re.compile(r"^2\. Progress"))
    expect(ratings).to_contain_text("She ate lunch in school four days last week.")
    expect(ratings).to_contain_text("She left maths twice without telling anyone.")
    expect(ratings.get_by_role("table", name="The whole plan: each person's T-score at each check-in")).to_contain_text(
        t_of(DAVID)
    )
    delivered = olivia.get_by_role("region", name="3. Support delivered against promised")
    expect(delivered).to_contain_text("Promised: ")
    expect(delivered.get_by_role("table", name="Promised and delivered each term")).to_be_visible()
    team = olivia.get_by_role("region", name="4. What each person on the team says")
    expect(team).to_contain_text("Mark Evans (SENCo or teacher)")
    expect(team).to_contain_text("David Okafor (Parent or carer)")
    expect(team).to_contain_text("I would like her sessions not to stop when the counsellor is off.")
    check = olivia.get_by_role("region", name="5. The plan check")
    expect(check.locator(".app-finding").first).to_be_visible()  # the need pasted from another child's plan
    dates = olivia.get_by_role("region", name="6. Dates for this review")
    expect(dates.get_by_role("table").locator("tbody tr").first).to_be_visible()
    axe(olivia)


# --- 2. Sessions delivered and missed, with the keyboard alone; the shortfall -----------------------------


def fill_date(hands: Hands, group: Locator, day: dt.date) -> None:
    for box, value in zip(("Day", "Month", "Year"), (day.day, day.month, day.year), strict=True):
        hands.fill(group.get_by_label(box, exact=True), str(value))


def choose(hands: Hands, radio: Locator) -> None:
    """A radio button, as a keyboard user picks one: Tab into the group, then the arrow keys."""
    if not hands.keyboard:
        radio.check()
        return
    page = hands.page
    first = page.locator(f"input[type=radio][name='{radio.get_attribute('name')}']").first
    tab_to(page, first)
    page.keyboard.press("Space")
    for _ in range(10):
        if radio.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"Could not choose {radio} with the arrow keys")


def record_session(page: Page, hands: Hands, what: str) -> None:
    """From the support delivered page: the first provision item's "Record a session"."""
    hands.press(page.get_by_role("link", name="Record a session of provision 1"))
    expect(heading(page)).to_have_text("Record a session")
    expect(page.get_by_text(what)).to_be_visible()


@pytest.mark.parametrize("javascript", [True], ids=["keyboard"])
def test_the_school_records_sessions_and_the_family_and_the_officer_see_the_shortfall(open_page, axe, demo, javascript):
    mark = open_page("mark")
    hands = Hands(mark, keyboard=True)
    open_progress(mark, "Grace Okafor", "Grace")
    hands.press(mark.get_by_role("link", name="Support delivered each week and each term"))
    expect(heading(mark)).to_have_text("Support delivered")
    axe(mark)

    # A session delivered today. Saving it without the date or the minutes says what is missing.
    record_session(mark, hands, "The plan promises")
    axe(mark)
    choose(hands, mark.get_by_role("radio", name="Yes, it was delivered"))
    hands.press(mark.get_by_role("button", name="Save the session"))
    expect_errors(mark, javascript, "Enter how many minutes the session lasted")
    axe(mark)
    fill_date(hands, mark.get_by_role("group", name="Date of the session"), today())
    hands.fill(mark.get_by_label("How many minutes did it last?"), "45")
    hands.fill(mark.get_by_label("Who delivered it?"), "Sam Reid, school counsellor")
    hands.press(mark.get_by_role("button", name="Save the session"))
    expect(success_banner(mark)).to_contain_text("The session has been recorded. The family can see it.")
    axe(mark)

    # The week before, with nothing recorded: a session missed because the counsellor was away. Still owed.
    missed_on = rule.monday_of(today()) - dt.timedelta(days=6)  # last week's Tuesday
    record_session(mark, hands, "The plan promises")
    choose(hands, mark.get_by_role("radio", name="No, it was missed"))
    fill_date(hands, mark.get_by_role("group", name="Date of the session"), missed_on)
    choose(hands, mark.get_by_role("radio", name="The person who delivers it was away"))
    hands.fill(mark.get_by_label("Anything else to say (optional)"), "Sam was on a training course.")
    hands.press(mark.get_by_role("button", name="Save the session"))
    expect(success_banner(mark)).to_contain_text("The session has been recorded.")
    sessions = mark.get_by_role("table", name=re.compile("^Sessions recorded for provision 1"))
    expect(sessions).to_contain_text("Delivered: 45 minutes, by Sam Reid, school counsellor")
    expect(sessions).to_contain_text("Missed: the person who delivers it was away")
    axe(mark)

    shortfall = Shortfall.objects.get(child=demo.children["grace"], resolved_at__isnull=True)

    # Grace's dad sees the shortfall on her progress page, and exactly what Mark recorded.
    david = open_page("david")
    open_progress(david, "Grace Okafor", "Grace")
    banner = david.get_by_role("region", name="Important")
    expect(banner).to_contain_text("Less support was delivered than the plan promises.")
    expect(banner).to_contain_text(
        f"The council flags anything below {shortfall.threshold}%. The case officer has been told."
    )
    axe(david)
    banner.get_by_role("link", name="See what was delivered and what was missed").click()
    expect(heading(david)).to_have_text("Support delivered")
    item = david.locator(".app-delivery-item").first
    expect(item).to_contain_text("Less was delivered than the plan promises")
    expect(item).to_contain_text("Missed: the person who delivers it was away")
    expect(item).to_contain_text("Sam was on a training course.")
    expect(item).to_contain_text("Mark Evans (SENCo or teacher)")
    expect(david.get_by_role("link", name=re.compile("^Record a session"))).to_have_count(0)  # the family reads
    axe(david)

    # The case officer sees it across the council, and follows it to Grace's record.
    olivia = open_page("olivia")
    olivia.goto(demo.child_url("grace", "progress/delivery/"))
    olivia.get_by_role("link", name="Shortfalls across the council").click()
    expect(heading(olivia)).to_have_text("Support delivered")
    row = (
        olivia.get_by_role("table", name="Provision delivered below the threshold")
        .get_by_role("row")
        .filter(has_text="Grace Okafor")
    )
    expect(row).to_contain_text(f"{shortfall.percent}%")
    expect(row).to_contain_text(f"the threshold is {shortfall.threshold}%")
    axe(olivia)
    row.get_by_role("link", name="Grace Okafor", exact=True).click()
    expect(heading(olivia)).to_have_text("Support delivered")


# --- 3. A young person rates with the faces, after their mum changed the target --------------------------


def test_jordan_rates_their_own_target_with_the_faces(open_page, axe, demo, javascript):
    # Jordan's mum changes the target's expected level and its weight, with Jordan.
    karen = open_page("karen")
    expect(karen.get_by_role("link", name="Rate this term's progress: Jordan Price")).to_be_visible()
    axe(karen)
    open_progress(karen, "Jordan Price", "Jordan")
    karen.get_by_role("link", name="Change target 1.1").click()
    expect(heading(karen)).to_have_text("Change a target")
    axe(karen)
    expected = karen.get_by_label("0: the expected outcome")
    expected.fill("")
    karen.get_by_role("button", name="Save the changes").click()
    expect_errors(karen, javascript, "Describe what it looks like if the target is met as expected")
    axe(karen)
    expected.fill("Jordan catches the bus on their own three days a week, with the trainer on a later bus.")
    karen.get_by_label("The most important", exact=True).check()
    karen.get_by_role("button", name="Save the changes").click()
    expect(success_banner(karen)).to_contain_text("Your changes to the target have been saved.")
    expect(karen.locator(".govuk-summary-card").first).to_contain_text("The most important (weight 4)")
    axe(karen)

    # Jordan's home page asks them; the faces page shows the target as it is now.
    jordan = open_page("jordan")
    task = jordan.get_by_role("link", name="Rate this term's progress")
    expect(task).to_be_visible()
    axe(jordan)
    task.click()
    expect(heading(jordan)).to_have_text("How is it going?")
    form = jordan.get_by_role("group", name=re.compile("Target 1 of 1"))
    expect(form).to_contain_text("Catch the 36 bus to college on their own")
    expect(form).to_contain_text("three days a week")
    axe(jordan)
    jordan.get_by_role("button", name="Save my answer").click()
    expect_errors(jordan, javascript, "Choose a face")
    axe(jordan)
    jordan.get_by_role("radio", name="A bit more than we hoped").check()
    jordan.get_by_label("Do you want to say anything else? (optional)").fill("I texted Sam from college.")
    jordan.get_by_role("button", name="Save my answer").click()
    expect(success_banner(jordan)).to_contain_text("Thank you. Your answer is saved.")
    expect(jordan.get_by_role("heading", name="All done")).to_be_visible()
    axe(jordan)

    # My progress: Jordan's own rating, in the chart and the table. The home page's task is done.
    jordan.get_by_role("link", name="See my progress").click()
    expect(heading(jordan)).to_have_text("My progress")
    table = ratings_table(jordan, "1.1")
    expect(table).to_contain_text("Child or young person")
    expect(table).to_contain_text("+1 Somewhat more than expected")
    expect(table).to_contain_text("I texted Sam from college.")
    expect(jordan.locator("#chart-plan-desc")).to_contain_text(f"Jordan {t_score_display([1], [4])}")
    axe(jordan)
    jordan.goto("/")
    expect(jordan.get_by_role("link", name="Rate this term's progress")).to_have_count(0)
