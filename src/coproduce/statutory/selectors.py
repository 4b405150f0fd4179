"""Reads of the statutory process, always through the access policy.

A single child's clock takes the ``Access`` that ``teams.selectors.child_access`` returned (the policy
has said yes and the view is audited). Lists start from ``children_visible_to``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.rules import school_years, suppression
from coproduce.rules.clock import ClockException, DeadlineStatus, deadline_status, get_regime
from coproduce.rules.clock import memo as clock_memo
from coproduce.statutory.clock import REGIME, ChildClock, Process, build_clock
from coproduce.statutory.models import (
    AdviceRequest,
    AnnualReview,
    AssessDecision,
    ClockSummary,
    Disagreement,
    NeedsAssessment,
    Outcome,
    PhaseTransfer,
    ReminderFrequency,
    ReminderPreference,
    ReviewDecision,
    TimeLimitException,
)
from coproduce.teams.models import Child, Stage, TeamMembership, TeamRole
from coproduce.teams.policy import Access, Permission, caseload_council_ids, children_visible_to, councils_for

DUE_SOON_DAYS = 10
CASELOAD_PAGE_SIZE = 50


# --- One child's process -----------------------------------------------------------------------------
def load_processes(children: Iterable[Child], *, today: dt.date | None = None) -> dict[object, Process]:
    """The process of each child given, in six queries whatever their number."""
    today = today or timezone.localdate()
    children = list(children)
    ids = [child.pk for child in children]
    by_child: dict[object, dict] = {
        pk: {"assessments": [], "advice": defaultdict(list), "exceptions": defaultdict(list)} for pk in ids
    }
    for a in NeedsAssessment.objects.filter(child_id__in=ids).order_by("received_on", "created_at"):
        by_child[a.child_id]["assessments"].append(a)
    for advice in (
        AdviceRequest.objects.filter(child_id__in=ids)
        .select_related("adviser", "organisation")
        .order_by("sent_on", "created_at")
    ):
        by_child[advice.child_id]["advice"][advice.assessment_id].append(advice)
    for row in TimeLimitException.objects.filter(child_id__in=ids).order_by("starts_on", "created_at"):
        by_child[row.child_id]["exceptions"][row.assessment_id].append(row)
    rest: dict[str, dict] = {name: defaultdict(list) for name in ("reviews", "transfers", "disagreements")}
    for name, model in (("reviews", AnnualReview), ("transfers", PhaseTransfer), ("disagreements", Disagreement)):
        for row in model.objects.filter(child_id__in=ids):
            rest[name][row.child_id].append(row)
    return {
        child.pk: Process(
            assessments=by_child[child.pk]["assessments"],
            advice=dict(by_child[child.pk]["advice"]),
            exceptions=dict(by_child[child.pk]["exceptions"]),
            reviews=rest["reviews"][child.pk],
            transfers=rest["transfers"][child.pk],
            disagreements=rest["disagreements"][child.pk],
            young_person=child.is_young_person(today),
            young_person_from=child.young_person_from,
        )
        for child in children
    }


def load_process(child: Child, *, today: dt.date | None = None) -> Process:
    return load_processes([child], today=today)[child.pk]


def clock_of(child: Child, today: dt.date | None = None) -> ChildClock:
    """For actions and tasks, which have already checked access."""
    today = today or timezone.localdate()
    return build_clock(load_process(child, today=today), today)


@dataclasses.dataclass
class ClockView:
    """What a child's timeline page shows one person."""

    clock: ChildClock
    next_steps: list
    timeline: list
    notes: list[str]
    today: dt.date

    @property
    def empty(self) -> bool:
        return self.clock.empty


def child_clock(access: Access, *, today: dt.date | None = None) -> ClockView:
    """The clock of a child whose record ``access`` lets the person see."""
    if not access.can(Permission.VIEW):
        raise Http404
    today = today or timezone.localdate()
    clock = build_clock(load_process(access.child, today=today), today)
    return ClockView(
        clock=clock,
        next_steps=clock.next_steps(today, viewer_is_family=access.is_family),
        timeline=[event for event in clock.timeline() if event.on <= today],
        notes=clock.notes,
        today=today,
    )


