"""Recording progress: targets, ratings, sessions delivered, shortfalls, and the annual review's evidence.

Every change is checked against the access policy, attributed, and audited in its own transaction. Forms
carry a one-time key, so sending the same form twice records one thing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused, Conflict
from coproduce.plans.models import Outcome, Plan, Provision, Whose
from coproduce.progress import delivery
from coproduce.progress.models import (
    EDITABLE_FIELDS,
    NOT_OWED,
    CheckIn,
    CheckInSchedule,
    DeliveryRecord,
    DeliverySettings,
    Level,
    MissedReason,
    RaterKind,
    Rating,
    ReviewContribution,
    ReviewReport,
    ReviewView,
    Shortfall,
    Target,
)
from coproduce.rules.delivery import check_in_period
from coproduce.teams.actions import ChildAction
from coproduce.teams.models import TeamRole
from coproduce.teams.policy import Permission, councils_for

log = logging.getLogger(__name__)

#: The longest session anyone records, in minutes (a whole school day).
LONGEST_SESSION = 480


def _audit(action: ChildAction, what: str, obj=None, kind: AuditAction = AuditAction.CREATED) -> None:
    record(action.actor, kind, child=action.child, obj=obj, what=what, actor_role=action.access.role_label)


def _plan_of(action: ChildAction) -> Plan:
    plan = Plan.objects.filter(child=action.child).first()
    if plan is None:
        raise Http404
    return plan


class AddTarget(ChildAction):
    """Set a target under one of the plan's outcomes, with the five levels written with the family."""

    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        outcome: Outcome = self.params["outcome"]
        if outcome.plan.child_id != self.child.pk:
            raise Http404

    def perform(self) -> Target:
        key = self.params.get("submission_key")
        if key and (existing := Target.objects.filter(submission_key=key).first()):
            return existing  # the same form sent twice: one target
        outcome: Outcome = self.params["outcome"]
        target = Target.objects.create(
            child=self.child,
            outcome=outcome,
            author=self.user,
            author_role=self.access.role_label,
            position=Target.objects.filter(outcome=outcome).count() + 1,
            submission_key=key,
            **self.params["data"],
        )
        _audit(self, "Set a target with its five levels", target)
        return target


#: How a change to a target is described in the audit trail (the kind of change, never the words).
CHANGE_WORDS = {
    "text": "its words",
    "by_when": "by when",
    "weight": "how important it is",
    "levels": "the five levels",
    "written_with": "who wrote the levels",
}
LEVEL_NAMES = frozenset({"much_less", "less", "expected", "more", "much_more"})


def _changed_words(changed: list[str]) -> str:
    kinds = []
    for name in changed:
        kind = "levels" if name in LEVEL_NAMES else name
        if kind not in kinds:
            kinds.append(kind)
    return ", ".join(CHANGE_WORDS[kind] for kind in kinds)


class EditTarget(ChildAction):
    """Change a target's words, its five levels or its weight. The words as they were are kept with the
    target (earlier ratings were made against them). Of two people saving changes to the same target, the
    second is refused and shown both, so nothing either wrote is lost."""

    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        target: Target = self.params["target"]
        if target.child_id != self.child.pk:
            raise Http404
        if target.ended:
            raise ActionRefused("This target has been removed, so it cannot be changed")

    def perform(self) -> Target:
        target: Target = self.params["target"]
        data = {name: value for name, value in self.params["data"].items() if name in EDITABLE_FIELDS}
        current = Target.objects.select_for_update().get(pk=target.pk)
        changed = [name for name in EDITABLE_FIELDS if name in data and getattr(current, name) != data[name]]
        if not changed:
            return current  # nothing to change, including the same form sent twice
        if current.ended:
            raise ActionRefused("This target has been removed, so it cannot be changed")
        if current.version != self.params["version"]:
            raise Conflict(
                "Someone else changed this target while you were editing it. What is saved now is shown "
                "below, with your changes in the form. Nothing has been lost: check both and save again."
            )
        now = timezone.now()
        before = {name: getattr(current, name) for name in EDITABLE_FIELDS}
        before |= {"version": current.version, "until": now.isoformat()}
        updated = Target.objects.filter(pk=current.pk, version=current.version).update(
            **data, version=current.version + 1, changed_at=now, earlier=[*current.earlier, before]
        )
        if not updated:
            raise Conflict("Someone else changed this target while you were editing it.")
        current.refresh_from_db()
        _audit(self, f"Changed a target: {_changed_words(changed)}", current, AuditAction.CHANGED)
        return current


