"""Information rights pages. Thin: each reads through a selector or writes through an action, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused
from coproduce.records import actions, documents, exports, selectors
from coproduce.records.forms import DisposeForm, FindRecordForm, HoldForm, RetentionRuleForm, ReviewForm
from coproduce.records.models import RequestStatus
from coproduce.rules import retention
from coproduce.teams.policy import Permission
from coproduce.web.templatetags.govuk import govuk_date


def _page(request, access, template: str, **context):
    return render(
        request,
        template,
        {
            "access": access,
            "child": access.child,
            "section": "records",
            "can_produce": access.can(Permission.PRODUCE_RECORDS),
            "can_request": access.can(Permission.REQUEST_RECORDS),
            **context,
        },
    )


# Subject access --------------------------------------------------------------------------------------------


@login_required
@require_GET
def child_records(request, child_id):
    access = selectors.records_access(Actor.from_request(request), child_id, viewing="Information held")
    return _page(request, access, "records/child.html", requests=selectors.requests_for(access))


@login_required
@require_http_methods(["GET", "POST"])
def request_records(request, child_id):
    actor = Actor.from_request(request)
    access = selectors.records_access(
        actor, child_id, viewing="Ask for a copy of the information held", permission=Permission.REQUEST_RECORDS
    )
    error = None
    if request.method == "POST":
        try:
            made = actions.RequestRecords(actor, access=access).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(
                request, f"You asked for a copy. The council will send it by {govuk_date(made.due_on)} at the latest."
            )
            return redirect("records:detail", child_id=child_id, request_id=made.id)
    return _page(
        request,
        access,
        "records/request.html",
        error=error,
        due_on=retention.subject_access_due(timezone.localdate()),
    )


@login_required
@require_GET
def detail(request, child_id, request_id):
    access = selectors.records_access(Actor.from_request(request), child_id, viewing="A request for information")
    access_request = selectors.request_or_404(access, request_id)
    flagged = selectors.flagged_items(access_request) if access.can(Permission.PRODUCE_RECORDS) else []
    return _page(
        request,
        access,
        "records/detail.html",
        access_request=access_request,
        flagged=flagged,
        undecided=sum(1 for item in flagged if not item.decision),
        RequestStatus=RequestStatus,
    )


@login_required
@require_http_methods(["GET", "POST"])
def produce(request, child_id, request_id):
    actor = Actor.from_request(request)
    access = selectors.records_access(
        actor, child_id, viewing="Produce a subject access export", permission=Permission.PRODUCE_RECORDS
    )
    access_request = selectors.request_or_404(access, request_id)
    error = None
    if request.method == "POST":
        try:
            actions.ProduceExport(actor, access=access, request=access_request).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, "The export is ready. Check each flagged item before releasing it.")
            return redirect("records:detail", child_id=child_id, request_id=access_request.id)
    return _page(request, access, "records/produce.html", access_request=access_request, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def review_item(request, child_id, request_id, flag_id):
    actor = Actor.from_request(request)
    access = selectors.records_access(
        actor, child_id, viewing="Check an item of a subject access export", permission=Permission.PRODUCE_RECORDS
    )
    access_request = selectors.request_or_404(access, request_id)
    item = selectors.flagged_item_or_404(access_request, flag_id)
    initial = {"decision": item.decision, "reason": item.reason} if item.decision else None
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.DecideFlaggedItem(
                actor, access=access, request=access_request, item=item, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"You decided to {item.get_decision_display().lower()} “{item.label}”.")
            return redirect("records:detail", child_id=child_id, request_id=access_request.id)
    content = exports.readable({"sections": [{"title": item.section, "items": [_item(access_request, item)]}]})
    return _page(
        request,
        access,
        "records/review_item.html",
        access_request=access_request,
        item=item,
        shown=content[0]["items"][0],
        form=form,
    )


def _item(access_request, item) -> dict:
    found = selectors.item_in_content(access_request.content or {"sections": []}, item.key)
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def release(request, child_id, request_id):
    actor = Actor.from_request(request)
    access = selectors.records_access(
        actor, child_id, viewing="Release a subject access export", permission=Permission.PRODUCE_RECORDS
    )
    access_request = selectors.request_or_404(access, request_id)
    error = None
    if request.method == "POST":
        try:
            actions.ReleaseExport(actor, access=access, request=access_request).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, "The export is released. The person who asked can now download it.")
            return redirect("records:detail", child_id=child_id, request_id=access_request.id)
    flagged = selectors.flagged_items(access_request)
    return _page(
        request,
        access,
        "records/release.html",
        access_request=access_request,
        withheld=[item for item in flagged if item.decision == "withhold"],
        undecided=sum(1 for item in flagged if not item.decision),
        error=error,
    )


def _export_for(access, access_request) -> tuple[dict, bool]:
    """The released export for anyone who may see the request; officers may also see it before release."""
    if access_request.is_released:
        return access_request.released_content, True
    if access.can(Permission.PRODUCE_RECORDS) and access_request.content is not None:
        return access_request.content, False
    raise Http404


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def download_json(request, child_id, request_id):
    access = selectors.records_access(
        Actor.from_request(request), child_id, viewing="Downloaded the subject access export as JSON"
    )
    access_request = selectors.request_or_404(access, request_id)
    content, _ = _export_for(access, access_request)
    response = HttpResponse(exports.dumps(content), content_type="application/json; charset=utf-8")
    return _attachment(response, f"information-held-{access_request.child_id}.json")


@login_required
@require_GET
def download_pdf(request, child_id, request_id):
    access = selectors.records_access(
        Actor.from_request(request), child_id, viewing="Downloaded the subject access export as a PDF"
    )
    access_request = selectors.request_or_404(access, request_id)
    content, is_released = _export_for(access, access_request)
    if is_released and access_request.released_pdf:  # made once after release (records/tasks.py)
        with access_request.released_pdf.open("rb") as stored:
            pdf = stored.read()
    else:
        pdf = documents.export_pdf(access_request, content, is_released=is_released)
    return _attachment(
        HttpResponse(pdf, content_type="application/pdf"), f"information-held-{access_request.child_id}.pdf"
    )


# Retention -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def disposal_queue(request):
    queues = selectors.disposal_queue(Actor.from_request(request), timezone.localdate())
    return render(request, "records/disposal_queue.html", {"queues": queues, "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def retention_rule(request):
    councils = selectors.governed_councils(request.user)
    if not councils:
        raise Http404
    council = councils[0]
    if len(councils) > 1:
        chosen = request.POST.get("council") or request.GET.get("council")
        council = next((each for each in councils if str(each.pk) == chosen), council)
    form = RetentionRuleForm(
        request.POST if request.method == "POST" else None, initial={"years": selectors.retention_years(council)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.SetRetentionRule(
                Actor.from_request(request), council=council, years=form.cleaned_data["years"]
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(
                request,
                f"{council.name} now keeps records until the date of birth plus {form.cleaned_data['years']} years.",
            )
            return redirect("records:disposal-queue")
    return render(request, "records/retention_rule.html", {"form": form, "council": council, "councils": councils})


@login_required
@require_http_methods(["GET", "POST"])
def find_record(request):
    """Finds a record that is not yet due, to place it on legal hold. A POST, so names stay out of addresses
    and logs; the results are shown on the same page."""
    actor = Actor.from_request(request)
    if not selectors.can_govern(request.user):
        raise Http404
    form = FindRecordForm(request.POST if request.method == "POST" else None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = selectors.find_governed_records(actor, **form.cleaned_data)
    return render(request, "records/find_record.html", {"form": form, "found": found})


def _governed_page(request, child, template: str, **context):
    years = selectors.retention_years(child.responsible_council)
    return render(
        request,
        template,
        {
            "child": child,
            "hold": selectors.active_hold(child),
            "holds": selectors.holds(child),
            "due_on": retention.disposal_due(child.date_of_birth, years),
            "rule": retention.retention_rule(years),
            "is_due": retention.is_due(child.date_of_birth, years, timezone.localdate()),
            **context,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def legal_hold(request, child_id):
    actor = Actor.from_request(request)
    child = selectors.governed_child(actor, child_id, viewing="Legal hold")
    form = HoldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hold_now = selectors.active_hold(child)
        action = actions.ClearLegalHold if hold_now else actions.SetLegalHold
        try:
            action(actor, child=child, reason=form.cleaned_data["reason"]).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The legal hold has ended." if hold_now else "The record is on legal hold.")
            return redirect("records:disposal-queue")
    return _governed_page(request, child, "records/legal_hold.html", form=form)


@login_required
@require_http_methods(["GET", "POST"])
def dispose(request, child_id):
    actor = Actor.from_request(request)
    child = selectors.governed_child(actor, child_id, viewing="Dispose of the record")
    form = DisposeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.DisposeRecord(actor, child=child, confirmed=form.cleaned_data["confirm"]).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The record has been disposed of. A record that it existed is kept.")
            return redirect("records:disposal-queue")
    return _governed_page(request, child, "records/dispose.html", form=form)
