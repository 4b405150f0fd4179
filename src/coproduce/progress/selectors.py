"""Reading progress. Every function about one child takes the ``Access`` that
``teams.selectors.child_access`` returned (the policy said yes, and the view is audited); council lists
start from the policy's ``children_visible_to``. Each page is read in a fixed number of queries, however
many targets, ratings and sessions there are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from coproduce.plans.models import Outcome, Plan, Provision, View, Whose
from coproduce.progress import charts, scoring
from coproduce.progress.delivery import ItemDelivery, item_delivery, threshold_for
from coproduce.progress.models import (
    CheckIn,
    CheckInSchedule,
    DeliveryRecord,
    DeliverySettings,
    RaterKind,
    Rating,
    ReviewContribution,
    ReviewReport,
    ReviewView,
    Shortfall,
    Target,
)
from coproduce.rules import delivery as rule
from coproduce.rules import suppression
from coproduce.statutory.charts import Chart, bar_chart
from coproduce.teams.models import TeamRole
from coproduce.teams.policy import Access, Permission, children_visible_to, councils_for

KIND_ORDER = {RaterKind.CHILD: 0, RaterKind.PARENT: 1, RaterKind.SCHOOL: 2, RaterKind.PRACTITIONER: 3}
LEVEL_TICKS = [(2, "+2"), (1, "+1"), (0, "0"), (-1, "\u22121"), (-2, "\u22122")]
T_TICKS = [(80, "80"), (65, "65"), (50, "50"), (35, "35"), (20, "20")]


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def plan_for(access: Access) -> Plan | None:
    return Plan.objects.filter(child=access.child).first()


def plan_or_404(access: Access) -> Plan:
    plan = plan_for(access)
    if plan is None:
        raise Http404
    return plan


def outcome_or_404(access: Access, outcome_id) -> Outcome:
    try:
        return Outcome.objects.select_related("plan").get(plan__child=access.child, pk=_uuid(outcome_id))
    except Outcome.DoesNotExist:
        raise Http404 from None


def target_or_404(access: Access, target_id) -> Target:
    try:
        return Target.objects.select_related("outcome", "ended_by").get(child=access.child, pk=_uuid(target_id))
    except Target.DoesNotExist:
        raise Http404 from None


def provision_or_404(access: Access, provision_id) -> Provision:
    try:
        return Provision.objects.select_related("plan").get(plan__child=access.child, pk=_uuid(provision_id))
    except Provision.DoesNotExist:
        raise Http404 from None


def review_view_or_404(access: Access, view_id) -> ReviewView:
    try:
        return ReviewView.objects.get(child=access.child, pk=_uuid(view_id))
    except ReviewView.DoesNotExist:
        raise Http404 from None


def targets(access: Access) -> list[Target]:
    return list(
        Target.objects.filter(child=access.child)
        .select_related("outcome")
        .order_by("outcome__position", "position", "created_at")
    )


def schedule_every(access: Access) -> str:
    schedule = CheckInSchedule.objects.filter(child=access.child).first()
    return schedule.every if schedule else rule.Every.TERM


def current_period(access: Access, *, today: dt.date | None = None, every: str | None = None) -> rule.Period:
    return rule.check_in_period(today or timezone.localdate(), every or schedule_every(access))


# --- ratings and scores ---------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Rater:
    key: str
    name: str
    role: str
    kind: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


@dataclasses.dataclass
class TargetRow:
    check_in: CheckIn
    cells: list[Rating | None]

    @property
    def levels(self) -> list[int]:
        return [cell.level for cell in self.cells if cell is not None]

    @property
    def spread(self) -> int:
        levels = self.levels
        return max(levels) - min(levels) if len(levels) > 1 else 0

    @property
    def differ(self) -> bool:
        return self.spread > 0

    @property
    def differ_widely(self) -> bool:
        return self.spread >= 2

    @property
    def comments(self) -> list[Rating]:
        return [cell for cell in self.cells if cell is not None and cell.comment]


@dataclasses.dataclass
class ScoreRow:
    check_in: CheckIn
    scores: list[scoring.Score | None]
    raters: list[Rater]

    @property
    def any(self) -> bool:
        return any(self.scores)

    @property
    def scored(self) -> list[tuple[Rater, scoring.Score]]:
        return [(rater, score) for rater, score in zip(self.raters, self.scores, strict=True) if score]


@dataclasses.dataclass
class TargetProgress:
    target: Target
    number: str
    raters: list[Rater]
    rows: list[TargetRow]
    chart: charts.LineChart | None = None

    @property
    def rated_rows(self) -> list[TargetRow]:
        return [row for row in self.rows if row.levels]

    @property
    def latest(self) -> TargetRow | None:
        rated = self.rated_rows
        return rated[-1] if rated else None


@dataclasses.dataclass
class OutcomeProgress:
    outcome: Outcome
    number: int
    targets: list[TargetProgress]
    raters: list[Rater]
    score_rows: list[ScoreRow]
    chart: charts.LineChart | None = None

    @property
    def caption(self) -> str:
        return f"Outcome {self.number}: each person's T-score at each check-in"


@dataclasses.dataclass
class Progress:
    plan: Plan | None
    outcomes: list[OutcomeProgress]
    raters: list[Rater]
    check_ins: list[CheckIn]
    score_rows: list[ScoreRow]
    chart: charts.LineChart | None
    period: rule.Period
    every: str
    delivery: list[ItemDelivery]
    threshold: int

    @property
    def target_count(self) -> int:
        """The targets still to be rated (a removed target keeps its ratings but is not rated again)."""
        return sum(1 for outcome in self.outcomes for item in outcome.targets if not item.target.ended)

    @property
    def shortfalls(self) -> list[ItemDelivery]:
        return [item for item in self.delivery if item.short]

    @property
    def every_words(self) -> str:
        return {rule.Every.TERM: "each term", rule.Every.HALF_TERM: "each half term", rule.Every.MONTH: "each month"}[
            rule.Every(self.every)
        ]


def _raters(ratings: list[Rating]) -> list[Rater]:
    found: dict[str, Rater] = {}
    for rating in ratings:  # oldest first: the newest name and role win
        found[rating.rater_key] = Rater(rating.rater_key, rating.attributed_to, rating.rater_role, rating.rater_kind)
    return sorted(found.values(), key=lambda r: (KIND_ORDER.get(r.kind, 9), r.name))


def _level_chart(chart_id: str, title: str, check_ins: list[CheckIn], raters: list[Rater], rows: list[TargetRow]):
    series = [
        (rater.name, [row.cells[i].level if row.cells[i] else None for row in rows]) for i, rater in enumerate(raters)
    ]
    return charts.line_chart(
        chart_id,
        title,
        charts.x_labels_for([c.label for c in check_ins]),
        series,
        low=-2,
        high=2,
        ticks=LEVEL_TICKS,
        words=lambda value: scoring.signed(int(value)),
    )


def _score_chart(chart_id: str, title: str, check_ins: list[CheckIn], raters: list[Rater], rows: list[ScoreRow]):
    series = [
        (rater.name, [row.scores[i].value if row.scores[i] else None for row in rows]) for i, rater in enumerate(raters)
    ]
    return charts.line_chart(
        chart_id,
        title,
        charts.x_labels_for([c.label for c in check_ins]),
        series,
        low=10,
        high=90,
        ticks=T_TICKS,
        words=lambda value: f"{value:.2f}",
    )


def progress(
    access: Access, *, today: dt.date | None = None, since: dt.date | None = None, delivery: bool = True
) -> Progress:
    """Targets under each outcome, everyone's ratings at each check-in, T-scores and charts, and how much
    provision was delivered over the last four weeks. ``since`` leaves out check-ins that ended before it."""
    today = today or timezone.localdate()
    child = access.child
    plan = plan_for(access)
    every = schedule_every(access)
    period = rule.check_in_period(today, every)
    threshold = threshold_for(child.responsible_council_id)
    if plan is None:
        return Progress(None, [], [], [], [], None, period, every, [], threshold)
    outcomes = list(plan.outcomes.order_by("position", "created_at"))
    all_targets = list(
        Target.objects.filter(child=child, outcome__plan=plan)
        .select_related("ended_by")
        .order_by("position", "created_at")
    )
    check_ins_q = CheckIn.objects.filter(child=child, ratings__isnull=False).distinct().order_by("starts_on")
    ratings_q = Rating.objects.filter(target__in=[t.pk for t in all_targets])
    if since:
        check_ins_q = check_ins_q.filter(ends_on__gte=since)
        ratings_q = ratings_q.filter(check_in__ends_on__gte=since)
    check_ins = list(check_ins_q)
    ratings = list(ratings_q.order_by("created_at", "id"))
    latest: dict[tuple, Rating] = {}
    for rating in ratings:
        latest[(rating.target_id, rating.check_in_id, rating.rater_key)] = rating
    raters = _raters(ratings)

    by_outcome: dict[object, list[Target]] = defaultdict(list)
    for target in all_targets:
        by_outcome[target.outcome_id].append(target)

    def rows_for(target: Target, among: list[Rater]) -> list[TargetRow]:
        return [TargetRow(c, [latest.get((target.pk, c.pk, r.key)) for r in among]) for c in check_ins]

    def score_rows(some_targets: list[Target], among: list[Rater]) -> list[ScoreRow]:
        rows = []
        for c in check_ins:
            scores = []
            for r in among:
                pairs = [
                    (latest[(t.pk, c.pk, r.key)].level, t.weight) for t in some_targets if (t.pk, c.pk, r.key) in latest
                ]
                scores.append(scoring.score(pairs))
            rows.append(ScoreRow(c, scores, among))
        return rows

    def raters_of(some_targets: list[Target]) -> list[Rater]:
        ids = {t.pk for t in some_targets}
        keys = {key for (target_id, _, key) in latest if target_id in ids}
        return [r for r in raters if r.key in keys]

    outcome_views = []
    for n, outcome in enumerate(outcomes, start=1):
        mine = by_outcome.get(outcome.pk, [])
        target_views = []
        for m, target in enumerate(mine, start=1):
            among = raters_of([target])
            rows = rows_for(target, among)
            view = TargetProgress(target, f"{n}.{m}", among, rows)
            if among:
                view.chart = _level_chart(
                    f"chart-target-{target.pk}",
                    f"Target {n}.{m}: each person's rating at each check-in",
                    check_ins,
                    among,
                    rows,
                )
            target_views.append(view)
        among = raters_of(mine)
        rows = score_rows(mine, among)
        chart = (
            _score_chart(
                f"chart-outcome-{outcome.pk}",
                f"Outcome {n}: each person's T-score at each check-in",
                check_ins,
                among,
                rows,
            )
            if among
            else None
        )
        outcome_views.append(OutcomeProgress(outcome, n, target_views, among, rows, chart))
    plan_rows = score_rows(all_targets, raters)
    plan_chart = (
        _score_chart(
            "chart-plan", "The whole plan: each person's T-score at each check-in", check_ins, raters, plan_rows
        )
        if raters
        else None
    )
    items = delivery_items(access, plan, today=today, threshold=threshold, since=since) if delivery else []
    return Progress(plan, outcome_views, raters, check_ins, plan_rows, plan_chart, period, every, items, threshold)


def rated_this_period(access: Access, user, *, today: dt.date | None = None, for_child: bool = False) -> set:
    """The targets ``user`` (or the child, for the faces form) has rated in this check-in."""
    period = current_period(access, today=today)
    key = "child" if for_child else str(user.pk)
    return set(
        Rating.objects.filter(
            target__child=access.child, rater_key=key, check_in__starts_on=period.start, check_in__ends_on=period.end
        ).values_list("target_id", flat=True)
    )


# --- delivery -------------------------------------------------------------------------------------------
def delivery_items(
    access: Access,
    plan: Plan | None = None,
    *,
    today: dt.date | None = None,
    threshold: int | None = None,
    since: dt.date | None = None,
    detail: bool = False,
) -> list[ItemDelivery]:
    """Each provision item with a frequency: what it promises and what was delivered."""
    today = today or timezone.localdate()
    plan = plan or plan_for(access)
    if plan is None:
        return []
    if threshold is None:
        threshold = threshold_for(access.child.responsible_council_id)
    provision = list(plan.provision.exclude(frequency="").order_by("section", "position", "created_at"))
    records: dict[object, list[DeliveryRecord]] = defaultdict(list)
    for entry in DeliveryRecord.objects.filter(provision__in=[p.pk for p in provision]).select_related("recorded_by"):
        records[entry.provision_id].append(entry)
    shortfalls = {s.provision_id: s for s in Shortfall.objects.filter(child=access.child, resolved_at__isnull=True)}
    items = []
    for n, item in enumerate(provision, start=1):
        found = item_delivery(
            item, n, plan, records[item.pk], threshold=threshold, today=today, since=since, detail=detail
        )
        found.shortfall = shortfalls.get(item.pk)
        items.append(found)
    return items


# --- the annual review ---------------------------------------------------------------------------------
@dataclasses.dataclass
class ClockDate:
    who: str
    what: str
    due: dt.date
    done_on: dt.date | None


@dataclasses.dataclass
class ReviewPack:
    plan: Plan | None
    review: object  # statutory AnnualReview, or None
    since: dt.date | None
    views: list[ReviewView]
    plan_views: list[View]
    progress: Progress
    delivery: list[ItemDelivery]
    contributions: list[ReviewContribution]
    findings: list
    clock_dates: list[ClockDate]
    report: ReviewReport | None


def review_since(access: Access):
    """The annual review in progress (if any) and the day the period under review starts."""
    from coproduce.statutory import selectors as statutory

    child = access.child
    review = statutory.review_in_progress(child)
    if review is not None:
        return review, review.last_plan_on
    since = statutory.last_review_date(child, statutory.current_plan(child))
    if since is None:
        plan = plan_for(access)
        since = plan.finalised_on if plan else None
    return None, since


def _clock_dates(access: Access, review) -> list[ClockDate]:
    from coproduce.statutory.selectors import child_clock

    clock = child_clock(access).clock
    if review is not None:
        mine = [o for o in clock.obligations if o.key.startswith(f"review:{review.pk}:")]
    else:
        mine = [o for o in clock.obligations if o.key.startswith("plan:") and o.key.endswith(":review_period_ends")]
    return [ClockDate(o.owner_label, o.task, o.due, o.met_on) for o in sorted(mine, key=lambda o: (o.due, o.key))]


def review_pack(access: Access, *, today: dt.date | None = None) -> ReviewPack:
    """Everything the annual review starts from, the child's views first."""
    from coproduce.plans.quality import plan_findings

    today = today or timezone.localdate()
    review, since = review_since(access)
    plan = plan_for(access)
    after = Q(created_at__date__gte=since) if since else Q()
    views = list(ReviewView.objects.filter(after, child=access.child).select_related("author"))
    plan_views = list(plan.views.filter(whose=Whose.CHILD)) if plan else []
    latest_said: dict[object, ReviewContribution] = {}
    for said in ReviewContribution.objects.filter(after, child=access.child).order_by("created_at"):
        latest_said[said.author_id] = said
    report_q = ReviewReport.objects.filter(child=access.child).select_related("written_by")
    report_q = report_q.filter(annual_review=review) if review is not None else report_q.filter(after)
    return ReviewPack(
        plan=plan,
        review=review,
        since=since,
        views=views,
        plan_views=plan_views,
        progress=progress(access, today=today, since=since, delivery=False),
        delivery=delivery_items(access, plan, today=today, since=since, detail=True) if plan else [],
        contributions=sorted(latest_said.values(), key=lambda s: s.created_at),
        findings=plan_findings(plan) if plan else [],
        clock_dates=_clock_dates(access, review),
        report=report_q.first(),
    )


