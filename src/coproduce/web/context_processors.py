from django.conf import settings


def site(request):
    from coproduce.teams.policy import can_search_audit

    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "service_name": "Coproduce",
        "can_search_audit": bool(user and user.is_authenticated and can_search_audit(user)),
    }
