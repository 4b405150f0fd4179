from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from coproduce.web.menu import menu_for

    menu = menu_for(request)
    return {
        "demo_mode": settings.DEMO_MODE,
        "service_name": "Coproduce",
        # With the rest of the menu, in one query, only if a page asks (coproduce.web.menu).
        "can_search_audit": SimpleLazyObject(lambda: menu.audit),
    }