# --- the council ---------------------------------------------------------------------------------------
@dataclasses.dataclass
class CouncilDelivery:
    councils: list
    thresholds: dict  # council id -> percent
    items: int
    shortfalls: list[Shortfall]
    figure: suppression.Figure
    chart: Chart


def may_see_council_delivery(user) -> bool:
    return getattr(user, "is_authenticated", False) and councils_for(user).exists()


def council_delivery(user) -> CouncilDelivery:
    """Delivery shortfalls across the children the officer's councils are responsible for, through the
    access policy. The figure suppresses small numbers; the list is for officers to act on."""
    if not may_see_council_delivery(user):
        raise Http404
    councils = list(councils_for(user))
    children = children_visible_to(user).filter(responsible_council__in=councils)
    items = (
        Provision.objects.filter(plan__child__in=children, plan__finalised_on__isnull=False)
        .exclude(frequency="")
        .count()
    )
    shortfalls = list(
        Shortfall.objects.filter(child__in=children, resolved_at__isnull=True)
        .select_related("child", "provision")
        .order_by("percent", "child__family_name")
    )
    thresholds = {c.pk: rule.DEFAULT_THRESHOLD for c in councils}
    thresholds |= {s.council_id: s.shortfall_percent for s in DeliverySettings.objects.filter(council__in=councils)}
    figure = suppression.Figure(total=items, met=max(items - len(shortfalls), 0))
    words = figure.percent_text if figure.percent is not None or figure.total == 0 else "not shown (small number)"
    chart = bar_chart(
        "chart-delivery",
        "Provision items delivered as promised over the last four weeks",
        [("Delivered as promised", figure.percent, words)],
    )
    return CouncilDelivery(councils, thresholds, items, shortfalls, figure, chart)


