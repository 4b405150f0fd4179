"""A child's statutory clock: the recorded steps turned into deadlines, events and plain sentences.

The dates come from the records (``statutory.models``); every deadline comes from the engine
(``coproduce.rules.clock``), so no time limit is written twice. Nothing here touches the database: the
selectors load a ``Process`` and this module works on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from coproduce.rules.clock import ClockException, Deadline, DeadlineStatus, deadline_status, get_regime
from coproduce.statutory.models import (
    AdviceRequest,
    AnnualReview,
    AssessDecision,
    Disagreement,
    ExceptionReason,
    NeedsAssessment,
    Outcome,
    PhaseTransfer,
    ReviewDecision,
    TimeLimitException,
)

REGIME = "england"


class Owner(StrEnum):
    """Who must (or may) do a step."""

    COUNCIL = "council"
    ADVISER = "adviser"
    SCHOOL = "school"
    FAMILY = "family"
    MEDIATION_ADVISER = "mediation_adviser"


def in_words(day: dt.date) -> str:
    """Monday 17 February 2025 (the GOV.UK style, as the ``govuk_date`` filter)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def exception_words(exception: ClockException) -> str:
    reason = ExceptionReason(exception.reason).label.lower()
    return f"{reason} (from {in_words(exception.start)} to {in_words(exception.end)})"


@dataclasses.dataclass
class Obligation:
    """One deadline, who it belongs to, and whether and when it was met."""

    key: str
    deadline: Deadline
    owner: Owner
    owner_label: str
    task: str
    met_on: dt.date | None = None
    optional: bool = False  # a window the family may use, or a choice: never late
    tracked: bool = True  # False where Coproduce does not record the day it is done
    adviser_id: object = None

    @property
    def due(self) -> dt.date:
        return self.deadline.due

    @property
    def reminder_key(self) -> str:
        return f"{self.key}:{self.due.isoformat()}"

    def status(self, today: dt.date) -> DeadlineStatus:
        return deadline_status(self.deadline, self.met_on, today)

    def is_open(self, today: dt.date) -> bool:
        """Still to be done (or, for a window, still open) on ``today``."""
        if self.met_on is not None:
            return False
        if self.optional or not self.tracked:
            return today <= self.due
        return True

    @property
    def counts_for_caseload(self) -> bool:
        return not self.optional and self.tracked

    def lateness(self) -> int:
        return (self.met_on - self.due).days if self.met_on else 0


@dataclasses.dataclass
class Event:
    """Something that happened, for the timeline."""

    on: dt.date
    title: str
    details: list[str] = dataclasses.field(default_factory=list)
    obligation: Obligation | None = None
    exception: bool = False
    private_details: list[str] = dataclasses.field(default_factory=list)  # the family and officers only

    @property
    def late(self) -> bool:
        return bool(self.obligation and self.obligation.met_on and self.obligation.met_on > self.obligation.due)

    @property
    def late_excepted(self) -> bool:
        return self.late and self.obligation.deadline.excepted

    @property
    def late_text(self) -> str:
        if not self.late:
            return ""
        ob = self.obligation
        text = f"This was {days(ob.lateness())} after the time limit of {in_words(ob.due)}."
        if ob.deadline.excepted:
            reasons = "; ".join(exception_words(e) for e in ob.deadline.exceptions)
            text += f" An exception applied, so it does not count as late: {reasons}."
        return text


@dataclasses.dataclass
class Process:
    """Everything recorded about one child's statutory process, loaded by a selector."""

    assessments: list[NeedsAssessment]
    advice: dict  # assessment id -> list[AdviceRequest]
    exceptions: dict  # assessment id -> list[TimeLimitException]
    reviews: list[AnnualReview]
    transfers: list[PhaseTransfer]
    disagreements: list[Disagreement]
    young_person: bool = False
    young_person_from: dt.date | None = None

    def family_on(self, day: dt.date) -> str:
        """Who the family's choices belong to on ``day``: the young person from 16, else the family."""
        if self.young_person_from is not None and day >= self.young_person_from:
            return "The young person"
        return "The family"

    @property
    def empty(self) -> bool:
        return not (self.assessments or self.reviews or self.transfers or self.disagreements)


