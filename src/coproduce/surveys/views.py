"""Pages for answering surveys (public, no sign-in), building them, and reading their results.

Thin: each reads through a selector or writes through an action, and renders. A respondent's answers
live in their session (a cookie and a server-side record, no account) until they send them; then the
session forgets them, so nobody, not even the respondent, can see them again.
"""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused
from coproduce.forum import selectors as forum_selectors
from coproduce.surveys import actions, flow, forms, policy, selectors
from coproduce.surveys import insight as insight_selectors
from coproduce.surveys.models import AUDIENCE_GROUP, Group, PlanStage, QuestionKind
from coproduce.surveys.policy import Permission

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


# Answering: the respondent's session.


def _key(survey) -> str:
    return f"coproduce.survey.{survey.pk}"


def _state(request, survey) -> dict:
    state = request.session.get(_key(survey)) or {}
    state.setdefault("answers", {})
    state.setdefault("group", AUDIENCE_GROUP.get(survey.audience, ""))
    state.setdefault("stage", "")
    state.setdefault("easy", survey.for_young_people)
    return state


def _save(request, survey, state: dict) -> None:
    request.session[_key(survey)] = state
    request.session.modified = True


def _page(request, survey, template: str, state: dict, status: int = 200, **context):
    return render(
        request,
        template,
        {"survey": survey, "easy": state["easy"], "state": state, **context},
        status=status,
    )


def _first_step(survey, state) -> str:
    if survey.asks_group and not state.get("group"):
        return reverse("surveys:about-you", kwargs={"survey_slug": survey.slug})
    return reverse("surveys:question", kwargs={"survey_slug": survey.slug, "number": 1})