def can(access: Access) -> dict[str, bool]:
    """What the person may do here, for the templates."""
    return {
        "can_contribute": access.can(Permission.CONTRIBUTE),
        "can_rate": access.can(Permission.RATE_PROGRESS),
        "can_record_delivery": access.can(Permission.RECORD_DELIVERY),
        "can_manage_review": access.can(Permission.MANAGE_REVIEW),
    }


# --- the home page -------------------------------------------------------------------------------------
#: Who is asked to rate each check-in: the parent, the young person and the school.
RATERS_ASKED = {TeamRole.PARENT_CARER, TeamRole.YOUNG_PERSON, TeamRole.SENCO}
EVERY_WORDS = {rule.Every.TERM: "term", rule.Every.HALF_TERM: "half term", rule.Every.MONTH: "month"}


@dataclasses.dataclass
class RatingDue:
    child: object  # teams Child
    period: rule.Period
    every_word: str
    to_rate: int
    own: bool  # the young person rating their own targets (with faces)


def ratings_due(user, children, *, today: dt.date | None = None) -> list[RatingDue]:
    """For the home page: the children (from ``teams.selectors.children_with_memberships``, so each has
    ``my_memberships``) whose targets ``user`` is asked to rate, as a parent, the young person or the
    school, and has not rated yet in this check-in. Three queries, however many children."""
    today = today or timezone.localdate()
    asked = {}
    for child in children:
        roles = {m.role for m in getattr(child, "my_memberships", [])}
        if roles & RATERS_ASKED:
            asked[child.pk] = (child, TeamRole.YOUNG_PERSON in roles)
    if not asked:
        return []
    targets: dict[object, set] = defaultdict(set)
    for child_id, target_id in Target.objects.filter(child__in=list(asked), ended_at__isnull=True).values_list(
        "child_id", "pk"
    ):
        targets[child_id].add(target_id)
    if not targets:
        return []
    every = dict(CheckInSchedule.objects.filter(child__in=list(targets)).values_list("child_id", "every"))
    periods = {child_id: rule.check_in_period(today, every.get(child_id, rule.Every.TERM)) for child_id in targets}
    rated: dict[object, set] = defaultdict(set)
    for child_id, target_id, key, starts_on, ends_on in Rating.objects.filter(
        target__child__in=list(targets),
        rater_key__in=[str(user.pk), "child"],
        check_in__starts_on__gte=min(p.start for p in periods.values()),
    ).values_list("target__child_id", "target_id", "rater_key", "check_in__starts_on", "check_in__ends_on"):
        period = periods[child_id]
        own = asked[child_id][1]
        if (starts_on, ends_on) == (period.start, period.end) and key == ("child" if own else str(user.pk)):
            rated[child_id].add(target_id)
    due = []
    for child_id, wanted in targets.items():
        child, own = asked[child_id]
        left = len(wanted - rated[child_id])
        if left:
            period = periods[child_id]
            word = EVERY_WORDS[rule.Every(every.get(child_id, rule.Every.TERM))]
            due.append(RatingDue(child, period, word, left, own))
    return sorted(due, key=lambda d: (d.child.family_name, d.child.given_name))
