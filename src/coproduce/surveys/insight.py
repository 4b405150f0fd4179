"""The co-production overview for a local area's boards, drawn from all of Coproduce.

Every figure is a count of records in the area, never a person's record, with its definition beside
it and small numbers suppressed (``rules.suppression`` and ``surveys.figures``). Reaching it is
decided by ``surveys.policy.insight_areas``; the page itself is recorded in the audit trail.

The statutory timeliness figures reuse ``statutory.selectors.plans_issued`` and ``review_decisions``
(the same arithmetic as the council's timeliness page) for every child the council is responsible
for: only the suppressed totals leave this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from coproduce.accounts.models import Organisation
from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.forum.models import LadderRating, RatingSide
from coproduce.plans.models import Agreement, Comment, Plan, Position, View, Whose
from coproduce.rules.clock.dates import ENGLAND_WORKING_DAYS
from coproduce.rules.plan_sections import SECTIONS
from coproduce.rules.suppression import Figure
from coproduce.statutory import charts
from coproduce.surveys import figures, policy
from coproduce.surveys.figures import Cell
from coproduce.surveys.models import CORNERSTONES, Answer, Measure, Template
from coproduce.surveys.selectors import quarter_label, quarter_of

COMMENT_WORKING_DAYS = 10
DOING_WITH = 6  # co-design and co-production on the ladder
QUARTERS_SHOWN = 8


@dataclasses.dataclass
class Measured:
    name: str
    definition: str
    figure: Figure


@dataclasses.dataclass
class AgreementRow:
    section: str
    agree: Cell
    partly: Cell
    disagree: Cell
    total: Cell


@dataclasses.dataclass
class CornerstoneRow:
    period: str
    cells: list[Figure]


@dataclasses.dataclass
class Overview:
    area: Organisation
    areas: list
    year: int
    child_words: Measured
    comments: Measured
    comments_open: str
    agreement: list[AgreementRow]
    cornerstones: list[CornerstoneRow]
    cornerstones_all: list[Measured]
    ladder_families: Measured
    ladder_council: Measured
    ladder_gap: Measured
    plans_on_time: Measured
    reviews_on_time: Measured
    charts: dict


def _area_for(user, area_id) -> tuple[Organisation, list[Organisation]]:
    areas = list(policy.insight_areas(user).order_by("name"))
    if not areas:
        raise Http404
    chosen = next((a for a in areas if str(a.pk) == str(area_id)), areas[0]) if area_id else areas[0]
    return chosen, areas


def child_words(area: Organisation) -> Figure:
    """Plans with at least one view of the child or young person, in their words or pictures, in section A."""
    own = View.objects.filter(plan=OuterRef("pk"), whose=Whose.CHILD).filter(~Q(text="") | ~Q(pictures=[]))
    plans = Plan.objects.filter(child__responsible_council=area).annotate(own=Exists(own))
    counts = plans.aggregate(total=_count(), met=_count(Q(own=True)))
    return Figure(counts["total"], counts["met"])


def _count(condition: Q | None = None):
    from django.db.models import Count

    return Count("id", filter=condition) if condition is not None else Count("id")


def comments_answered(area: Organisation, year: int, today: dt.date) -> tuple[Figure, int]:
    """Family comments made in ``year`` and answered within 10 working days; and those still in time."""
    total = met = still_open = 0
    for created_at, decided_at in Comment.objects.filter(
        plan__child__responsible_council=area, from_family=True, created_at__year=year
    ).values_list("created_at", "decided_at"):
        due = ENGLAND_WORKING_DAYS.add(created_at.date(), COMMENT_WORKING_DAYS)
        if decided_at is None and due >= today:
            still_open += 1
            continue
        total += 1
        met += bool(decided_at and decided_at.date() <= due)
    return Figure(total, met), still_open


def agreement(area: Organisation) -> list[AgreementRow]:
    """Each person's latest position on each section, counted per section."""
    latest: dict[tuple, str] = {}
    for plan_id, section, person_id, position in (
        Agreement.objects.filter(plan__child__responsible_council=area)
        .order_by("recorded_at")
        .values_list("plan_id", "section", "person_id", "position")
    ):
        latest[(plan_id, section, person_id)] = position
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (_, section, _), position in latest.items():
        counts[section][position] += 1
    values = {}
    lines = []
    codes = [s.code for s in SECTIONS if s.code in counts]
    for code in codes:
        row = counts[code]
        values[(code, "total")] = sum(row.values())
        for position in Position.values:
            values[(code, position)] = row.get(position, 0)
        lines.append(((code, "total"), [(code, p) for p in Position.values]))
    hidden = figures.protect(values, lines)

    def cell(code, key):
        return Cell(values[(code, key)], (code, key) in hidden, values[(code, "total")])

    titles = {s.code: s.label for s in SECTIONS}
    return [
        AgreementRow(
            titles[code],
            cell(code, Position.AGREE),
            cell(code, Position.PARTLY),
            cell(code, Position.DISAGREE),
            Cell(values[(code, "total")], (code, "total") in hidden),
        )
        for code in codes
    ]


