"""Reads of surveys, always through ``surveys/policy.py``; results always suppressed.

Single things are loaded inside what the person may see, or answered with 404. Results are counted
in a fixed number of queries, however many responses there are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.statutory import charts
from coproduce.surveys import figures, flow, policy
from coproduce.surveys.figures import Cell
from coproduce.surveys.models import (
    Answer,
    ContactConsent,
    Group,
    Option,
    PlanStage,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyAnalyst,
    SurveyStatus,
    Theme,
    ThemeStatus,
    ThemeTag,
)
from coproduce.surveys.policy import Permission, SurveyAccess


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise Http404 from None


# Loading a survey's questions.


def load(survey: Survey) -> flow.Loaded:
    """The questions in order (section, then position), with options and conditions: three queries."""
    questions = list(
        Question.objects.filter(survey=survey)
        .select_related("section")
        .prefetch_related(Prefetch("show_if_options", queryset=Option.objects.only("id")))
        .order_by("section__position", "position")
    )
    options: dict[str, list] = defaultdict(list)
    for option in Option.objects.filter(question__survey=survey).order_by("position"):
        options[str(option.question_id)].append(option)
    conditions = {str(q.pk): {str(o.pk) for o in q.show_if_options.all()} for q in questions}
    return flow.Loaded(questions=questions, options=dict(options), conditions=conditions)


def question_in(survey: Survey, question_id) -> Question:
    question = Question.objects.filter(survey=survey, pk=_uuid(question_id)).select_related("section").first()
    if question is None:
        raise Http404
    return question


def section_in(survey: Survey, section_id) -> Section:
    section = Section.objects.filter(survey=survey, pk=_uuid(section_id)).first()
    if section is None:
        raise Http404
    return section


def _order_key(question: Question) -> tuple[int, int]:
    return (question.section.position, question.position)


def comes_before(first: Question, second: Question) -> bool:
    return _order_key(first) < _order_key(second)


def question_number(question: Question) -> int:
    ordered = list(
        Question.objects.filter(survey_id=question.survey_id)
        .order_by("section__position", "position")
        .values_list("id", flat=True)
    )
    return ordered.index(question.pk) + 1


# Management pages.


def survey_access(user, survey_id, permission: Permission = Permission.VIEW) -> SurveyAccess:
    """The survey if ``user`` may see it and do ``permission``, else 404."""
    survey = Survey.objects.select_related("local_area", "forum").filter(pk=_uuid(survey_id)).first()
    if survey is None:
        raise Http404
    access = policy.access_for(user, survey)
    if access is None or not access.can(permission):
        raise Http404
    return access


def surveys_list(user) -> list[Survey]:
    return list(
        policy.surveys_visible_to(user)
        .select_related("local_area")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at")
    )


def builder_page(access: SurveyAccess) -> dict:
    loaded = load(access.survey)
    sections = list(Section.objects.filter(survey=access.survey).order_by("position"))
    by_section: dict = defaultdict(list)
    numbers = {}
    for number, question in enumerate(loaded.questions, start=1):
        numbers[question.pk] = number
        question.number = number
        question.option_list = loaded.options_of(question)
        by_section[question.section_id].append(question)
    for question in loaded.questions:
        question.condition_number = numbers.get(question.show_if_id)
        question.condition_labels = [
            o.label
            for o in loaded.options.get(str(question.show_if_id), [])
            if str(o.pk) in loaded.conditions[str(question.pk)]
        ]
    for section in sections:
        section.question_list = by_section.get(section.pk, [])
    responses = access.survey.responses.count()
    return {"sections": sections, "question_count": len(loaded.questions), "response_count": responses}


def condition_choices(survey: Survey, question: Question | None) -> list[tuple[str, str]]:
    """(option id, words) for every answer of an earlier choice question, for "show this question only if"."""
    loaded = load(survey)
    choices = []
    for number, candidate in enumerate(loaded.questions, start=1):
        if question is not None and (candidate.pk == question.pk or not comes_before(candidate, question)):
            continue
        if not candidate.is_choice:
            continue
        for option in loaded.options_of(candidate):
            choices.append((str(option.pk), f'Question {number}, "{candidate.text}", is answered "{option.label}"'))
    return choices


def options_by_id(survey: Survey, ids) -> list[Option]:
    return list(Option.objects.filter(question__survey=survey, pk__in=ids))


# Answering.


def public_survey(slug: str) -> Survey:
    """A published survey, open or closed, by its public link. Drafts are "not found"."""
    survey = Survey.objects.filter(slug=slug).exclude(status=SurveyStatus.DRAFT).first()
    if survey is None:
        raise Http404
    return survey


# Results, suppressed.


@dataclasses.dataclass(frozen=True)
class Filters:
    group: str = ""
    period: str = ""  # "2026Q1"
    breakdown: str = ""  # "group", or a question's id

    @property
    def active(self) -> bool:
        return bool(self.group or self.period)


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_range(value: str) -> tuple[dt.date, dt.date]:
    year, quarter = int(value[:4]), int(value[5:])
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    return start, end


def quarter_label(value: str) -> str:
    start, end = quarter_range(value)
    return f"{start:%B} to {end:%B} {start.year}"


def periods_of(survey: Survey) -> list[tuple[str, str]]:
    months = Response.objects.filter(survey=survey).dates("submitted_on", "month")
    quarters = sorted({quarter_of(month) for month in months})
    return [(value, quarter_label(value)) for value in quarters]


@dataclasses.dataclass
class OptionRow:
    label: str
    total: Cell
    cells: list[Cell]


@dataclasses.dataclass
class QuestionResult:
    question: Question
    number: int
    answered: Cell
    answered_by_column: list[Cell]
    rows: list[OptionRow]
    mean_text: str = ""
    chart: object = None
    you_said: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Results:
    survey: Survey
    filters: Filters
    responses: Cell
    refused: str | None
    questions: list[QuestionResult]
    columns: list[str]
    column_bases: list[Cell]
    periods: list[tuple[str, str]]
    breakdowns: list[tuple[str, str]]

    @property
    def shown(self) -> bool:
        return self.refused is None


def _scope(survey: Survey, filters: Filters) -> QuerySet[Response]:
    responses = Response.objects.filter(survey=survey)
    if filters.group:
        responses = responses.filter(group=filters.group)
    if filters.period:
        start, end = quarter_range(filters.period)
        responses = responses.filter(submitted_on__range=(start, end))
    return responses


def filter_refusal(survey: Survey, filters: Filters) -> str | None:
    """Whether the filter would reveal a small number, compared with every view anyone can open."""
    if not filters.active:
        return None
    group_q = Q(group=filters.group) if filters.group else Q()
    period_q = Q()
    if filters.period:
        period_q = Q(submitted_on__range=quarter_range(filters.period))
    found = Response.objects.filter(survey=survey).aggregate(
        n_total=Count("id"),
        n_group=Count("id", filter=group_q),
        n_period=Count("id", filter=period_q),
        n_both=Count("id", filter=group_q & period_q),
    )
    counts = {key.removeprefix("n_"): value for key, value in found.items()}
    words = []
    if filters.group:
        words.append(Group(filters.group).label.lower())
    if filters.period:
        words.append(f"answers from {quarter_label(filters.period)}")
    what = " and ".join(words)
    comparisons = [(counts["total"], counts["both"])]
    if filters.group and filters.period:
        comparisons += [(counts["group"], counts["both"]), (counts["period"], counts["both"])]
    for total, part in comparisons:
        reason = figures.refusal(total=total, part=part, what=what)
        if reason:
            return reason
    return None


def _columns(survey: Survey, loaded: flow.Loaded, filters: Filters) -> tuple[list[tuple[str, str]], object]:
    """The breakdown's columns (key, label) and the expression giving each answer's column."""
    if filters.breakdown == "group":
        return [(value, label) for value, label in Group.choices], "response__group"
    if filters.breakdown:
        by = next((q for q in loaded.questions if str(q.pk) == filters.breakdown and q.is_exclusive), None)
        if by is None:
            return [], None
        columns = [(str(o.pk), o.label) for o in loaded.options_of(by)] + [("", "No answer")]
        return columns, by
    return [], None


def results(actor: Actor, access: SurveyAccess, filters: Filters) -> Results:
    """Every question's results under ``filters``, suppressed; refused (with the reason) when a filter or
    breakdown would reveal a small number. Records that the results were looked at."""
    survey = access.survey
    record(
        actor, AuditAction.VIEWED, what="Looked at the results of a survey", obj=survey, actor_role=access.role_label
    )
    loaded = load(survey)
    periods = periods_of(survey)
    breakdowns = [("", "No breakdown"), ("group", "Who answered")] + [
        (str(q.pk), f"Answer to question {n}") for n, q in enumerate(loaded.questions, start=1) if q.is_exclusive
    ]
    scope = _scope(survey, filters)
    column_keys, by = _columns(survey, loaded, filters)
    empty = Results(survey, filters, Cell(0, False), None, [], [], [], periods, breakdowns)

    refused = filter_refusal(survey, filters)
    if refused:
        empty.refused = refused
        return empty
    n = scope.count()
    empty.responses = Cell(n, figures.is_small(n))

    # Each response's column, in one expression: its group, or its answer to the breakdown question.
    if isinstance(by, Question):
        column_of_response = Subquery(
            Answer.objects.filter(response=OuterRef("pk"), question=by).values("option_id")[:1]
        )
        bases_rows = scope.annotate(col=column_of_response).values("col").annotate(n=Count("id")).order_by()
        column_of_answer = Subquery(
            Answer.objects.filter(response=OuterRef("response_id"), question=by).values("option_id")[:1]
        )
    elif by == "response__group":
        bases_rows = scope.annotate(col=F("group")).values("col").annotate(n=Count("id")).order_by()
        column_of_answer = None
    else:
        bases_rows = []
        column_of_answer = None
    bases = {str(row["col"] or ""): row["n"] for row in bases_rows}
    if column_keys:
        labels = dict(column_keys)
        refused = figures.breakdown_refusal(
            {labels[key]: bases.get(key, 0) for key, _ in column_keys},
            what="who answered" if by == "response__group" else f"question {question_number(by)}",
        )
        if refused:
            empty.refused = refused
            return empty

    answers = Answer.objects.filter(response__in=scope)
    if column_of_answer is not None:
        answers = answers.annotate(col=column_of_answer)
        col_field = "col"
    elif by == "response__group":
        col_field = "response__group"
    else:
        col_field = None
    fields = ["question_id", "option_id"] + ([col_field] if col_field else [])
    option_counts = {
        (row["question_id"], row["option_id"], str(row.get(col_field) or "") if col_field else "t"): row["n"]
        for row in answers.filter(option__isnull=False)
        .values(*fields)
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    }
    answered_fields = ["question_id"] + ([col_field] if col_field else [])
    answered_counts = {
        (row["question_id"], str(row.get(col_field) or "") if col_field else "t"): row["n"]
        for row in answers.values(*answered_fields).annotate(n=Count("response_id", distinct=True)).order_by()
    }
    you_said = _you_said_by_source("surveys.question", [str(q.pk) for q in loaded.questions])

    keys = [key for key, _ in column_keys]
    questions = []
    hidden_by_question: dict = {}
    for number, question in enumerate(loaded.questions, start=1):
        # A question shown only after certain answers is answered by (about) as many people as gave them:
        # if those answers are hidden, so is how many answered it.
        forced = set()
        if question.show_if_id is not None:
            wanted = loaded.conditions.get(str(question.pk), set())
            parent_hidden = hidden_by_question.get(question.show_if_id, set())
            for col in ["t", *keys]:
                if any((col, o) in parent_hidden for o in (uuid.UUID(w) for w in wanted)):
                    forced.add((col, "answered"))
        result, hidden = _question_result(
            question,
            number,
            loaded.options_of(question),
            keys,
            option_counts,
            answered_counts,
            bool(column_keys),
            forced,
        )
        hidden_by_question[question.pk] = hidden
        result.you_said = you_said.get(str(question.pk), [])
        questions.append(result)
    return Results(
        survey=survey,
        filters=filters,
        responses=Cell(n, figures.is_small(n)),
        refused=None,
        questions=questions,
        columns=[label for _, label in column_keys],
        column_bases=[Cell(bases.get(key, 0), figures.is_small(bases.get(key, 0))) for key in keys],
        periods=periods,
        breakdowns=breakdowns,
    )


def _question_result(question, number, options, keys, option_counts, answered_counts, broken_down, forced=frozenset()):
    qid = question.pk
    columns = ["t", *keys]

    def total_of(col: str, option_id) -> int:
        if col == "t":
            if broken_down:
                return sum(option_counts.get((qid, option_id, k), 0) for k in keys)
            return option_counts.get((qid, option_id, "t"), 0)
        return option_counts.get((qid, option_id, col), 0)

    def answered_of(col: str) -> int:
        if col == "t":
            if broken_down:
                return sum(answered_counts.get((qid, k), 0) for k in keys)
            return answered_counts.get((qid, "t"), 0)
        return answered_counts.get((qid, col), 0)

    values = {}
    for col in columns:
        values[(col, "answered")] = answered_of(col)
        for option in options:
            values[(col, option.pk)] = total_of(col, option.pk)
    lines = []
    also_hide = set(forced)
    if question.is_exclusive:
        for col in columns:
            lines.append(((col, "answered"), [(col, o.pk) for o in options]))
    else:
        for col in columns:
            for option in options:
                if figures.is_small(values[(col, "answered")] - values[(col, option.pk)]):
                    also_hide.add((col, option.pk))
            if figures.is_small(values[(col, "answered")]):
                also_hide.update((col, o.pk) for o in options)
    if broken_down:
        lines.append((("t", "answered"), [(k, "answered") for k in keys]))
        for option in options:
            lines.append((("t", option.pk), [(k, option.pk) for k in keys]))
    hidden = figures.protect(values, lines, also_hide=also_hide)

    def cell(col, key) -> Cell:
        return Cell(values[(col, key)], (col, key) in hidden, values[(col, "answered")])

    rows = [OptionRow(option.label, cell("t", option.pk), [cell(k, option.pk) for k in keys]) for option in options]
    answered = Cell(values[("t", "answered")], ("t", "answered") in hidden)
    result = QuestionResult(
        question=question,
        number=number,
        answered=answered,
        answered_by_column=[Cell(values[(k, "answered")], (k, "answered") in hidden) for k in keys],
        rows=rows,
    )
    if question.kind == QuestionKind.RATING and options:
        total_cells = [cell("t", o.pk) for o in options]
        if answered.count and not answered.hidden and not any(c.hidden for c in total_cells):
            mean = sum((o.score or 0) * c.count for o, c in zip(options, total_cells, strict=True)) / answered.count
            result.mean_text = f"{mean:.1f} out of {len(options)}"
        elif answered.count:
            result.mean_text = figures.HIDDEN
    if question.is_choice:
        result.chart = charts.bar_chart(
            f"chart-q{number}",
            f"Question {number}: {question.text}",
            [(row.label, row.total.percent, row.total.percent_text if row.total.base else "none") for row in rows],
        )
    return result, hidden


def _you_said_by_source(source_app: str, ids: list[str]) -> dict[str, list]:
    from coproduce.forum.models import YouSaidItem

    found: dict[str, list] = defaultdict(list)
    for item in YouSaidItem.objects.filter(source_app=source_app, source_id__in=ids).order_by("created_at"):
        found[item.source_id].append(item)
    return found


def results_csv_rows(results_: Results) -> list[list[str]]:
    """The results table as CSV rows: the same suppression as on the page."""
    header = ["Question number", "Question", "Answer"]
    if results_.columns:
        for label in ["All", *results_.columns]:
            header += [f"{label}: people", f"{label}: per cent"]
    else:
        header += ["People", "Per cent"]
    rows = [header]
    if results_.refused:
        return rows + [["", results_.refused, ""]]
    rows.append(["", "Responses", "", results_.responses.csv])
    for result in results_.questions:
        if result.question.is_free_text:
            rows.append([str(result.number), result.question.text, "Answered in their own words", result.answered.csv])
            continue
        rows.append([str(result.number), result.question.text, "Answered", result.answered.csv, ""])
        for row in result.rows:
            line = [str(result.number), result.question.text, row.label, row.total.csv, row.total.percent_text]
            for c in row.cells:
                line += [c.csv, c.percent_text]
            rows.append(line)
    return rows


def raw_answers(actor: Actor, access: SurveyAccess) -> list[list[str]]:
    """Every response, one row each, for analysts. The download is recorded in the audit trail."""
    if not access.can(Permission.ANALYSE):
        raise Http404
    survey = access.survey
    record(
        actor,
        AuditAction.DOWNLOADED,
        what="Downloaded the raw answers to a survey",
        obj=survey,
        actor_role=access.role_label,
    )
    loaded = load(survey)
    labels = {str(o.pk): o.label for options in loaded.options.values() for o in options}
    by_response: dict = defaultdict(lambda: defaultdict(list))
    for answer in Answer.objects.filter(question__survey=survey).values(
        "response_id", "question_id", "option_id", "text"
    ):
        value = labels.get(str(answer["option_id"]), "") if answer["option_id"] else answer["text"]
        by_response[answer["response_id"]][answer["question_id"]].append(value)
    header = ["Response", "Month", "Who answered", "After plan stage", "Version with pictures"]
    header += [f"{n}. {q.text}" for n, q in enumerate(loaded.questions, start=1)]
    rows = [header]
    responses = (
        Response.objects.filter(survey=survey).order_by("id").values("id", "submitted_on", "group", "stage", "easy")
    )
    for number, response in enumerate(responses, start=1):
        answers = by_response.get(response["id"], {})
        rows.append(
            [
                str(number),
                f"{response['submitted_on']:%Y-%m}",
                Group(response["group"]).label,
                PlanStage(response["stage"]).label if response["stage"] else "",
                "yes" if response["easy"] else "no",
                *["; ".join(answers.get(q.pk, [])) for q in loaded.questions],
            ]
        )
    return rows


# Free text and themes: analysts only.


ACTIVE_THEMES = (ThemeStatus.SUGGESTED, ThemeStatus.ACCEPTED)


def free_text_question(access: SurveyAccess, question_id) -> Question:
    if not access.can(Permission.ANALYSE):
        raise Http404
    question = question_in(access.survey, question_id)
    if not question.is_free_text:
        raise Http404
    return question


def free_text_answers(actor: Actor, access: SurveyAccess, question: Question, theme_id=None) -> list[Answer]:
    """The words people wrote, with their themes. Reading them is recorded in the audit trail."""
    record(
        actor,
        AuditAction.VIEWED,
        what="Read the free-text answers to a survey question",
        obj=question,
        actor_role=access.role_label,
    )
    answers = (
        Answer.objects.filter(question=question)
        .exclude(text="")
        .select_related("response")
        .prefetch_related(Prefetch("tags", queryset=ThemeTag.objects.select_related("theme").order_by("theme__name")))
        .order_by("response__submitted_on", "id")
    )
    if theme_id:
        answers = answers.filter(tags__theme_id=_uuid(theme_id))
    return list(answers)


def answer_to_tag(access: SurveyAccess, answer_id) -> Answer:
    if not access.can(Permission.ANALYSE):
        raise Http404
    answer = (
        Answer.objects.filter(
            pk=_uuid(answer_id), question__survey=access.survey, question__kind=QuestionKind.FREE_TEXT
        )
        .select_related("question")
        .first()
    )
    if answer is None:
        raise Http404
    return answer


def themes_to_tag(survey: Survey) -> QuerySet[Theme]:
    return Theme.objects.filter(survey=survey, status__in=ACTIVE_THEMES).order_by("name")


def theme_in(access: SurveyAccess, theme_id) -> Theme:
    if not access.can(Permission.ANALYSE):
        raise Http404
    theme = Theme.objects.filter(survey=access.survey, pk=_uuid(theme_id)).select_related("merged_into").first()
    if theme is None:
        raise Http404
    return theme


@dataclasses.dataclass
class ThemeRow:
    theme: Theme
    count: Cell
    by_period: list[Cell]
    you_said: list


def themes_page(access: SurveyAccess) -> dict:
    """Every theme with how many answers it has, over time (by quarter), suppressed."""
    if not access.can(Permission.ANALYSE):
        raise Http404
    survey = access.survey
    themes = list(
        Theme.objects.filter(survey=survey).select_related("question", "merged_into").order_by("status", "name")
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    for row in (
        ThemeTag.objects.filter(theme__survey=survey)
        .values("theme_id", "answer__response__submitted_on")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["theme_id"]][quarter_of(row["answer__response__submitted_on"])] += row["n"]
    periods = sorted({period for by in counts.values() for period in by})
    values = {}
    lines = []
    for theme in themes:
        total = sum(counts[theme.pk].values())
        values[(theme.pk, "all")] = total
        for period in periods:
            values[(theme.pk, period)] = counts[theme.pk].get(period, 0)
        lines.append(((theme.pk, "all"), [(theme.pk, p) for p in periods]))
    hidden = figures.protect(values, lines)
    you_said = _you_said_by_source("surveys.theme", [str(t.pk) for t in themes])
    rows = [
        ThemeRow(
            theme,
            Cell(values[(theme.pk, "all")], (theme.pk, "all") in hidden),
            [Cell(values[(theme.pk, p)], (theme.pk, p) in hidden) for p in periods],
            you_said.get(str(theme.pk), []),
        )
        for theme in themes
    ]
    active = [row for row in rows if row.theme.status in ACTIVE_THEMES]
    return {
        "suggested": [row for row in active if row.theme.status == ThemeStatus.SUGGESTED],
        "accepted": [row for row in active if row.theme.status == ThemeStatus.ACCEPTED],
        "closed": [row for row in rows if row.theme.status not in ACTIVE_THEMES],
        "periods": [(p, quarter_label(p)) for p in periods],
        "over_time": [row for row in rows if row.theme.status == ThemeStatus.ACCEPTED],
        "free_text_questions": [q for q in load(survey).questions if q.is_free_text],
    }


def theme_detail(actor: Actor, access: SurveyAccess, theme: Theme) -> dict:
    answers = free_text_answers(actor, access, theme.question, theme.pk) if theme.question else []
    if theme.question is None:
        answers = list(Answer.objects.filter(tags__theme=theme).order_by("id"))
    count = len(answers)
    return {
        "answers": answers,
        "count": Cell(count, figures.is_small(count)),
        "others": list(
            Theme.objects.filter(survey=access.survey, status__in=ACTIVE_THEMES).exclude(pk=theme.pk).order_by("name")
        ),
        "you_said": _you_said_by_source("surveys.theme", [str(theme.pk)]).get(str(theme.pk), []),
    }


# The contact list and analysts: the forum coordinator.


def contacts(actor: Actor, user, *, download: bool = False) -> list[ContactConsent]:
    if not policy.may_see_contacts(user):
        raise Http404
    record(
        actor,
        AuditAction.DOWNLOADED if download else AuditAction.VIEWED,
        what="Downloaded the list of people happy to talk"
        if download
        else "Looked at the list of people happy to talk",
        actor_role="Forum coordinator",
    )
    return list(
        ContactConsent.objects.current()
        .filter(local_area__in=policy.contact_areas(user))
        .select_related("survey")
        .order_by("-given_on", "name")
    )


def analysts(user) -> list[SurveyAnalyst]:
    if not policy.may_see_contacts(user):
        raise Http404
    return list(
        SurveyAnalyst.objects.current()
        .filter(local_area__in=policy.contact_areas(user))
        .select_related("user", "local_area")
        .order_by("user__full_name")
    )


def analyst_to_end(user, analyst_id) -> SurveyAnalyst:
    analyst = (
        SurveyAnalyst.objects.current()
        .filter(pk=_uuid(analyst_id), local_area__in=policy.contact_areas(user))
        .select_related("user")
        .first()
    )
    if analyst is None:
        raise Http404
    return analyst


def today() -> dt.date:
    return timezone.localdate()
