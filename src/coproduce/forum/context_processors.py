from django.utils.functional import SimpleLazyObject


def forum_link(request):
    """Whether to show the "Forum" link; worked out only if a page asks, with the rest of the menu
    (``coproduce.web.menu``)."""
    from coproduce.web.menu import menu_for

    menu = menu_for(request)
    return {"show_forum": SimpleLazyObject(lambda: menu.forum)}
