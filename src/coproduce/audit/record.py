"""Appending to the audit trail, always inside the transaction of the thing it records."""

from __future__ import annotations

from django.db import models, transaction

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent


class AuditOutsideTransaction(RuntimeError):
    pass


def record(
    actor: Actor,
    action: AuditAction,
    *,
    what: str,
    child=None,
    obj: models.Model | None = None,
    actor_role: str = "",
) -> AuditEvent:
    """Append one event. Must run inside the transaction that reads or writes the data it records,
    so that if the event cannot be written, nothing is shown or saved."""
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction("An audit event must be written in the same transaction as its data")
    return AuditEvent.objects.create(
        actor=actor.user,
        actor_role=actor_role[:100],
        action=action,
        child=child,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        what=what[:200],
        ip_address=actor.ip_address,
        request_id=actor.request_id[:64],
    )