class RemoveTarget(ChildAction):
    """Remove a target. One nobody has rated is deleted; one with ratings is ended instead, so its ratings
    stay on the record, in the charts and in the review pack, and nobody is asked to rate it again.
    Only the person who set it, the family or the case officer may remove it."""

    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        target: Target = self.params["target"]
        if target.child_id != self.child.pk:
            raise Http404
        if target.ended:
            raise ActionRefused("This target has already been removed")
        if target.author_id != self.user.pk and not (self.access.is_family or self.access.is_officer):
            raise ActionRefused("Only the person who set this target, the family or the case officer can remove it")

    def perform(self) -> Target | None:
        target = Target.objects.select_for_update().get(pk=self.params["target"].pk)
        if target.ended:
            return target  # sent twice: removed once
        if not target.ratings.exists():
            _audit(self, "Removed a target nobody had rated", target, AuditAction.CHANGED)
            target.delete()
            return None
        target.ended_at = timezone.now()
        target.ended_by = self.user
        target.ended_by_role = self.access.role_label
        target.save(update_fields=["ended_at", "ended_by", "ended_by_role"])
        _audit(self, "Removed a target, keeping its ratings on the record", target, AuditAction.CHANGED)
        return target


class ChooseCheckIns(ChildAction):
    """The team chooses how often it checks in on progress."""

    permission = Permission.CONTRIBUTE

    def perform(self) -> CheckInSchedule:
        schedule, _ = CheckInSchedule.objects.update_or_create(
            child=self.child,
            defaults={"every": self.params["every"], "changed_by": self.user, "changed_at": timezone.now()},
        )
        _audit(
            self, f"Chose to check in on progress {schedule.get_every_display().lower()}", schedule, AuditAction.CHANGED
        )
        return schedule


def check_in_for(child, day: dt.date) -> CheckIn:
    """The check-in that ``day`` falls in, by the child's schedule (each term unless chosen otherwise)."""
    schedule = CheckInSchedule.objects.filter(child=child).first()
    period = check_in_period(day, schedule.every if schedule else "term")
    check_in, _ = CheckIn.objects.get_or_create(
        child=child, starts_on=period.start, ends_on=period.end, defaults={"label": period.label}
    )
    return check_in


def rater_kind(access) -> str:
    if TeamRole.YOUNG_PERSON in access.roles:
        return RaterKind.CHILD
    if TeamRole.PARENT_CARER in access.roles:
        return RaterKind.PARENT
    if TeamRole.SENCO in access.roles:
        return RaterKind.SCHOOL
    return RaterKind.PRACTITIONER


class RateTargets(ChildAction):
    """Rate targets at this check-in. ``ratings`` is a list of (target, level, comment).

    ``for_child``: the ratings are the child's own, chosen with the person entering them (the faces form
    used together); the young person's own ratings are always theirs.
    """

    permission = Permission.RATE_PROGRESS

    def check(self) -> None:
        super().check()
        ratings = self.params["ratings"]
        if not ratings:
            raise ActionRefused("Rate at least one target")
        for target, level, _ in ratings:
            if target.child_id != self.child.pk:
                raise Http404
            if target.ended:
                raise ActionRefused("A target that has been removed cannot be rated")
            if level not in Level.values:
                raise ActionRefused("Choose one of the five levels")

    def perform(self) -> list[Rating]:
        key = self.params.get("submission_key")
        if key and Rating.objects.filter(submission_key=key).exists():
            return list(Rating.objects.filter(submission_key=key))  # sent twice: rated once
        today = self.params.get("today") or timezone.localdate()
        check_in = check_in_for(self.child, today)
        own_kind = rater_kind(self.access)
        for_child = self.params.get("for_child") or own_kind == RaterKind.CHILD
        if for_child:  # the child's own rating, whoever entered it
            kind, rater_key, name, role = RaterKind.CHILD, "child", self.child.known_as, TeamRole.YOUNG_PERSON.label
            helped_by = "" if own_kind == RaterKind.CHILD else f"{self.user.full_name} ({self.access.role_label})"
        else:
            kind, rater_key, name, role = own_kind, str(self.user.pk), self.user.full_name, self.access.role_label
            helped_by = ""
        made = []
        try:
            with transaction.atomic():
                for target, level, comment in self.params["ratings"]:
                    made.append(
                        Rating.objects.create(
                            target=target,
                            check_in=check_in,
                            level=level,
                            comment=(comment or "").strip(),
                            rater_kind=kind,
                            rater_key=rater_key,
                            attributed_to=name,
                            rater_role=role,
                            entered_by=self.user,
                            helped_by=helped_by,
                            submission_key=key,
                        )
                    )
        except IntegrityError:
            return list(Rating.objects.filter(submission_key=key))
        whose = "the child's own" if for_child and helped_by else "their"
        count = len(made)
        _audit(self, f"Recorded {whose} rating of {count} target{'s' if count != 1 else ''} ({check_in.label})")
        return made


