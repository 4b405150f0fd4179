"""Small helpers for the forum's integration tests."""

from __future__ import annotations

import datetime as dt
import html
import re


def page(response) -> str:
    """The page as a person reads it: entities decoded, tags kept."""
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page's visible words only, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", page(response))
    return re.sub(r"\s+", " ", text)


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def days(n: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=n)
