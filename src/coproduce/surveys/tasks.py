"""Background work for surveys on the django-tasks queue, and the one function other apps call.

Other apps (the statutory clock, the plan) call ``send_four_cornerstones(child_id, stage)`` inside the
action that records a plan stage. It only asks for the check to be sent once the transaction has
committed; the task then finds (or sets up) the area's Four Cornerstones survey and emails its link to
the child's family. The email names no child and holds nothing about them: the survey is anonymous,
and the link only says which stage it follows.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from coproduce.surveys.models import ContactConsent, PlanStage

log = logging.getLogger(__name__)

#: The same check is not sent twice for the same child and stage within this many days.
RESEND_AFTER_DAYS = 60

#: A step recorded this many days or more after it happened is not asked about: the family would be
#: asked about something long past (this is also why loading the demo's history sends nothing).
ASK_WITHIN_DAYS = 60

CORNERSTONES_SUBJECT = "How did we work with you? Four quick questions"
CONSENT_SUBJECT = "Thank you for agreeing to talk to us"


def send_four_cornerstones(child_id, stage: str) -> None:
    """Send the Four Cornerstones check to the family of ``child_id`` after ``stage`` (a ``PlanStage``).

    Call it from inside the action that records the stage: the task is queued only if, and when, that
    transaction commits. It never raises: a survey must not undo a recorded step.
    """
    if stage not in PlanStage.values:
        raise ValueError(f"Unknown plan stage: {stage}")
    child_id = str(child_id)

    def enqueue() -> None:
        try:
            four_cornerstones.enqueue(child_id, stage)
        except Exception:
            log.exception("Could not queue the Four Cornerstones check for child %s", child_id)

    transaction.on_commit(enqueue)


def _stage_date(child, stage: str) -> dt.date | None:
    """The date of the latest recorded step ``stage`` for ``child``, or None if none is recorded."""
    from coproduce.statutory.models import AnnualReview, NeedsAssessment, Outcome

    if stage == PlanStage.ASSESSMENT_DECISION:
        dates = NeedsAssessment.objects.filter(child=child).values_list("decided_on", flat=True)
    elif stage == PlanStage.FINAL_PLAN:
        dates = NeedsAssessment.objects.filter(child=child, outcome=Outcome.ISSUE).values_list("outcome_on", flat=True)
    else:
        dates = AnnualReview.objects.filter(child=child).values_list("decided_on", flat=True)
    return max((d for d in dates if d is not None), default=None)


def _family(child):
    from coproduce.teams.models import FAMILY_ROLES, TeamMembership
    from coproduce.teams.policy import access_for

    members = TeamMembership.objects.current().filter(child=child, role__in=FAMILY_ROLES, user__is_active=True)
    return [m.user for m in members.select_related("user") if m.user.email and access_for(m.user, child) is not None]


def cornerstones_body(link: str) -> str:
    return (
        "Thank you for working with us on your child's education, health and care plan.\n\n"
        "We would like to know how it went for you at this step. There are four quick questions, about "
        "whether you felt welcomed, valued, kept informed and worked with as a partner. It takes about 2 "
        "minutes, and your answers are anonymous: we cannot tell who gave them.\n\n"
        f"{link}\n\n"
        "You do not have to answer. Nothing about your child's plan depends on it.\n"
    )


@task()
def four_cornerstones(child_id: str, stage: str) -> int:
    """Email the area's Four Cornerstones check to the child's family; returns how many were sent."""
    from coproduce.surveys.actions import cornerstones_survey_for
    from coproduce.surveys.models import CornerstonesInvitation
    from coproduce.teams.models import Child

    child = Child.objects.filter(pk=child_id).select_related("responsible_council").first()
    if child is None or stage not in PlanStage.values:
        return 0
    today = timezone.localdate()
    happened_on = _stage_date(child, stage)
    if happened_on is not None and happened_on <= today - dt.timedelta(days=ASK_WITHIN_DAYS):
        log.info("Four Cornerstones check not sent for child %s: the %s step is long past", child.pk, stage)
        return 0
    recent = CornerstonesInvitation.objects.filter(
        child=child, stage=stage, created_on__gt=today - dt.timedelta(days=RESEND_AFTER_DAYS)
    )
    if recent.exists():
        return 0
    with transaction.atomic():
        survey = cornerstones_survey_for(child.responsible_council)
        try:
            with transaction.atomic():
                invitation = CornerstonesInvitation.objects.create(child=child, stage=stage, survey=survey)
        except IntegrityError:
            return 0  # another worker is sending it
        link = settings.SITE_URL + reverse("surveys:start", kwargs={"survey_slug": survey.slug}) + f"?after={stage}"
        family = _family(child)
        for person in family:
            send_mail(CORNERSTONES_SUBJECT, cornerstones_body(link), None, [person.email])
        invitation.sent_to = len(family)
        invitation.save(update_fields=["sent_to"])
    log.info("Four Cornerstones check %s sent to %s people", invitation.pk, len(family))
    return len(family)


def consent_body(withdraw_link: str) -> str:
    return (
        "Thank you for saying you are happy to talk to us about your experience. Someone from the parent "
        "carer forum may get in touch to arrange a time.\n\n"
        "Your contact details are kept apart from any survey answers you gave, which stay anonymous.\n\n"
        "If you change your mind, you can withdraw at any time with this link, and we will delete your "
        f"contact details:\n{withdraw_link}\n"
    )


@task()
def send_consent_confirmation(consent_id: str) -> bool:
    from coproduce.surveys.actions import withdraw_token

    consent = ContactConsent.objects.current().filter(pk=consent_id).exclude(email="").first()
    if consent is None:
        return False
    link = settings.SITE_URL + reverse("surveys:withdraw", kwargs={"withdraw_token": withdraw_token(consent)})
    send_mail(CONSENT_SUBJECT, consent_body(link), None, [consent.email])
    return True
