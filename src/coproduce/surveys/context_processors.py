from django.utils.functional import SimpleLazyObject


def survey_links(request):
    """Whether to show the "Surveys" and "Co-production" links: worked out only if a page asks, and
    then with the rest of the menu in one query (``coproduce.web.menu``)."""
    from coproduce.web.menu import menu_for

    menu = menu_for(request)
    return {
        "show_surveys": SimpleLazyObject(lambda: menu.surveys),
        "show_co_production": SimpleLazyObject(lambda: menu.co_production),
    }
