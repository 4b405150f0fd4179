"""Background work for progress, on the django-tasks queue.

``email_shortfall`` tells the case officer and the family, once, that a provision item has fallen below
the council's threshold. The email names no child and no provision: it says that something needs looking
at, and links to the page that says what.

``check_delivery`` looks at every provision item in every plan in force, so a shortfall is found even when
nobody records anything (nothing recorded means nothing delivered). ``coproduce check-delivery`` queues it;
run it once a day.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from coproduce.audit.context import Actor
from coproduce.plans.models import Provision
from coproduce.progress.models import Shortfall
from coproduce.teams.models import TeamMembership, TeamRole
from coproduce.teams.policy import access_for

log = logging.getLogger(__name__)

SUBJECT = "Less support delivered than a plan promises"
TOLD = (TeamRole.CASE_OFFICER, TeamRole.PARENT_CARER, TeamRole.YOUNG_PERSON)


def shortfall_email(child_id) -> str:
    link = settings.SITE_URL + reverse("progress:delivery", kwargs={"child_id": child_id})
    return (
        "Over the last four weeks, less of the support in an EHC plan was delivered than the plan promises.\n\n"
        "Sign in to Coproduce to see what was delivered, what was missed and why:\n"
        f"{link}\n\n"
        "You are getting this because you are on the team around the child or young person. "
        "We will not email you again about this until it has been put right.\n"
    )


@task()
def email_shortfall(shortfall_id: str) -> int:
    """Email the case officer and the family about a new shortfall, once. Returns how many were sent."""
    with transaction.atomic():
        shortfall = Shortfall.objects.select_for_update().select_related("child").filter(pk=shortfall_id).first()
        if shortfall is None or shortfall.emailed_at is not None or shortfall.resolved_at is not None:
            return 0
        child = shortfall.child
        people = {
            m.user.pk: m.user
            for m in TeamMembership.objects.current().filter(child=child, role__in=TOLD).select_related("user")
        }
        recipients = [p for p in people.values() if p.is_active and access_for(p, child) is not None]
        body = shortfall_email(child.pk)
        sent = 0
        for person in recipients:
            try:
                send_mail(SUBJECT, body, None, [person.email])
                sent += 1
            except Exception:
                log.exception("Shortfall email for shortfall %s could not be sent to user %s", shortfall_id, person.pk)
        shortfall.emailed_at = timezone.now()
        shortfall.save(update_fields=["emailed_at"])
        return sent


@task()
def check_delivery(today: str | None = None) -> dict[str, int]:
    """Check every provision item with a frequency, in every plan in force, for a shortfall."""
    from coproduce.progress.actions import check_shortfall

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    actor = Actor.system("check-delivery")
    items = (
        Provision.objects.filter(plan__finalised_on__isnull=False)
        .exclude(frequency="")
        .select_related("plan__child")
        .order_by("pk")
    )
    checked = 0
    for provision in items.iterator(chunk_size=500):
        with transaction.atomic():
            check_shortfall(actor, provision, role="Coproduce", today=day)
        checked += 1
    open_now = Shortfall.objects.filter(resolved_at__isnull=True).count()
    return {"checked": checked, "open": open_now}
