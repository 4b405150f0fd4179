"""Recording the steps of the statutory process. Each action checks the access policy and the order of
the steps, records its dates with an audit event, refreshes the child's stage and next deadline, and
asks the reminders task to look at the child once the transaction has committed."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused
from coproduce.rules.clock import ClockException, get_regime
from coproduce.statutory import selectors
from coproduce.statutory.clock import REGIME, build_clock, in_words
from coproduce.statutory.models import (
    AdviceRequest,
    AnnualReview,
    AssessDecision,
    ClockSummary,
    Disagreement,
    NeedsAssessment,
    Outcome,
    PhaseTransfer,
    ReminderPreference,
    ReviewDecision,
    SenNeed,
    TimeLimitException,
    TransferKind,
)
from coproduce.surveys.tasks import send_four_cornerstones
from coproduce.teams.actions import ChildAction
from coproduce.teams.models import Child, Stage, TeamMembership
from coproduce.teams.policy import Permission

log = logging.getLogger(__name__)


def refresh_clock(child: Child, *, today: dt.date | None = None) -> Child:
    """Work the child's stage and next deadline out again from every recorded step.

    Called by every action here, inside its transaction; also by the demo loader.
    """
    today = today or timezone.localdate()
    process = selectors.load_process(child, today=today)
    clock = build_clock(process, today)
    stage = selectors.derive_stage(process, child.stage)
    if stage != child.stage:
        Child.objects.filter(pk=child.pk).update(stage=stage, updated_at=timezone.now())
        child.stage = stage
    nxt = clock.next_required(today)
    ClockSummary.objects.update_or_create(
        child=child,
        defaults={
            "next_due_on": nxt.due if nxt else None,
            "next_key": nxt.reminder_key if nxt else "",
            "next_owner": nxt.owner_label[:200] if nxt else "",
            "next_what": nxt.task[:200] if nxt else "",
            "open_count": sum(1 for o in clock.obligations if o.met_on is None and o.counts_for_caseload),
            "updated_at": timezone.now(),
        },
    )
    return child


def _on_or_after(day: dt.date, earliest: dt.date, field: str, message: str) -> None:
    if day < earliest:
        raise ActionRefused(f"{message} ({in_words(earliest)})", field=field)


class StepAction(ChildAction):
    """Record one step of a child's statutory process."""

    permission = Permission.RECORD_STEP
    audit_action = AuditAction.CHANGED

    def record_step(self) -> tuple[object, str]:
        raise NotImplementedError

    def perform(self):
        before = self.child.stage
        obj, what = self.record_step()
        record(self.actor, self.audit_action, child=self.child, obj=obj, what=what, actor_role=self.access.role_label)
        refresh_clock(self.child)
        if self.child.stage != before:
            record(
                self.actor,
                AuditAction.CHANGED,
                child=self.child,
                obj=self.child,
                what=f"The stage became: {Stage(self.child.stage).label}",
                actor_role=self.access.role_label,
            )
        child_id = str(self.child.pk)
        transaction.on_commit(lambda: _remind_about(child_id))
        return obj

    # Helpers for checks
    def open_assessment(self) -> NeedsAssessment:
        assessment = selectors.open_assessment(self.child)
        if assessment is None:
            raise ActionRefused("Record the request for an EHC needs assessment first")
        return assessment

    def assessing(self) -> NeedsAssessment:
        assessment = self.open_assessment()
        if assessment.decision != AssessDecision.YES:
            raise ActionRefused("Record the council's decision to assess first")
        return assessment

    def plan(self) -> NeedsAssessment:
        plan = selectors.current_plan(self.child)
        if plan is None:
            raise ActionRefused("There is no plan in place: record the final plan first")
        return plan


def _remind_about(child_id: str) -> None:
    from coproduce.statutory.tasks import remind_about_child

    try:
        remind_about_child.enqueue(child_id)
    except Exception:  # a reminder must never undo a recorded step
        log.exception("Could not queue reminders for child %s", child_id)


