"""Template helpers for surveys: links from other apps' pages, and the pictures of the easy version."""

from __future__ import annotations

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
def survey_links(user) -> dict:
    """Which survey links to show ``user`` (on the forum page)."""
    from coproduce.surveys import policy

    return {
        "surveys": policy.uses_surveys(user),
        "insight": policy.may_see_insight(user),
    }


@register.filter
def symbol_url(name: str) -> str:
    return static(f"coproduce/symbols/{name}.svg") if name else ""


@register.filter
def suppressed(count) -> str:
    """A count as published: 1 to 4 is "fewer than 5"."""
    from coproduce.rules.suppression import count_text

    return count_text(int(count or 0))
