"""England: Children and Families Act 2014 Part 3 and the SEND Regulations 2014 (SI 2014/1530).

Every time limit England's clock computes is stated once, in the rules below, with its source. The
research behind them is in ``shared/domain/statutory-england.md``; the product decisions on the
arithmetic are in ``shared/domain/clock-rules.md``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from coproduce.rules import school_years
from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS as WORKING_DAYS
from coproduce.rules.clock.dates import (
    add_days,
    add_months,
    add_weeks,
    days_beginning_with,
    months_starting_with,
)
from coproduce.rules.clock.model import ClockException, Deadline, Rule, Schedule, SchoolYear, schedule
from coproduce.rules.clock.regime import Regime

REGS = "SEND Regulations 2014"
CFA = "Children and Families Act 2014"
HESC_RULES = "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008"


def appeal_due(decision_letter: dt.date, certificate: dt.date | None = None) -> dt.date:
    """The SEND Tribunal appeal deadline (HESC Rules 2008 r.20; the one rule with two inputs).

    The later of decision letter + 2 months and mediation certificate + 1 month; if that falls from
    25 December to 1 January, the first working day after 1 January; if it falls in August, the first
    working day of September.
    """
    due = add_months(decision_letter, 2)
    if certificate is not None:
        due = max(due, add_months(certificate, 1))
    if due.month == 8:
        return WORKING_DAYS.first_on_or_after(dt.date(due.year, 9, 1))
    if (due.month, due.day) >= (12, 25) or (due.month, due.day) == (1, 1):
        return WORKING_DAYS.first_after(dt.date(due.year + (due.month == 12), 1, 1))
    return due


# --- EHC needs assessment (request received on R) -------------------------------------------------
DECISION_TO_ASSESS = Rule(
    "decision_to_assess",
    f"{REGS} reg 5(1)",
    "Tell the family whether the council will assess within 6 weeks of receiving the request.",
    lambda received: add_weeks(received, 6),
)
ADVICE_DUE = Rule(
    "advice_due",
    f"{REGS} reg 8",
    "An adviser gives the advice asked for within 6 weeks of being asked.",
    lambda asked: add_weeks(asked, 6),
)
DECISION_NOT_TO_ISSUE = Rule(
    "decision_not_to_issue",
    f"{REGS} reg 10(1)",
    "Notify a decision not to issue a plan within 16 weeks of receiving the request.",
    lambda received: add_weeks(received, 16),
)
DRAFT_COMMENTS_CLOSE = Rule(
    "draft_comments_close",
    f"{REGS} reg 13(1)",
    "At least 15 days, beginning with the day the draft plan is served, to comment and ask for a school.",
    lambda served: days_beginning_with(served, 15),
)
FINAL_PLAN = Rule(
    "final_plan",
    f"{REGS} reg 13(2)",
    "Issue the final plan within 20 weeks of receiving the request.",
    lambda received: add_weeks(received, 20),
)
RE_ASSESSMENT_FINAL_PLAN = Rule(
    "final_plan",
    f"{REGS} reg 27(2)",
    "After a re-assessment, issue the final plan within 14 weeks of deciding to re-assess.",
    lambda decided: add_weeks(decided, 14),
)

# --- Annual review (plan made or last reviewed on D; meeting on M; amendment notice served on A) ---
REVIEW_PERIOD_ENDS = Rule(
    "review_period_ends",
    f"{CFA} s44(1)",
    "Complete the review, including the council's decision, within the period of 12 months starting "
    "with the day the plan was made or last reviewed.",
    lambda last: months_starting_with(last, 12),
)
UNDER_FIVE_REVIEW_BY = Rule(
    "under_five_review_by",
    "SEND Code of Practice 2015 para 9.178 (guidance, not a duty)",
    "For a child under five, consider reviewing the plan every 3 to 6 months (a council setting).",
    months_starting_with,
)
INVITATIONS_BY = Rule(
    "invitations_by",
    f"{REGS} reg 20(3), 21(3)",
    "Give at least two weeks' notice of the review meeting.",
    lambda meeting: add_weeks(meeting, -2),
)
ADVICE_CIRCULATED_BY = Rule(
    "advice_circulated_by",
    f"{REGS} reg 20(4), 21(4)",
    "Circulate the advice and information gathered at least two weeks before the review meeting.",
    lambda meeting: add_weeks(meeting, -2),
)
REPORT_DUE = Rule(
    "report_due",
    f"{REGS} reg 20(7), 21(7)",
    "Send the review report within two weeks of the review meeting.",
    lambda meeting: add_weeks(meeting, 2),
)
DECISION_DUE = Rule(
    "decision_due",
    f"{REGS} reg 20(10), 21(8)",
    "Decide to maintain, amend or cease within four weeks of the review meeting; an amend decision "
    "sets out the proposed amendments (R (L, M & P) v Devon CC [2022] EWHC 493 (Admin)).",
    lambda meeting: add_weeks(meeting, 4),
)
AMENDMENT_COMMENTS_CLOSE = Rule(
    "amendment_comments_close",
    f"{REGS} reg 22(2)",
    "At least 15 days, beginning with the day the amendment notice is served, to comment and ask for a school.",
    lambda served: days_beginning_with(served, 15),
)
FINAL_AMENDED_PLAN_DUE = Rule(
    "final_amended_plan_due",
    f"{REGS} reg 22(3)",
    "Issue the amended plan within 8 weeks of sending the proposed amendments.",
    lambda served: add_weeks(served, 8),
)

REVIEW_MEETING_RULES = (INVITATIONS_BY, ADVICE_CIRCULATED_BY, REPORT_DUE, DECISION_DUE)
UNDER_FIVE_REVIEW_MONTHS = range(3, 7)  # Code of Practice 9.178: "every three to six months"
UNDER_FIVE_REVIEW_MONTHS_DEFAULT = 6


# --- Phase transfer (a move in calendar year Y) ---------------------------------------------------
class TransferKind(StrEnum):
    SCHOOL = "school"  # early years to school, infant to junior, primary to middle or secondary, ...
    POST16 = "post16"  # secondary school to a post-16 institution
    POST16_MOVE = "post16-move"  # between post-16 institutions at another time


PHASE_TRANSFER = {
    TransferKind.SCHOOL: Rule(
        "final_amended_plan_due",
        f"{REGS} reg 18(1)(b)",
        "Review and amend the plan, naming the next school, by 15 February of the year of transfer.",
        lambda year: dt.date(year, 2, 15),
    ),
    TransferKind.POST16: Rule(
        "final_amended_plan_due",
        f"{REGS} reg 18(1)(a)",
        "Review and amend the plan, naming the post-16 institution, by 31 March of the year of transfer.",
        lambda year: dt.date(year, 3, 31),
    ),
    TransferKind.POST16_MOVE: Rule(
        "final_amended_plan_due",
        f"{REGS} reg 18(2)",
        "Review and amend the plan at least 5 months before a move between post-16 institutions.",
        lambda transfer: add_months(transfer, -5),
    ),
}

# --- Disagreement and appeal (decision letter on L; family declines or asks for mediation on Q) ----
MEDIATION_CONTACT_BY = Rule(
    "mediation_contact_by",
    f"{REGS} reg 33",
    "Contact the mediation adviser within 2 months of the decision letter being sent.",
    lambda letter: add_months(letter, 2),
)
CERTIFICATE_DUE = Rule(
    "certificate_due",
    f"{REGS} reg 34",
    "The mediation adviser issues a certificate within 3 working days of the family saying it does not want mediation.",
    lambda declined: WORKING_DAYS.add(declined, 3),
)
MEDIATION_BY = Rule(
    "mediation_by",
    f"{REGS} Part 2, mediation (regs 35 to 37)",
    "Mediation takes place within 30 days of the family asking for it.",
    lambda requested: add_days(requested, 30),
)
APPEAL_DUE = Rule(
    "appeal_due",
    f"{HESC_RULES} r.20",
    "Appeal within 2 months of the decision letter or 1 month of the mediation certificate, "
    "whichever is later; not ending from 25 December to 1 January, nor in August.",
    appeal_due,
)


# --- Exceptions ------------------------------------------------------------------------------------
class ExceptionReason(StrEnum):
    """Why the council need not meet a time limit: SEND Regulations 2014 reg 10(4)(a) to (d)."""

    SCHOOL_CLOSED_4_WEEKS = "school_closed_4_weeks"  # (a), (b): school or early-years setting closed
    EXCEPTIONAL_PERSONAL_CIRCUMSTANCES = "exceptional_personal_circumstances"  # (c)
    FAMILY_AWAY_4_WEEKS = "family_away_4_weeks"  # (d): away from the area, continuously


# The limits an exception relaxes: reg 5(4), 10(4) and 13(3) (reg 27(3) for a re-assessment's final
# plan). Every other step keeps its own limit.
EXCEPTED_KEYS = frozenset({DECISION_TO_ASSESS.key, DECISION_NOT_TO_ISSUE.key, FINAL_PLAN.key})
# "closed for a continuous period of not less than 4 weeks"; "absent ... for a continuous period of
# not less than 4 weeks" (reg 10(4)(a), (b), (d)).
MINIMUM_PERIOD_DAYS = {
    ExceptionReason.SCHOOL_CLOSED_4_WEEKS: 28,
    ExceptionReason.FAMILY_AWAY_4_WEEKS: 28,
}


def _if_given(rule: Rule, trigger: dt.date | None) -> Deadline | None:
    return None if trigger is None else rule.deadline(trigger)


class England(Regime):
    code = "england"
    name = "England: Children and Families Act 2014, SEND Regulations 2014"
    exception_rules = {reason.value: EXCEPTED_KEYS for reason in ExceptionReason}
    default_under_five_review_months = UNDER_FIVE_REVIEW_MONTHS_DEFAULT

    def needs_assessment(
        self,
        received: dt.date,
        *,
        advice_requested: dt.date | None = None,
        draft_served: dt.date | None = None,
    ) -> Schedule:
        """Reg 5(1), 8, 10(1), 13(1) and 13(2): the 6-, 16- and 20-week limits and their steps."""
        return schedule(
            DECISION_TO_ASSESS.deadline(received),
            _if_given(ADVICE_DUE, advice_requested),
            DECISION_NOT_TO_ISSUE.deadline(received),
            _if_given(DRAFT_COMMENTS_CLOSE, draft_served),
            FINAL_PLAN.deadline(received),
        )

    def re_assessment(self, decided: dt.date) -> Schedule:
        """Reg 27(2): final plan within 14 weeks of the decision to re-assess."""
        return schedule(RE_ASSESSMENT_FINAL_PLAN.deadline(decided))

    def annual_review(
        self,
        last: dt.date,
        *,
        meeting: dt.date | None = None,
        amendment_notice: dt.date | None = None,
        under_five_review_months: int | None = None,
    ) -> Schedule:
        """CFA 2014 s44(1) and regs 20 to 22; optionally the under-five review interval (CoP 9.178)."""
        under_five = None
        if under_five_review_months is not None:
            if under_five_review_months not in UNDER_FIVE_REVIEW_MONTHS:
                raise ValueError("the under-five review interval is 3 to 6 months")
            under_five = UNDER_FIVE_REVIEW_BY.deadline(last, under_five_review_months)
        return schedule(
            REVIEW_PERIOD_ENDS.deadline(last),
            under_five,
            *(_if_given(rule, meeting) for rule in REVIEW_MEETING_RULES),
            _if_given(AMENDMENT_COMMENTS_CLOSE, amendment_notice),
            _if_given(FINAL_AMENDED_PLAN_DUE, amendment_notice),
        )

    def phase_transfer(self, kind: str, *, year: int | None = None, transfer_date: dt.date | None = None) -> Schedule:
        """Reg 18: the amended plan for a transfer between phases (``kind`` is a ``TransferKind``)."""
        try:
            transfer = TransferKind(kind)
        except ValueError:
            known = ", ".join(TransferKind)
            raise ValueError(f"unknown kind of transfer {kind!r} (known: {known})") from None
        if transfer is TransferKind.POST16_MOVE:
            if transfer_date is None or year is not None:
                raise ValueError("a post16-move transfer takes a transfer date, not a year")
            return schedule(PHASE_TRANSFER[transfer].deadline(transfer_date))
        if year is None or transfer_date is not None:
            raise ValueError(f"a {transfer} transfer takes a year, not a transfer date")
        return schedule(PHASE_TRANSFER[transfer].deadline(year))

    def mediation(
        self,
        *,
        decision_letter: dt.date | None = None,
        declined: dt.date | None = None,
        requested: dt.date | None = None,
    ) -> Schedule:
        """Regs 33 and 34 and the 30-day mediation limit: one deadline for each input given."""
        return schedule(
            _if_given(MEDIATION_CONTACT_BY, decision_letter),
            _if_given(CERTIFICATE_DUE, declined),
            _if_given(MEDIATION_BY, requested),
        )

    def appeal(self, decision_letter: dt.date, *, certificate: dt.date | None = None) -> Schedule:
        """The SEND Tribunal appeal deadline (see ``appeal_due``)."""
        return schedule(APPEAL_DUE.deadline(decision_letter, certificate))

    def school_year(self, dob: dt.date, on: dt.date) -> SchoolYear:
        """National curriculum year on ``on``, and the day the child becomes a young person."""
        return SchoolYear(school_years.year_group(dob, on), school_years.young_person_from(dob))

    def check_exception(self, exception: ClockException) -> None:
        """Reg 10(4): a known reason, and a period of at least 4 weeks where the reason requires it."""
        super().check_exception(exception)
        minimum = MINIMUM_PERIOD_DAYS.get(ExceptionReason(exception.reason))
        if minimum is not None and exception.days < minimum:
            raise ValueError(f"a {exception.reason} exception needs a period of at least {minimum} days")
