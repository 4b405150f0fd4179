"""The forum's idea of today, in one place, so that tests can move it on (an action going overdue)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()
