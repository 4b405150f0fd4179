"""``{% clock_next_steps access as steps %}``: the next steps of a child's clock, for the overview page.

Takes the ``Access`` the page already has (the policy has said yes and the view is audited).
"""

from __future__ import annotations

from django import template

from coproduce.statutory.selectors import child_clock

register = template.Library()


@register.simple_tag
def clock_next_steps(access, limit: int = 2):
    view = child_clock(access)
    return {"empty": view.empty, "steps": view.next_steps[:limit], "more": max(0, len(view.next_steps) - limit)}


@register.filter
def days_left_words(days: int | None) -> str:
    """ "Today", "Tomorrow", "12 days left"; "3 days late" once past."""
    if days is None:
        return ""
    if days == 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days > 1:
        return f"{days} days left"
    late = -days
    return f"{late} day{'s' if late != 1 else ''} late"