@dataclasses.dataclass
class NextStep:
    obligation: Obligation
    sentence: str
    overdue: bool
    days_left: int
    exception_text: str = ""


@dataclasses.dataclass
class ChildClock:
    obligations: list[Obligation]
    events: list[Event]
    family_label: str
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.obligations and not self.events

    def open_obligations(self, today: dt.date) -> list[Obligation]:
        return sorted((o for o in self.obligations if o.is_open(today)), key=lambda o: (o.due, o.key))

    def next_required(self, today: dt.date | None = None) -> Obligation | None:
        """The earliest deadline someone must still meet (windows and choices left out)."""
        required = [o for o in self.obligations if o.met_on is None and o.counts_for_caseload]
        return min(required, key=lambda o: (o.due, o.key), default=None)

    def next_steps(self, today: dt.date, *, viewer_is_family: bool = False) -> list[NextStep]:
        return [self.next_step(o, today, viewer_is_family=viewer_is_family) for o in self.open_obligations(today)]

    def next_step(self, ob: Obligation, today: dt.date, *, viewer_is_family: bool = False) -> NextStep:
        owner = ob.owner_label
        if ob.owner == Owner.FAMILY and viewer_is_family:
            owner = "You"
        left = (ob.due - today).days
        overdue = left < 0 and not ob.optional and ob.tracked
        if overdue:
            sentence = f"Late: {lower_first(owner)} had to {ob.task} by {in_words(ob.due)}. It is {days(-left)} late."
        elif ob.optional:
            sentence = f"{owner} can {ob.task} until {in_words(ob.due)}."
        else:
            sentence = f"{owner} must {ob.task} by {in_words(ob.due)}."
        exception_text = ""
        if ob.deadline.excepted:
            reasons = "; ".join(exception_words(e) for e in ob.deadline.exceptions)
            exception_text = (
                f"An exception applies to this time limit: {reasons}. The date does not move, "
                "but the council is not counted as late if it is missed."
            )
        return NextStep(ob, sentence, overdue, left, exception_text)

    def timeline(self) -> list[Event]:
        """What has happened, newest first."""
        return sorted(self.events, key=lambda e: e.on, reverse=True)


def lower_first(text: str) -> str:
    """ "The council" -> "the council" inside a sentence; names of people and organisations unchanged."""
    if text == "You" or text.startswith("The "):
        return text[0].lower() + text[1:]
    return text


def _exceptions(rows: Iterable[TimeLimitException]) -> list[ClockException]:
    return [ClockException(row.reason, row.starts_on, row.ends_on) for row in rows]


