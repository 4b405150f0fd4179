from django.utils.functional import SimpleLazyObject


def forum_link(request):
    """Whether to show the "Forum" link; worked out only if a page asks."""
    from coproduce.forum.policy import uses_forum

    user = getattr(request, "user", None)
    return {"show_forum": SimpleLazyObject(lambda: bool(user and uses_forum(user)))}
