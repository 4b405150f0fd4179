"""Progress for the demo family with a review coming: Grace Okafor, whose final plan's outcome is eating
lunch in school and attending all her lessons.

Grace is 15 and not on her team, so her dad David and her SENCo Mark Evans rate her targets: last term
and this term, sometimes differently. Mark records her weekly anxiety sessions since the plan was made,
with the school holidays as closures, a week Grace was ill, and over the last four weeks a session missed
because the counsellor was away and a week with nothing recorded: a shortfall, flagged to the case
officer and to David. Before the review Mark wrote down Grace's views, in her words, and Mark and David
said what is working.

Jordan, who is 17 and on their own team, has one target set this term with their mum Karen and the case
officer, not yet rated: Jordan and Karen each see "Rate this term's progress" on their home page.

Everything goes through the same actions people use, dated from today. Running it again adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.plans.models import Plan
from coproduce.progress import actions
from coproduce.progress.models import MissedReason, Target
from coproduce.rules import delivery as rule
from coproduce.teams.policy import access_for

TARGETS = (
    {
        "text": "Eat lunch in school, in the quiet dining room if she wants",
        "by_when": "by the end of the summer term",
        "weight": 2,
        "much_less": "Grace eats lunch in school on one day a week or none.",
        "less": "Grace eats lunch in school on two days a week.",
        "expected": "Grace eats lunch in the quiet dining room on three days a week.",
        "more": "Grace eats lunch in school on four days a week.",
        "much_more": "Grace eats lunch in school every day, sometimes in the main hall with a friend.",
    },
    {
        "text": "Go to every lesson on her timetable, using her time-out card when she needs it",
        "by_when": "by the end of the summer term",
        "weight": 1,
        "much_less": "Grace misses three or more lessons a week.",
        "less": "Grace misses one or two lessons a week.",
        "expected": "Grace goes to every lesson, and uses her time-out card when she needs to.",
        "more": "Grace goes to every lesson and uses her time-out card once a week or less.",
        "much_more": "Grace goes to every lesson without needing her time-out card.",
    },
    {
        "text": "Tell an adult she trusts when she starts to feel anxious, before she leaves a lesson",
        "by_when": "by February half term",
        "weight": 1,
        "much_less": "Grace leaves lessons without telling anyone.",
        "less": "Grace tells an adult afterwards, when someone asks her.",
        "expected": "Grace shows her card or tells an adult before she leaves, most of the time.",
        "more": "Grace tells an adult early, and sometimes stays in the lesson with help.",
        "much_more": "Grace notices the signs herself and uses a calming strategy without leaving.",
    },
)
WRITTEN_WITH = "Grace, her dad David Okafor and Mark Evans (SENCo)"
# (David's level, his comment, Mark's level, Mark's comment) for each target: last term, then this term.
RATINGS = (
    (
        (-1, "She is still coming home hungry most days.", 0, ""),
        (0, "", 0, ""),
        (-1, "", -2, "Grace walked out of three lessons without telling anyone."),
    ),
    (
        (0, "She says the quiet room helps. Most days now.", 1, "Four days most weeks."),
        (0, "", -1, "Missed two science lessons in a row."),
        (1, "She told me she used her card in maths.", 0, ""),
    ),
)
DELIVERED_BY = "Sam Reid, school counsellor"


def _holiday(monday: dt.date) -> bool:
    """Roughly the school holidays, for the demo's closures: summer, Christmas and Easter fortnights."""
    if monday.month == 8 or (monday.month == 7 and monday.day >= 24):
        return True
    if (monday.month == 12 and monday.day >= 20) or (monday.month == 1 and monday.day <= 2):
        return True
    return monday.month == 4 and monday.day <= 14


JORDAN_TARGET = {
    "text": "Catch the 36 bus to college on their own, with the travel trainer following",
    "by_when": "by the February half term",
    "weight": 1,
    "much_less": "Jordan needs someone beside them for the whole journey.",
    "less": "Jordan catches the bus with the trainer sitting nearby.",
    "expected": "Jordan catches the bus on their own, with the trainer on a later bus.",
    "more": "Jordan catches the bus on their own and texts the trainer when they arrive.",
    "much_more": "Jordan catches the bus on their own and can find another route if the 36 is cancelled.",
    "written_with": "Jordan, their mum Karen Price and Olivia Bennett (case officer)",
}


def load_demo_progress(people: dict, children: dict, *, today: dt.date | None = None) -> int:
    """Give Grace targets, ratings, delivery records and review evidence, and Jordan a target to rate;
    returns how many children were given something."""
    today = today or timezone.localdate()
    return _grace(people, children, today) + _jordan(people, children)


