"""Reminders: who must act on which deadline, and what to tell them.

Every reminder is written to ``SentReminder`` first; its unique constraint on person, deadline and kind
means nobody gets the same reminder twice, however often the scan runs. People who chose one email a
day get their waiting reminders in one digest.

Emails say what changed and what to do, with a link to the child's timeline, and nothing else: no
name, no needs, nothing that would tell a stranger who the child is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from coproduce.statutory import selectors
from coproduce.statutory.clock import ChildClock, Obligation, Owner, build_clock, days, in_words
from coproduce.statutory.models import ReminderFrequency, ReminderPreference, SentReminder
from coproduce.teams.models import Child, TeamMembership, TeamRole
from coproduce.teams.policy import access_for

log = logging.getLogger(__name__)

DEFAULT_DAYS_BEFORE = (10, 2)
OPENED = "opened"
OVERDUE = "overdue"
FAMILY_WINDOWS = ("draft_comments_close", "amendment_comments_close")
WHAT_TO_DO = {
    Owner.COUNCIL: "Make sure it is done in time, then record it on the child's timeline in Coproduce.",
    Owner.ADVISER: "Send your advice to the council by that date.",
    Owner.SCHOOL: "Make sure it is done in time. The case officer records it on the child's timeline.",
}


def days_before() -> tuple[int, ...]:
    """How many days before a deadline people are reminded (setting ``COPRODUCE_REMINDER_DAYS``)."""
    configured = getattr(settings, "COPRODUCE_REMINDER_DAYS", None) or DEFAULT_DAYS_BEFORE
    return tuple(sorted({int(n) for n in configured}, reverse=True))


@dataclasses.dataclass(frozen=True)
class Reminder:
    """One thing to tell the people in some roles about one child."""

    key: str
    kind: str
    owner: Owner
    message: str
    adviser_id: object = None


def timeline_url(child_id) -> str:
    return settings.SITE_URL + reverse("statutory:timeline", kwargs={"child_id": child_id})


def preferences_url() -> str:
    return settings.SITE_URL + reverse("statutory:reminders")


def before_kind(left: int, thresholds: Sequence[int]) -> str | None:
    """The reminder due ``left`` days before a deadline: the nearest threshold not yet passed.

    With thresholds (10, 2): 10 to 3 days left is "before_10", 2 to 0 days left "before_2", more
    than 10 days nothing. Each is sent once, so a person hears on the 10th day and on the 2nd.
    """
    if left < 0:
        return None
    fitting = [n for n in thresholds if left <= n]
    return f"before_{min(fitting)}" if fitting else None


def _you_task(ob: Obligation) -> str:
    return ob.task.replace(" their ", " your ")


def reminders_for(clock: ChildClock, reviews: Iterable, today: dt.date, thresholds: Sequence[int]) -> list[Reminder]:
    """Everything about one child that someone should hear about on ``today``."""
    found: list[Reminder] = []
    for ob in clock.obligations:
        if ob.met_on is not None:
            continue
        left = (ob.due - today).days
        if ob.owner in WHAT_TO_DO and ob.counts_for_caseload:
            if left < 0:
                who = (
                    "you"
                    if ob.owner == Owner.ADVISER
                    else "the council"
                    if ob.owner == Owner.COUNCIL
                    else "the school or college"
                )
                task = _you_task(ob) if ob.owner == Owner.ADVISER else ob.task
                message = (
                    f"A deadline has passed: {who} had to {task} by {in_words(ob.due)}. "
                    "Do it as soon as you can. If an exception to the time limits applies, the case officer "
                    "records it on the timeline."
                )
                found.append(Reminder(ob.reminder_key, OVERDUE, ob.owner, message, ob.adviser_id))
                continue
            kind = before_kind(left, thresholds)
            if kind is None:
                continue
            if ob.owner == Owner.ADVISER:
                said = f"You were asked to {_you_task(ob)} by {in_words(ob.due)}"
            elif ob.owner == Owner.COUNCIL:
                said = f"The council must {ob.task} by {in_words(ob.due)}"
            else:
                said = f"The school or college must {ob.task} by {in_words(ob.due)}"
            message = f"{said}: {_left(left)}. {WHAT_TO_DO[ob.owner]}"
            found.append(Reminder(ob.reminder_key, kind, ob.owner, message, ob.adviser_id))
        elif ob.owner == Owner.FAMILY and ob.key.rsplit(":", 1)[-1] in FAMILY_WINDOWS and left >= 0:
            draft = ob.key.endswith("draft_comments_close")
            thing = "the draft plan" if draft else "the proposed changes to the plan"
            found.append(
                Reminder(
                    ob.reminder_key,
                    OPENED,
                    Owner.FAMILY,
                    (
                        f"The council has sent {thing}. You can comment on it until {in_words(ob.due)}"
                        + (", and ask for a school or college to be named" if draft else "")
                        + ". Read it, then tell the council what you think. An independent supporter from "
                        "your local SENDIASS can help you, free of charge."
                    ),
                )
            )
            last = min(thresholds)
            if left <= last:
                found.append(
                    Reminder(
                        ob.reminder_key,
                        f"before_{last}",
                        Owner.FAMILY,
                        f"The time to comment on {thing} ends on {in_words(ob.due)}: {_left(left)}. "
                        "If you have comments, send them to the council before then.",
                    )
                )
    for review in reviews:
        if review.meeting_on and review.invited_on and not review.decided_on and review.meeting_on >= today:
            found.append(
                Reminder(
                    f"review:{review.pk}:meeting:{review.meeting_on.isoformat()}",
                    OPENED,
                    Owner.FAMILY,
                    f"You are invited to the annual review meeting on {in_words(review.meeting_on)}. "
                    "Before the meeting, tell the team what is going well, what is hard and what you would "
                    "like to change. If the date does not suit you, contact the case officer.",
                )
            )
    return found


def _left(n: int) -> str:
    if n == 0:
        return "that is today"
    return f"{days(n)} from today"


def recipients(reminder: Reminder, child: Child, memberships: list[TeamMembership], today: dt.date) -> list:
    """The people who should hear: by the role the reminder is for, and only if they may see the child."""
    if reminder.owner == Owner.ADVISER:
        people = [m.user for m in memberships if m.user_id == reminder.adviser_id]
    elif reminder.owner == Owner.COUNCIL:
        people = [m.user for m in memberships if m.role == TeamRole.CASE_OFFICER]
    elif reminder.owner == Owner.SCHOOL:
        people = [m.user for m in memberships if m.role == TeamRole.SENCO]
    elif reminder.owner == Owner.FAMILY:
        people = [
            m.user
            for m in memberships
            if m.role == TeamRole.YOUNG_PERSON or (m.role == TeamRole.PARENT_CARER and child.parents_can_see(today))
        ]
    else:
        people = []
    unique = {person.pk: person for person in people if person.is_active}
    return [person for person in unique.values() if access_for(person, child) is not None]


def _children_with_a_process():
    return Child.objects.filter(
        Q(needs_assessments__isnull=False)
        | Q(annual_reviews__isnull=False)
        | Q(phase_transfers__isnull=False)
        | Q(disagreements__isnull=False)
    ).distinct()


def queue_reminders(children, today: dt.date, thresholds: Sequence[int] | None = None, *, chunk: int = 200) -> int:
    """Write down every reminder due on ``today`` for these children. Returns how many are new."""
    thresholds = tuple(thresholds or days_before())
    created = 0
    batch: list[Child] = []
    children = children.prefetch_related(
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.current().select_related("user"),
            to_attr="current_members",
        )
    )
    for child in children.iterator(chunk_size=chunk):
        batch.append(child)
        if len(batch) >= chunk:
            created += _queue_batch(batch, today, thresholds)
            batch = []
    if batch:
        created += _queue_batch(batch, today, thresholds)
    return created


def _queue_batch(children: list[Child], today: dt.date, thresholds) -> int:
    created = 0
    processes = selectors.load_processes(children, today=today)
    for child in children:
        process = processes[child.pk]
        clock = build_clock(process, today)
        for reminder in reminders_for(clock, process.reviews, today, thresholds):
            for person in recipients(reminder, child, child.current_members, today):
                with transaction.atomic():
                    _, new = SentReminder.objects.get_or_create(
                        user=person,
                        key=reminder.key,
                        kind=reminder.kind,
                        defaults={"child": child, "message": reminder.message},
                    )
                created += new
    return created


def _frequencies(user_ids) -> dict:
    return dict(ReminderPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "frequency"))


FOOTER = (
    "You get these emails because you are on the team around a child or young person on Coproduce.\n"
    "To choose between an email for each reminder and one email a day, go to: {preferences}\n"
)


def deliver_immediate(now: dt.datetime | None = None) -> int:
    """Email every waiting reminder of the people who want them straight away. Returns how many."""
    now = now or timezone.now()
    waiting = list(SentReminder.objects.filter(sent_at__isnull=True).select_related("user").order_by("id"))
    daily = {uid for uid, freq in _frequencies({r.user_id for r in waiting}).items() if freq == ReminderFrequency.DAILY}
    sent = 0
    for reminder in waiting:
        if reminder.user_id in daily:
            continue
        subject = SUBJECTS.get(reminder.kind.split("_")[0], SUBJECTS["before"])
        body = f"{reminder.message}\n\nSee the timeline: {timeline_url(reminder.child_id)}\n\n" + FOOTER.format(
            preferences=preferences_url()
        )
        if _send(subject, body, reminder.user.email, f"reminder {reminder.pk}"):
            SentReminder.objects.filter(pk=reminder.pk).update(sent_at=now)
            sent += 1
    return sent


SUBJECTS = {
    "before": "A deadline is coming up on Coproduce",
    OVERDUE: "A deadline has passed on Coproduce",
    OPENED: "Something is ready for you on Coproduce",
}


def deliver_digests(now: dt.datetime | None = None) -> int:
    """One email to each person who chose a daily email, with all their waiting reminders."""
    now = now or timezone.now()
    daily_users = ReminderPreference.objects.filter(frequency=ReminderFrequency.DAILY).values("user_id")
    waiting = SentReminder.objects.filter(sent_at__isnull=True, user_id__in=daily_users).select_related("user")
    by_user: dict = defaultdict(list)
    for reminder in waiting.order_by("user_id", "id"):
        by_user[reminder.user_id].append(reminder)
    sent = 0
    for reminders in by_user.values():
        user = reminders[0].user
        lines = [
            f"{n}. {r.message}\n   See the timeline: {timeline_url(r.child_id)}" for n, r in enumerate(reminders, 1)
        ]
        count = len(reminders)
        body = (
            f"You have {count} reminder{'s' if count != 1 else ''} today.\n\n"
            + "\n\n".join(lines)
            + "\n\n"
            + FOOTER.format(preferences=preferences_url())
        )
        subject = f"Your reminders from Coproduce: {count} today"
        if _send(subject, body, user.email, f"digest of {count} reminders"):
            SentReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(sent_at=now)
            sent += 1
    return sent


def _send(subject: str, body: str, to: str, what: str) -> bool:
    try:
        send_mail(subject, body, None, [to])
    except Exception:
        log.exception("Could not send %s", what)  # no address, no content: only which reminder
        return False
    return True


def run_daily(today: dt.date | None = None, thresholds: Sequence[int] | None = None) -> dict[str, int]:
    """The daily job: find what is due, send what is wanted now, and send the daily emails."""
    today = today or timezone.localdate()
    queued = queue_reminders(_children_with_a_process(), today, thresholds)
    return {"queued": queued, "sent": deliver_immediate(), "digests": deliver_digests()}


def run_for_child(child_id, today: dt.date | None = None) -> dict[str, int]:
    """After a step is recorded: tell the people who should know straight away (digests wait)."""
    today = today or timezone.localdate()
    queued = queue_reminders(Child.objects.filter(pk=child_id), today)
    return {"queued": queued, "sent": deliver_immediate()}
