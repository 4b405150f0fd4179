"""Background work on the django-tasks queue (the database backend; ``make demo`` runs a worker).

``send_daily_reminders`` is meant to run once a day: ``coproduce send-reminders`` enqueues it (put that
in cron or a scheduler), and the worker runs it. ``remind_about_child`` is enqueued by each recorded
step, so that what opens for the family (a draft plan to comment on, a review meeting) is told at once.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from coproduce.statutory import reminders


@task()
def send_daily_reminders(today: str | None = None, days_before: list[int] | None = None) -> dict[str, int]:
    day = dt.date.fromisoformat(today) if today else None
    return reminders.run_daily(day, days_before)


@task()
def remind_about_child(child_id: str) -> dict[str, int]:
    return reminders.run_for_child(child_id)
