from __future__ import annotations

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coproduce.accounts.forms import SignInForm
from coproduce.accounts.middleware import start_session_clock
from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record


def safe_next(request, fallback: str = "/") -> str:
    """Only ever our own paths: never another site, whatever the link says."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def sign_in_user(request, user) -> None:
    """Start a signed-in session: a new session key, the idle limit for practitioners, and whether the
    second step is needed."""
    from coproduce.accounts import mfa

    login(request, user, backend="coproduce.accounts.backends.EmailBackend")
    practitioner = mfa.is_practitioner(user)
    start_session_clock(request, idle_limited=practitioner)
    request.session["coproduce_mfa_required"] = practitioner or mfa.mfa_required(user)
    record(Actor.from_request(request), AuditAction.SIGNED_IN, what="Signed in")


@require_http_methods(["GET", "POST"])
def sign_in(request):
    timed_out = request.session.pop("coproduce_timed_out", False)
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            sign_in_user(request, form.user)
            return redirect(safe_next(request))
        if form.non_field_errors():
            record(Actor.from_request(request), AuditAction.SIGN_IN_FAILED, what="A sign-in was refused")
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "timed_out": timed_out, "next": safe_next(request, "")},
    )


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        record(Actor.from_request(request), AuditAction.SIGNED_OUT, what="Signed out")
    logout(request)
    return redirect("accounts:signed-out")


@require_GET
def signed_out(request):
    return render(request, "accounts/signed_out.html")


def locked_out(request, credentials=None, *args, **kwargs):
    """Too many failed sign-ins: the same words whether or not the account exists."""
    response = render(request, "accounts/sign_in.html", {"form": SignInForm(), "locked_out": True, "next": ""})
    response.status_code = 429
    return response
