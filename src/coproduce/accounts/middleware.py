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