def build_clock(process: Process, today: dt.date) -> ChildClock:
    """Every obligation and event of a child's process, from the recorded dates."""
    regime = get_regime(REGIME)
    family = "The young person" if process.young_person else "The family"
    obligations: list[Obligation] = []
    events: list[Event] = []
    notes: list[str] = []
    current_plan: NeedsAssessment | None = None

    def add(ob: Obligation) -> Obligation:
        obligations.append(ob)
        return ob

    for a in process.assessments:
        exceptions = _exceptions(process.exceptions.get(a.pk, []))
        schedule = regime.apply_exceptions(
            regime.needs_assessment(a.received_on, draft_served=a.draft_served_on), exceptions
        )
        prefix = f"assessment:{a.pk}"
        who = a.get_requested_by_display().lower()
        if a.requested_by_other:
            who = f"{who} ({a.requested_by_other})"
        events.append(
            Event(
                a.received_on, "The council received a request for an EHC needs assessment", [f"Asked for by: {who}."]
            )
        )
        decide = add(
            Obligation(
                f"{prefix}:decision_to_assess",
                schedule["decision_to_assess"],
                Owner.COUNCIL,
                "The council",
                "decide whether to assess",
                met_on=a.decided_on,
            )
        )
        if a.decided_on:
            title = (
                "The council decided to carry out an EHC needs assessment"
                if a.decision == AssessDecision.YES
                else "The council decided not to carry out an EHC needs assessment"
            )
            events.append(Event(a.decided_on, title, obligation=decide))
        for row in process.exceptions.get(a.pk, []):
            affected = [
                name
                for key, name in (
                    ("decision_to_assess", "deciding whether to assess"),
                    ("decision_not_to_issue", "deciding whether to issue a plan"),
                    ("final_plan", "issuing the final plan"),
                )
                if ClockException(row.reason, row.starts_on, row.ends_on) in schedule[key].exceptions
            ]
            details = [f"Why: {row.get_reason_display().lower()}."]
            details.append(f"The exception covers {in_words(row.starts_on)} to {in_words(row.ends_on)}.")
            if affected:
                details.append("It applies to the time limits for " + " and ".join(affected) + ".")
            details.append("The dates do not move. All other steps keep their own time limits.")
            private = [f"What shows this: {row.note}"] if row.note else []
            events.append(
                Event(
                    row.starts_on,
                    "An exception to the time limits was applied",
                    details,
                    exception=True,
                    private_details=private,
                )
            )
        if a.decision == AssessDecision.NO:
            continue

        for advice in process.advice.get(a.pk, []):
            events.append(
                Event(advice.sent_on, f"The council asked {advice.from_whom} for {advice.get_kind_display().lower()}")
            )
            ob = add(_advice_obligation(regime, advice))
            if advice.received_on:
                events.append(
                    Event(
                        advice.received_on,
                        f"{advice.from_whom} sent {advice.get_kind_display().lower()}",
                        obligation=ob,
                    )
                )

        if a.decision == AssessDecision.YES and not a.draft_served_on and not a.outcome:
            add(
                Obligation(
                    f"{prefix}:decision_not_to_issue",
                    schedule["decision_not_to_issue"],
                    Owner.COUNCIL,
                    "The council",
                    "send a draft plan, or say that it will not issue a plan",
                )
            )
        if a.decision == AssessDecision.YES or a.draft_served_on or a.outcome:
            final = Obligation(
                f"{prefix}:final_plan",
                schedule["final_plan"],
                Owner.COUNCIL,
                "The council",
                "issue the final plan",
                met_on=a.outcome_on if a.outcome == Outcome.ISSUE else None,
            )
            if a.outcome != Outcome.NOT_ISSUE:
                add(final)
        elif not a.decided_on:
            notes.append(
                "If the council decides to assess, the whole process up to the final plan must take no more "
                f"than 20 weeks from the request: until {in_words(schedule['final_plan'].due)}."
            )
        if a.draft_served_on:
            window = schedule["draft_comments_close"]
            events.append(
                Event(
                    a.draft_served_on,
                    "The council sent the draft plan to the family",
                    [
                        f"{process.family_on(a.draft_served_on)} could comment on it, and ask for a school "
                        "or college to be named, "
                        f"until {in_words(window.due)}."
                    ],
                )
            )
            if not a.outcome:
                add(
                    Obligation(
                        f"{prefix}:draft_comments_close",
                        window,
                        Owner.FAMILY,
                        family,
                        "comment on the draft plan and ask for a school or college to be named",
                        optional=True,
                    )
                )
        if a.outcome == Outcome.ISSUE and a.outcome_on:
            events.append(Event(a.outcome_on, "The council issued the final EHC plan", obligation=final))
            current_plan = a
        elif a.outcome == Outcome.NOT_ISSUE and a.outcome_on:
            not_issue = Obligation(
                f"{prefix}:decision_not_to_issue",
                schedule["decision_not_to_issue"],
                Owner.COUNCIL,
                "The council",
                "decide whether to issue a plan",
                met_on=a.outcome_on,
            )
            obligations.append(not_issue)
            events.append(Event(a.outcome_on, "The council decided not to issue an EHC plan", obligation=not_issue))
        if a.ceased_on:
            events.append(Event(a.ceased_on, "The plan ended", [f"Why: {a.get_cease_reason_display().lower()}."]))

    ceased = current_plan is not None and current_plan.ceased_on is not None
    _reviews(regime, process, current_plan, ceased, family, today, obligations, events, notes)
    _transfers(regime, process, ceased, obligations, events)
    _disagreements(regime, process, family, obligations, events)
    return ChildClock(obligations, events, family, notes)