class RecordDelivery(ChildAction):
    """A session of provision delivered (date, minutes, by whom), or missed and why."""

    permission = Permission.RECORD_DELIVERY

    def check(self) -> None:
        super().check()
        provision: Provision = self.params["provision"]
        if provision.plan.child_id != self.child.pk:
            raise Http404
        on: dt.date = self.params["on"]
        today = timezone.localdate()
        if on > today:
            raise ActionRefused("The date must be today or in the past", field="on")
        if self.params["delivered"]:
            minutes = self.params.get("minutes")
            if not minutes:
                raise ActionRefused("Enter how many minutes the session lasted", field="minutes")
            if minutes > LONGEST_SESSION:
                raise ActionRefused(f"A session must be {LONGEST_SESSION} minutes or less", field="minutes")
        else:
            reason = self.params.get("reason")
            if not reason:
                raise ActionRefused("Select why the session was missed", field="reason")
            if reason == MissedReason.OTHER and not (self.params.get("note") or "").strip():
                raise ActionRefused("Say why the session was missed", field="note")
            until = self.params.get("until")
            if until and reason != MissedReason.CLOSED:
                raise ActionRefused("Only give a last day for a closure of more than one day", field="until")
            if until and until < on:
                raise ActionRefused("The last day of the closure must be on or after the first", field="until")

    def perform(self) -> DeliveryRecord:
        key = self.params.get("submission_key")
        if key and (existing := DeliveryRecord.objects.filter(submission_key=key).first()):
            return existing
        provision: Provision = self.params["provision"]
        delivered = bool(self.params["delivered"])
        entry = DeliveryRecord.objects.create(
            child=self.child,
            provision=provision,
            provision_what=provision.what,
            delivered=delivered,
            on=self.params["on"],
            until=None if delivered else self.params.get("until"),
            minutes=self.params.get("minutes") if delivered else None,
            delivered_by=(self.params.get("delivered_by") or "").strip() if delivered else "",
            reason="" if delivered else self.params["reason"],
            note=(self.params.get("note") or "").strip(),
            recorded_by=self.user,
            recorded_by_role=self.access.role_label,
            submission_key=key,
        )
        what = "Recorded a session delivered" if delivered else "Recorded a session missed"
        if not delivered and entry.reason in NOT_OWED:
            what += " (not owed)"
        _audit(self, f"{what}, section {provision.section}", entry)
        check_shortfall(self.actor, provision, role=self.access.role_label)
        return entry


def check_shortfall(actor: Actor, provision: Provision, *, role: str = "", today: dt.date | None = None) -> None:
    """Open, update or close the provision item's shortfall from its last four weeks. A new shortfall is
    emailed (once) to the case officer and the family after the transaction commits."""
    found = delivery.shortfall_now(provision, today=today)
    open_one = Shortfall.objects.select_for_update().filter(provision=provision, resolved_at__isnull=True).first()
    child = provision.plan.child
    if found is None:
        if open_one is not None:
            open_one.resolved_at = timezone.now()
            open_one.save(update_fields=["resolved_at"])
            record(actor, AuditAction.CHANGED, child=child, obj=open_one, what="Delivery caught up", actor_role=role)
        return
    tally, threshold = found
    fields = {
        "window_start": tally.period.start,
        "window_end": tally.period.end,
        "percent": tally.percent or 0,
        "threshold": threshold,
        "delivered_text": f"{tally.delivered} of {tally.expected_text} {tally.unit}",
    }
    if open_one is not None:
        for name, value in fields.items():
            setattr(open_one, name, value)
        open_one.save(update_fields=list(fields))
        return
    shortfall = Shortfall.objects.create(child=child, provision=provision, **fields)
    record(
        actor,
        AuditAction.CREATED,
        child=child,
        obj=shortfall,
        what=f"Flagged a delivery shortfall: {shortfall.percent}% of what the plan promises",
        actor_role=role,
    )
    shortfall_id = str(shortfall.pk)
    transaction.on_commit(lambda: _email_shortfall(shortfall_id))


