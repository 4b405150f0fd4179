"""Information rights: asking for, producing, reviewing and releasing a subject access export; the
council's retention rule; legal holds; and disposal. Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused
from coproduce.records import exports
from coproduce.records.models import (
    AccessRequest,
    DisposedRecord,
    FlaggedItem,
    LegalHold,
    RequestStatus,
    RetentionRule,
    ReviewDecision,
)
from coproduce.records.selectors import GOVERNANCE_ROLE, active_hold, retention_years
from coproduce.rules import retention
from coproduce.teams.actions import ChildAction
from coproduce.teams.models import Child
from coproduce.teams.policy import Permission, information_governance_council_ids

# Subject access --------------------------------------------------------------------------------------------


class RequestRecords(ChildAction):
    """A parent or carer, or the young person, asks for a copy of everything held about the child."""

    permission = Permission.REQUEST_RECORDS

    def check(self) -> None:
        super().check()
        if (
            AccessRequest.objects.filter(child=self.child, requested_by=self.user)
            .exclude(status=RequestStatus.RELEASED)
            .exists()
        ):
            raise ActionRefused("You have already asked for a copy. The council is working on it.")

    def perform(self) -> AccessRequest:
        today = timezone.localdate()
        access_request = AccessRequest.objects.create(
            child=self.child,
            requested_by=self.user,
            requested_by_role=self.access.role_label[:100],
            due_on=retention.subject_access_due(today),
        )
        record(
            self.actor,
            AuditAction.CREATED,
            child=self.child,
            obj=access_request,
            what="Asked for a copy of the information held (subject access request)",
            actor_role=self.access.role_label,
        )
        return access_request


class _RequestAction(ChildAction):
    permission = Permission.PRODUCE_RECORDS
    needs_status: RequestStatus

    @property
    def request(self) -> AccessRequest:
        return self.params["request"]

    def check(self) -> None:
        super().check()
        if self.request.child_id != self.child.pk:
            raise Http404
        if self.request.status != self.needs_status:
            raise ActionRefused(
                f"This request is {self.request.get_status_display().lower()}, so this cannot be done now."
            )


class ProduceExport(_RequestAction):
    """Gathers everything held about the child as it stands now, and flags what needs checking."""

    needs_status = RequestStatus.REQUESTED

    def perform(self) -> AccessRequest:
        access_request = self.request
        content = exports.collect(self.child, access_request.requested_by, access_request)
        flagged = exports.flagged(content)
        FlaggedItem.objects.bulk_create(
            FlaggedItem(
                request=access_request,
                key=item["key"],
                section=section[:100],
                label=f"{item['kind_label']}: {item['label']}"[:200],
                why=item["flag"],
                position=position,
            )
            for position, (section, item) in enumerate(flagged)
        )
        access_request.content = content
        access_request.status = RequestStatus.IN_REVIEW
        access_request.produced_by = self.user
        access_request.produced_at = timezone.now()
        access_request.save(update_fields=["content", "status", "produced_by", "produced_at"])
        record(
            self.actor,
            AuditAction.CREATED,
            child=self.child,
            obj=access_request,
            what=f"Produced a subject access export with {len(flagged)} items to check before release",
            actor_role=self.access.role_label,
        )
        return access_request


class DecideFlaggedItem(_RequestAction):
    """An officer decides whether one flagged item is released or withheld, and says why."""

    needs_status = RequestStatus.IN_REVIEW

    def check(self) -> None:
        super().check()
        item: FlaggedItem = self.params["item"]
        if item.request_id != self.request.pk:
            raise Http404
        if self.params["decision"] not in ReviewDecision.values:
            raise ActionRefused("Choose whether to release or withhold this item", field="decision")
        if not self.params["reason"].strip():
            raise ActionRefused("Say why", field="reason")

    def perform(self) -> FlaggedItem:
        item: FlaggedItem = self.params["item"]
        item.decision = self.params["decision"]
        item.reason = self.params["reason"].strip()
        item.decided_by = self.user
        item.decided_at = timezone.now()
        item.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
        record(
            self.actor,
            AuditAction.CHANGED,
            child=self.child,
            obj=item,
            what=f"Decided to {item.get_decision_display().lower()} an item of a subject access export",
            actor_role=self.access.role_label,
        )
        return item


class ReleaseExport(_RequestAction):
    """Once every flagged item is decided, the export (less what is withheld) is released to the person."""

    needs_status = RequestStatus.IN_REVIEW

    def check(self) -> None:
        super().check()
        undecided = self.request.flagged_items.filter(decision="").count()
        if undecided:
            raise ActionRefused(
                f"Decide on every item to check before releasing: {undecided} "
                f"{'item is' if undecided == 1 else 'items are'} still to decide"
            )

    def perform(self) -> AccessRequest:
        access_request = self.request
        withheld = set(
            access_request.flagged_items.filter(decision=ReviewDecision.WITHHOLD).values_list("key", flat=True)
        )
        now = timezone.now()
        access_request.released_content = exports.released(access_request.content, withheld, now)
        access_request.status = RequestStatus.RELEASED
        access_request.released_by = self.user
        access_request.released_at = now
        access_request.save(update_fields=["released_content", "status", "released_by", "released_at"])
        record(
            self.actor,
            AuditAction.CHANGED,
            child=self.child,
            obj=access_request,
            what=f"Released a subject access export, {len(withheld)} items withheld",
            actor_role=self.access.role_label,
        )
        request_id = str(access_request.pk)
        from coproduce.records.tasks import prepare_released_pdf  # the task keeps its PDF through KeepReleasedPdf

        transaction.on_commit(lambda: prepare_released_pdf.enqueue(request_id))
        return access_request


class KeepReleasedPdf(Action):
    """Keeps the PDF the task worker made of a released export, once: for the system only, never a person.
    Refused if the request has its PDF already or is gone (disposed of meanwhile)."""

    def check(self) -> None:
        if self.user is not None:
            raise Http404

    def perform(self) -> None:
        access_request: AccessRequest = self.params["request"]
        kept = AccessRequest.objects.filter(
            pk=access_request.pk, status=RequestStatus.RELEASED, released_pdf=""
        ).update(released_pdf=self.params["name"])
        if not kept:
            raise ActionRefused("The export's PDF is kept already, or the request is gone")
        record(
            self.actor,
            AuditAction.CREATED,
            child=access_request.child,
            obj=access_request,
            what="Made the PDF of a released subject access export",
        )


# Retention -------------------------------------------------------------------------------------------------


class _GovernanceAction(Action):
    """An action by someone who governs the records of the child's council (the audit role there)."""

    @property
    def child(self) -> Child:
        return self.params["child"]

    def check(self) -> None:
        if (
            not information_governance_council_ids(self.user)
            .filter(organisation_id=self.child.responsible_council_id)
            .exists()
        ):
            raise Http404