def _advice_obligation(regime, advice: AdviceRequest) -> Obligation:
    deadline = regime.needs_assessment(advice.sent_on, advice_requested=advice.sent_on)["advice_due"]
    if advice.adviser_id:
        owner_label = advice.adviser.full_name
    elif advice.organisation_id:
        owner_label = str(advice.organisation)
    else:
        owner_label = "The adviser"
    return Obligation(
        f"advice:{advice.pk}:advice_due",
        deadline,
        Owner.ADVISER,
        owner_label,
        f"send their {advice.get_kind_display().lower()}",
        met_on=advice.received_on,
        adviser_id=advice.adviser_id,
    )


def _reviews(regime, process, plan, ceased, family, today, obligations, events, notes) -> None:
    if plan is None and not process.reviews:
        return
    reviews = sorted(process.reviews, key=lambda r: (r.last_plan_on, r.created_at))
    in_progress = [r for r in reviews if not r.decided_on]
    for review in reviews:
        _review(regime, review, ceased, family, process.family_on, today, obligations, events, notes)
    if plan is None or ceased or in_progress:
        return
    last = max([plan.outcome_on, *(r.decided_on for r in reviews if r.decided_on)])
    obligations.append(
        Obligation(
            f"plan:{plan.pk}:review_period_ends",
            regime.annual_review(last)["review_period_ends"],
            Owner.COUNCIL,
            "The council",
            "review the plan and decide whether to keep, change or stop it",
        )
    )


def _review(regime, review: AnnualReview, ceased, family, family_on, today, obligations, events, notes) -> None:
    schedule = regime.annual_review(
        review.last_plan_on, meeting=review.meeting_on, amendment_notice=review.amendment_notice_on
    )
    prefix = f"review:{review.pk}"

    def ob(key: str, owner: Owner, label: str, task: str, met_on=None, **kw) -> Obligation:
        item = Obligation(f"{prefix}:{key}", schedule[key], owner, label, task, met_on=met_on, **kw)
        if item.met_on is not None or not ceased:
            obligations.append(item)
        return item

    period = ob(
        "review_period_ends",
        Owner.COUNCIL,
        "The council",
        "finish the annual review and make its decision",
        met_on=review.decided_on,
    )
    decision = period
    if review.meeting_on:
        invite = ob(
            "invitations_by",
            Owner.COUNCIL,
            "The council",
            "send the invitations to the review meeting",
            met_on=review.invited_on,
        )
        if review.invited_on:
            events.append(
                Event(
                    review.invited_on,
                    "Invitations to the annual review meeting were sent",
                    [f"The meeting is on {in_words(review.meeting_on)}."],
                    obligation=invite,
                )
            )
        ob(
            "advice_circulated_by",
            Owner.SCHOOL,
            "The school or college",
            "share the advice and information for the review meeting",
            tracked=False,
        )
        if review.meeting_on <= today:
            events.append(Event(review.meeting_on, "The annual review meeting took place"))
        elif not ceased:
            notes.append(f"The annual review meeting is on {in_words(review.meeting_on)}.")
        report = ob(
            "report_due",
            Owner.SCHOOL,
            "The school or college",
            "send the report of the review meeting to everyone invited",
            met_on=review.report_on,
        )
        if review.report_on:
            events.append(Event(review.report_on, "The report of the review meeting was sent", obligation=report))
        decision = ob(
            "decision_due",
            Owner.COUNCIL,
            "The council",
            "decide whether to keep, change or stop the plan",
            met_on=review.decided_on,
        )
    if review.decided_on:
        title = {
            ReviewDecision.MAINTAIN: "After the annual review, the council decided to keep the plan as it is",
            ReviewDecision.AMEND: "After the annual review, the council decided to change the plan",
            ReviewDecision.CEASE: "After the annual review, the council decided to stop the plan",
        }[ReviewDecision(review.decision)]
        events.append(Event(review.decided_on, title, obligation=decision))
        if decision is not period and period.met_on > period.due:
            events.append(Event(review.decided_on, "The annual review finished after its 12 months", obligation=period))
    if review.amendment_notice_on:
        window = schedule["amendment_comments_close"]
        family_then = family_on(review.amendment_notice_on)
        events.append(
            Event(
                review.amendment_notice_on,
                "The council sent the proposed changes to the plan",
                [f"{family_then} could comment on them until {in_words(window.due)}."],
            )
        )
        if not review.amended_plan_on and not ceased:
            obligations.append(
                Obligation(
                    f"{prefix}:amendment_comments_close",
                    window,
                    Owner.FAMILY,
                    family,
                    "comment on the proposed changes to the plan",
                    optional=True,
                )
            )
        amended = ob(
            "final_amended_plan_due",
            Owner.COUNCIL,
            "The council",
            "issue the amended plan",
            met_on=review.amended_plan_on,
        )
        if review.amended_plan_on:
            events.append(Event(review.amended_plan_on, "The council issued the amended plan", obligation=amended))


