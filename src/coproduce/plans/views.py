"""The plan's pages. Thin: each reads through a selector or writes through an action, and renders."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.plans import actions, documents, quality, selectors
from coproduce.plans.forms import (
    AcceptFindingForm,
    AdviceForm,
    AgreementForm,
    AspirationForm,
    BudgetForm,
    CommentForm,
    ConsultationForm,
    DecisionForm,
    FinaliseForm,
    ImportForm,
    NeedForm,
    OutcomeForm,
    ProvisionForm,
    SubmissionKeyMixin,
    VersionMixin,
    ViewForm,
)
from coproduce.plans.kinds import KINDS, kind_of, section_of
from coproduce.plans.models import PROVISION_FIELDS, PlanStage, ViewTopic
from coproduce.plans.pictures import PICTURE_WORDS
from coproduce.plans.rules import comment_window_closes
from coproduce.rules.plan_diff import compare
from coproduce.rules.plan_sections import SECTIONS, section
from coproduce.teams.policy import Permission
from coproduce.teams.selectors import child_access

FORMS = {
    "view": ViewForm,
    "aspiration": AspirationForm,
    "need": NeedForm,
    "outcome": OutcomeForm,
    "provision": ProvisionForm,
    "advice": AdviceForm,
}


def _form_class(kind_name: str, *, editing: bool):
    base = FORMS[kind_name]
    mixin = VersionMixin if editing else SubmissionKeyMixin
    return type(f"{base.__name__}{mixin.__name__}", (base, mixin), {})


def _make_form(kind_name: str, plan, code: str, data=None, files=None, *, initial=None, editing=False):
    form_class = _form_class(kind_name, editing=editing)
    kwargs = {"initial": initial or {}}
    if kind_name == "need":
        kwargs["section"] = code
    if kind_name in ("outcome", "provision"):
        kwargs["plan"] = plan
    return form_class(data, files, **kwargs)


def _item_data(kind_name: str, form) -> dict:
    skip = {"submission_key", "version", "document"}
    if not form.cleaned_data.get("image"):
        skip.add("image")
    return {
        name: value if value is not None else ""
        for name, value in form.cleaned_data.items()
        if name not in skip and not (name in ("start_date", "review_date") and value == "")
    } | {name: form.cleaned_data[name] for name in ("start_date", "review_date") if name in form.cleaned_data}


def _page(request, access, template, **context):
    plan = context.get("plan")
    return render(
        request,
        template,
        {
            "access": access,
            "child": access.child,
            "section": "plan",
            "PlanStage": PlanStage,
            "Permission": Permission,
            "comments_close": comment_window_closes(plan.draft_served_on) if plan and plan.draft_served_on else None,
            **context,
        },
    )


def _section_url(child_id, code: str) -> str:
    return reverse("plans:section", args=[child_id, code])


@login_required
@require_GET
def plan(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Plan")
    current = selectors.plan_for(access)
    return _page(
        request,
        access,
        "plans/plan.html",
        plan=current,
        statuses=selectors.section_statuses(current) if current else [],
        findings=quality.plan_findings(current) if current else [],
        open_family_comments=current.comments.filter(from_family=True, decision="").count() if current else 0,
    )


@login_required
@require_http_methods(["POST"])
def start(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Start the plan", permission=Permission.MANAGE_PLAN)
    try:
        actions.StartPlan(actor, access=access).execute()
        messages.success(request, "You started the plan. Ask the child or young person for their views first.")
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    return redirect("plans:plan", child_id=child_id)


def _findings_by_item(plan) -> dict:
    grouped: dict = {}
    for finding in quality.plan_findings(plan):
        grouped.setdefault(finding.item.pk if finding.item is not None else None, []).append(finding)
    return grouped


@login_required
@require_GET
def section_page(request, child_id, code):
    access = child_access(Actor.from_request(request), child_id, viewing=f"Plan section {code.upper()}")
    current = selectors.plan_or_404(access)
    try:
        the_section = section(code)
    except LookupError:
        raise Http404 from None
    agreements = selectors.latest_agreements(current).get(the_section.code, {})
    return _page(
        request,
        access,
        "plans/section.html",
        plan=current,
        plan_section=the_section,
        content=selectors.section_content(current, the_section),
        agreements=agreements,
        sections=SECTIONS,
        findings=_findings_by_item(current),
        pictures=PICTURE_WORDS,
        kinds=[k for k in KINDS.values() if the_section.code in k.sections],
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_item(request, child_id, code, kind):
    actor = Actor.from_request(request)
    access = child_access(
        actor, child_id, viewing=f"Add to plan section {code.upper()}", permission=Permission.CONTRIBUTE
    )
    current = selectors.plan_or_404(access)
    the_kind = KINDS.get(kind)
    code = code.upper()
    if the_kind is None or code not in the_kind.sections:
        raise Http404
    initial = {"whose": "child"} if kind in ("view", "aspiration") and access.is_the_young_person else {}
    form = _make_form(kind, current, code, request.POST or None, request.FILES or None, initial=initial)
    checking = request.POST.get("action") == "check"
    if checking:
        form.is_valid()  # show field errors too, but save nothing
    elif request.method == "POST" and form.is_valid():
        data = _item_data(kind, form)
        if kind == "advice":
            data = documents.with_document(data, form)
        if kind == "view":
            data = documents.with_image(data, form)
        try:
            actions.AddItem(
                actor,
                access=access,
                plan=current,
                kind=the_kind,
                section=code,
                data=data,
                submission_key=form.cleaned_data.get("submission_key"),
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"Your {the_kind.label} has been added to section {code}.")
            return redirect(_section_url(child_id, code))
    return _page(
        request,
        access,
        "plans/item_form.html",
        plan=current,
        plan_section=section(code),
        form=form,
        kind=the_kind,
        editing=False,
        checked=_checked(kind, request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_item(request, child_id, kind, item_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Change a plan item", permission=Permission.CONTRIBUTE)
    current = selectors.plan_or_404(access)
    item = selectors.item_or_404(current, kind, item_id)
    the_kind = kind_of(item)
    code = section_of(item)
    initial = {name: getattr(item, name) for name in FORMS[kind].base_fields if hasattr(item, name)}
    for link in ("needs", "aspirations", "outcomes"):
        if link in initial:
            initial[link] = list(getattr(item, link).all())
    initial["version"] = item.version
    form = _make_form(kind, current, code, request.POST or None, initial=initial, editing=True)
    if kind == "advice":
        del form.fields["document"]
    if kind == "view":
        del form.fields["image"]
    conflict = None
    checking = request.POST.get("action") == "check"
    if checking:
        form.is_valid()
    elif request.method == "POST" and form.is_valid():
        try:
            actions.EditItem(
                actor,
                access=access,
                plan=current,
                item=item,
                data=_item_data(kind, form),
                version=form.cleaned_data["version"],
            ).execute()
        except Conflict as clash:
            form.add_error(None, clash.message)
            conflict = selectors.item_or_404(current, kind, item_id)
            data = request.POST.copy()
            data["version"] = conflict.version
            form.data = data
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"Your changes to the {the_kind.label} have been saved.")
            return redirect(_section_url(child_id, code))
    return _page(
        request,
        access,
        "plans/item_form.html",
        plan=current,
        plan_section=section(code),
        form=form,
        kind=the_kind,
        editing=True,
        checked=_checked(kind, request)
        or (
            quality.provision_findings({f: getattr(item, f) for f in PROVISION_FIELDS}) if kind == "provision" else None
        ),
        item=item,
        conflict=conflict,
    )


def _checked(kind: str, request):
    """The plan checker's findings for a provision item as typed, when the form was sent to check it."""
    if kind != "provision" or request.method != "POST":
        return None
    return quality.provision_findings({field: request.POST.get(field, "") for field in PROVISION_FIELDS})