def _email_shortfall(shortfall_id: str) -> None:
    from coproduce.progress.tasks import email_shortfall

    try:
        email_shortfall.enqueue(shortfall_id)
    except Exception:  # an email must never undo a record
        log.exception("Could not queue the email for shortfall %s", shortfall_id)


class SetShortfallThreshold(Action):
    """A council officer sets the share of promised provision below which a shortfall is flagged."""

    def check(self) -> None:
        council = self.params["council"]
        if not councils_for(self.user).filter(pk=council.pk).exists():
            raise Http404

    def perform(self) -> DeliverySettings:
        settings, _ = DeliverySettings.objects.update_or_create(
            council=self.params["council"],
            defaults={
                "shortfall_percent": self.params["percent"],
                "changed_by": self.user,
                "changed_at": timezone.now(),
            },
        )
        record(
            self.actor,
            AuditAction.CHANGED,
            obj=settings,
            what=f"Set the delivery shortfall threshold to {settings.shortfall_percent}%",
            actor_role="Council officer",
        )
        return settings


def _review_in_progress(child):
    from coproduce.statutory.selectors import review_in_progress

    return review_in_progress(child)


class AddReviewView(ChildAction):
    """The child's views asked afresh before the annual review, as in section A of the plan."""

    permission = Permission.CONTRIBUTE

    def perform(self) -> ReviewView:
        key = self.params.get("submission_key")
        if key and (existing := ReviewView.objects.filter(submission_key=key).first()):
            return existing
        data = dict(self.params["data"])
        view = ReviewView.objects.create(
            child=self.child,
            annual_review=_review_in_progress(self.child),
            attributed_to=self.child.known_as if data.get("whose") == Whose.CHILD else self.user.full_name,
            author=self.user,
            author_role=self.access.role_label,
            submission_key=key,
            **data,
        )
        _audit(self, "Added views for the annual review", view)
        return view


class AddReviewContribution(ChildAction):
    """What a team member says before the annual review."""

    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        if not any((self.params.get(name) or "").strip() for name in ("working", "not_working", "change")):
            raise ActionRefused("Write at least one answer", field="working")

    def perform(self) -> ReviewContribution:
        key = self.params.get("submission_key")
        if key and (existing := ReviewContribution.objects.filter(submission_key=key).first()):
            return existing
        said = ReviewContribution.objects.create(
            child=self.child,
            annual_review=_review_in_progress(self.child),
            working=(self.params.get("working") or "").strip(),
            not_working=(self.params.get("not_working") or "").strip(),
            change=(self.params.get("change") or "").strip(),
            author=self.user,
            author_role=self.access.role_label,
            submission_key=key,
        )
        _audit(self, "Said what is working and what should change, for the annual review", said)
        return said


class WriteReviewReport(ChildAction):
    """The case officer writes up the meeting's outcome and recommendations as the review report. If asked,
    the report being sent is also recorded on the statutory clock."""

    permission = Permission.MANAGE_REVIEW

    def check(self) -> None:
        super().check()
        if self.params["meeting_on"] > timezone.localdate():
            raise ActionRefused("The meeting date must be today or in the past", field="meeting_on")

    def perform(self) -> ReviewReport:
        key = self.params.get("submission_key")
        if key and (existing := ReviewReport.objects.filter(submission_key=key).first()):
            return existing
        review = _review_in_progress(self.child)
        report = ReviewReport.objects.create(
            child=self.child,
            annual_review=review,
            meeting_on=self.params["meeting_on"],
            attended=self.params["attended"].strip(),
            recommendation=self.params["recommendation"],
            outcome=self.params["outcome"].strip(),
            recommendations=self.params["recommendations"].strip(),
            written_by=self.user,
            written_by_role=self.access.role_label,
            submission_key=key,
        )
        _audit(self, "Wrote the annual review report", report)
        if self.params.get("record_sent"):
            from coproduce.statutory import actions as clock

            if review is None:
                raise ActionRefused(
                    "There is no annual review on the timeline to record this on. Start the annual review on "
                    "the timeline first, or leave this unticked.",
                    field="record_sent",
                )
            try:
                clock.RecordReviewReport(self.actor, access=self.access, report_on=timezone.localdate()).execute()
            except ActionRefused as refusal:
                raise ActionRefused(refusal.message, field="record_sent") from None
        return report
