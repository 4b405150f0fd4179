"""Template helpers for GOV.UK style: dates in words, times with am/pm."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def govuk_date(value) -> str:
    """Monday 17 February 2025"""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value:%A} {value.day} {value:%B %Y}"


@register.filter
def govuk_date_short(value) -> str:
    """17 February 2025"""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.day} {value:%B %Y}"


@register.filter
def govuk_datetime(value) -> str:
    """17 February 2025 at 2:05pm"""
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    time = f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"
    if local.hour == 12 and local.minute == 0:
        time = "midday"
    elif local.hour == 0 and local.minute == 0:
        time = "midnight"
    return f"{local.day} {local:%B %Y} at {time}"


@register.filter
def year_group_label(year: int | None) -> str:
    if year is None:
        return ""
    if year == 0:
        return "Reception"
    if year < 0:
        return "Nursery"
    if year > 13:
        return "Post-19" if year > 14 else "Post-18"
    return f"Year {year}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if mapping else key


@register.filter
def previous_of(sequence, index: int):
    return sequence[index - 1]


@register.filter
def next_of(sequence, index: int):
    return sequence[index + 1]


@register.filter
def slice_text(text: str, finding) -> str:
    """The part of ``text`` a finding points at."""
    return text[finding.start : finding.end]


@register.filter
def lookup(mapping, key):
    """``mapping[key]``, or nothing when it is not there."""
    return mapping.get(key) if mapping else None