@require_GET
def start(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    state = _state(request, survey)
    version = request.GET.get("version")
    if version in ("easy", "standard"):
        state["easy"] = version == "easy"
    if request.GET.get("after") in PlanStage.values:
        state["stage"] = request.GET["after"]
    _save(request, survey, state)
    return _page(
        request, survey, "surveys/public/start.html", state, open=survey.is_open(), first=_first_step(survey, state)
    )


@GET_POST
def about_you(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    if not survey.is_open() or not survey.asks_group:
        return redirect("surveys:start", survey_slug=survey.slug)
    state = _state(request, survey)
    form = forms.GroupForm(_posted(request), initial={"group": state.get("group")})
    if request.method == "POST" and form.is_valid():
        state["group"] = form.cleaned_data["group"]
        _save(request, survey, state)
        return redirect("surveys:question", survey_slug=survey.slug, number=1)
    return _page(request, survey, "surveys/public/about_you.html", state, form=form)


@GET_POST
def question(request, survey_slug, number):
    survey = selectors.public_survey(survey_slug)
    if not survey.is_open():
        return redirect("surveys:start", survey_slug=survey.slug)
    state = _state(request, survey)
    if survey.asks_group and not state.get("group"):
        return redirect("surveys:about-you", survey_slug=survey.slug)
    loaded = selectors.load(survey)
    answers = state["answers"]
    shown = flow.shown(loaded, answers)
    if number < 1 or number > len(shown):
        return redirect("surveys:check", survey_slug=survey.slug)
    asked = shown[number - 1]
    initial = {"answer": answers.get(str(asked.pk))}
    form = forms.AnswerForm(
        _posted(request), initial=initial, question=asked, options=loaded.options_of(asked), easy=state["easy"]
    )
    if request.method == "POST" and form.is_valid():
        answers[str(asked.pk)] = form.value()
        state["answers"] = flow.clean(loaded, answers)
        _save(request, survey, state)
        now_shown = flow.shown(loaded, state["answers"])
        if request.GET.get("change"):
            waiting = next((q for q in now_shown if str(q.pk) not in state["answers"]), None)
            if waiting is None:
                return redirect("surveys:check", survey_slug=survey.slug)
            return redirect("surveys:question", survey_slug=survey.slug, number=now_shown.index(waiting) + 1)
        if number < len(now_shown):
            return redirect("surveys:question", survey_slug=survey.slug, number=number + 1)
        return redirect("surveys:check", survey_slug=survey.slug)
    if number > 1:
        back = reverse("surveys:question", kwargs={"survey_slug": survey.slug, "number": number - 1})
    elif survey.asks_group:
        back = reverse("surveys:about-you", kwargs={"survey_slug": survey.slug})
    else:
        back = reverse("surveys:start", kwargs={"survey_slug": survey.slug})
    return _page(
        request,
        survey,
        "surveys/public/question.html",
        state,
        form=form,
        question=asked,
        number=number,
        total=len(shown),
        back=back,
        change=bool(request.GET.get("change")),
    )


def _summary(survey, loaded, state) -> list[dict]:
    rows = []
    labels = {str(o.pk): o for options in loaded.options.values() for o in options}
    for number, asked in enumerate(flow.shown(loaded, state["answers"]), start=1):
        value = state["answers"].get(str(asked.pk))
        if asked.kind == QuestionKind.FREE_TEXT:
            answer = [value] if value else []
        else:
            answer = [
                (labels[v].easy_label or labels[v].label) if state["easy"] else labels[v].label
                for v in sorted(flow.chosen(value), key=lambda v: labels[v].position if v in labels else 0)
                if v in labels
            ]
        rows.append(
            {
                "number": number,
                "question": asked.easy_text if state["easy"] and asked.easy_text else asked.text,
                "answer": answer,
                "missing": asked.required and not flow.is_answered(asked, value),
            }
        )
    return rows


@GET_POST
def check(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    if not survey.is_open():
        return redirect("surveys:start", survey_slug=survey.slug)
    state = _state(request, survey)
    if survey.asks_group and not state.get("group"):
        return redirect("surveys:about-you", survey_slug=survey.slug)
    loaded = selectors.load(survey)
    form = forms.CheckAnswersForm(_posted(request))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.SubmitResponse(
                Actor.from_request(request),
                survey=survey,
                answers=state["answers"],
                group=state.get("group"),
                stage=state.get("stage"),
                easy=state.get("easy"),
                submission_key=form.cleaned_data["submission_key"],
                honeypot=form.cleaned_data.get(forms.HONEYPOT),
            ).execute()
        except actions.TooManySubmissions as refusal:
            return _page(request, survey, "surveys/public/too_many.html", state, status=429, message=refusal.message)
        except ActionRefused as refusal:
            error = refusal.message
        else:
            easy = state["easy"]
            request.session.pop(_key(survey), None)
            request.session[f"{_key(survey)}.sent"] = {"easy": easy}
            return redirect("surveys:done", survey_slug=survey.slug)
    rows = _summary(survey, loaded, state)
    group = Group(state["group"]).label if survey.asks_group and state.get("group") else ""
    return _page(request, survey, "surveys/public/check.html", state, form=form, rows=rows, group=group, error=error)


@require_GET
def done(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    sent = request.session.get(f"{_key(survey)}.sent")
    if sent is None:
        return redirect("surveys:start", survey_slug=survey.slug)
    return _page(request, survey, "surveys/public/done.html", {"easy": sent.get("easy", False)})


@GET_POST
def talk(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    state = _state(request, survey)
    form = forms.ConsentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent = actions.GiveConsent(
                Actor.from_request(request),
                survey=survey,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                way=data["way"],
                honeypot=data.get(forms.HONEYPOT),
            ).execute()
        except actions.TooManySubmissions as refusal:
            return _page(request, survey, "surveys/public/too_many.html", state, status=429, message=refusal.message)
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            request.session[f"{_key(survey)}.withdraw"] = actions.withdraw_token(consent) if consent else ""
            return redirect("surveys:talk-done", survey_slug=survey.slug)
    return _page(request, survey, "surveys/public/talk.html", state, form=form)


@require_GET
def talk_done(request, survey_slug):
    survey = selectors.public_survey(survey_slug)
    token = request.session.get(f"{_key(survey)}.withdraw")
    if token is None:
        return redirect("surveys:talk", survey_slug=survey.slug)
    link = request.build_absolute_uri(reverse("surveys:withdraw", kwargs={"withdraw_token": token})) if token else ""
    return _page(request, survey, "surveys/public/talk_done.html", _state(request, survey), withdraw_link=link)


@GET_POST
def withdraw(request, withdraw_token):
    consent = actions.consent_from_token(withdraw_token)
    error = None
    withdrawn = consent.withdrawn_on is not None
    if request.method == "POST" and not withdrawn:
        try:
            actions.WithdrawConsent(Actor.from_request(request), consent=consent).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            withdrawn = True
    return render(
        request,
        "surveys/public/withdraw.html",
        {"withdrawn": withdrawn, "error": error, "posted": request.method == "POST"},
    )


# Building.


@login_required
@require_GET
def survey_list(request):
    if not policy.uses_surveys(request.user):
        raise Http404
    return render(
        request,
        "surveys/list.html",
        {
            "surveys": selectors.surveys_list(request.user),
            "may_create": policy.may_create(request.user),
            "may_see_contacts": policy.may_see_contacts(request.user),
        },
    )


@login_required
@GET_POST
def survey_new(request):
    if not policy.may_create(request.user):
        raise Http404
    areas = policy.building_areas(request.user).order_by("name")
    form = forms.NewSurveyForm(
        _posted(request),
        areas=areas,
        initial={"local_area": areas.first(), "template": "experience", "audience": "everyone"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.CreateSurvey(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The survey has been started as a draft. Check its questions, then publish it.")
            return redirect("surveys:survey", survey_id=created.pk)
    return render(request, "surveys/new.html", {"form": form})


def _builder(request, access, template: str, **context):
    return render(request, template, {"access": access, "survey": access.survey, **context})


@login_required
@require_GET
def survey(request, survey_id):
    access = selectors.survey_access(request.user, survey_id)
    public_link = request.build_absolute_uri(reverse("surveys:start", kwargs={"survey_slug": access.survey.slug}))
    return _builder(request, access, "surveys/survey.html", public_link=public_link, **selectors.builder_page(access))


@login_required
@GET_POST
def survey_edit(request, survey_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    s = access.survey
    initial = {name: getattr(s, name) for name in actions.EditSurvey.FIELDS}
    form = forms.SurveyDetailsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.EditSurvey(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The survey's details have been saved.")
            return redirect("surveys:survey", survey_id=s.pk)
    return _builder(request, access, "surveys/edit.html", form=form)


@login_required
@GET_POST
def section_new(request, survey_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    form = forms.SectionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.AddSection(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The section has been added.")
            return redirect("surveys:survey", survey_id=access.survey.pk)
    return _builder(request, access, "surveys/section.html", form=form, section=None)


@login_required
@GET_POST
def section_edit(request, survey_id, section_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.section_in(access.survey, section_id)
    form = forms.SectionForm(_posted(request), initial={"title": found.title})
    if request.method == "POST" and form.is_valid():
        actions.RenameSection(Actor.from_request(request), access=access, section=found, **form.cleaned_data).execute()
        messages.success(request, "The section has been renamed.")
        return redirect("surveys:survey", survey_id=access.survey.pk)
    return _builder(request, access, "surveys/section.html", form=form, section=found)


def _question_form(request, access, found=None):
    s = access.survey
    sections = s.sections.order_by("position")
    if found is not None:
        initial = {
            "section": found.section,
            "kind": found.kind,
            "text": found.text,
            "hint": found.hint,
            "easy_text": found.easy_text,
            "symbol": found.symbol,
            "required": "yes" if found.required else "no",
            "options": "\n".join(
                f"{o.label} | {o.easy_label}" if o.easy_label else o.label for o in found.options.order_by("position")
            )
            if found.kind != QuestionKind.YES_NO
            else "",
            "show_if_options": [str(o.pk) for o in found.show_if_options.all()],
        }
    else:
        wanted = request.GET.get("section")
        chosen = next((x for x in sections if str(x.pk) == wanted), None) or sections.last()
        initial = {"section": chosen, "required": "yes"}
    return forms.QuestionForm(
        _posted(request), initial=initial, sections=sections, conditions=selectors.condition_choices(s, found)
    )


def _save_question(request, access, form, found=None):
    data = form.cleaned_data
    try:
        actions.SaveQuestion(
            Actor.from_request(request),
            access=access,
            question=found,
            section=data["section"],
            kind=data["kind"],
            text=data["text"],
            hint=data["hint"],
            easy_text=data["easy_text"],
            symbol=data["symbol"],
            required=data["required"],
            options=data["option_list"],
            show_if_options=selectors.options_by_id(access.survey, data.get("show_if_options") or []),
        ).execute()
    except ActionRefused as refusal:
        refusal.put_on(form)
        return None
    messages.success(request, "The question has been saved.")
    return redirect("surveys:survey", survey_id=access.survey.pk)


@login_required
@GET_POST
def question_new(request, survey_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    form = _question_form(request, access)
    if request.method == "POST" and form.is_valid() and (done_ := _save_question(request, access, form)):
        return done_
    return _builder(request, access, "surveys/question_form.html", form=form, found=None)


@login_required
@GET_POST
def question_edit(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.question_in(access.survey, question_id)
    form = _question_form(request, access, found)
    if request.method == "POST" and form.is_valid() and (done_ := _save_question(request, access, form, found)):
        return done_
    return _builder(request, access, "surveys/question_form.html", form=form, found=found)


@login_required
@GET_POST
def question_remove(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.question_in(access.survey, question_id)
    error = None
    if request.method == "POST":
        try:
            actions.RemoveQuestion(Actor.from_request(request), access=access, question=found).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, "The question has been removed.")
            return redirect("surveys:survey", survey_id=access.survey.pk)
    return _builder(request, access, "surveys/question_remove.html", found=found, error=error)


@login_required
@require_POST
def question_move(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.question_in(access.survey, question_id)
    form = forms.MoveForm(request.POST)
    if form.is_valid():
        try:
            actions.MoveQuestion(
                Actor.from_request(request), access=access, question=found, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            messages.info(request, refusal.message)
        else:
            messages.success(request, "The question has been moved.")
    return redirect(reverse("surveys:survey", kwargs={"survey_id": access.survey.pk}) + f"#question-{found.pk}")


@login_required
@require_GET
def preview(request, survey_id):
    access = selectors.survey_access(request.user, survey_id)
    easy = request.GET.get("version") == "easy" or access.survey.for_young_people
    loaded = selectors.load(access.survey)
    items = [
        (
            number,
            asked,
            forms.AnswerForm(question=asked, options=loaded.options_of(asked), easy=easy, prefix=f"q{number}"),
        )
        for number, asked in enumerate(loaded.questions, start=1)
    ]
    conditions = {
        asked.pk: [
            o.label
            for o in loaded.options.get(str(asked.show_if_id), [])
            if str(o.pk) in loaded.conditions[str(asked.pk)]
        ]
        for asked in loaded.questions
    }
    numbers = {asked.pk: n for n, asked in enumerate(loaded.questions, start=1)}
    return _builder(
        request, access, "surveys/preview.html", items=items, easy=easy, conditions=conditions, numbers=numbers
    )


def _status_step(request, survey_id, action_class, template: str, done_message: str):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    error = None
    if request.method == "POST":
        try:
            action_class(Actor.from_request(request), access=access).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, done_message)
            return redirect("surveys:survey", survey_id=access.survey.pk)
    return _builder(request, access, template, error=error)


@login_required
@GET_POST
def publish(request, survey_id):
    return _status_step(
        request, survey_id, actions.PublishSurvey, "surveys/publish.html", "The survey is published. Share its link."
    )


@login_required
@GET_POST
def close(request, survey_id):
    return _status_step(request, survey_id, actions.CloseSurvey, "surveys/close.html", "The survey is closed.")


# Results.


def _results(request, access):
    form = forms.ResultsFilterForm(
        request.GET or None,
        periods=selectors.periods_of(access.survey),
        breakdowns=[("", "No breakdown"), ("group", "Who answered")]
        + [
            (str(q.pk), f"Answer to question {n}")
            for n, q in enumerate(selectors.load(access.survey).questions, start=1)
            if q.is_exclusive
        ],
        asks_group=access.survey.asks_group,
    )
    filters = selectors.Filters(**form.filters())
    return form, selectors.results(Actor.from_request(request), access, filters)


@login_required
@require_GET
def results(request, survey_id):
    access = selectors.survey_access(request.user, survey_id)
    form, found = _results(request, access)
    return _builder(request, access, "surveys/results.html", form=form, results=found, query=request.GET.urlencode())


def _csv(rows, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in rows:
        # A cell starting with = + - or @ would run as a formula in a spreadsheet: keep it as text.
        writer.writerow(["'" + c if isinstance(c, str) and c[:1] in ("=", "+", "-", "@") else c for c in row])
    return response


def _stamp() -> str:
    return f"{timezone.localdate():%Y-%m-%d}"


@login_required
@require_GET
def results_download(request, survey_id):
    access = selectors.survey_access(request.user, survey_id)
    _, found = _results(request, access)
    from coproduce.audit.models import AuditAction
    from coproduce.audit.record import record

    record(
        Actor.from_request(request),
        AuditAction.DOWNLOADED,
        what="Downloaded the results of a survey",
        obj=access.survey,
        actor_role=access.role_label,
    )
    return _csv(selectors.results_csv_rows(found), f"survey-results-{_stamp()}.csv")


@login_required
@require_GET
def answers_download(request, survey_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    return _csv(selectors.raw_answers(Actor.from_request(request), access), f"survey-answers-{_stamp()}.csv")


def _you_said(request, access, template: str, *, source, **params):
    form = forms.YouSaidForm(
        _posted(request),
        workstreams=forum_selectors.workstreams_in_areas(request.user).filter(local_area=access.survey.local_area),
        initial=params.pop("initial"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.MakeYouSaidItem(
                Actor.from_request(request), access=access, **params, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The 'you said, we did' item has been added. Publish it when it is ready.")
            return redirect("forum:you-said-item", you_said_id=item.pk)
    return _builder(request, access, template, form=form, source=source)


@login_required
@GET_POST
def question_you_said(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.question_in(access.survey, question_id)
    return _you_said(
        request,
        access,
        "surveys/you_said.html",
        source=found,
        question=found,
        initial={"title": found.text[:150], "families_said": f"In {access.survey.title}, we asked: {found.text}"},
    )


@login_required
@GET_POST
def theme_you_said(request, survey_id, theme_id):
    access = selectors.survey_access(request.user, survey_id, Permission.BUILD)
    found = selectors.theme_in(access, theme_id)
    return _you_said(
        request,
        access,
        "surveys/you_said.html",
        source=found,
        theme=found,
        initial={
            "title": found.name[:150],
            "families_said": f"In {access.survey.title}, families told us about {found.name.lower()}.",
        },
    )


# Free text and themes: analysts.


@login_required
@require_GET
def free_text(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    found = selectors.free_text_question(access, question_id)
    answers = selectors.free_text_answers(Actor.from_request(request), access, found)
    return _builder(request, access, "surveys/free_text.html", question=found, answers=answers)


@login_required
@require_POST
def suggest(request, survey_id, question_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    found = selectors.free_text_question(access, question_id)
    count = actions.SuggestThemes(Actor.from_request(request), access=access, question=found).execute()
    if count:
        messages.success(request, f"{count} themes suggested. Accept, rename, merge or reject each one.")
    else:
        messages.info(request, "There are not enough answers with words in common to suggest themes yet.")
    return redirect("surveys:themes", survey_id=access.survey.pk)


@login_required
@GET_POST
def tag(request, survey_id, answer_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    answer = selectors.answer_to_tag(access, answer_id)
    themes_qs = selectors.themes_to_tag(access.survey)
    form = forms.TagForm(
        _posted(request), themes=themes_qs, initial={"themes": list(answer.tags.values_list("theme_id", flat=True))}
    )
    if request.method == "POST" and form.is_valid():
        actions.TagAnswer(Actor.from_request(request), access=access, answer=answer, **form.cleaned_data).execute()
        messages.success(request, "The answer's themes have been saved.")
        return redirect(
            reverse("surveys:free-text", kwargs={"survey_id": access.survey.pk, "question_id": answer.question_id})
            + f"#answer-{answer.pk}"
        )
    return _builder(request, access, "surveys/tag.html", form=form, answer=answer)


@login_required
@require_GET
def themes(request, survey_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    return _builder(request, access, "surveys/themes.html", **selectors.themes_page(access))


@login_required
@require_GET
def theme(request, survey_id, theme_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    found = selectors.theme_in(access, theme_id)
    return _builder(
        request,
        access,
        "surveys/theme.html",
        theme=found,
        **selectors.theme_detail(Actor.from_request(request), access, found),
    )


@login_required
@GET_POST
def theme_review(request, survey_id, theme_id):
    access = selectors.survey_access(request.user, survey_id, Permission.ANALYSE)
    found = selectors.theme_in(access, theme_id)
    others = selectors.themes_to_tag(access.survey).exclude(pk=found.pk)
    form = forms.ThemeReviewForm(_posted(request), others=others)
    if request.method == "POST" and form.is_valid():
        try:
            actions.ReviewTheme(Actor.from_request(request), access=access, theme=found, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The theme has been saved.")
            return redirect("surveys:themes", survey_id=access.survey.pk)
    return _builder(request, access, "surveys/theme_review.html", form=form, theme=found)


# The contact list and analysts: the forum coordinator.


@login_required
@require_GET
def contacts(request):
    people = selectors.contacts(Actor.from_request(request), request.user)
    return render(request, "surveys/contacts.html", {"people": people})


@login_required
@require_GET
def contacts_download(request):
    people = selectors.contacts(Actor.from_request(request), request.user, download=True)
    rows = [["Name", "Email", "Phone", "How they would like to talk", "Survey", "Agreed on"]]
    rows += [
        [p.name, p.email, p.phone, p.get_way_display(), p.survey.title if p.survey else "", f"{p.given_on:%Y-%m-%d}"]
        for p in people
    ]
    return _csv(rows, f"people-happy-to-talk-{_stamp()}.csv")


@login_required
@GET_POST
def analysts(request):
    current = selectors.analysts(request.user)
    areas = policy.contact_areas(request.user).order_by("name")
    form = forms.AnalystForm(_posted(request), areas=areas, initial={"local_area": areas.first()})
    if request.method == "POST" and form.is_valid():
        try:
            named = actions.AppointAnalyst(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"{named.user.full_name} is now a survey analyst.")
            return redirect("surveys:analysts")
    return render(request, "surveys/analysts.html", {"form": form, "analysts": current})


@login_required
@GET_POST
def analyst_end(request, analyst_id):
    found = selectors.analyst_to_end(request.user, analyst_id)
    if request.method == "POST":
        actions.EndAnalyst(Actor.from_request(request), analyst=found).execute()
        messages.success(request, f"{found.user.full_name} is no longer a survey analyst.")
        return redirect("surveys:analysts")
    return render(request, "surveys/analyst_end.html", {"analyst": found})


# The co-production overview.


@login_required
@require_GET
def insight(request):
    if not policy.may_see_insight(request.user):
        raise Http404
    today = timezone.localdate()
    areas = list(policy.insight_areas(request.user).order_by("name"))
    form = forms.InsightForm(
        request.GET or None, areas=policy.insight_areas(request.user).order_by("name"), this_year=today.year
    )
    year, area_id = today.year, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year") or today.year
        area = form.cleaned_data.get("area")
        area_id = area.pk if area else None
    found = insight_selectors.overview(
        Actor.from_request(request), request.user, area_id=area_id, year=year, today=today
    )
    return render(
        request, "surveys/insight.html", {"form": form, "overview": found, "areas": areas, "today": today, "dt": dt}
    )
