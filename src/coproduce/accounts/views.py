from __future__ import annotations

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coproduce.accounts.forms import SignInForm
from coproduce.accounts.middleware import start_session_clock
from coproduce.accounts.models import StaffPosition


def safe_next(request, fallback: str = "/") -> str:
    """Only ever our own paths: never another site, whatever the link says."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def sign_in_user(request, user) -> None:
    """Start a signed-in session: a new session key, and the idle limit for practitioners."""
    login(request, user, backend="coproduce.accounts.backends.EmailBackend")
    start_session_clock(request, idle_limited=StaffPosition.objects.filter(user=user).exists())


@require_http_methods(["GET", "POST"])
def sign_in(request):
    timed_out = request.session.pop("coproduce_timed_out", False)
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        sign_in_user(request, form.user)
        return redirect(safe_next(request))
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "timed_out": timed_out, "next": safe_next(request, "")},
    )


@require_POST
def sign_out(request):
    logout(request)
    return redirect("accounts:signed-out")


@require_GET
def signed_out(request):
    return render(request, "accounts/signed_out.html")
