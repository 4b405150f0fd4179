"""Pages of a child's record and their team. Thin: each reads through a selector or writes through an
action, and renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from coproduce.accounts.forms import NewAccountForm
from coproduce.accounts.views import sign_in_user
from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.teams import actions, selectors
from coproduce.teams.forms import AddChildForm, EditChildForm, InviteForm, ParentsAccessForm
from coproduce.teams.models import ParentsAccess
from coproduce.teams.policy import Permission, can_add_children, councils_for


def _child_page(request, access, template: str, section: str, **context):
    return render(request, template, {"access": access, "child": access.child, "section": section, **context})


@login_required
@require_http_methods(["GET"])
def child_overview(request, child_id):
    access = selectors.child_access(Actor.from_request(request), child_id, viewing="Overview")
    return _child_page(request, access, "teams/overview.html", "overview", team=selectors.current_team(access.child))


@login_required
@require_http_methods(["GET", "POST"])
def add_child(request):
    if not can_add_children(request.user):
        raise Http404
    councils = councils_for(request.user)
    form = AddChildForm(request.POST or None, councils=councils, initial={"responsible_council": councils.first()})
    if request.method == "POST" and form.is_valid():
        try:
            child = actions.CreateChild(Actor.from_request(request), **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"You added {child.display_name}. You are their case officer.")
            return redirect("teams:child", child_id=child.id)
    return render(request, "teams/add_child.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit_details(request, child_id):
    actor = Actor.from_request(request)
    access = selectors.child_access(actor, child_id, viewing="Details", permission=Permission.EDIT_DETAILS)
    child = access.child
    initial = {field: getattr(child, field) for field in actions.CHILD_FIELDS} | {"version": child.version}
    form = EditChildForm(request.POST or None, initial=initial, council=child.responsible_council)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            actions.UpdateChildDetails(actor, access=access, **form.cleaned_data).execute()
        except Conflict as clash:
            # Keep what they typed, show what is saved now, and let them save again on the new version.
            conflict = True
            form.add_error(None, clash.message)
            child.refresh_from_db()
            data = request.POST.copy()
            data["version"] = child.version
            form.data = data
        else:
            messages.success(request, "The details have been saved.")
            return redirect("teams:child", child_id=child.id)
    return _child_page(request, access, "teams/edit_details.html", "overview", form=form, conflict=conflict)


@login_required
@require_http_methods(["GET"])
def team(request, child_id):
    access = selectors.child_access(Actor.from_request(request), child_id, viewing="Team")
    return _child_page(
        request,
        access,
        "teams/team.html",
        "team",
        team=selectors.current_team(access.child),
        invitations=selectors.pending_invitations(access),
        Permission=Permission,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, child_id):
    actor = Actor.from_request(request)
    access = selectors.child_access(actor, child_id, viewing="Invite someone", permission=Permission.INVITE)
    form = InviteForm(request.POST or None, may_add_officer=access.is_officer)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = actions.InviteMember(actor, access=access, **form.cleaned_data).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            messages.success(request, f"We have sent an invitation to {invitation.email}.")
            return redirect("teams:team", child_id=access.child.id)
    return _child_page(
        request, access, "teams/invite.html", "team", form=form, invitation_days=settings.INVITATION_DAYS
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw_invitation(request, child_id, invitation_id):
    actor = Actor.from_request(request)
    access = selectors.child_access(actor, child_id, viewing="Withdraw an invitation", permission=Permission.INVITE)
    invitation = selectors.pending_invitation(access, invitation_id)
    if request.method == "POST":
        actions.WithdrawInvitation(actor, access=access, invitation=invitation).execute()
        messages.success(request, f"You withdrew the invitation to {invitation.email}.")
        return redirect("teams:team", child_id=access.child.id)
    return _child_page(request, access, "teams/withdraw_invitation.html", "team", invitation=invitation)


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, child_id, membership_id):
    actor = Actor.from_request(request)
    access = selectors.child_access(
        actor, child_id, viewing="Remove someone from the team", permission=Permission.REMOVE_MEMBER
    )
    membership = selectors.team_member(access, membership_id)
    error = None
    if request.method == "POST":
        try:
            actions.RemoveMember(actor, access=access, membership=membership).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            messages.success(request, f"{membership.user.full_name} is no longer on the team.")
            return redirect("teams:team", child_id=access.child.id)
    return _child_page(request, access, "teams/remove_member.html", "team", membership=membership, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def parents_access(request, child_id):
    actor = Actor.from_request(request)
    access = selectors.child_access(
        actor, child_id, viewing="Who can see my plan", permission=Permission.CHOOSE_PARENTS_ACCESS
    )
    form = ParentsAccessForm(request.POST or None, initial={"choice": access.child.parents_access})
    if request.method == "POST" and form.is_valid():
        child = actions.ChooseParentsAccess(actor, access=access, choice=form.cleaned_data["choice"]).execute()
        messages.success(
            request,
            "Your parents or carers can keep seeing your plan."
            if child.parents_access == ParentsAccess.SUPPORTERS
            else "Your parents or carers can no longer see your plan.",
        )
        return redirect("teams:team", child_id=child.id)
    return _child_page(request, access, "teams/parents_access.html", "team", form=form)


@login_required
@require_http_methods(["GET"])
def history(request, child_id):
    access = selectors.child_access(
        Actor.from_request(request),
        child_id,
        viewing="Who has looked at the record",
        permission=Permission.VIEW_HISTORY,
    )
    return _child_page(request, access, "teams/history.html", "history", events=selectors.access_history(access))


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email: accept it, creating an account if needed."""
    invite = selectors.invitation_by_token(token)
    actor = Actor.from_request(request)
    signed_in = request.user.is_authenticated
    needs_account = not signed_in and not invite.email_has_account
    form = NewAccountForm(request.POST or None, email=invite.email) if needs_account else None
    error = None
    if request.method == "POST" and invite.status == "pending" and (form is None or form.is_valid()):
        try:
            user, accepted = actions.AcceptInvitation(
                actor, invitation=invite, **(form.cleaned_data if form else {})
            ).execute()
        except ActionRefused as refusal:
            error = refusal.message
        else:
            if not signed_in:
                sign_in_user(request, user)
            messages.success(request, f"You have joined the team around {accepted.child.known_as}.")
            return redirect("teams:child", child_id=accepted.child.id)
    return render(
        request,
        "teams/invitation.html",
        {"invitation": invite, "form": form, "error": error, "signed_in": signed_in},
    )
