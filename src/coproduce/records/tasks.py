"""Background work for information rights, on the django-tasks queue.

``prepare_released_pdf`` makes the PDF of a released subject access export once, just after release, and
keeps it privately with the request, so the family's download is instant however large the record. A
download before the worker has run makes the PDF there and then instead, so nobody waits on the queue.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django_tasks import task

from coproduce.audit.context import Actor
from coproduce.core.actions import ActionRefused
from coproduce.records import actions
from coproduce.records.documents import export_pdf
from coproduce.records.models import AccessRequest, RequestStatus

log = logging.getLogger(__name__)


@task()
def prepare_released_pdf(request_id: str) -> bool:
    """Makes and keeps the released export's PDF; False if there is nothing to do (already made, or the
    request is gone, as when the record was disposed of)."""
    found = AccessRequest.objects.select_related("child__responsible_council", "requested_by")
    access_request = found.filter(pk=request_id, status=RequestStatus.RELEASED, released_pdf="").first()
    if access_request is None:
        return False
    pdf = export_pdf(access_request, access_request.released_content, is_released=True)
    stored = access_request.released_pdf
    stored.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
    try:
        actions.KeepReleasedPdf(Actor.system("subject access PDF"), request=access_request, name=stored.name).execute()
    except ActionRefused:  # made twice at once, or disposed of meanwhile: keep no stray copy
        stored.storage.delete(stored.name)
        return False
    log.info("Made the PDF of subject access request %s", request_id)
    return True
