from django.utils.functional import SimpleLazyObject


def officer_links(request):
    """Whether to show the caseload and council overview links; worked out only if a page asks."""
    from coproduce.statutory.selectors import may_see_caseload, may_see_council_overview

    user = getattr(request, "user", None)
    return {
        "show_caseload": SimpleLazyObject(lambda: bool(user and may_see_caseload(user))),
        "show_council_overview": SimpleLazyObject(lambda: bool(user and may_see_council_overview(user))),
    }