def cornerstones(area: Organisation) -> tuple[list[CornerstoneRow], list[Measured]]:
    """Answers of 4 or 5 out of 5 ("mostly" or "completely") to each cornerstone, by quarter."""
    by_period: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for measure, score, day in Answer.objects.filter(
        question__survey__local_area=area,
        question__survey__template=Template.CORNERSTONES,
        question__measure__in=CORNERSTONES,
        option__isnull=False,
    ).values_list("question__measure", "option__score", "response__submitted_on"):
        period = quarter_of(day)
        for bucket in (by_period[period][measure], overall[measure]):
            bucket[0] += 1
            bucket[1] += bool(score and score >= 4)
    periods = sorted(by_period)[-QUARTERS_SHOWN:]
    rows = [CornerstoneRow(quarter_label(p), [Figure(*by_period[p][m]) for m in CORNERSTONES]) for p in periods]
    labels = dict(Measure.choices)
    total = [
        Measured(labels[m], "Answers of 'mostly' or 'completely', out of all answers.", Figure(*overall[m]))
        for m in CORNERSTONES
    ]
    return rows, total


def ladder(area: Organisation, year: int) -> tuple[Figure, Figure, Figure]:
    ratings: dict = defaultdict(dict)
    for decision_id, side, rung in LadderRating.objects.filter(
        decision__workstream__local_area=area, decision__decided_on__year=year
    ).values_list("decision_id", "side", "rung"):
        ratings[decision_id][side] = rung
    families = [r[RatingSide.FAMILIES] for r in ratings.values() if RatingSide.FAMILIES in r]
    council = [r[RatingSide.COUNCIL] for r in ratings.values() if RatingSide.COUNCIL in r]
    both = [r for r in ratings.values() if len(r) == 2]
    return (
        Figure(len(families), sum(1 for rung in families if rung >= DOING_WITH)),
        Figure(len(council), sum(1 for rung in council if rung >= DOING_WITH)),
        Figure(len(both), sum(1 for r in both if abs(r[RatingSide.FAMILIES] - r[RatingSide.COUNCIL]) < 2)),
    )


def timeliness(area: Organisation, year: int) -> tuple[Figure, Figure]:
    from coproduce.statutory.selectors import plans_issued, review_decisions
    from coproduce.teams.models import Child

    children = Child.objects.filter(responsible_council=area)
    issued = plans_issued(children, year)
    reviews = review_decisions(children, year)
    return (
        Figure(len(issued), sum(1 for _, within, _ in issued if within)),
        Figure(len(reviews), sum(1 for _, within in reviews if within)),
    )


def _row(label: str, figure: Figure) -> tuple[str, int | None, str]:
    if figure.total == 0:
        return (label, None, "none")
    words = figure.percent_text if figure.percent is not None else figures.HIDDEN
    return (label, figure.percent, words)


def overview(actor: Actor, user, *, area_id=None, year: int, today: dt.date) -> Overview:
    area, areas = _area_for(user, area_id)
    record(actor, AuditAction.VIEWED, what="Looked at the co-production overview", obj=area)
    words = child_words(area)
    answered, still_open = comments_answered(area, year, today)
    rows, cornerstone_totals = cornerstones(area)
    families, council, gap = ladder(area, year)
    plans_on_time, reviews_on_time = timeliness(area, year)
    result = Overview(
        area=area,
        areas=areas,
        year=year,
        child_words=Measured(
            "Plans with the child's or young person's own words in section A",
            "Plans (draft, final or being amended) with at least one view in section A given by the child or "
            "young person themselves, in words or pictures, out of all plans.",
            words,
        ),
        comments=Measured(
            "Family comments answered within 10 working days",
            f"Comments and suggested changes made by families in {year}, and how many the council answered "
            "with a decision within 10 working days (Monday to Friday, not counting bank holidays in England). "
            "Comments still within their 10 days are left out.",
            answered,
        ),
        comments_open=figures.count_text(still_open),
        agreement=agreement(area),
        cornerstones=rows,
        cornerstones_all=cornerstone_totals,
        ladder_families=Measured(
            "Decisions parent representatives placed at co-design or co-production",
            f"Decisions of the area's boards and workstreams made in {year} that parent representatives "
            "rated, and how many they placed on the top two rungs of the ladder of co-production.",
            families,
        ),
        ladder_council=Measured(
            "Decisions council officers placed at co-design or co-production",
            "The same, as council officers rated them.",
            council,
        ),
        ladder_gap=Measured(
            "Decisions where both sides saw it the same way",
            "Decisions rated by both sides, and how many were rated less than 2 rungs apart.",
            gap,
        ),
        plans_on_time=Measured(
            "New EHC plans issued within 20 weeks",
            f"Plans issued in {year}, and how many within 20 weeks of the request (exceptions included), "
            "as on the council's timeliness page.",
            plans_on_time,
        ),
        reviews_on_time=Measured(
            "Annual review decisions within 4 weeks of the meeting",
            f"Decisions made in {year} after an annual review meeting, and how many within 4 weeks of it.",
            reviews_on_time,
        ),
        charts={},
    )
    result.charts = {
        "plans": charts.bar_chart(
            "chart-plans-together",
            "How plans are written together",
            [
                _row("Child's own words", words),
                _row("Comments answered in time", answered),
            ],
        ),
        "cornerstones": charts.bar_chart(
            "chart-cornerstones",
            "Four Cornerstones: answers of 'mostly' or 'completely'",
            [_row(m.name, m.figure) for m in cornerstone_totals],
        ),
        "ladder": charts.bar_chart(
            "chart-ladder-area",
            f"Decisions at co-design or co-production in {year}",
            [_row("Parent representatives", families), _row("Council officers", council)],
        ),
        "timeliness": charts.bar_chart(
            "chart-timeliness-area",
            f"Statutory time limits met in {year}",
            [_row("Plans within 20 weeks", plans_on_time), _row("Reviews within 4 weeks", reviews_on_time)],
        ),
    }
    return result