def _jordan(people: dict, children: dict) -> int:
    child = children.get("jordan")
    plan = Plan.objects.filter(child=child).first() if child else None
    if plan is None or plan.finalised_on is None or Target.objects.filter(child=child).exists():
        return 0
    outcome = plan.outcomes.order_by("position").first()
    if outcome is None:
        return 0
    officer = people["olivia"]
    actions.AddTarget(
        Actor(user=officer, request_id="demo-data"),
        access=access_for(officer, child),
        outcome=outcome,
        data=dict(JORDAN_TARGET),
    ).execute()
    return 1


def _grace(people: dict, children: dict, today: dt.date) -> int:
    child = children.get("grace")
    plan = Plan.objects.filter(child=child).first() if child else None
    if plan is None or plan.finalised_on is None or Target.objects.filter(child=child).exists():
        return 0
    outcome = plan.outcomes.order_by("position").first()
    provision = plan.provision.exclude(frequency="").order_by("position").first()
    if outcome is None or provision is None:
        return 0

    def who(slug: str):
        user = people[slug]
        return Actor(user=user, request_id="demo-data"), access_for(user, child)

    mark, mark_access = who("mark")
    david, david_access = who("david")
    targets = [
        actions.AddTarget(
            mark, access=mark_access, outcome=outcome, data=data | {"written_with": WRITTEN_WITH}
        ).execute()
        for data in TARGETS
    ]

    this_term = rule.term_of(today)
    last_term = rule.term_of(this_term.start - dt.timedelta(days=1))
    for day, levels in zip((last_term.end - dt.timedelta(days=14), today), RATINGS, strict=True):
        for (actor, access), index, comment_index in ((who("david"), 0, 1), (who("mark"), 2, 3)):
            actions.RateTargets(
                actor,
                access=access,
                ratings=[(t, row[index], row[comment_index]) for t, row in zip(targets, levels, strict=True)],
                today=day,
            ).execute()

    _delivery(mark, mark_access, provision, plan.finalised_on, today)

    actions.AddReviewView(
        mark,
        access=mark_access,
        data={
            "whose": "child",
            "topic": "important",
            "text": "The quiet room helps. I still hate the lunch hall when it's loud. "
            "I want to do art at college, so I need to go to my lessons.",
            "method": "dictated",
            "helped_by": "Mark Evans (SENCo) wrote down exactly what Grace said",
            "pictures": ["quiet", "friends"],
        },
    ).execute()
    actions.AddReviewContribution(
        mark,
        access=mark_access,
        working="Grace eats in the quiet dining room most days and uses her time-out card well.",
        not_working="Her anxiety sessions were missed twice this month while the counsellor was away.",
        change="Cover for the counsellor's sessions, and a new target for lunch in the main hall.",
    ).execute()
    actions.AddReviewContribution(
        david,
        access=david_access,
        working="She is calmer in the mornings and talks about school more.",
        not_working="She still finds the corridors between lessons hard.",
        change="I would like her sessions not to stop when the counsellor is off.",
    ).execute()
    return 1


def _delivery(actor, access, provision, finalised_on: dt.date, today: dt.date) -> None:
    """Weekly sessions from the week after the plan was made, each on the Tuesday; the last four full
    weeks fall short: one delivered, one missed, one not recorded, one delivered."""
    window = rule.shortfall_window(today)
    monday = rule.monday_of(finalised_on) + dt.timedelta(days=7)
    ill_week = rule.monday_of(today) - dt.timedelta(days=7 * 9)
    while monday < rule.monday_of(today):
        tuesday = monday + dt.timedelta(days=1)
        weeks_back = (window.end - monday).days // 7  # 0 is the last full week
        params: dict = {"delivered": True, "minutes": 45, "delivered_by": DELIVERED_BY}
        if monday >= window.start:
            if weeks_back == 0:
                monday += dt.timedelta(days=7)
                continue  # nothing recorded
            if weeks_back == 1:
                params = {"delivered": False, "reason": MissedReason.STAFF_AWAY, "note": "The counsellor was ill."}
        elif _holiday(monday):
            params = {"delivered": False, "reason": MissedReason.CLOSED, "until": monday + dt.timedelta(days=4)}
            tuesday = monday
        elif monday == ill_week:
            params = {"delivered": False, "reason": MissedReason.CHILD_AWAY, "note": "Grace was ill."}
        actions.RecordDelivery(actor, access=access, provision=provision, on=tuesday, **params).execute()
        monday += dt.timedelta(days=7)