def derive_stage(process: Process, current: str) -> str:
    """The stage a child's record is at, worked out from the whole process (not just the last step)."""
    plans = [a for a in process.assessments if a.plan_issued]
    live = [a for a in plans if not a.ceased_on]
    if live:
        plan = live[-1]
        for review in process.reviews:
            if review.last_plan_on < plan.outcome_on:
                continue
            if review.is_open or review.decision == ReviewDecision.CEASE:
                return Stage.REVIEW
        return Stage.PLAN
    if not process.assessments:
        return current
    latest = process.assessments[-1]
    if latest.plan_issued and latest.ceased_on:
        return Stage.CEASED
    if latest.draft_served_on and not latest.outcome:
        return Stage.DRAFT
    if latest.decision == AssessDecision.YES or latest.outcome == Outcome.NOT_ISSUE:
        return Stage.ASSESSMENT
    return Stage.REQUEST


def open_assessment(child: Child) -> NeedsAssessment | None:
    """The request for assessment still running, if any (for the record-a-step pages)."""
    return (
        NeedsAssessment.objects.filter(child=child)
        .exclude(decision=AssessDecision.NO)
        .filter(outcome="")
        .order_by("-received_on", "-created_at")
        .first()
    )


def latest_assessment(child: Child) -> NeedsAssessment | None:
    return NeedsAssessment.objects.filter(child=child).order_by("-received_on", "-created_at").first()


def current_plan(child: Child) -> NeedsAssessment | None:
    """The assessment whose plan is in force: issued and not ended."""
    return (
        NeedsAssessment.objects.filter(child=child, outcome=Outcome.ISSUE, ceased_on__isnull=True)
        .order_by("-outcome_on")
        .first()
    )


def review_in_progress(child: Child) -> AnnualReview | None:
    return (
        AnnualReview.objects.filter(child=child)
        .filter(Q(decided_on__isnull=True) | Q(decision=ReviewDecision.AMEND, amended_plan_on__isnull=True))
        .order_by("-last_plan_on")
        .first()
    )


def last_review_date(child: Child, plan: NeedsAssessment | None) -> dt.date | None:
    """The day the plan was made or last reviewed: where the next annual review's 12 months start."""
    decided = AnnualReview.objects.filter(child=child, decided_on__isnull=False).order_by("-decided_on").first()
    dates = [d for d in (plan.outcome_on if plan else None, decided.decided_on if decided else None) if d]
    return max(dates, default=None)


# --- The caseload ----------------------------------------------------------------------------------
def may_see_caseload(user) -> bool:
    """Officers: a council caseload, or case officer on at least one child's team."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        caseload_council_ids(user).exists()
        or TeamMembership.objects.current().filter(user=user, role=TeamRole.CASE_OFFICER).exists()
    )


def may_see_council_overview(user) -> bool:
    return getattr(user, "is_authenticated", False) and caseload_council_ids(user).exists()


def caseload_children(user) -> QuerySet[Child]:
    """The children an officer looks after: from the policy's list, those the person is an officer for."""
    return _caseload_children(user)[0]


def _caseload_children(user) -> tuple[QuerySet[Child], list | None]:
    """The caseload, and its children's ids when they were listed (for a case officer without a council's
    caseload: a few hundred children at most). PostgreSQL answers the ORs of subqueries below by reading
    every child in the database, in each query built on them; listing the ids once lets the page's other
    queries use the indexes on the children's and memberships' ids (docs/performance.md)."""
    mine = TeamMembership.objects.current().filter(user=user, role=TeamRole.CASE_OFFICER).values("child_id")
    children = children_visible_to(user).filter(
        Q(responsible_council_id__in=caseload_council_ids(user)) | Q(id__in=mine)
    )
    if caseload_council_ids(user).exists():
        return children, None
    ids = list(children.values_list("id", flat=True))
    return Child.objects.filter(id__in=ids), ids


