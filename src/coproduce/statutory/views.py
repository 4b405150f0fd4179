"""Pages of the statutory clock. Thin: each reads through a selector or writes through an action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused
from coproduce.statutory import actions, charts, selectors
from coproduce.statutory.forms import CaseloadFilterForm, OverviewYearForm, ReminderFrequencyForm
from coproduce.statutory.steps import STEPS, steps_for
from coproduce.teams.policy import Permission
from coproduce.teams.selectors import child_access


def _child_page(request, access, template: str, **context):
    return render(request, template, {"access": access, "child": access.child, "section": "clock", **context})


@login_required
@require_GET
def timeline(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Timeline")
    return _child_page(
        request,
        access,
        "statutory/timeline.html",
        clock=selectors.child_clock(access),
        can_record=access.can(Permission.RECORD_STEP),
    )


@login_required
@require_GET
def record(request, child_id):
    access = child_access(
        Actor.from_request(request), child_id, viewing="Record a step", permission=Permission.RECORD_STEP
    )
    return _child_page(request, access, "statutory/record.html", groups=steps_for(access.child))


@login_required
@require_http_methods(["GET", "POST"])
def record_step(request, child_id, step):
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing=f"Record a step: {spec.title}", permission=Permission.RECORD_STEP)
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, child=access.child, initial=spec.initial(access.child))
    if form.is_bound and form.is_valid():
        try:
            spec.action(actor, access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, spec.done)
            return redirect("statutory:timeline", child_id=access.child.id)
    unavailable = spec.unavailable(access.child) if not form.is_bound else None
    return _child_page(request, access, "statutory/step.html", form=form, step=spec, unavailable=unavailable)


@login_required
@require_GET
def caseload(request):
    if not selectors.may_see_caseload(request.user):
        raise Http404
    options = selectors.caseload_options(request.user)
    form = CaseloadFilterForm(request.GET or None, settings_choices=options.settings, officers=options.officers)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    result = selectors.caseload(request.user, filters, options=options, page=request.GET.get("page", 1))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "statutory/caseload.html",
        {"form": form, "caseload": result, "query": query.urlencode(), "due_soon_days": selectors.DUE_SOON_DAYS},
    )


@login_required
@require_GET
def council_overview(request):
    if not selectors.may_see_council_overview(request.user):
        raise Http404
    year = timezone.localdate().year
    form = OverviewYearForm(request.GET or None, initial={"year": year})
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    overview = selectors.council_overview(request.user, year)
    return render(
        request,
        "statutory/council_overview.html",
        {"form": form, "overview": overview, "charts": charts.overview_charts(overview)},
    )


@login_required
@require_GET
def advice(request):
    return render(request, "statutory/advice.html", {"rows": selectors.advice_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    data = request.POST if request.method == "POST" else None
    form = ReminderFrequencyForm(data, initial={"frequency": selectors.reminder_frequency(request.user)})
    if form.is_bound and form.is_valid():
        try:
            actions.ChooseReminderFrequency(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Your choice is saved.")
            return redirect("statutory:reminders")
    return render(request, "statutory/reminders.html", {"form": form})
