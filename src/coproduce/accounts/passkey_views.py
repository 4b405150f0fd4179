"""Passkeys: the pages to add, name and remove them, and the JSON endpoints the browser's passkey script
talks to (django-otp-webauthn's views, signed-in only, with our audit trail and our own redirects).

Passkeys need JavaScript. Every page here says so when it is off, and offers the authenticator app.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware import csrf
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn

from coproduce.accounts import actions, mfa, passkeys
from coproduce.accounts.views import safe_next
from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused

# --- The browser's side ------------------------------------------------------------------------------


def passkey_script_config(request, *, next_url: str = "") -> str:
    """The settings django-otp-webauthn's script reads from the page, as a JSON data block that carries
    this response's nonce like every other script tag (it is data, never run)."""
    query = "?" + urlencode({"next": next_url}) if next_url else ""
    config = {
        "autocompleteLoginFieldSelector": None,
        "nextFieldSelector": "input[name='next']",
        "csrfToken": csrf.get_token(request),
        "beginAuthenticationUrl": reverse("accounts:passkey-verify-begin"),
        "completeAuthenticationUrl": reverse("accounts:passkey-verify-complete"),
        "beginRegistrationUrl": reverse("accounts:passkey-add-begin"),
        "completeRegistrationUrl": reverse("accounts:passkey-add-complete") + query,
    }
    tag = json_script(config, "otp_webauthn_config")
    return mark_safe(tag.replace("<script ", f'<script nonce="{request.csp_nonce}" ', 1))  # noqa: S308 (escaped by json_script)


@method_decorator(login_required, name="dispatch")
class AddBegin(webauthn.BeginCredentialRegistrationView):
    """The options for a new passkey. Someone who already has a second step must have passed it."""


@method_decorator(login_required, name="dispatch")
class AddComplete(webauthn.CompleteCredentialRegistrationView):
    def post(self, request, *args, **kwargs):
        state = self.get_state()
        actor = Actor.from_request(request)
        try:
            device = actions.AddPasskey(
                actor, request=request, helper=self.get_helper(), state=state, data=request.data
            ).execute()
        except exceptions.OTPWebAuthnApiError:
            actions.NotePasskeyRefused(actor, stage="adding").execute()
            raise
        name_url = reverse("accounts:passkey-name", args=[device.pk])
        next_url = safe_next(request, "")
        if next_url:
            name_url += "?" + urlencode({"next": next_url})
        return JsonResponse({"id": device.pk, "name_url": name_url})


@method_decorator(login_required, name="dispatch")
class VerifyBegin(webauthn.BeginCredentialAuthenticationView):
    """The challenge for the second step, listing the person's own passkeys."""


@method_decorator(login_required, name="dispatch")
class VerifyComplete(webauthn.CompleteCredentialAuthenticationView):
    def post(self, request, *args, **kwargs):
        state = self.get_state()
        actor = Actor.from_request(request)
        try:
            device = actions.VerifyPasskey(
                actor, request=request, helper=self.get_helper(), state=state, data=request.data
            ).execute()
        except (exceptions.OTPWebAuthnApiError, ActionRefused) as refusal:
            actions.NotePasskeyRefused(actor, stage="second step").execute()
            if isinstance(refusal, ActionRefused):
                raise exceptions.CredentialDisabled() from refusal
            raise
        return JsonResponse({"id": device.pk, "redirect_url": safe_next(request)})


# --- The pages -------------------------------------------------------------------------------------


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label="Name",
        help_text="So you can tell your passkeys apart, for example ‘Work laptop’ or ‘My phone’",
        max_length=64,
        error_messages={"required": "Enter a name for the passkey", "max_length": "Use 64 characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


@login_required
@require_http_methods(["GET"])
def add(request):
    return render(
        request,
        "accounts/passkey_add.html",
        {
            "passkey_config": passkey_script_config(request, next_url=safe_next(request, "")),
            "next": safe_next(request, ""),
            "has_app": mfa.totp_device(request.user, confirmed=True) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def name(request, passkey_id: int):
    device = passkeys.passkey_of(request.user, passkey_id)
    if device is None:
        raise Http404
    form = PasskeyNameForm(request.POST or None, initial={"name": device.name})
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        try:
            actions.RenamePasskey(actor, passkey_id=device.pk, name=form.cleaned_data["name"]).execute()
        except ActionRefused as refusal:
            form.add_error("name" if refusal.field == "name" else None, refusal.message)
        else:
            if mfa.remaining_recovery_codes(request.user) == 0:
                codes = actions.NewRecoveryCodes(actor).execute()
                return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": safe_next(request)})
            messages.success(request, "Your passkey is saved.")
            return redirect(safe_next(request, reverse("accounts:two-step")))
    return render(request, "accounts/passkey_name.html", {"form": form, "next": safe_next(request, "")})


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, passkey_id: int):
    device = passkeys.passkey_of(request.user, passkey_id)
    if device is None:
        raise Http404
    refusal_message = ""
    if request.method == "POST":
        try:
            actions.RemovePasskey(Actor.from_request(request), passkey_id=device.pk, request=request).execute()
        except ActionRefused as refusal:
            refusal_message = refusal.message
        else:
            messages.success(request, "The passkey is removed. It cannot be used to sign in any more.")
            return redirect("accounts:two-step")
    return render(request, "accounts/passkey_remove.html", {"passkey": device, "refusal": refusal_message})
