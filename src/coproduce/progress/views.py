"""Progress pages. Thin: each reads through a selector or writes through an action, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.plans import documents
from coproduce.plans.pictures import PICTURE_WORDS
from coproduce.progress import actions, delivery, selectors
from coproduce.progress.forms import (
    ContributionForm,
    DeliveryForm,
    FacesForm,
    RatingsForm,
    ReportForm,
    ReviewViewForm,
    ScheduleForm,
    TargetEditForm,
    TargetForm,
    ThresholdForm,
)
from coproduce.progress.models import EDITABLE_FIELDS, FACES
from coproduce.teams.policy import Permission, councils_for
from coproduce.teams.selectors import child_access

REVIEW_VIEW_FIELDS = ("whose", "topic", "text", "method", "helped_by", "pictures", "image")


def _posted(request):
    """The form's data when it was sent (even with nothing filled in), else None for a new form."""
    return request.POST if request.method == "POST" else None


def _page(request, access, template: str, **context):
    return render(
        request,
        template,
        {"access": access, "child": access.child, "section": "progress", **selectors.can(access), **context},
    )


def _progress_url(child_id, anchor: str = "") -> str:
    return reverse("progress:progress", args=[child_id]) + (f"#{anchor}" if anchor else "")


@login_required
@require_GET
def progress(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Progress")
    return _page(request, access, "progress/progress.html", progress=selectors.progress(access))


@login_required
@require_GET
def target(request, child_id, target_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Progress on a target")
    the_target = selectors.target_or_404(access, target_id)
    found = selectors.progress(access, delivery=False)
    view = next((t for o in found.outcomes for t in o.targets if t.target.pk == the_target.pk), None)
    if view is None:
        raise Http404
    return _page(request, access, "progress/target.html", progress=found, item=view)


@login_required
@require_http_methods(["GET", "POST"])
def add_target(request, child_id, outcome_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Set a target", permission=Permission.CONTRIBUTE)
    outcome = selectors.outcome_or_404(access, outcome_id)
    form = TargetForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "submission_key"}
        try:
            made = actions.AddTarget(
                actor, access=access, outcome=outcome, data=data, submission_key=form.cleaned_data["submission_key"]
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The target and its five levels have been saved.")
            return redirect(_progress_url(child_id, f"target-{made.pk}"))
    return _page(request, access, "progress/target_form.html", outcome=outcome, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def edit_target(request, child_id, target_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Change a target", permission=Permission.CONTRIBUTE)
    the_target = selectors.target_or_404(access, target_id)
    if the_target.ended:
        raise Http404
    initial = {name: getattr(the_target, name) for name in EDITABLE_FIELDS} | {"version": the_target.version}
    form = TargetEditForm(_posted(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        try:
            actions.EditTarget(
                actor, access=access, target=the_target, data=data, version=form.cleaned_data["version"]
            ).execute()
        except Conflict as clash:
            form.add_error(None, clash.message)
            conflict = selectors.target_or_404(access, target_id)
            posted = request.POST.copy()
            posted["version"] = conflict.version  # saving again after checking both keeps this one
            form.data = posted
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Your changes to the target have been saved.")
            return redirect(_progress_url(child_id, f"target-{the_target.pk}"))
    return _page(
        request,
        access,
        "progress/target_form.html",
        outcome=the_target.outcome,
        form=form,
        editing=the_target,
        conflict=conflict,
        rating_count=the_target.ratings.count(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_target(request, child_id, target_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Remove a target", permission=Permission.CONTRIBUTE)
    the_target = selectors.target_or_404(access, target_id)
    if the_target.ended:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            kept = actions.RemoveTarget(actor, access=access, target=the_target).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            if kept is None:
                messages.success(request, "The target has been removed.")
                return redirect(_progress_url(child_id, f"outcome-{the_target.outcome_id}"))
            messages.success(
                request, "The target has been removed. Its ratings are kept, and nobody will be asked to rate it again."
            )
            return redirect(_progress_url(child_id, f"target-{the_target.pk}"))
    return _page(
        request,
        access,
        "progress/remove_target.html",
        target=the_target,
        rating_count=the_target.ratings.count(),
        error=error,
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="How often to check in", permission=Permission.CONTRIBUTE)
    form = ScheduleForm(_posted(request), initial={"every": selectors.schedule_every(access)})
    if request.method == "POST" and form.is_valid():
        try:
            actions.ChooseCheckIns(actor, access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The team's choice of how often to check in has been saved.")
            return redirect("progress:progress", child_id=child_id)
    return _page(request, access, "progress/schedule.html", form=form)


def _numbered(access) -> list[tuple[str, object]]:
    """Every target with its number (outcome.target), in the order of the progress page."""
    numbered = []
    outcome_numbers: dict = {}
    counts: dict = {}
    plan = selectors.plan_for(access)
    if plan is None:
        return []
    for n, outcome_id in enumerate(plan.outcomes.order_by("position", "created_at").values_list("pk", flat=True), 1):
        outcome_numbers[outcome_id] = n
    for item in selectors.targets(access):
        if item.outcome_id not in outcome_numbers:
            continue
        counts[item.outcome_id] = counts.get(item.outcome_id, 0) + 1
        if not item.ended:  # numbered as on the progress page, but a removed target is not rated again
            numbered.append((f"{outcome_numbers[item.outcome_id]}.{counts[item.outcome_id]}", item))
    return sorted(numbered, key=lambda pair: tuple(int(part) for part in pair[0].split(".")))


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Rate progress", permission=Permission.RATE_PROGRESS)
    numbered = _numbered(access)
    form = RatingsForm(_posted(request), targets=numbered)
    if request.method == "POST" and numbered and form.is_valid():
        try:
            actions.RateTargets(
                actor, access=access, ratings=form.ratings(), submission_key=form.cleaned_data["submission_key"]
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Your ratings have been saved. Everyone on the team can see them.")
            return redirect("progress:progress", child_id=child_id)
    return _page(
        request,
        access,
        "progress/rate.html",
        form=form,
        period=selectors.current_period(access),
        rated=selectors.rated_this_period(access, request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def faces(request, child_id):
    """The child-friendly form: one target a page, five faces with words. The young person rates for
    themselves; anyone else on the team can sit with the child and enter the child's own choice."""
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Rate progress with faces", permission=Permission.RATE_PROGRESS)
    numbered = _numbered(access)
    own = access.is_the_young_person
    rated = selectors.rated_this_period(access, request.user, for_child=True)
    wanted = request.POST.get("target") or request.GET.get("target")
    chosen = next(((n, t) for n, t in numbered if str(t.pk) == wanted), None)
    if chosen is None:
        chosen = next(((n, t) for n, t in numbered if t.pk not in rated), None)
    form = FacesForm(_posted(request))
    if request.method == "POST" and chosen is not None and form.is_valid():
        number, the_target = chosen
        try:
            actions.RateTargets(
                actor,
                access=access,
                ratings=[(the_target, form.cleaned_data["level"], form.cleaned_data["comment"])],
                for_child=True,
                submission_key=form.cleaned_data["submission_key"],
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Thank you. Your answer is saved." if own else "The answer is saved.")
            return redirect("progress:faces", child_id=child_id)
    position = next((i for i, (_, t) in enumerate(numbered, 1) if chosen and t.pk == chosen[1].pk), None)
    return _page(
        request,
        access,
        "progress/faces.html",
        form=form,
        chosen=chosen,
        position=position,
        total=len(numbered),
        own=own,
        options=[
            (option, FACES[int(option.data["value"])], chosen[1].description(int(option.data["value"])))
            for option in form["level"]
        ]
        if chosen
        else [],
    )


@login_required
@require_GET
def delivery_page(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Provision delivered")
    plan = selectors.plan_for(access)
    return _page(
        request,
        access,
        "progress/delivery.html",
        plan=plan,
        items=selectors.delivery_items(access, plan, detail=True),
        today=timezone.localdate(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_delivery(request, child_id, provision_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Record provision delivered", permission=Permission.RECORD_DELIVERY)
    provision = selectors.provision_or_404(access, provision_id)
    form = DeliveryForm(_posted(request), initial={"delivered_by": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            actions.RecordDelivery(actor, access=access, provision=provision, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The session has been recorded. The family can see it.")
            return redirect(reverse("progress:delivery", args=[child_id]) + f"#provision-{provision.pk}")
    return _page(
        request,
        access,
        "progress/record_delivery.html",
        provision=provision,
        promise=delivery.promise_of(provision),
        form=form,
    )


@login_required
@require_GET
def review(request, child_id):
    access = child_access(Actor.from_request(request), child_id, viewing="Annual review pack")
    return _page(
        request,
        access,
        "progress/review.html",
        pack=selectors.review_pack(access),
        pictures=PICTURE_WORDS,
        today=timezone.localdate(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_views(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Views for the annual review", permission=Permission.CONTRIBUTE)
    initial = {"whose": "child"}
    form = ReviewViewForm(_posted(request), request.FILES if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = documents.with_image({name: form.cleaned_data[name] for name in REVIEW_VIEW_FIELDS}, form)
        try:
            actions.AddReviewView(
                actor, access=access, data=data, submission_key=form.cleaned_data["submission_key"]
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The views have been added to the review pack, first.")
            return redirect("progress:review", child_id=child_id)
    return _page(request, access, "progress/review_views.html", form=form)


@login_required
@require_GET
def review_view_image(request, child_id, view_id):
    """A drawing or photo the child gave for the review. Checked when uploaded to be a real PNG or JPEG."""
    access = child_access(Actor.from_request(request), child_id, viewing="A drawing or photo for the annual review")
    view = selectors.review_view_or_404(access, view_id)
    if not view.image or view.image_type not in ("image/png", "image/jpeg"):
        raise Http404
    response = FileResponse(view.image.open("rb"), content_type=view.image_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def review_say(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(
        actor, child_id, viewing="Say what is working, for the review", permission=Permission.CONTRIBUTE
    )
    form = ContributionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.AddReviewContribution(actor, access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "What you said has been added to the review pack.")
            return redirect("progress:review", child_id=child_id)
    return _page(request, access, "progress/review_say.html", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def review_report(request, child_id):
    actor = Actor.from_request(request)
    access = child_access(actor, child_id, viewing="Annual review report", permission=Permission.MANAGE_REVIEW)
    review, _ = selectors.review_since(access)
    initial = {"meeting_on": review.meeting_on} if review is not None and review.meeting_on else {}
    form = ReportForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.WriteReviewReport(actor, access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The review report has been saved. Everyone on the team can read it.")
            return redirect(reverse("progress:review", args=[child_id]) + "#report")
    return _page(request, access, "progress/review_report.html", form=form, review=review)


@login_required
@require_http_methods(["GET", "POST"])
def council_delivery(request):
    if not selectors.may_see_council_delivery(request.user):
        raise Http404
    councils = list(councils_for(request.user))
    found = selectors.council_delivery(request.user)
    first = councils[0]
    form = ThresholdForm(
        _posted(request),
        councils=councils_for(request.user),
        initial={"council": first, "percent": found.thresholds.get(first.pk)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.SetShortfallThreshold(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"A shortfall is now flagged below {form.cleaned_data['percent']}%.")
            return redirect("progress:council-delivery")
    return render(request, "progress/council_delivery.html", {"form": form, "found": found})