class SetRetentionRule(Action):
    def check(self) -> None:
        council = self.params["council"]
        if not information_governance_council_ids(self.user).filter(organisation_id=council.pk).exists():
            raise Http404
        years = self.params["years"]
        if not retention.MINIMUM_RETENTION_YEARS <= years <= retention.MAXIMUM_RETENTION_YEARS:
            raise ActionRefused(
                f"Enter a number of years from {retention.MINIMUM_RETENTION_YEARS} to "
                f"{retention.MAXIMUM_RETENTION_YEARS}",
                field="years",
            )

    def perform(self) -> RetentionRule:
        rule, _ = RetentionRule.objects.update_or_create(
            council=self.params["council"],
            defaults={"years_after_birth": self.params["years"], "changed_by": self.user, "changed_at": timezone.now()},
        )
        record(
            self.actor,
            AuditAction.CHANGED,
            obj=rule,
            what=f"Set the council's retention rule: {retention.retention_rule(rule.years_after_birth).lower()}",
            actor_role=GOVERNANCE_ROLE,
        )
        return rule


class SetLegalHold(_GovernanceAction):
    def check(self) -> None:
        super().check()
        if active_hold(self.child) is not None:
            raise ActionRefused("This record is already on legal hold")
        if not self.params["reason"].strip():
            raise ActionRefused("Say why the record must be kept", field="reason")

    def perform(self) -> LegalHold:
        hold = LegalHold.objects.create(child=self.child, reason=self.params["reason"].strip(), set_by=self.user)
        record(
            self.actor,
            AuditAction.CHANGED,
            child=self.child,
            obj=hold,
            what="Placed a legal hold on the record",
            actor_role=GOVERNANCE_ROLE,
        )
        return hold


class ClearLegalHold(_GovernanceAction):
    def check(self) -> None:
        super().check()
        if active_hold(self.child) is None:
            raise ActionRefused("This record is not on legal hold")
        if not self.params["reason"].strip():
            raise ActionRefused("Say why the hold can end", field="reason")

    def perform(self) -> LegalHold:
        hold = active_hold(self.child)
        hold.cleared_by = self.user
        hold.cleared_at = timezone.now()
        hold.clear_reason = self.params["reason"].strip()
        hold.save(update_fields=["cleared_by", "cleared_at", "clear_reason"])
        record(
            self.actor,
            AuditAction.CHANGED,
            child=self.child,
            obj=hold,
            what="Ended the legal hold on the record",
            actor_role=GOVERNANCE_ROLE,
        )
        return hold


class DisposeRecord(_GovernanceAction):
    """Removes everything held about the child, leaving a tombstone with no personal data.

    Refused while a legal hold is in place or before the council's retention date. The audit trail is
    kept: its events hold only ids (see docs/decisions/0011-information-rights.md).
    """

    def check(self) -> None:
        super().check()
        if not self.params.get("confirmed"):
            raise ActionRefused("Confirm that you have checked this record can be disposed of", field="confirm")
        if active_hold(self.child) is not None:
            raise ActionRefused("This record is on legal hold, so it cannot be disposed of")
        years = retention_years(self.child.responsible_council)
        if not retention.is_due(self.child.date_of_birth, years, timezone.localdate()):
            raise ActionRefused("This record is not yet due for disposal")

    def perform(self) -> DisposedRecord:
        child = self.child
        years = retention_years(child.responsible_council)
        rows = exports.held_about(child)
        files = [
            getattr(obj, field.name)
            for model, objs in rows.items()
            for field in model._meta.concrete_fields
            if field.get_internal_type() == "FileField"
            for obj in objs
            if getattr(obj, field.name)
        ]
        # The subject access copies (not part of what an export lists, so not among the rows above).
        files += [each.released_pdf for each in child.access_requests.exclude(released_pdf="")]
        tombstone = DisposedRecord.objects.create(
            id=child.pk,
            council_id=child.responsible_council_id,
            authorised_by=self.user,
            rule=retention.retention_rule(years),
        )
        record(
            self.actor,
            AuditAction.CHANGED,
            child=child,
            obj=tombstone,
            what=f"Disposed of the record under the retention rule: {tombstone.rule.lower()}",
            actor_role=GOVERNANCE_ROLE,
        )
        # Plans are protected from deletion with their child by design; disposal is the one way.
        child.plans.all().delete()
        child.delete()
        names = [(stored.storage, stored.name) for stored in files]
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
        return tombstone