class RecordRequest(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        if selectors.open_assessment(self.child) is not None:
            raise ActionRefused(
                "A request for assessment is already in progress. Record what came of it before adding another."
            )
        _on_or_after(
            self.params["received_on"],
            self.child.date_of_birth,
            "received_on",
            "The date the request was received must be after the date of birth",
        )

    def record_step(self):
        assessment = NeedsAssessment.objects.create(
            child=self.child,
            requested_by=self.params["requested_by"],
            requested_by_other=self.params.get("requested_by_other", "") or "",
            received_on=self.params["received_on"],
        )
        return assessment, "Recorded a request for an EHC needs assessment"


class RecordDecisionToAssess(StepAction):
    def check(self) -> None:
        super().check()
        self.assessment = self.open_assessment()
        if self.assessment.decided_on:
            raise ActionRefused(f"The decision was already recorded, on {in_words(self.assessment.decided_on)}")
        _on_or_after(
            self.params["decided_on"],
            self.assessment.received_on,
            "decided_on",
            "The date of the decision must be on or after the day the request was received",
        )

    def record_step(self):
        a = self.assessment
        a.decision = self.params["decision"]
        a.decided_on = self.params["decided_on"]
        a.save(update_fields=["decision", "decided_on"])
        send_four_cornerstones(self.child.pk, "assessment_decision")
        return a, "Recorded the decision whether to assess"


class RecordAdviceRequest(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        self.assessment = self.assessing()
        adviser = self.params.get("adviser")
        if adviser is not None and not TeamMembership.objects.current().filter(child=self.child, user=adviser).exists():
            raise ActionRefused("Choose someone on the team, or 'Someone not on the team'", field="adviser")
        _on_or_after(
            self.params["sent_on"],
            self.assessment.received_on,
            "sent_on",
            "The date advice was asked for must be on or after the day the request was received",
        )

    def record_step(self):
        advice = AdviceRequest.objects.create(
            assessment=self.assessment,
            child=self.child,
            kind=self.params["kind"],
            organisation=self.params.get("organisation"),
            adviser=self.params.get("adviser"),
            sent_on=self.params["sent_on"],
        )
        return advice, f"Recorded a request for {advice.get_kind_display().lower()}"


class RecordAdviceReceived(StepAction):
    def check(self) -> None:
        super().check()
        advice: AdviceRequest = self.params["advice"]
        if advice.child_id != self.child.pk or advice.received_on:
            raise ActionRefused("Choose advice that is still to come", field="advice")
        _on_or_after(
            self.params["received_on"],
            advice.sent_on,
            "received_on",
            "The date the advice arrived must be on or after the day it was asked for",
        )

    def record_step(self):
        advice: AdviceRequest = self.params["advice"]
        advice.received_on = self.params["received_on"]
        advice.save(update_fields=["received_on"])
        return advice, f"Recorded that {advice.get_kind_display().lower()} arrived"


class RecordDraftServed(StepAction):
    def check(self) -> None:
        super().check()
        self.assessment = self.assessing()
        if self.assessment.draft_served_on:
            raise ActionRefused(
                f"The draft plan was already recorded as sent, on {in_words(self.assessment.draft_served_on)}"
            )
        _on_or_after(
            self.params["served_on"],
            self.assessment.decided_on,
            "served_on",
            "The date the draft plan was sent must be on or after the decision to assess",
        )

    def record_step(self):
        a = self.assessment
        a.draft_served_on = self.params["served_on"]
        a.save(update_fields=["draft_served_on"])
        return a, "Recorded that the draft plan was sent to the family"


class RecordOutcome(StepAction):
    def check(self) -> None:
        super().check()
        self.assessment = self.assessing()
        earliest = self.assessment.decided_on
        if self.params["outcome"] == Outcome.ISSUE and self.assessment.draft_served_on:
            earliest = self.assessment.draft_served_on
        _on_or_after(
            self.params["outcome_on"],
            earliest,
            "outcome_on",
            "The date must be on or after the decision to assess and the draft plan",
        )

    def record_step(self):
        a = self.assessment
        a.outcome = self.params["outcome"]
        a.outcome_on = self.params["outcome_on"]
        a.save(update_fields=["outcome", "outcome_on"])
        if a.plan_issued:
            send_four_cornerstones(self.child.pk, "final_plan")
        what = (
            "Recorded that the final plan was issued" if a.plan_issued else "Recorded the decision not to issue a plan"
        )
        return a, what


class RecordException(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        self.assessment = selectors.open_assessment(self.child) or selectors.latest_assessment(self.child)
        if self.assessment is None:
            raise ActionRefused("Record the request for an EHC needs assessment first")
        if self.params["ends_on"] < self.params["starts_on"]:
            raise ActionRefused("The end of the period must be on or after its start", field="ends_on")
        try:
            get_regime(REGIME).check_exception(
                ClockException(self.params["reason"], self.params["starts_on"], self.params["ends_on"])
            )
        except ValueError:
            raise ActionRefused(
                "For this reason the period must be at least 4 weeks (28 days) long", field="ends_on"
            ) from None

    def record_step(self):
        row = TimeLimitException.objects.create(
            assessment=self.assessment,
            child=self.child,
            reason=self.params["reason"],
            starts_on=self.params["starts_on"],
            ends_on=self.params["ends_on"],
            note=self.params.get("note", "") or "",
            family_told=bool(self.params.get("family_told")),
        )
        return row, "Recorded an exception to the time limits"


class StartAnnualReview(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        self.plan_record = self.plan()
        if AnnualReview.objects.filter(child=self.child, decided_on__isnull=True).exists():
            raise ActionRefused("An annual review is already in progress: record its decision first")
        _on_or_after(
            self.params["last_plan_on"],
            self.plan_record.outcome_on,
            "last_plan_on",
            "The date the plan was made or last reviewed must be on or after the day the plan was issued",
        )
        _check_meeting(self.params, self.params["last_plan_on"])

    def record_step(self):
        review = AnnualReview.objects.create(
            child=self.child,
            last_plan_on=self.params["last_plan_on"],
            meeting_on=self.params.get("meeting_on"),
            invited_on=self.params.get("invited_on") if self.params.get("meeting_on") else None,
        )
        return review, "Started an annual review"


def _check_meeting(params: dict, last_plan_on: dt.date) -> None:
    meeting, invited = params.get("meeting_on"), params.get("invited_on")
    if meeting:
        _on_or_after(
            meeting, last_plan_on, "meeting_on", "The meeting must be on or after the day the plan was last reviewed"
        )
    if invited and not meeting:
        raise ActionRefused("Enter the date of the meeting the invitations were for", field="meeting_on")
    if invited and invited > meeting:
        raise ActionRefused("The invitations must have been sent before the meeting", field="invited_on")


class ReviewAction(StepAction):
    def review(self) -> AnnualReview:
        review = selectors.review_in_progress(self.child)
        if review is None:
            raise ActionRefused("Start the annual review first")
        return review


class RecordReviewMeeting(ReviewAction):
    def check(self) -> None:
        super().check()
        self.review_record = self.review()
        if self.review_record.decided_on:
            raise ActionRefused("The decision after this review has already been recorded")
        _check_meeting(self.params, self.review_record.last_plan_on)

    def record_step(self):
        review = self.review_record
        review.meeting_on = self.params["meeting_on"]
        review.invited_on = self.params.get("invited_on")
        review.save(update_fields=["meeting_on", "invited_on"])
        return review, "Recorded the annual review meeting date"


class RecordReviewReport(ReviewAction):
    def check(self) -> None:
        super().check()
        self.review_record = self.review()
        if not self.review_record.meeting_on:
            raise ActionRefused("Record the date of the review meeting first")
        _on_or_after(
            self.params["report_on"],
            self.review_record.meeting_on,
            "report_on",
            "The report must be sent on or after the day of the meeting",
        )

    def record_step(self):
        review = self.review_record
        review.report_on = self.params["report_on"]
        review.save(update_fields=["report_on"])
        return review, "Recorded that the review meeting report was sent"


class RecordReviewDecision(ReviewAction):
    def check(self) -> None:
        super().check()
        self.review_record = self.review()
        if self.review_record.decided_on:
            raise ActionRefused("The decision after this review has already been recorded")
        earliest = self.review_record.meeting_on or self.review_record.last_plan_on
        _on_or_after(
            self.params["decided_on"],
            earliest,
            "decided_on",
            "The decision must be on or after the review meeting",
        )

    def record_step(self):
        review = self.review_record
        review.decision = self.params["decision"]
        review.decided_on = self.params["decided_on"]
        review.save(update_fields=["decision", "decided_on"])
        send_four_cornerstones(self.child.pk, "annual_review")
        return review, "Recorded the decision after the annual review"


class RecordAmendmentNotice(ReviewAction):
    def check(self) -> None:
        super().check()
        self.review_record = self.review()
        if self.review_record.decision != ReviewDecision.AMEND:
            raise ActionRefused("Record a decision to change the plan first")
        if self.review_record.amendment_notice_on:
            raise ActionRefused("The proposed changes have already been recorded as sent")
        _on_or_after(
            self.params["served_on"],
            self.review_record.decided_on,
            "served_on",
            "The proposed changes must be sent on or after the decision to change the plan",
        )

    def record_step(self):
        review = self.review_record
        review.amendment_notice_on = self.params["served_on"]
        review.save(update_fields=["amendment_notice_on"])
        return review, "Recorded that the proposed changes to the plan were sent"


class RecordAmendedPlan(ReviewAction):
    def check(self) -> None:
        super().check()
        self.review_record = self.review()
        if not self.review_record.amendment_notice_on:
            raise ActionRefused("Record that the proposed changes were sent first")
        _on_or_after(
            self.params["issued_on"],
            self.review_record.amendment_notice_on,
            "issued_on",
            "The amended plan must be issued on or after the proposed changes were sent",
        )

    def record_step(self):
        review = self.review_record
        review.amended_plan_on = self.params["issued_on"]
        review.save(update_fields=["amended_plan_on"])
        return review, "Recorded that the amended plan was issued"


class RecordPhaseTransfer(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        self.plan()
        kind = self.params["kind"]
        if kind == TransferKind.POST16_MOVE and not self.params.get("transfer_on"):
            raise ActionRefused("Enter the date of the move", field="transfer_on")
        if kind != TransferKind.POST16_MOVE and not self.params.get("year"):
            raise ActionRefused("Enter the year of the move", field="year")

    def record_step(self):
        post16_move = self.params["kind"] == TransferKind.POST16_MOVE
        transfer = PhaseTransfer.objects.create(
            child=self.child,
            kind=self.params["kind"],
            year=None if post16_move else self.params["year"],
            transfer_on=self.params["transfer_on"] if post16_move else None,
        )
        return transfer, "Recorded a move to a new school or college"


class RecordTransferPlanAmended(StepAction):
    def check(self) -> None:
        super().check()
        transfer: PhaseTransfer = self.params["transfer"]
        if transfer.child_id != self.child.pk or transfer.amended_plan_on:
            raise ActionRefused("Choose a move whose plan is still to be amended", field="transfer")

    def record_step(self):
        transfer: PhaseTransfer = self.params["transfer"]
        transfer.amended_plan_on = self.params["amended_on"]
        transfer.save(update_fields=["amended_plan_on"])
        return transfer, "Recorded that the plan was amended for the move"


class RecordDisagreement(StepAction):
    audit_action = AuditAction.CREATED

    def check(self) -> None:
        super().check()
        if selectors.latest_assessment(self.child) is None:
            raise ActionRefused("Record the request for an EHC needs assessment first")

    def record_step(self):
        row = Disagreement.objects.create(
            child=self.child,
            assessment=selectors.latest_assessment(self.child),
            about=self.params["about"],
            decision_letter_on=self.params["decision_letter_on"],
        )
        return row, "Recorded a decision letter that can be appealed"


MEDIATION_FIELDS = (
    ("mediation_declined_on", "mediation_declined_on"),
    ("mediation_requested_on", "mediation_requested_on"),
    ("certificate_on", "certificate_on"),
    ("mediation_held_on", "mediation_held_on"),
    ("appeal_lodged_on", "appeal_lodged_on"),
)


class RecordMediationOrAppeal(StepAction):
    def check(self) -> None:
        super().check()
        d: Disagreement = self.params["disagreement"]
        if d.child_id != self.child.pk:
            raise ActionRefused("Choose one of this child's decision letters", field="disagreement")
        given = {name: self.params.get(name) for name, _ in MEDIATION_FIELDS if self.params.get(name)}
        if not given:
            raise ActionRefused("Enter at least one date", field="mediation_requested_on")
        declined = given.get("mediation_declined_on") or d.mediation_declined_on
        requested = given.get("mediation_requested_on") or d.mediation_requested_on
        if declined and requested:
            raise ActionRefused(
                "The family either asked for mediation or said they did not want it, not both",
                field="mediation_declined_on",
            )
        for name, day in given.items():
            _on_or_after(day, d.decision_letter_on, name, "The date must be on or after the decision letter")

    def record_step(self):
        d: Disagreement = self.params["disagreement"]
        changed = []
        for name, attribute in MEDIATION_FIELDS:
            if self.params.get(name):
                setattr(d, attribute, self.params[name])
                changed.append(attribute)
        d.save(update_fields=changed)
        return d, "Recorded mediation or appeal dates"


class RecordPlanCeased(StepAction):
    def check(self) -> None:
        super().check()
        self.plan_record = self.plan()
        _on_or_after(
            self.params["ceased_on"],
            self.plan_record.outcome_on,
            "ceased_on",
            "The plan must end on or after the day it was issued",
        )

    def record_step(self):
        plan = self.plan_record
        plan.ceased_on = self.params["ceased_on"]
        plan.cease_reason = self.params["cease_reason"]
        plan.save(update_fields=["ceased_on", "cease_reason"])
        return plan, "Recorded that the plan ended"


class RecordNeeds(StepAction):
    """The type of need for the SEN2 return: a primary need and, if any, a secondary one."""

    def check(self) -> None:
        super().check()
        if self.params.get("secondary") and self.params["secondary"] == self.params["primary"]:
            raise ActionRefused("Choose a different secondary need, or none", field="secondary")

    def record_step(self):
        SenNeed.objects.filter(child=self.child).delete()
        first = SenNeed.objects.create(child=self.child, sen_type=self.params["primary"], rank=1)
        if self.params.get("secondary"):
            SenNeed.objects.create(child=self.child, sen_type=self.params["secondary"], rank=2)
        return first, "Recorded the type of need for the SEN2 return"


class ChooseReminderFrequency(Action):
    """A person chooses whether reminders come one by one or in one daily email."""

    def check(self) -> None:
        if self.user is None:
            raise ActionRefused("Sign in to choose how you get reminders")

    def perform(self) -> ReminderPreference:
        preference, _ = ReminderPreference.objects.update_or_create(
            user=self.user, defaults={"frequency": self.params["frequency"], "updated_at": timezone.now()}
        )
        record(self.actor, AuditAction.CHANGED, obj=preference, what="Chose how to get reminders")
        return preference
