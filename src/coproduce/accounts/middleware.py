"""Session limits: 12 hours at most for everyone, and 30 minutes idle for practitioners."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

SIGNED_IN_AT = "coproduce_signed_in_at"
LAST_SEEN_AT = "coproduce_last_seen_at"
IDLE_LIMITED = "coproduce_idle_limited"


def start_session_clock(request, *, idle_limited: bool) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    request.session[IDLE_LIMITED] = idle_limited


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.get(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            too_old = now - signed_in_at > settings.SESSION_COOKIE_AGE
            idle = session.get(IDLE_LIMITED, True) and now - last_seen_at > settings.SESSION_IDLE_SECONDS
            if too_old or idle:
                logout(request)
                request.session["coproduce_timed_out"] = True
            elif now - last_seen_at >= 60:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


class TwoStepMiddleware:
    """Practitioners (and anyone who has turned it on) must pass the second step before any page with
    personal data. Until then only the two-step pages, signing out and public pages are served."""

    ALLOWED_PREFIXES = (
        "/static/",
        "/account/two-step/",
        "/sign-out/",
        "/signed-out/",
        "/health",
        "/readyz",
        "/accessibility/",
        "/you-said-we-did/",
        "/privacy/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not user.is_verified()
            and _mfa_required(request)
        ):
            from urllib.parse import urlencode

            from django.shortcuts import redirect
            from django.urls import reverse

            from coproduce.accounts import mfa

            target = "accounts:two-step-verify" if mfa.has_method(user) else "accounts:two-step-set-up"
            return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)


def _mfa_required(request) -> bool:
    """Worked out once per session, not on every request."""
    from coproduce.accounts import mfa

    key = "coproduce_mfa_required"
    if key not in request.session:
        request.session[key] = mfa.mfa_required(request.user)
    return request.session[key]