@login_required
@require_http_methods(["POST"])
def check_provision(request, child_id):
    """The inline check as someone types (htmx). Without JavaScript the form's own "Check" button does this."""
    access = child_access(
        Actor.from_request(request),
        child_id,
        viewing="Checked provision wording",
        permission=Permission.CONTRIBUTE,
        shows_record=False,
    )
    return render(request, "plans/_findings.html", {"checked": _checked("provision", request), "access": access})


@login_required
@require_http_methods(["GET", "POST"])
def quality_check(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Plan quality check")
    current = selectors.plan_or_404(access)
    form = AcceptFindingForm(request.POST or None)
    if request.method == "POST":
        if not access.can(Permission.MANAGE_PLAN):
            raise Http404
        if form.is_valid():
            try:
                actions.AcceptFinding(actor, access=access, plan=current, **form.cleaned_data).execute()
            except ActionRefused as refusal:
                refusal.put_on(form)
            else:
                messages.success(request, "The finding is recorded as accepted, with your reason.")
                return redirect("plans:quality", child_id=child_id)
    return _page(
        request,
        access,
        "plans/quality.html",
        plan=current,
        form=form,
        findings=quality.plan_findings(current, across_council=True),
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_item(request, child_id, kind, item_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Remove a plan item", permission=Permission.CONTRIBUTE)
    current = selectors.plan_or_404(access)
    item = selectors.item_or_404(current, kind, item_id)
    code = section_of(item)
    error = None
    if request.method == "POST":
        try:
            actions.RemoveItem(actor, access=access, plan=current, item=item).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, f"The {kind_of(item).label} has been removed.")
            return redirect(_section_url(child_id, code))
    return _page(
        request, access, "plans/remove_item.html", plan=current, item=item, kind=kind_of(item), code=code, error=error
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment(request, child_id, code, kind=None, item_id=None):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Comment on the plan", permission=Permission.CONTRIBUTE)
    current = selectors.plan_or_404(access)
    item = selectors.item_or_404(current, kind, item_id) if kind else None
    code = section_of(item) if item is not None else section(code).code
    wording = getattr(item, kind_of(item).wording_field) if item is not None else ""
    form = CommentForm(
        request.POST or None,
        allow_suggestion=item is not None,
        initial={"suggested_text": wording} if item is not None else {},
    )
    if request.method == "POST" and form.is_valid():
        suggested = form.cleaned_data.get("suggested_text", "")
        if suggested.strip() == wording.strip():
            suggested = ""  # the words were left as they are: a comment, not a suggestion
        try:
            actions.AddComment(
                actor,
                access=access,
                plan=current,
                item=item,
                section=code,
                text=form.cleaned_data["text"],
                suggested_text=suggested,
                submission_key=form.cleaned_data.get("submission_key"),
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(
                request, "Your comment has been sent to the case officer. You will see their decision here."
            )
            return redirect(_section_url(child_id, code))
    return _page(
        request,
        access,
        "plans/comment_form.html",
        plan=current,
        item=item,
        code=code,
        form=form,
        wording=wording,
        kind=kind_of(item) if item is not None else None,
    )


@login_required
@require_GET
def comments(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Comments on the plan")
    current = selectors.plan_or_404(access)
    return _page(request, access, "plans/comments.html", plan=current, comments=selectors.all_comments(current))


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, child_id, comment_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Decide on a comment", permission=Permission.MANAGE_PLAN)
    current = selectors.plan_or_404(access)
    the_comment = selectors.comment_or_404(current, comment_id)
    form = DecisionForm(request.POST or None, initial={"decided_text": the_comment.suggested_text})
    if request.method == "POST" and form.is_valid():
        try:
            actions.DecideComment(
                actor, access=access, plan=current, comment=the_comment, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"Your decision has been recorded. {the_comment.author.full_name} can see it.")
            return redirect("plans:comments", child_id=child_id)
    return _page(request, access, "plans/decide.html", plan=current, comment=the_comment, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request, child_id, code):
    actor = Actor.from_request(request)
    access = child_access(
        actor, child_id, viewing=f"Agreement with section {code.upper()}", permission=Permission.CONTRIBUTE
    )
    current = selectors.plan_or_404(access)
    the_section = section(code)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.RecordAgreement(
                actor, access=access, plan=current, section=the_section.code, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"What you think of section {the_section.code} has been recorded.")
            return redirect(_section_url(child_id, the_section.code))
    return _page(request, access, "plans/agreement.html", plan=current, plan_section=the_section, form=form)


def _stage_view(request, child_id, *, form_class, action_class, template, viewing, success):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing=viewing, permission=Permission.MANAGE_PLAN)
    current = selectors.plan_or_404(access)
    form = form_class(request.POST or None, initial={"served_on": None}) if form_class else None
    error = None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            action_class(actor, access=access, plan=current, **(form.cleaned_data if form else {})).execute()
        except ActionRefused as refusal:
            if form is not None:
                refusal.put_on(form)
            else:
                error = refusal.message
        else:
            messages.success(request, success)
            return redirect("plans:plan", child_id=child_id)
    return _page(
        request,
        access,
        template,
        plan=current,
        form=form,
        error=error,
        open_family_comments=current.comments.filter(from_family=True, decision="").count(),
        outstanding_findings=sum(1 for finding in quality.plan_findings(current) if not finding.accepted),
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_consultation(request, child_id):
    return _stage_view(
        request,
        child_id,
        form_class=ConsultationForm,
        action_class=actions.OpenConsultation,
        template="plans/open_consultation.html",
        viewing="Send the draft for comment",
        success="The draft plan has been sent out for comment.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def finalise(request, child_id):
    return _stage_view(
        request,
        child_id,
        form_class=FinaliseForm,
        action_class=actions.Finalise,
        template="plans/finalise.html",
        viewing="Finalise the plan",
        success="The final plan has been issued.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def amend(request, child_id):
    return _stage_view(
        request,
        child_id,
        form_class=None,
        action_class=actions.StartAmendment,
        template="plans/amend.html",
        viewing="Amend the plan",
        success="You can now amend the plan. It will go out for comment again before it is final.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Plan section J", permission=Permission.MANAGE_PLAN)
    current = selectors.plan_or_404(access)
    form = BudgetForm(
        request.POST or None, initial={"personal_budget": current.personal_budget, "version": current.version_number}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.SetSectionText(
                actor, access=access, plan=current, field="personal_budget", value=form.cleaned_data["personal_budget"]
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Section J has been saved.")
            return redirect(_section_url(child_id, "J"))
    return _page(request, access, "plans/budget.html", plan=current, form=form)


@login_required
@require_GET
def profile(request, child_id):
    """The one-page profile, made from section A: what people like about me, what matters to me, how to
    support me, and what I hope for."""
    access = child_access(Actor.from_request(request), child_id, viewing="One-page profile")
    current = selectors.plan_for(access)
    content = selectors.section_content(current, section("A")) if current else None
    topics = [
        (topic, label, [v for v in content.views if v.topic == topic] if content else [])
        for topic, label in ViewTopic.choices
    ]
    return _page(
        request,
        access,
        "plans/profile.html",
        plan=current,
        content=content,
        topics=topics,
        pictures=PICTURE_WORDS,
        section="about",
    )


@login_required
@require_GET
def versions(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Versions of the plan")
    current = selectors.plan_or_404(access)
    all_versions = selectors.versions(current)
    changes = None
    older = newer = None
    if "from" in request.GET and "to" in request.GET:
        older = selectors.version_or_404(current, request.GET["from"])
        newer = selectors.version_or_404(current, request.GET["to"])
        if older.number > newer.number:
            older, newer = newer, older
        changes = compare(older.content, newer.content)
    return _page(
        request,
        access,
        "plans/versions.html",
        plan=current,
        versions=all_versions,
        changes=changes,
        older=older,
        newer=newer,
        layout=request.GET.get("layout", "inline"),
    )


@login_required
@require_GET
def export_json(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Exported the plan as JSON")
    current = selectors.plan_or_404(access)
    from coproduce.plans.portable import dumps, export_plan

    response = HttpResponse(dumps(export_plan(current)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{current.child_id}.json"'
    return response


@login_required
@require_GET
def pdf(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Downloaded the plan as a PDF")
    current = selectors.plan_or_404(access)
    response = HttpResponse(documents.plan_pdf(request, access, current), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-{current.child_id}-v{current.version_number}.pdf"'
    return response


@login_required
@require_GET
def printable(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="The whole plan")
    current = selectors.plan_or_404(access)
    return render(request, "plans/whole_plan.html", documents.whole_plan_context(access, current))


@login_required
@require_GET
def download_advice(request, child_id, item_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Downloaded an advice document")
    current = selectors.plan_or_404(access)
    advice = selectors.item_or_404(current, "advice", item_id)
    if not advice.document:
        raise Http404
    response = FileResponse(
        advice.document.open("rb"),
        as_attachment=True,
        filename=advice.document_name or "advice",
        content_type=advice.document_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def view_image(request, child_id, item_id):
    """A child's drawing or photo, shown in the plan. Checked when uploaded to be a real PNG or JPEG."""
    access = child_access(Actor.from_request(request), child_id, viewing="A drawing or photo in section A")
    current = selectors.plan_or_404(access)
    view = selectors.item_or_404(current, "view", item_id)
    if not view.image or view.image_type not in ("image/png", "image/jpeg"):
        raise Http404
    response = FileResponse(view.image.open("rb"), content_type=view.image_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_plan(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Import a plan", permission=Permission.MANAGE_PLAN)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if selectors.plan_for(access) is not None:
        problems = ["This child already has a plan. A plan can only be imported for a child who has none."]
    elif request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["plan_file"].read()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems = [f"The file is not valid JSON: {error}"]
        else:
            try:
                actions.ImportPlan(actor, access=access, data=data).execute()
            except actions.ImportProblems as failed:
                problems = failed.problems
            else:
                messages.success(request, "The plan has been imported.")
                return redirect("plans:plan", child_id=child_id)
    return _page(request, access, "plans/import.html", plan=None, form=form, problems=problems)


@login_required
@require_GET
def council_quality(request):
    """For council officers: how many of the council's plans have plan checker findings, and which."""
    from coproduce.rules.suppression import Figure, count_text
    from coproduce.teams.policy import can_add_children

    if not can_add_children(request.user):
        raise Http404
    summary = selectors.council_quality(request.user)
    return render(
        request,
        "plans/council_quality.html",
        {
            "summary": summary,
            "figure": Figure(total=summary.plans, met=summary.with_findings),
            "common": [(code, meaning, count_text(count)) for code, meaning, count in summary.common],
        },
    )