def _transfers(regime, process, ceased, obligations, events) -> None:
    for transfer in process.transfers:
        if transfer.kind == "post16-move":
            schedule = regime.phase_transfer(transfer.kind, transfer_date=transfer.transfer_on)
        else:
            schedule = regime.phase_transfer(transfer.kind, year=transfer.year)
        item = Obligation(
            f"transfer:{transfer.pk}:final_amended_plan_due",
            schedule["final_amended_plan_due"],
            Owner.COUNCIL,
            "The council",
            "amend the plan to name the next school or college",
            met_on=transfer.amended_plan_on,
        )
        if item.met_on or not ceased:
            obligations.append(item)
        if transfer.amended_plan_on:
            events.append(
                Event(
                    transfer.amended_plan_on,
                    "The council amended the plan for the move to the next school or college",
                    obligation=item,
                )
            )


def _disagreements(regime, process, family, obligations, events) -> None:
    for d in process.disagreements:
        prefix = f"disagreement:{d.pk}"
        about = d.get_about_display()
        events.append(
            Event(
                d.decision_letter_on,
                "The council sent a decision letter that can be appealed",
                [f"About: {lower_first(about)}."],
            )
        )
        med = regime.mediation(
            decision_letter=d.decision_letter_on,
            declined=d.mediation_declined_on,
            requested=d.mediation_requested_on,
        )
        mediation_choice = d.mediation_declined_on or d.mediation_requested_on
        obligations.append(
            Obligation(
                f"{prefix}:mediation_contact_by",
                med["mediation_contact_by"],
                Owner.FAMILY,
                family,
                "contact the mediation adviser (you need to before most appeals)",
                met_on=mediation_choice,
                optional=True,
            )
        )
        if d.mediation_declined_on:
            events.append(Event(d.mediation_declined_on, "The family said they do not want mediation"))
            cert = Obligation(
                f"{prefix}:certificate_due",
                med["certificate_due"],
                Owner.MEDIATION_ADVISER,
                "The mediation adviser",
                "issue the mediation certificate",
                met_on=d.certificate_on,
            )
            obligations.append(cert)
            if d.certificate_on:
                events.append(Event(d.certificate_on, "The mediation certificate was issued", obligation=cert))
        if d.mediation_requested_on:
            events.append(Event(d.mediation_requested_on, "The family asked for mediation"))
            held = Obligation(
                f"{prefix}:mediation_by",
                med["mediation_by"],
                Owner.COUNCIL,
                "The council",
                "arrange for the mediation to take place",
                met_on=d.mediation_held_on,
            )
            obligations.append(held)
            if d.mediation_held_on:
                events.append(Event(d.mediation_held_on, "The mediation took place", obligation=held))
            if d.certificate_on and not d.mediation_declined_on:
                events.append(Event(d.certificate_on, "The mediation certificate was issued"))
        appeal = regime.appeal(d.decision_letter_on, certificate=d.certificate_on)["appeal_due"]
        obligations.append(
            Obligation(
                f"{prefix}:appeal_due",
                appeal,
                Owner.FAMILY,
                family,
                "appeal to the SEND Tribunal",
                met_on=d.appeal_lodged_on,
                optional=True,
            )
        )
        if d.appeal_lodged_on:
            events.append(Event(d.appeal_lodged_on, "The family appealed to the SEND Tribunal"))
