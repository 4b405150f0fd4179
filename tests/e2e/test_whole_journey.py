"""One child's assessment from the decision to assess to the final plan, across the plan and the clock:
the case officer sends the draft plan for comment and then issues the final plan, and each time the
family sees the statutory clock move on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coproduce.audit.context import Actor
from coproduce.plans.rules import comment_window_closes
from coproduce.statutory import actions as clock
from coproduce.statutory.clock import in_words
from coproduce.teams.policy import access_for
from tests.e2e.helpers import heading
from tests.e2e.test_clock_journeys import fill_date, open_timeline, what_has_happened

pytestmark = pytest.mark.browser


def test_from_the_decision_to_assess_to_the_final_plan(open_page, axe, demo):
    from coproduce.accounts.models import User
    from coproduce.teams.models import Child

    yusuf = Child.objects.get(given_name="Yusuf")
    olivia_user = User.objects.get(email__startswith="olivia.")
    clock.RecordDecisionToAssess(
        Actor(user=olivia_user),
        access=access_for(olivia_user, yusuf),
        decision="yes",
        decided_on=timezone.localdate() - dt.timedelta(days=2),
    ).execute()

    # The case officer starts the plan and sends the draft to the family.
    olivia = open_page("olivia")
    olivia.goto("/")
    olivia.get_by_role("main").get_by_role("link", name="Yusuf Hassan", exact=True).click()
    olivia.get_by_role("navigation", name="Sections of Yusuf's record").get_by_role("link", name="Plan").click()
    olivia.get_by_role("button", name="Start the plan").click()
    olivia.get_by_role("link", name="Send the draft for comment").click()
    expect(heading(olivia)).to_have_text("Send the draft plan for comment")
    axe(olivia)
    fill_date(olivia.get_by_role("group", name="Date the draft is sent to the family"), timezone.localdate())
    olivia.get_by_role("button", name="Send for comment").click()
    expect(olivia.get_by_text("The draft plan has been sent out for comment.")).to_be_visible()
    closes = in_words(comment_window_closes(timezone.localdate()))
    expect(olivia.get_by_role("main")).to_contain_text(closes)
    axe(olivia)

    # The family sees the window to comment open, on the plan and on the clock.
    amira = open_page("amira")
    open_timeline(amira, "Yusuf Hassan", "Yusuf")
    expect(amira.get_by_role("main")).to_contain_text("comment on the draft plan")
    expect(amira.get_by_role("main")).to_contain_text(closes)
    axe(amira)

    # The family has finished commenting: the case officer issues the final plan.
    olivia.get_by_role("link", name="Finalise the plan").click()
    olivia.get_by_label("Section I: name and type of school or other institution").fill(
        "Riverside Primary School, a mainstream primary school"
    )
    olivia.get_by_label("The family has told us they have finished commenting").check()
    olivia.get_by_role("button", name="Issue the final plan").click()
    expect(olivia.get_by_text("The final plan has been issued.")).to_be_visible()
    expect(olivia.get_by_role("main")).to_contain_text("Final")
    axe(olivia)

    # The clock shows the final plan issued, for the family too.
    open_timeline(amira, "Yusuf Hassan", "Yusuf")
    expect(what_has_happened(amira)).to_contain_text("The council issued the final EHC plan")
    axe(amira)
