"""Pages for two-step sign-in."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from coproduce.accounts import actions, mfa, passkeys
from coproduce.accounts.mfa_forms import CodeForm
from coproduce.accounts.passkey_views import passkey_script_config
from coproduce.accounts.views import safe_next
from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused


@login_required
@require_http_methods(["GET"])
def overview(request):
    user = request.user
    return render(
        request,
        "accounts/two_step.html",
        {
            "has_app": mfa.totp_device(user, confirmed=True) is not None,
            "passkeys": passkeys.passkeys(user),
            "required": mfa.is_practitioner(user),
            "recovery_left": mfa.remaining_recovery_codes(user),
        },
    )


def _secret_groups(device) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request):
    actor = Actor.from_request(request)
    device = actions.StartAuthenticatorSetup(actor).execute()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.ConfirmAuthenticator(actor, code=form.cleaned_data["code"], request=request).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": safe_next(request)})
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, title="QR code to add Coproduce to your authenticator app", svgclass="app-qr")
    return render(
        request,
        "accounts/two_step_set_up.html",
        {
            "form": form,
            "secret": _secret_groups(device),
            "qr": mark_safe(svg),  # noqa: S308 (made by segno)
            "next": safe_next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not mfa.has_method(request.user):
        return redirect("accounts:two-step-set-up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.VerifySecondStep(
                Actor.from_request(request), code=form.cleaned_data["code"], request=request
            ).execute()
        except ActionRefused as refusal:
            refusal.put_on(form)
        else:
            return redirect(safe_next(request))
    user = request.user
    has_passkey = passkeys.has_passkey(user)
    return render(
        request,
        "accounts/two_step_verify.html",
        {
            "form": form,
            "next": safe_next(request, ""),
            "has_app": mfa.totp_device(user, confirmed=True) is not None,
            "has_passkey": has_passkey,
            "has_codes": mfa.totp_device(user, confirmed=True) is not None or mfa.remaining_recovery_codes(user) > 0,
            "passkey_config": passkey_script_config(request) if has_passkey else "",
        },
    )


@login_required
@require_http_methods(["POST"])
def recovery_codes(request):
    try:
        codes = actions.NewRecoveryCodes(Actor.from_request(request)).execute()
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
        return redirect("accounts:two-step")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@login_required
@require_http_methods(["POST"])
def turn_off(request):
    try:
        actions.TurnOffTwoStep(Actor.from_request(request)).execute()
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    else:
        request.session["coproduce_mfa_required"] = False
        messages.success(request, "Two-step sign-in is turned off.")
    return redirect("accounts:two-step")
