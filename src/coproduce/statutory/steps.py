"""The steps an officer can record, each with its form, its action and when it makes sense."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from coproduce.statutory import actions, forms, selectors
from coproduce.statutory.models import (
    AdviceRequest,
    AssessDecision,
    Disagreement,
    PhaseTransfer,
    ReviewDecision,
)
from coproduce.teams.models import Child


@dataclasses.dataclass(frozen=True)
class Step:
    slug: str
    group: str
    title: str
    done: str
    form: type
    action: type
    # None when the step can be recorded now, else why not, in words for the officer.
    unavailable: Callable[[Child], str | None] = lambda child: None
    initial: Callable[[Child], dict] = lambda child: {}
    hint: str = ""


def _needs_undecided(child):
    a = selectors.open_assessment(child)
    if a is None:
        return "There is no request for assessment in progress."
    return "The decision has been recorded." if a.decided_on else None


def _needs_assessing(child):
    a = selectors.open_assessment(child)
    if a is None or a.decision != AssessDecision.YES:
        return "The council has not decided to assess."
    return None


def _needs_no_request(child):
    return "A request for assessment is already in progress." if selectors.open_assessment(child) else None


def _needs_draft_to_send(child):
    reason = _needs_assessing(child)
    if reason:
        return reason
    return "The draft plan has been recorded as sent." if selectors.open_assessment(child).draft_served_on else None


def _needs_outstanding_advice(child):
    return (
        None
        if AdviceRequest.objects.filter(child=child, received_on__isnull=True).exists()
        else "No advice is awaited."
    )


def _needs_plan(child):
    return None if selectors.current_plan(child) else "There is no plan in place."


def _needs_no_review(child):
    reason = _needs_plan(child)
    if reason:
        return reason
    review = selectors.review_in_progress(child)
    return "An annual review is in progress." if review and not review.decided_on else None


def _needs_review_undecided(child):
    review = selectors.review_in_progress(child)
    if review is None or review.decided_on:
        return "No annual review is waiting for a decision."
    return None


def _needs_review_meeting(child):
    reason = _needs_review_undecided(child)
    if reason:
        return reason
    return None if selectors.review_in_progress(child).meeting_on else "The review meeting date is not recorded."


def _needs_amend_decision(child):
    review = selectors.review_in_progress(child)
    if review is None or review.decision != ReviewDecision.AMEND:
        return "No decision to change the plan is waiting."
    return "The proposed changes have been recorded as sent." if review.amendment_notice_on else None


def _needs_amendment_notice(child):
    review = selectors.review_in_progress(child)
    if review is None or not review.amendment_notice_on:
        return "No proposed changes are waiting for the amended plan."
    return None


def _needs_open_transfer(child):
    open_ = PhaseTransfer.objects.filter(child=child, amended_plan_on__isnull=True).exists()
    return None if open_ else "No move is waiting for its amended plan."


def _needs_any_request(child):
    return None if selectors.latest_assessment(child) else "There is no request for assessment yet."


def _needs_disagreement(child):
    return None if Disagreement.objects.filter(child=child).exists() else "No decision letter is recorded."


def _review_initial(child):
    return {"last_plan_on": selectors.last_review_date(child, selectors.current_plan(child))}


def _needs_initial(child):
    needs = {need.rank: need.sen_type for need in child.sen_needs.all()}
    return {"primary": needs.get(1, ""), "secondary": needs.get(2, "")}


ASSESSMENT = "Request and needs assessment"
REVIEW = "Annual review"
OTHER = "Moves, disagreements and the end of a plan"

STEPS: dict[str, Step] = {
    step.slug: step
    for step in [
        Step(
            "request",
            ASSESSMENT,
            "Request for an EHC needs assessment received",
            "The request for assessment is recorded.",
            forms.RequestForm,
            actions.RecordRequest,
            _needs_no_request,
        ),
        Step(
            "decision",
            ASSESSMENT,
            "Decision whether to assess",
            "The decision whether to assess is recorded.",
            forms.DecisionForm,
            actions.RecordDecisionToAssess,
            _needs_undecided,
        ),
        Step(
            "advice-request",
            ASSESSMENT,
            "Advice asked for",
            "The request for advice is recorded.",
            forms.AdviceRequestForm,
            actions.RecordAdviceRequest,
            _needs_assessing,
        ),
        Step(
            "advice-received",
            ASSESSMENT,
            "Advice arrived",
            "The advice is recorded as arrived.",
            forms.AdviceReceivedForm,
            actions.RecordAdviceReceived,
            _needs_outstanding_advice,
        ),
        Step(
            "draft",
            ASSESSMENT,
            "Draft plan sent to the family",
            "The draft plan is recorded as sent. The family has been told they can comment.",
            forms.DraftForm,
            actions.RecordDraftServed,
            _needs_draft_to_send,
        ),
        Step(
            "outcome",
            ASSESSMENT,
            "Final plan issued, or decision not to issue",
            "The outcome of the assessment is recorded.",
            forms.OutcomeForm,
            actions.RecordOutcome,
            _needs_assessing,
        ),
        Step(
            "exception",
            ASSESSMENT,
            "Exception to the time limits",
            "The exception is recorded. The deadlines it covers are marked, and their dates stay the same.",
            forms.ExceptionForm,
            actions.RecordException,
            _needs_any_request,
            hint="School closed for 4 weeks or more, exceptional personal circumstances, or the family away.",
        ),
        Step(
            "review",
            REVIEW,
            "Start an annual review",
            "The annual review is started.",
            forms.ReviewStartForm,
            actions.StartAnnualReview,
            _needs_no_review,
            initial=_review_initial,
        ),
        Step(
            "review-meeting",
            REVIEW,
            "Review meeting date and invitations",
            "The review meeting is recorded.",
            forms.ReviewMeetingForm,
            actions.RecordReviewMeeting,
            _needs_review_undecided,
        ),
        Step(
            "review-report",
            REVIEW,
            "Review meeting report sent",
            "The review report is recorded as sent.",
            forms.ReviewReportForm,
            actions.RecordReviewReport,
            _needs_review_meeting,
        ),
        Step(
            "review-decision",
            REVIEW,
            "Decision after the review: keep, change or stop the plan",
            "The decision after the review is recorded.",
            forms.ReviewDecisionForm,
            actions.RecordReviewDecision,
            _needs_review_undecided,
        ),
        Step(
            "amendment-notice",
            REVIEW,
            "Proposed changes to the plan sent",
            "The proposed changes are recorded as sent. The family has been told they can comment.",
            forms.AmendmentNoticeForm,
            actions.RecordAmendmentNotice,
            _needs_amend_decision,
        ),
        Step(
            "amended-plan",
            REVIEW,
            "Amended plan issued",
            "The amended plan is recorded as issued.",
            forms.AmendedPlanForm,
            actions.RecordAmendedPlan,
            _needs_amendment_notice,
        ),
        Step(
            "transfer",
            OTHER,
            "A move to a new school or college (phase transfer)",
            "The move is recorded.",
            forms.TransferForm,
            actions.RecordPhaseTransfer,
            _needs_plan,
        ),
        Step(
            "transfer-amended",
            OTHER,
            "Plan amended for a move",
            "The amended plan for the move is recorded.",
            forms.TransferAmendedForm,
            actions.RecordTransferPlanAmended,
            _needs_open_transfer,
        ),
        Step(
            "disagreement",
            OTHER,
            "Decision letter that can be appealed",
            "The decision letter is recorded.",
            forms.DisagreementForm,
            actions.RecordDisagreement,
            _needs_any_request,
        ),
        Step(
            "mediation",
            OTHER,
            "Mediation and appeal dates",
            "The mediation and appeal dates are recorded.",
            forms.MediationForm,
            actions.RecordMediationOrAppeal,
            _needs_disagreement,
        ),
        Step(
            "ceased",
            OTHER,
            "The plan ended",
            "The end of the plan is recorded.",
            forms.CeasedForm,
            actions.RecordPlanCeased,
            _needs_plan,
        ),
        Step(
            "needs",
            OTHER,
            "Type of need, for the SEN2 return",
            "The type of need is recorded.",
            forms.NeedsForm,
            actions.RecordNeeds,
            initial=_needs_initial,
        ),
    ]
}


def steps_for(child: Child) -> list[dict]:
    """Every step, grouped, with whether it can be recorded now and why not."""
    groups: dict[str, list] = {}
    for step in STEPS.values():
        groups.setdefault(step.group, []).append({"step": step, "unavailable": step.unavailable(child)})
    return [{"name": name, "steps": steps} for name, steps in groups.items()]
