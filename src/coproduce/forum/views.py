"""Pages of the parent carer forum, its boards and workstreams, and "you said, we did". Thin: each
reads through a selector or writes through an action, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.forum import actions, charts, forms, policy, selectors
from coproduce.forum.ladder import RUNGS
from coproduce.forum.models import MinutesStatus, YouSaidStatus
from coproduce.forum.policy import Permission

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    """The form data of a POST, even an empty one (so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def _page(request, access, template: str, section: str, **context):
    return render(
        request,
        template,
        {"access": access, "workstream": access.workstream, "section": section, "ladder_rungs": RUNGS, **context},
    )


# The forum.


@login_required
@require_GET
def home(request):
    return render(request, "forum/home.html", selectors.forum_home(request.user))


@login_required
@GET_POST
def join(request):
    forums = selectors.forums_to_join()
    current = policy.forum_memberships(request.user).first()
    initial = {"forum": current.forum if current else forums.first()}
    if current is not None:
        initial["may_contact"] = "yes" if current.may_contact else "no"
    form = forms.JoinForumForm(_posted(request), forums=forums, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.JoinForum(Actor.from_request(request), **form.cleaned_data).execute()
        if current is None:
            messages.success(request, f"You have joined {form.cleaned_data['forum']}.")
        else:
            messages.success(request, "Your choice has been saved.")
        return redirect("forum:home")
    return render(request, "forum/join.html", {"form": form, "current": current})


@login_required
@GET_POST
def leave(request):
    current = policy.forum_memberships(request.user).select_related("forum").first()
    if current is None:
        raise Http404
    if request.method == "POST":
        actions.LeaveForum(Actor.from_request(request), member=current).execute()
        messages.success(request, f"You have left {current.forum}. You can join again at any time.")
        return redirect("forum:home")
    return render(request, "forum/leave.html", {"current": current})


@login_required
@GET_POST
def volunteer(request, workstream_id):
    workstream = selectors.outline_workstream_for_volunteer(request.user, workstream_id)
    form = forms.VolunteerForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.VolunteerForWorkstream(
                Actor.from_request(request), workstream=workstream, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"Thank you. The forum coordinator will contact you about {workstream.name}.")
            return redirect("forum:home")
    return render(request, "forum/volunteer.html", {"form": form, "workstream": workstream})


# Boards and workstreams.


@login_required
@GET_POST
def workstream_new(request):
    if not policy.is_coordinator(request.user):
        raise Http404
    forums = policy.forums_followed_by(request.user).filter(id__in=policy.coordinated_forum_ids(request.user))
    form = forms.NewWorkstreamForm(_posted(request), forums=forums, initial={"forum": forums.first()})
    if request.method == "POST" and form.is_valid():
        try:
            workstream = actions.CreateWorkstream(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"You set up {workstream.name}. Now add its members.")
            return redirect("forum:workstream", workstream_id=workstream.pk)
    return render(request, "forum/workstream_new.html", {"form": form})


@login_required
@require_GET
def workstream(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id)
    return _page(request, access, "forum/workstream.html", "overview", **selectors.overview(access))


@login_required
@GET_POST
def workstream_edit(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.MANAGE)
    ws = access.workstream
    initial = {"kind": ws.kind, "name": ws.name, "purpose": ws.purpose, "chair": ws.chair}
    form = forms.EditWorkstreamForm(_posted(request), initial=initial, chairs=selectors.voting_member_users(ws))
    if request.method == "POST" and form.is_valid():
        try:
            actions.UpdateWorkstream(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The details have been saved.")
            return redirect("forum:workstream", workstream_id=ws.pk)
    return _page(request, access, "forum/workstream_edit.html", "overview", form=form)


@login_required
@GET_POST
def member_add(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.MANAGE)
    initial = {"started_on": access.today}
    offer = selectors.volunteer_in(access, request.GET.get("volunteer"))
    if offer is not None:
        initial |= {"email": offer.user.email, "role": "parent_rep", "mandate": str(access.workstream.forum)}
    form = forms.MemberForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            member = actions.AddMember(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"{member.user.full_name} is now a {member.get_role_display().lower()}.")
            return redirect("forum:workstream", workstream_id=access.workstream.pk)
    return _page(request, access, "forum/member_add.html", "overview", form=form)


@login_required
@GET_POST
def member_end(request, workstream_id, member_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.MANAGE)
    member = selectors.member_in(access, member_id)
    form = forms.EndMemberForm(_posted(request), initial={"ended_on": access.today})
    if request.method == "POST" and form.is_valid():
        try:
            actions.EndMembership(
                Actor.from_request(request), access=access, member=member, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"{member.user.full_name}'s membership ends on the date you gave.")
            return redirect("forum:workstream", workstream_id=access.workstream.pk)
    return _page(request, access, "forum/member_end.html", "overview", form=form, member=member)


# Meetings.


@login_required
@GET_POST
def meeting_new(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.SCHEDULE)
    form = forms.MeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        meeting = actions.ScheduleMeeting(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        messages.success(request, "The meeting has been arranged.")
        return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=meeting.pk)
    return _page(request, access, "forum/meeting_new.html", "overview", form=form)


@login_required
@require_GET
def meeting(request, workstream_id, meeting_id):
    access = selectors.workstream_access(request.user, workstream_id)
    found = selectors.meeting_in(access, meeting_id)
    return _page(
        request,
        access,
        "forum/meeting.html",
        "overview",
        meeting=found,
        comment_form=forms.MinutesCommentForm(),
        MinutesStatus=MinutesStatus,
        **selectors.meeting_detail(access, found),
    )


@login_required
@GET_POST
def paper_add(request, workstream_id, meeting_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.CONTRIBUTE)
    found = selectors.meeting_in(access, meeting_id)
    form = forms.PaperForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.UploadPaper(
            Actor.from_request(request),
            access=access,
            meeting=found,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["document"],
            file_type=form.file_type,
        ).execute()
        messages.success(request, "The paper has been added.")
        return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=found.pk)
    return _page(request, access, "forum/paper_add.html", "overview", form=form, meeting=found)


@login_required
@require_GET
def paper(request, workstream_id, meeting_id, paper_id):
    access = selectors.workstream_access(request.user, workstream_id)
    found = selectors.meeting_in(access, meeting_id)
    document = selectors.paper_for_download(Actor.from_request(request), access, found, paper_id)
    response = FileResponse(
        document.document.open("rb"),
        as_attachment=True,
        filename=document.file_name or "paper",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@GET_POST
def attendance(request, workstream_id, meeting_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.SCHEDULE)
    found = selectors.meeting_in(access, meeting_id)
    detail = selectors.meeting_detail(access, found)
    rows = detail["attendance"]
    form = forms.AttendanceForm(
        _posted(request),
        members=[row.member for row in rows],
        initial_statuses={row.member.pk: row.status for row in rows if row.status},
    )
    if request.method == "POST" and form.is_valid():
        actions.RecordAttendance(
            Actor.from_request(request), access=access, meeting=found, statuses=form.statuses()
        ).execute()
        messages.success(request, "Attendance has been saved.")
        return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=found.pk)
    return _page(request, access, "forum/attendance.html", "overview", form=form, meeting=found)


@login_required
@GET_POST
def minutes_edit(request, workstream_id, meeting_id):
    actor = Actor.from_request(request)
    access = selectors.workstream_access(request.user, workstream_id, Permission.CONTRIBUTE)
    found = selectors.meeting_in(access, meeting_id)
    if not found.minutes_editable:
        raise Http404
    form = forms.MinutesForm(_posted(request), initial={"text": found.minutes, "version": found.minutes_version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.SaveMinutes(actor, access=access, meeting=found, **form.cleaned_data).execute()
        except Conflict as clash:
            conflict = True
            form.add_error(None, clash.message)
            found.refresh_from_db()
            data = request.POST.copy()
            data["version"] = found.minutes_version
            form.data = data
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The draft minutes have been saved.")
            return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=found.pk)
    return _page(request, access, "forum/minutes_edit.html", "overview", form=form, meeting=found, conflict=conflict)


def _minutes_step(request, workstream_id, meeting_id, action_class, template: str, done: str):
    access = selectors.workstream_access(request.user, workstream_id, Permission.RUN_MINUTES)
    found = selectors.meeting_in(access, meeting_id)
    error = None
    if request.method == "POST":
        try:
            action_class(Actor.from_request(request), access=access, meeting=found).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, done)
            return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=found.pk)
    return _page(request, access, template, "overview", meeting=found, error=error)


@login_required
@GET_POST
def minutes_circulate(request, workstream_id, meeting_id):
    return _minutes_step(
        request,
        workstream_id,
        meeting_id,
        actions.CirculateMinutes,
        "forum/minutes_circulate.html",
        "The draft minutes have been circulated. Members can now comment on them.",
    )


@login_required
@GET_POST
def minutes_agree(request, workstream_id, meeting_id):
    return _minutes_step(
        request,
        workstream_id,
        meeting_id,
        actions.AgreeMinutes,
        "forum/minutes_agree.html",
        "The minutes have been recorded as agreed.",
    )


@login_required
@GET_POST
def minutes_comment(request, workstream_id, meeting_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.CONTRIBUTE)
    found = selectors.meeting_in(access, meeting_id)
    form = forms.MinutesCommentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.CommentOnMinutes(
                Actor.from_request(request), access=access, meeting=found, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Your comment has been added.")
            return redirect("forum:meeting", workstream_id=access.workstream.pk, meeting_id=found.pk)
    return _page(request, access, "forum/minutes_comment.html", "overview", form=form, meeting=found)


# Decisions.


@login_required
@require_GET
def decisions(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id)
    return _page(request, access, "forum/decisions.html", "decisions", rows=selectors.decisions_log(access))


@login_required
@GET_POST
def decision_new(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.DECIDE)
    ws = access.workstream
    meeting_id = request.GET.get("meeting")
    meetings = selectors.meetings_to_link(ws)
    initial = {"meeting": meetings.filter(pk=meeting_id).first()} if meeting_id and _is_uuid(meeting_id) else {}
    form = forms.DecisionForm(
        _posted(request), initial=initial, meetings=meetings, you_said_items=selectors.you_said_to_link(ws)
    )
    if request.method == "POST" and form.is_valid():
        decision = actions.RecordDecision(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        messages.success(request, "The decision has been recorded. Now each side can rate it on the ladder.")
        return redirect("forum:decision", workstream_id=ws.pk, decision_id=decision.pk)
    return _page(request, access, "forum/decision_new.html", "decisions", form=form)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
@require_GET
def decision(request, workstream_id, decision_id):
    access = selectors.workstream_access(request.user, workstream_id)
    found = selectors.decision_in(access, decision_id)
    return _page(request, access, "forum/decision.html", "decisions", **selectors.decision_detail(access, found))


@login_required
@GET_POST
def decision_rate(request, workstream_id, decision_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.RATE)
    found = selectors.decision_in(access, decision_id)
    mine = selectors.decision_detail(access, found)["rated"].my_rating
    initial = {"rung": mine.rung, "reason": mine.reason} if mine else {}
    form = forms.RatingForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.RateDecision(Actor.from_request(request), access=access, decision=found, **form.cleaned_data).execute()
        messages.success(request, "Your side's rating has been saved.")
        return redirect("forum:decision", workstream_id=access.workstream.pk, decision_id=found.pk)
    return _page(request, access, "forum/decision_rate.html", "decisions", form=form, decision=found, mine=mine)


# Actions.


@login_required
@require_GET
def work_actions(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id)
    return _page(request, access, "forum/actions.html", "actions", **selectors.actions_list(access))


@login_required
@GET_POST
def action_new(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.CONTRIBUTE)
    ws = access.workstream
    decision_id = request.GET.get("decision")
    decisions_qs = selectors.decisions_to_link(ws)
    initial = {"decision": decisions_qs.filter(pk=decision_id).first()} if decision_id and _is_uuid(decision_id) else {}
    form = forms.WorkActionForm(
        _posted(request), initial=initial, owners=selectors.member_users(ws), decisions=decisions_qs
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.AddWorkAction(Actor.from_request(request), access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The action has been added.")
            return redirect("forum:actions", workstream_id=ws.pk)
    return _page(request, access, "forum/action_new.html", "actions", form=form)


@login_required
@GET_POST
def action_update(request, workstream_id, action_id):
    access = selectors.workstream_access(request.user, workstream_id, Permission.CONTRIBUTE)
    work = selectors.work_action_in(access, action_id)
    form = forms.WorkActionUpdateForm(
        _posted(request), initial={"status": work.status, "completed_on": work.completed_on}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.UpdateWorkAction(
                Actor.from_request(request), access=access, work=work, **form.cleaned_data
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The action has been updated.")
            return redirect("forum:actions", workstream_id=access.workstream.pk)
    return _page(request, access, "forum/action_update.html", "actions", form=form, work=work)


# The health of co-production.


@login_required
@require_GET
def health(request, workstream_id):
    access = selectors.workstream_access(request.user, workstream_id)
    data = selectors.health(access)
    name = access.workstream.name
    ladder_chart = charts.ladder_chart(
        "chart-ladder",
        f"Where each side placed decisions of {name} on the ladder of co-production",
        [(f"{row.decision.title}", row.families.rung, row.council.rung) for row in data["rated"]],
    )
    attendance_chart = charts.share_chart(
        "chart-attendance",
        f"Parent representatives present at meetings of {name}",
        [(f"{held_on.day} {held_on:%B %Y}", share.met, share.total) for held_on, _, share in data["attendance"]],
    )
    on_time_chart = charts.share_chart(
        "chart-on-time",
        f"Actions of {name} done by their due date",
        [(share.label, share.met, share.total) for share in data["on_time"]],
    )
    return _page(
        request,
        access,
        "forum/health.html",
        "health",
        ladder_chart=ladder_chart,
        attendance_chart=attendance_chart,
        on_time_chart=on_time_chart,
        **data,
    )


# "You said, we did": the public pages need no sign-in and hold no personal data.


@require_GET
def you_said_public(request):
    status = request.GET.get("status") or ""
    if status and status not in YouSaidStatus.values:
        status = ""
    return render(
        request,
        "forum/you_said_public.html",
        {
            "items": selectors.public_items(status or None),
            "counts": selectors.public_status_counts(),
            "statuses": YouSaidStatus.choices,
            "status": status,
        },
    )


@require_GET
def you_said_public_item(request, you_said_id):
    return render(request, "forum/you_said_public_item.html", {"item": selectors.public_item(you_said_id)})


@login_required
@require_GET
def you_said_list(request):
    if not policy.may_manage_you_said(request.user):
        raise Http404
    return render(request, "forum/you_said_list.html", {"items": selectors.managed_items(request.user)})


@login_required
@GET_POST
def you_said_new(request):
    if not policy.may_manage_you_said(request.user):
        raise Http404
    areas = policy.you_said_areas_managed_by(request.user)
    form = forms.NewYouSaidForm(
        _posted(request),
        areas=areas,
        workstreams=selectors.workstreams_in_areas(request.user),
        initial={"local_area": areas.first(), "published": "no"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.CreateYouSaidItem(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The item has been added.")
            return redirect("forum:you-said-item", you_said_id=item.pk)
    return render(request, "forum/you_said_new.html", {"form": form})


@login_required
@require_GET
def you_said_item(request, you_said_id):
    item = selectors.managed_item(request.user, you_said_id)
    may_add = policy.may_add_contributors(request.user, item)
    return render(
        request,
        "forum/you_said_item.html",
        {
            "item": item,
            "contributors": selectors.contributor_summary(item),
            "may_add_contributors": may_add,
            "update_form": forms.YouSaidUpdateForm(initial={"status": item.status}),
        },
    )


@login_required
@GET_POST
def you_said_edit(request, you_said_id):
    item = selectors.managed_item(request.user, you_said_id)
    initial = {
        "title": item.title,
        "families_said": item.families_said,
        "we_will": item.we_will,
        "owner": item.owner,
        "source_kind": item.source_kind,
        "source_description": item.source_description,
        "workstream": item.workstream,
        "published": "yes" if item.published else "no",
    }
    form = forms.YouSaidForm(
        _posted(request), initial=initial, workstreams=selectors.workstreams_in_areas(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.EditYouSaidItem(Actor.from_request(request), item=item, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "The item has been saved.")
            return redirect("forum:you-said-item", you_said_id=item.pk)
    return render(request, "forum/you_said_edit.html", {"form": form, "item": item})


@login_required
@GET_POST
def you_said_update(request, you_said_id):
    item = selectors.managed_item(request.user, you_said_id)
    form = forms.YouSaidUpdateForm(_posted(request), initial={"status": item.status})
    if request.method == "POST" and form.is_valid():
        try:
            update = actions.PostYouSaidUpdate(Actor.from_request(request), item=item, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            told = update.notifications.count()
            if update.status_changed:
                messages.success(
                    request,
                    f"The update has been posted. {told} {'family' if told == 1 else 'families'} "
                    "who agreed to be contacted will be told by email.",
                )
            else:
                messages.success(request, "The update has been posted.")
            return redirect("forum:you-said-item", you_said_id=item.pk)
    return render(request, "forum/you_said_update.html", {"form": form, "item": item})


@login_required
@GET_POST
def you_said_contributors(request, you_said_id):
    item = selectors.item_for_contributors(request.user, you_said_id)
    members = selectors.members_to_add(request.user, item)
    form = forms.ContributorsForm(_posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        added = actions.AddContributors(
            Actor.from_request(request), item=item, members=form.cleaned_data["members"]
        ).execute()
        messages.success(request, f"{added} {'contributor' if added == 1 else 'contributors'} added.")
        return redirect("forum:you-said-item", you_said_id=item.pk)
    return render(
        request,
        "forum/you_said_contributors.html",
        {"form": form, "item": item, "has_members": members.exists()},
    )


# Time, expenses and participation payments.


@login_required
@require_GET
def claims(request):
    if not policy.may_see_claims(request.user):
        raise Http404
    return render(request, "forum/claims.html", selectors.claims_page(request.user))


@login_required
@GET_POST
def claim_new(request):
    workstreams = policy.workstreams_to_claim_for(request.user).order_by("name")
    if not workstreams.exists():
        raise Http404
    form = forms.ClaimForm(_posted(request), workstreams=workstreams, initial={"workstream": workstreams.first()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        access = selectors.workstream_access(request.user, data.pop("workstream").pk, Permission.CLAIM)
        try:
            actions.SubmitClaim(Actor.from_request(request), access=access, **data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, "Your claim has been sent to the forum coordinator for approval.")
            return redirect("forum:claims")
    return render(request, "forum/claim_new.html", {"form": form})


@login_required
@GET_POST
def claim_decide(request, claim_id):
    claim = selectors.claim_to_decide(request.user, claim_id)
    form = forms.DecideClaimForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decided = actions.DecideClaim(Actor.from_request(request), claim=claim, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"The claim is {decided.get_status_display().lower()}.")
            return redirect("forum:claims")
    return render(request, "forum/claim_decide.html", {"form": form, "claim": claim})


@login_required
@require_GET
def claim_totals(request):
    return render(request, "forum/claim_totals.html", {"totals": selectors.claim_totals(request.user)})
