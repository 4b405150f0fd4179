"""Telling contributors that a "you said, we did" item has moved on.

``PostYouSaidUpdate`` writes one ``YouSaidNotification`` per contributor who agreed to be contacted (its
unique constraint means nobody is queued twice for the same change); this sends those not yet sent and
marks them, so running it again sends nothing. The email says that something they contributed to has a
new status, with a link to the public page: no names, no words of theirs, nothing about their child.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coproduce.forum.models import YouSaidNotification, YouSaidStatus

log = logging.getLogger(__name__)

SUBJECT = "An update on something families told us"


def body(status: str, link: str) -> str:
    return (
        "You told us about something that mattered to you, or supported what other families said, and "
        "asked to hear what became of it.\n\n"
        f"It has moved on. It is now: {YouSaidStatus(status).label}.\n\n"
        f"You can read what has been done, and what happens next, here:\n{link}\n\n"
        "You are getting this email because you agreed that the parent carer forum may contact you. "
        "You can change that on the forum page in Coproduce.\n"
    )


def item_link(item) -> str:
    if item.published:
        return settings.SITE_URL + reverse("forum:you-said-public-item", kwargs={"you_said_id": item.pk})
    return settings.SITE_URL + reverse("forum:you-said-public")


def send_for_update(update_id) -> int:
    """Send the emails waiting for one update; returns how many were sent."""
    sent = 0
    waiting = (
        YouSaidNotification.objects.filter(update_id=update_id, sent_at__isnull=True)
        .select_related("update__item", "user")
        .order_by("created_at")
    )
    for note in waiting:
        with transaction.atomic():
            claimed = YouSaidNotification.objects.filter(pk=note.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if not claimed:
                continue
            try:
                send_mail(SUBJECT, body(note.update.status, item_link(note.update.item)), None, [note.user.email])
            except Exception:
                log.exception("'You said' notification %s could not be sent", note.pk)
                raise
            sent += 1
    return sent
