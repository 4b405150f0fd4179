"""The demo families' statutory processes, dated from today so their clocks always look current.

- Yusuf: the council received his mother's request for assessment three weeks ago.
- Leo: assessed; one piece of advice came late; his draft plan went out five days ago, so the family's
  comment window is open.
- Grace: her plan was last reviewed about eleven months ago; the next review meeting is in two weeks,
  and she moves to a post-16 college next year.
- Jordan: a plan in place for years, amended for the move to college, last reviewed five months ago.

Each step goes through the same actions an officer uses (recorded as the demo case officer), so the
audit trail, the stage and the next deadline are right. Running it again adds nothing: a child who
already has a process is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coproduce.accounts.models import Organisation
from coproduce.audit.context import Actor
from coproduce.rules import school_years
from coproduce.rules.clock.dates import add_months
from coproduce.statutory import actions
from coproduce.statutory.models import NeedsAssessment, SettingIdentifier
from coproduce.teams.policy import access_for

# Made-up identifiers for the demo schools and college (not real establishments).
DEMO_IDENTIFIERS = {
    "Riverside Primary School": ("990001", ""),
    "Hillcrest Academy": ("990002", ""),
    "Northmoor College": ("", "19990003"),
}


def load_demo_clock(people: dict, children: dict, *, today: dt.date | None = None) -> int:
    """Give the demo children their processes; returns how many were added.

    ``people`` maps persona slugs to users, ``children`` the demo children's keys to their records.
    """
    today = today or timezone.localdate()
    council = next(iter(children.values())).responsible_council if children else None
    for name, (urn, ukprn) in DEMO_IDENTIFIERS.items():
        org = Organisation.objects.filter(name=name, local_area=council).first()
        if org is not None:
            SettingIdentifier.objects.get_or_create(organisation=org, defaults={"urn": urn, "ukprn": ukprn})
    officer = people["olivia"]
    actor = Actor(user=officer, request_id="demo-data")
    builders = {"yusuf": _yusuf, "leo": _leo, "grace": _grace, "jordan": _jordan}
    added = 0
    for key, build in builders.items():
        child = children.get(key)
        if child is None or NeedsAssessment.objects.filter(child=child).exists():
            continue
        build(_Recorder(actor, officer, child), people, today)
        added += 1
    return added


class _Recorder:
    def __init__(self, actor, officer, child):
        self.actor, self.officer, self.child = actor, officer, child

    def __call__(self, action, **params):
        access = access_for(self.officer, self.child)
        result = action(self.actor, access=access, **params).execute()
        self.child.refresh_from_db()
        return result


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _assessed_plan(step, people, received: dt.date, advisers=()) -> None:
    """A request that led to a plan within 20 weeks."""
    step(actions.RecordRequest, requested_by="parent", received_on=received)
    step(actions.RecordDecisionToAssess, decision="yes", decided_on=received + _days(38))
    for kind, slug in advisers:
        advice = step(
            actions.RecordAdviceRequest,
            kind=kind,
            adviser=people[slug],
            organisation=None,
            sent_on=received + _days(40),
        )
        step(actions.RecordAdviceReceived, advice=advice, received_on=received + _days(75))
    step(actions.RecordDraftServed, served_on=received + _days(105))
    step(actions.RecordOutcome, outcome="issue", outcome_on=received + _days(133))


def _yusuf(step, people, today):
    step(actions.RecordRequest, requested_by="parent", received_on=today - _days(21))


def _leo(step, people, today):
    received = today - _days(17 * 7)
    decided = received + _days(35)
    step(actions.RecordRequest, requested_by="school", received_on=received)
    step(actions.RecordDecisionToAssess, decision="yes", decided_on=decided)
    asked = decided + _days(1)
    for kind, slug, arrived in (
        ("psychological", "tom", 35),
        ("medical", "hannah", 49),  # a week late: shown as late on the timeline
        ("educational", "priya", 23),
    ):
        advice = step(actions.RecordAdviceRequest, kind=kind, adviser=people[slug], organisation=None, sent_on=asked)
        step(actions.RecordAdviceReceived, advice=advice, received_on=asked + _days(arrived))
    step(actions.RecordDraftServed, served_on=today - _days(5))
    step(actions.RecordNeeds, primary="SLCN", secondary="ASD")


def _grace(step, people, today):
    last_review = add_months(today, -11)
    plan_made = add_months(last_review, -12) + _days(7)
    _assessed_plan(step, people, plan_made - _days(133), advisers=(("psychological", "tom"),))
    step(
        actions.StartAnnualReview,
        last_plan_on=plan_made,
        meeting_on=last_review - _days(21),
        invited_on=last_review - _days(40),
    )
    step(actions.RecordReviewReport, report_on=last_review - _days(12))
    step(actions.RecordReviewDecision, decision="maintain", decided_on=last_review)
    step(actions.StartAnnualReview, last_plan_on=last_review, meeting_on=today + _days(14), invited_on=today - _days(3))
    step(actions.RecordNeeds, primary="SEMH", secondary="")
    child = step.child
    move_year = school_years.cohort_year(child.date_of_birth) + 17  # into Year 12 that September
    if today <= dt.date(move_year, 3, 31):
        step(actions.RecordPhaseTransfer, kind="post16", year=move_year, transfer_on=None)


def _jordan(step, people, today):
    plan_made = add_months(today, -72)
    _assessed_plan(step, people, plan_made - _days(133))
    last_review = add_months(today, -5)
    step(
        actions.StartAnnualReview,
        last_plan_on=add_months(last_review, -12) + _days(7),
        meeting_on=last_review - _days(20),
        invited_on=last_review - _days(40),
    )
    step(actions.RecordReviewReport, report_on=last_review - _days(10))
    step(actions.RecordReviewDecision, decision="maintain", decided_on=last_review)
    step(actions.RecordNeeds, primary="MLD", secondary="")
    move_year = school_years.cohort_year(step.child.date_of_birth) + 17
    transfer = step(actions.RecordPhaseTransfer, kind="post16", year=move_year, transfer_on=None)
    amended = dt.date(move_year, 3, 10)
    if amended < today:
        step(actions.RecordTransferPlanAmended, transfer=transfer, amended_on=amended)
