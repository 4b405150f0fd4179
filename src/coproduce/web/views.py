"""The home page, the health check and the pages every visitor can read."""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET

from coproduce.progress.selectors import ratings_due
from coproduce.statutory.selectors import advice_for
from coproduce.teams import policy
from coproduce.teams.models import FAMILY_ROLES, TeamRole
from coproduce.teams.selectors import children_with_memberships


@require_GET
def home(request):
    if not request.user.is_authenticated:
        return redirect("accounts:sign-in")
    children = list(children_with_memberships(request.user))
    own, family, supporting = [], [], []
    for child in children:
        roles = {m.role for m in child.my_memberships}
        if TeamRole.YOUNG_PERSON in roles:
            own.append(child)
        elif roles & FAMILY_ROLES:
            family.append(child)
        else:
            supporting.append(child)
    return render(
        request,
        "web/home.html",
        {
            "own_plans": own,
            "family_children": family,
            "supported_children": supporting,
            "can_add_children": policy.can_add_children(request.user),
            "advice_due": advice_for(request.user, outstanding_only=True),
            "ratings_due": ratings_due(request.user, children),
        },
    )


@require_GET
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so a database outage does not restart it."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """Readiness: the database answers. A load balancer sends traffic only while this says ready."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ready"})


@require_GET
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def accessibility(request):
    return render(request, "web/accessibility.html")


@require_GET
def privacy(request):
    from coproduce.core.privacy import PURPOSES

    return render(request, "web/privacy.html", {"purposes": PURPOSES})


def csrf_failure(request, reason=""):
    return render(request, "web/csrf_failure.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request: the layout's context may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