def school_year_birth_dates(year_group: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of birth of the children in ``year_group`` in the school year containing ``today``."""
    cohort = school_years.academic_year_start(today) - 5 - year_group
    return dt.date(cohort, 9, 1), dt.date(cohort + 1, 8, 31)


@dataclasses.dataclass
class CaseloadOptions:
    """The choices of the caseload's filters: the schools and officers of the person's caseload, as (id, name)."""

    settings: list[tuple]
    officers: list[tuple]
    children: QuerySet | None = None  # the caseload they were worked out from, for caseload() to reuse


def caseload_options(user) -> CaseloadOptions:
    base, ids = _caseload_children(user)
    # (id, name) pairs only: a council's caseload can have well over a thousand schools and settings.
    settings = list(
        Organisation.objects.filter(id__in=base.values("setting_id")).order_by("name").values_list("id", "name")
    )
    of_caseload = Q(child__in=base) if ids is None else Q(child_id__in=ids)
    officers = list(
        User.objects.filter(
            id__in=TeamMembership.objects.current().filter(of_caseload, role=TeamRole.CASE_OFFICER).values("user_id")
        )
        .order_by("full_name")
        .values_list("id", "full_name")
    )
    return CaseloadOptions(settings, officers, base)


@dataclasses.dataclass
class Caseload:
    page: object
    total: int
    overdue: int
    due_soon: int
    no_deadline: int
    settings: list
    officers: list
    today: dt.date


def caseload(
    user,
    filters: dict,
    *,
    options: CaseloadOptions | None = None,
    today: dt.date | None = None,
    page: int | str = 1,
) -> Caseload:
    """The officer's children, sorted by their next deadline, filtered as asked.

    A fixed number of queries whatever the size of the caseload.
    """
    if not may_see_caseload(user):
        raise Http404
    today = today or timezone.localdate()
    children = options.children if options and options.children is not None else caseload_children(user)
    if filters.get("stage"):
        children = children.filter(stage=filters["stage"])
    if filters.get("setting"):
        children = children.filter(setting=filters["setting"])
    if filters.get("school_year") not in (None, ""):
        first, last = school_year_birth_dates(int(filters["school_year"]), today)
        children = children.filter(date_of_birth__range=(first, last))
    if filters.get("officer"):
        officer_children = (
            TeamMembership.objects.current()
            .filter(user=filters["officer"], role=TeamRole.CASE_OFFICER)
            .values("child_id")
        )
        children = children.filter(id__in=officer_children)
    if filters.get("due_within") not in (None, ""):
        children = children.filter(
            clock_summary__next_due_on__gte=today,
            clock_summary__next_due_on__lte=today + dt.timedelta(days=int(filters["due_within"])),
        )
    if filters.get("overdue"):
        children = children.filter(clock_summary__next_due_on__lt=today)

    counts = children.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Q(clock_summary__next_due_on__lt=today)),
        due_soon=Count(
            "id",
            filter=Q(
                clock_summary__next_due_on__gte=today,
                clock_summary__next_due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
            ),
        ),
        no_deadline=Count("id", filter=Q(clock_summary__next_due_on__isnull=True)),
    )
    if filters.get("sort") == "name":
        order = ["family_name", "given_name", "id"]
    else:
        order = [F("clock_summary__next_due_on").asc(nulls_last=True), "family_name", "given_name", "id"]
    rows = (
        children.select_related("setting", "clock_summary")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.current().filter(role=TeamRole.CASE_OFFICER).select_related("user"),
                to_attr="case_officers",
            )
        )
        .order_by(*order)
    )
    paginator = Paginator(rows, CASELOAD_PAGE_SIZE)
    paginator.count = counts["total"]  # already counted: no second query
    page_obj = paginator.get_page(page)
    for child in page_obj.object_list:
        summary = getattr(child, "clock_summary", None)
        child.next_due_on = summary.next_due_on if summary else None
        child.next_text = f"{summary.next_owner} must {summary.next_what}" if summary and summary.next_due_on else ""
        child.days_left = (child.next_due_on - today).days if child.next_due_on else None
        child.overdue = child.days_left is not None and child.days_left < 0
        child.due_soon = child.days_left is not None and 0 <= child.days_left <= DUE_SOON_DAYS
        child.year = child.year_group(today)
    options = options or caseload_options(user)
    return Caseload(
        page=page_obj,
        total=counts["total"],
        overdue=counts["overdue"],
        due_soon=counts["due_soon"],
        no_deadline=counts["no_deadline"],
        settings=options.settings,
        officers=options.officers,
        today=today,
    )


# --- Advice asked of a professional -----------------------------------------------------------------
@dataclasses.dataclass
class AdviceDue:
    request: AdviceRequest
    child: Child
    due: dt.date
    status: DeadlineStatus
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.status in (DeadlineStatus.OVERDUE, DeadlineStatus.OVERDUE_EXCEPTED)

    @property
    def given(self) -> bool:
        return self.request.received_on is not None

    @property
    def late(self) -> bool:
        return self.status.late


def advice_for(user, *, outstanding_only: bool = False, today: dt.date | None = None) -> list[AdviceDue]:
    """The advice ``user`` has been asked for, across every child they may see, soonest due first."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    regime = get_regime(REGIME)
    requests = AdviceRequest.objects.filter(adviser=user, child__in=children_visible_to(user)).select_related(
        "child", "organisation", "adviser"
    )
    if outstanding_only:
        requests = requests.filter(received_on__isnull=True)
    rows = []
    for advice in requests:
        deadline = regime.needs_assessment(advice.sent_on, advice_requested=advice.sent_on)["advice_due"]
        rows.append(
            AdviceDue(
                request=advice,
                child=advice.child,
                due=deadline.due,
                status=deadline_status(deadline, advice.received_on, today),
                days_left=(deadline.due - today).days,
            )
        )
    return sorted(rows, key=lambda row: (row.given, row.due))


# --- The council overview ---------------------------------------------------------------------------
@dataclasses.dataclass
class Measure:
    """One timeliness measure: how many, how many on time, with small numbers suppressed."""

    name: str
    definition: str
    figure: suppression.Figure


@dataclasses.dataclass
class Overview:
    year: int
    councils: list
    plans_including: Measure
    plans_excluding: Measure
    plans_late_excepted: str
    reviews: Measure
    reviews_without_meeting: str
    transfers: Measure
    transfers_to_do: str


def overview_children(user) -> QuerySet[Child]:
    return children_visible_to(user).filter(responsible_council__in=councils_for(user))


class IssuedPlan(NamedTuple):
    """A plan issued in the year: which assessment, whether within 20 weeks, whether an exception applied."""

    assessment_id: object
    within: bool
    excepted: bool


class ReviewDecided(NamedTuple):
    """An annual-review decision made after a meeting: which review, whether within 4 weeks of it."""

    review_id: object
    within: bool


def plans_issued(children: QuerySet[Child], year: int) -> list[IssuedPlan]:
    """Each plan issued in ``year``, in the order issued: (assessment id, within 20 weeks, an exception applied).

    Two queries, reading only the dates; each deadline comes from the clock, remembered by its dates.
    """
    assessments = NeedsAssessment.objects.filter(child__in=children, outcome=Outcome.ISSUE, outcome_on__year=year)
    exceptions: dict[object, list[ClockException]] = defaultdict(list)
    for assessment_id, reason, starts_on, ends_on in (
        TimeLimitException.objects.filter(assessment__in=assessments.values("pk"))
        .order_by("starts_on", "created_at")
        .values_list("assessment_id", "reason", "starts_on", "ends_on")
    ):
        exceptions[assessment_id].append(ClockException(reason, starts_on, ends_on))
    found = []
    for pk, received_on, outcome_on in assessments.order_by("outcome_on").values_list(
        "pk", "received_on", "outcome_on"
    ):
        deadline = clock_memo.needs_assessment_with_exceptions(REGIME, received_on, tuple(exceptions.get(pk, ())))[
            "final_plan"
        ]
        found.append(IssuedPlan(pk, outcome_on <= deadline.due, deadline.excepted))
    return found


def row_exception(row: TimeLimitException) -> ClockException:
    return ClockException(row.reason, row.starts_on, row.ends_on)


def _decided_in(children: QuerySet[Child], year: int) -> QuerySet:
    """The dates of every annual-review decision made in ``year``: (id, last review, meeting, decided)."""
    return AnnualReview.objects.filter(child__in=children, decided_on__year=year).values_list(
        "pk", "last_plan_on", "meeting_on", "decided_on"
    )


def _within_four_weeks(rows: Iterable[tuple]) -> list[ReviewDecided]:
    found = []
    for pk, last_plan_on, meeting_on, decided_on in rows:
        due = clock_memo.annual_review(REGIME, last_plan_on, meeting_on)["decision_due"].due
        found.append(ReviewDecided(pk, decided_on <= due))
    return found


def review_decisions(children: QuerySet[Child], year: int) -> list[ReviewDecided]:
    """Each annual-review decision made in ``year`` after a meeting: (review id, within 4 weeks).

    One query, reading only the dates; each deadline comes from the clock, remembered by its dates.
    """
    return _within_four_weeks(_decided_in(children, year).filter(meeting_on__isnull=False))


def council_overview(user, year: int, *, today: dt.date | None = None) -> Overview:
    if not may_see_council_overview(user):
        raise Http404
    today = today or timezone.localdate()
    children = overview_children(user)

    issued = plans_issued(children, year)
    on_time = sum(1 for _, within, _ in issued if within)
    plain = [(within, excepted) for _, within, excepted in issued if not excepted]
    late_excepted = sum(1 for _, within, excepted in issued if excepted and not within)

    # One query for the decisions with a meeting and those without (``review_decisions`` reads the first).
    decided = list(_decided_in(children, year))
    reviews = _within_four_weeks(row for row in decided if row[2] is not None)
    without_meeting = sum(1 for row in decided if row[2] is None)

    transfers_total = transfers_met = transfers_open = 0
    for kind, transfer_year, transfer_on, amended_plan_on in (
        PhaseTransfer.objects.filter(child__in=children)
        .filter(Q(year=year) | Q(transfer_on__year__in=(year, year + 1)))
        .values_list("kind", "year", "transfer_on", "amended_plan_on")
    ):
        if kind == "post16-move":
            due = clock_memo.phase_transfer(REGIME, kind, transfer_date=transfer_on)
        else:
            due = clock_memo.phase_transfer(REGIME, kind, year=transfer_year)
        due_on = due["final_amended_plan_due"].due
        if due_on.year != year:
            continue
        if amended_plan_on is None and due_on >= today:
            transfers_open += 1
            continue
        transfers_total += 1
        transfers_met += bool(amended_plan_on and amended_plan_on <= due_on)

    return Overview(
        year=year,
        councils=list(councils_for(user)),
        plans_including=Measure(
            "Plans issued within 20 weeks, including those where an exception applied",
            "New EHC plans issued this year, and how many were issued within 20 weeks of the request.",
            suppression.Figure(len(issued), on_time),
        ),
        plans_excluding=Measure(
            "Plans issued within 20 weeks, leaving out those where an exception applied",
            "The same, counting only plans where no exception to the time limits applied.",
            suppression.Figure(len(plain), sum(1 for within, _ in plain if within)),
        ),
        plans_late_excepted=suppression.count_text(late_excepted),
        reviews=Measure(
            "Annual review decisions within 4 weeks of the meeting",
            "Decisions made this year after an annual review meeting, and how many within 4 weeks of it.",
            suppression.Figure(len(reviews), sum(1 for _, within in reviews if within)),
        ),
        reviews_without_meeting=suppression.count_text(without_meeting),
        transfers=Measure(
            "Plans amended by the phase transfer date",
            "Moves to a new school or college whose amended plan was due this year (15 February, 31 March, "
            "or 5 months before a move between colleges), and how many were amended in time. Moves not yet "
            "due are left out.",
            suppression.Figure(transfers_total, transfers_met),
        ),
        transfers_to_do=suppression.count_text(transfers_open),
    )


# --- Reminders ----------------------------------------------------------------------------------------
def reminder_frequency(user) -> str:
    preference = ReminderPreference.objects.filter(user=user).first()
    return preference.frequency if preference else ReminderFrequency.IMMEDIATE


def summary_for(access: Access) -> ClockSummary | None:
    if not access.can(Permission.VIEW):
        raise Http404
    return ClockSummary.objects.filter(child=access.child).first()
