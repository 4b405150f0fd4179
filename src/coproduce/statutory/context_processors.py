from django.utils.functional import SimpleLazyObject


def officer_links(request):
    """Whether to show the caseload and council overview links; worked out only if a page asks, with the
    rest of the menu (``coproduce.web.menu``)."""
    from coproduce.web.menu import menu_for

    menu = menu_for(request)
    return {
        "show_caseload": SimpleLazyObject(lambda: menu.caseload),
        "show_council_overview": SimpleLazyObject(lambda: menu.council_overview),
    }
