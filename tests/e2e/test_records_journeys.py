"""Subject access in a real browser: a mother asks for a copy of everything held about her son, the
council officer produces it, checks what is about other people, and releases it; the mother downloads it.

Runs once with JavaScript on and once with it off; axe checks every page on the way, the error state
included."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from coproduce.records.models import AccessRequest, FlaggedItem
from tests.e2e.helpers import expect_errors, heading, main_nav, success_banner

pytestmark = pytest.mark.browser

with_and_without_javascript = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])


def open_information_held(page: Page, child: str, known_as: str) -> None:
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=child, exact=True).click()
    record = page.get_by_role("navigation", name=f"Sections of {known_as}'s record")
    record.get_by_role("link", name="Information held", exact=True).click()
    expect(heading(page)).to_have_text(f"Information held about {known_as}")


@with_and_without_javascript
def test_a_family_asks_the_council_checks_and_releases_and_the_family_downloads(open_page, axe, demo, javascript):
    # Yusuf's mother asks for a copy.
    amira = open_page("amira")
    open_information_held(amira, "Yusuf Hassan", "Yusuf")
    axe(amira)
    amira.get_by_role("link", name="Ask for a copy").click()
    expect(heading(amira)).to_have_text("Ask for a copy of the information held")
    expect(amira.locator(".govuk-inset-text")).to_contain_text("the council must send it by")
    axe(amira)
    amira.get_by_role("button", name="Ask for a copy").click()
    expect(success_banner(amira)).to_contain_text("You asked for a copy")
    expect(amira.get_by_role("main")).to_contain_text("The council is preparing your copy")
    axe(amira)

    # The case officer produces the export.
    olivia = open_page("olivia")
    open_information_held(olivia, "Yusuf Hassan", "Yusuf")
    olivia.get_by_role("main").locator("table a").first.click()
    expect(heading(olivia)).to_have_text("Request for a copy of the information held")
    axe(olivia)
    olivia.get_by_role("link", name="Produce the export").click()
    axe(olivia)
    olivia.get_by_role("button", name="Produce the export").click()
    expect(success_banner(olivia)).to_contain_text("Check each flagged item")
    axe(olivia)

    # She checks the first flagged item on its page, forgetting the reason at first.
    access_request = AccessRequest.objects.get(child=demo.children["yusuf"])
    first = access_request.flagged_items.order_by("position").first()
    olivia.get_by_role("link", name=first.label, exact=True).click()
    expect(heading(olivia)).to_have_text(f"Check before release: {first.label}")
    olivia.get_by_role("radio", name="Withhold").check()
    olivia.get_by_role("button", name="Save decision").click()
    expect_errors(olivia, javascript, "Say why you are releasing or withholding this item")
    axe(olivia)
    expect(olivia.get_by_role("radio", name="Withhold")).to_be_checked()
    olivia.get_by_label("Why").fill("Another person's information; they have not agreed to its release")
    olivia.get_by_role("button", name="Save decision").click()
    expect(success_banner(olivia)).to_contain_text("You decided to withhold")

    # The rest are practitioners writing in their professional role: released (decided here directly,
    # each the same form as above).
    rest = list(access_request.flagged_items.filter(decision="").values_list("id", flat=True))
    for item_id in rest:
        olivia.goto(f"/children/{demo.children['yusuf'].id}/information/requests/{access_request.id}/check/{item_id}/")
        olivia.get_by_role("radio", name="Release").check()
        olivia.get_by_label("Why").fill("Written in a professional role")
        olivia.get_by_role("button", name="Save decision").click()
        expect(success_banner(olivia)).to_contain_text("You decided to release")
    assert not FlaggedItem.objects.filter(request=access_request, decision="").exists()
    axe(olivia)
    olivia.get_by_role("link", name="Release the export").click()
    expect(olivia.get_by_role("main")).to_contain_text(first.label)
    axe(olivia)
    olivia.get_by_role("button", name="Release the export").click()
    expect(success_banner(olivia)).to_contain_text("The export is released")

    # Her mother downloads it: the withheld item says only that it was withheld.
    open_information_held(amira, "Yusuf Hassan", "Yusuf")
    amira.get_by_role("main").locator("table a").first.click()
    expect(amira.get_by_role("main")).to_contain_text("Ready to download")
    axe(amira)
    with amira.expect_download() as download_info:
        amira.get_by_role("link", name="Information held, for other systems (JSON)").click()
    with open(download_info.value.path(), encoding="utf-8") as exported:
        content = json.load(exported)
    withheld = [item for section in content["sections"] for item in section["items"] if item.get("withheld")]
    assert [item["key"] for item in withheld] == [first.key]
    # The PDF of a whole record is made when asked for: give it time on a busy machine.
    with amira.expect_download(timeout=120_000) as download_info:
        amira.get_by_role("link", name="Information held, to read (PDF)").click()
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_information_governance_holds_a_record_years_before_it_is_due(open_page, axe, demo):
    """A tribunal appeal about Jordan: the council's information governance lead finds his record, which is
    nowhere near its disposal date, and places it on legal hold; the hold is listed and later ended.
    JavaScript off: the search is an ordinary form, posted, so his name never goes into an address."""
    jordan = demo.children["jordan"]
    ian = open_page("ian", js=False)
    main_nav(ian).get_by_role("link", name="Retention").click()
    expect(heading(ian)).to_have_text("Retention and disposal")
    expect(ian.get_by_role("main")).not_to_contain_text(jordan.legal_name)
    ian.get_by_role("link", name="Place a record that is not yet due on legal hold").click()
    expect(heading(ian)).to_have_text("Find a record to place on legal hold")
    axe(ian)

    ian.get_by_label("First name").fill(jordan.given_name)
    ian.get_by_role("button", name="Find the record").click()
    expect_errors(ian, False, "Enter their last name", "Enter date of birth")
    expect(ian.get_by_label("First name")).to_have_value(jordan.given_name)
    axe(ian)

    ian.get_by_label("Last name").fill(jordan.family_name)
    born = jordan.date_of_birth
    ian.get_by_label("Day").fill(str(born.day))
    ian.get_by_label("Month").fill(str(born.month))
    ian.get_by_label("Year").fill(str(born.year))
    ian.get_by_role("button", name="Find the record").click()
    assert "given_name" not in ian.url and jordan.given_name not in ian.url
    expect(ian.get_by_role("heading", name="1 record found")).to_be_visible()
    axe(ian)
    ian.get_by_role("link", name=f"Place on hold for {jordan.legal_name}").click()
    expect(ian.get_by_role("main")).to_contain_text("Due for disposal on")
    ian.get_by_label("Why").fill("Appeal to the SEND tribunal lodged by the family")
    ian.get_by_role("button", name="Place on hold").click()
    expect(success_banner(ian)).to_contain_text("The record is on legal hold")
    held = ian.get_by_role("table").filter(has_text="Records on legal hold")
    expect(held).to_contain_text(jordan.legal_name)
    axe(ian)

    held.get_by_role("link", name=f"End hold for {jordan.legal_name}").click()
    ian.get_by_label("Why").fill("The appeal was decided and the time to challenge it has passed")
    ian.get_by_role("button", name="End the hold").click()
    expect(success_banner(ian)).to_contain_text("The legal hold has ended")
    expect(ian.get_by_role("main")).not_to_contain_text(jordan.legal_name)
