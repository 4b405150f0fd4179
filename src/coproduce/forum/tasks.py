"""Background work for the forum on the django-tasks queue."""

from __future__ import annotations

from django_tasks import task

from coproduce.forum import notify


@task()
def send_you_said_notifications(update_id: str) -> int:
    return notify.send_for_update(update_id)
