"""Template helpers for the forum."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """2.50 hours as "2.5", 3.00 as "3"."""
    if value is None:
        return "0"
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
