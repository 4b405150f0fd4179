"""Writing the plan together. Every change is attributed, audited and makes a new version of the plan."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import ActionRefused, Conflict
from coproduce.plans import portable
from coproduce.plans.kinds import KINDS, Kind, kind_of, section_of
from coproduce.plans.models import (
    Agreement,
    Comment,
    CommentKind,
    Decision,
    Plan,
    PlanStage,
    PlanVersion,
    Position,
    Whose,
)
from coproduce.plans.rules import comment_window_closes
from coproduce.teams.actions import ChildAction
from coproduce.teams.policy import Permission

M2M_FIELDS = {"outcome": ("needs", "aspirations"), "provision": ("outcomes", "needs")}


def save_version(plan: Plan, *, user, role: str, what: str) -> PlanVersion:
    """Keep the whole plan as it now stands, and the plan checker's result for it (for council figures)."""
    from coproduce.plans.models import PlanCheck
    from coproduce.rules.checker import check_plan
    from coproduce.rules.checker.portable import plan_input_from_portable

    content = portable.export_plan(plan)
    codes = [finding.code for finding in check_plan(plan_input_from_portable(content))]
    PlanCheck.objects.update_or_create(
        plan=plan,
        defaults={
            "version_number": plan.version_number,
            "finding_count": len(codes),
            "codes": codes,
            "checked_at": timezone.now(),
        },
    )
    return PlanVersion.objects.create(
        plan=plan,
        number=plan.version_number,
        stage=plan.stage,
        created_by=user,
        created_by_role=role,
        what=what[:200],
        content=content,
    )


def new_version(action: ChildAction, plan: Plan, what: str) -> PlanVersion:
    """Record the whole plan as it now stands, as the next version."""
    plan.version_number += 1
    plan.updated_at = timezone.now()
    plan.save(update_fields=["version_number", "updated_at"])
    return save_version(plan, user=action.user, role=action.access.role_label, what=what)


def _audit(action: ChildAction, what: str, obj=None, kind: AuditAction = AuditAction.CHANGED) -> None:
    record(action.actor, kind, child=action.child, obj=obj, what=what, actor_role=action.access.role_label)


def _a(noun: str) -> str:
    """'a need', 'an outcome'; advice is not counted: 'advice'."""
    if noun == "advice":
        return "advice"
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _on_the_clock(action: ChildAction, step: str, **params) -> None:
    """Keep one record of the statutory dates: when the plan's draft is sent or the plan finalised during
    a needs assessment, the same step is recorded on the child's statutory clock. If the clock is not at
    that step (no assessment recorded, say), the plan goes on and the timeline shows what is missing."""
    from coproduce.statutory import actions as clock

    with contextlib.suppress(ActionRefused):
        getattr(clock, step)(action.actor, access=action.access, **params).execute()


class PlanAction(ChildAction):
    """An action on the child's plan."""

    permission = Permission.CONTRIBUTE

    def __init__(self, actor, *, access, plan: Plan | None = None, **params):
        super().__init__(actor, access=access, **params)
        self.plan = plan

    def check(self) -> None:
        super().check()
        if self.plan is None or self.plan.child_id != self.child.pk:
            raise Http404
        # Re-read the plan's stage inside the transaction, so two people cannot act on a stale stage.
        self.plan = Plan.objects.select_for_update().get(pk=self.plan.pk)

    def require_stage(self, *stages: str, message: str) -> None:
        if self.plan.stage not in stages:
            raise ActionRefused(message)


class StartPlan(ChildAction):
    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        if Plan.objects.filter(child=self.child).exists():
            raise ActionRefused("There is already a plan for this child")

    def perform(self) -> Plan:
        try:
            with transaction.atomic():
                plan = Plan.objects.create(child=self.child)
        except IntegrityError:
            raise ActionRefused("There is already a plan for this child") from None
        save_version(plan, user=self.user, role=self.access.role_label, what="Started the plan")
        _audit(self, "Started the plan", plan, AuditAction.CREATED)
        return plan


def _attributed_to(action: PlanAction, whose: str | None) -> str:
    if whose == Whose.CHILD:
        return action.child.known_as
    return action.user.full_name


def _save_links(kind: Kind, item, data: dict[str, Any]) -> None:
    for field in M2M_FIELDS.get(kind.name, ()):
        if field in data:
            getattr(item, field).set(data[field])


class AddItem(PlanAction):
    """Add a view, hope, need, outcome, provision item or piece of advice to a section."""

    def check(self) -> None:
        super().check()
        kind: Kind = self.params["kind"]
        if self.params["section"] not in kind.sections:
            raise Http404
        if kind.name != "advice":
            self.require_stage(
                *portable_writable(),
                message="The plan can only be changed while it is a draft "
                "or being amended. Comment on it or suggest a change instead.",
            )

    def perform(self):
        kind: Kind = self.params["kind"]
        data = dict(self.params["data"])
        key = self.params.get("submission_key")
        if key and (existing := kind.model.objects.filter(submission_key=key).first()):
            return existing  # the same form sent twice: one change, not two
        links = {field: data.pop(field) for field in M2M_FIELDS.get(kind.name, ()) if field in data}
        if "section" in {f.name for f in kind.model._meta.fields}:
            data["section"] = self.params["section"]
        item = kind.model.objects.create(
            plan=self.plan,
            author=self.user,
            author_role=self.access.role_label,
            attributed_to=_attributed_to(self, data.get("whose")),
            submission_key=key,
            position=getattr(self.plan, kind.related_name).count() + 1,
            **data,
        )
        _save_links(kind, item, links)
        what = f"Added {_a(kind.label)} to section {self.params['section']}"
        _audit(self, what, item, AuditAction.CREATED)
        new_version(self, self.plan, what)
        return item


def portable_writable() -> tuple[str, ...]:
    return (PlanStage.DRAFT, PlanStage.AMENDING)


class EditItem(PlanAction):
    """Change an item. Of two people saving changes to the same item, the second is refused and shown
    both texts, so nothing either wrote is lost."""

    def check(self) -> None:
        super().check()
        self.require_stage(
            *portable_writable(),
            message="The plan can only be changed while it is a draft or "
            "being amended. Comment on it or suggest a change instead.",
        )
        item = self.params["item"]
        if item.plan_id != self.plan.pk:
            raise Http404

    def perform(self):
        item = self.params["item"]
        kind = kind_of(item)
        data = dict(self.params["data"])
        links = {field: data.pop(field) for field in M2M_FIELDS.get(kind.name, ()) if field in data}
        current = kind.model.objects.select_for_update().get(pk=item.pk)
        unchanged = all(getattr(current, field) == value for field, value in data.items()) and all(
            {obj.pk for obj in getattr(current, field).all()} == {obj.pk for obj in value}
            for field, value in links.items()
        )
        if unchanged:
            return current  # nothing to change, including the same form sent twice
        if current.version != self.params["version"]:
            raise Conflict(
                "Someone else changed this while you were editing it. Their version is shown "
                "below, with yours in the form. Nothing has been lost: check both and save again."
            )
        updated = kind.model.objects.filter(pk=item.pk, version=self.params["version"]).update(
            **data, version=self.params["version"] + 1, updated_at=timezone.now()
        )
        if not updated:
            raise Conflict("Someone else changed this while you were editing it.")
        current.refresh_from_db()
        _save_links(kind, current, links)
        what = f"Changed {_a(kind.label)} in section {section_of(current)}"
        _audit(self, what, current)
        new_version(self, self.plan, what)
        return current


class RemoveItem(PlanAction):
    def check(self) -> None:
        super().check()
        self.require_stage(
            *portable_writable(), message="Items can only be removed while the plan is a draft or being amended."
        )
        item = self.params["item"]
        if item.plan_id != self.plan.pk:
            raise Http404
        if item.author_id != self.user.pk and not self.access.can(Permission.MANAGE_PLAN):
            raise ActionRefused("Only the person who wrote this, or the case officer, can remove it")

    def perform(self):
        item = self.params["item"]
        kind = kind_of(item)
        section = section_of(item)
        item.delete()
        what = f"Removed {_a(kind.label)} from section {section}"
        _audit(self, what)
        new_version(self, self.plan, what)


class OpenConsultation(PlanAction):
    """Send the draft to the family for comment: the comment window opens on the day it is served."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        self.require_stage(
            PlanStage.DRAFT, PlanStage.AMENDING, message="Only a draft or an amended plan can be sent out for comment"
        )
        if self.plan.placement.strip():
            raise ActionRefused("A draft plan must not name a school or other institution. Empty section I first.")

    def perform(self) -> Plan:
        served: dt.date = self.params.get("served_on") or timezone.localdate()
        self.plan.stage = PlanStage.CONSULTATION
        self.plan.draft_served_on = served
        self.plan.save(update_fields=["stage", "draft_served_on"])
        _on_the_clock(self, "RecordDraftServed", served_on=served)
        closes = comment_window_closes(served)
        what = f"Sent the draft for comment; comments close on {closes.isoformat()}"
        _audit(self, what, self.plan)
        new_version(self, self.plan, "Sent the draft plan out for comment")
        return self.plan


class AddComment(PlanAction):
    """Comment on an item or section, or suggest new wording for an item (a tracked change)."""

    def check(self) -> None:
        super().check()
        self.require_stage(PlanStage.CONSULTATION, message="Comments open when the draft is sent out for comment")
        item = self.params.get("item")
        if item is not None and item.plan_id != self.plan.pk:
            raise Http404
        if self.params.get("suggested_text") and item is None:
            raise ActionRefused("Choose the part of the plan you want to change")

    def perform(self) -> Comment:
        key = self.params.get("submission_key")
        if key and (existing := Comment.objects.filter(submission_key=key).first()):
            return existing
        item = self.params.get("item")
        suggested = (self.params.get("suggested_text") or "").strip()
        kind = kind_of(item) if item is not None else None
        comment = Comment.objects.create(
            plan=self.plan,
            section=section_of(item) if item is not None else self.params["section"],
            item_kind=kind.name if kind else "",
            item_id=item.pk if item is not None else None,
            item_label=kind.label if kind else "",
            kind=CommentKind.SUGGESTION if suggested else CommentKind.COMMENT,
            author=self.user,
            author_role=self.access.role_label,
            from_family=self.access.is_family,
            text=self.params["text"].strip(),
            original_text=getattr(item, kind.wording_field) if suggested else "",
            suggested_text=suggested,
            submission_key=key,
        )
        _audit(self, f"{comment.get_kind_display()} on section {comment.section}", comment, AuditAction.CREATED)
        return comment


class DecideComment(PlanAction):
    """The case officer's decision on a comment or suggestion, with a reason when it is not accepted."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        comment: Comment = self.params["comment"]
        if comment.plan_id != self.plan.pk:
            raise Http404
        if comment.is_decided:
            raise ActionRefused("This comment already has a decision")
        decision = self.params["decision"]
        if decision == Decision.NOT_ACCEPTED and not self.params.get("reason", "").strip():
            raise ActionRefused(
                "Give the reason it is not accepted: the person who wrote it will see it", field="reason"
            )
        if (
            decision == Decision.ACCEPTED_WITH_CHANGES
            and comment.kind == CommentKind.SUGGESTION
            and not (self.params.get("decided_text", "").strip())
        ):
            raise ActionRefused("Enter the wording that will go into the plan", field="decided_text")

    def perform(self) -> Comment:
        comment: Comment = Comment.objects.select_for_update().get(pk=self.params["comment"].pk)
        decision = self.params["decision"]
        comment.decision = decision
        comment.decision_reason = self.params.get("reason", "").strip()
        comment.decided_by = self.user
        comment.decided_at = timezone.now()
        wording = ""
        if comment.kind == CommentKind.SUGGESTION and decision != Decision.NOT_ACCEPTED:
            wording = (self.params.get("decided_text") or "").strip() or comment.suggested_text
            comment.decided_text = wording
        comment.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at", "decided_text"])
        _audit(self, f"Decided on a {comment.get_kind_display().lower()}: {comment.get_decision_display()}", comment)
        transaction.on_commit(lambda: notify_decision(comment))
        if wording:
            kind = KINDS[comment.item_kind]
            item = kind.model.objects.filter(pk=comment.item_id, plan=self.plan).first()
            if item is not None:
                kind.model.objects.filter(pk=item.pk).update(
                    **{kind.wording_field: wording}, version=item.version + 1, updated_at=timezone.now()
                )
                new_version(
                    self, self.plan, f"Accepted a suggested change to a {kind.label} in section {comment.section}"
                )
        return comment


def notify_decision(comment: Comment) -> None:
    """Tell the person who commented that there is a decision. The email names no child and quotes nothing."""
    import logging

    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse

    link = settings.SITE_URL + reverse("plans:comments", args=[comment.plan.child_id])
    body = (
        "The case officer has made a decision on a comment you made on a plan in Coproduce.\n\n"
        f"Sign in to see the decision and the reason:\n{link}\n"
    )
    try:
        send_mail("A decision on your comment", body, None, [comment.author.email])
    except Exception:
        logging.getLogger(__name__).exception("Decision email for comment %s could not be sent", comment.pk)


class RecordAgreement(PlanAction):
    def check(self) -> None:
        super().check()
        position = self.params["position"]
        if position != Position.AGREE and not self.params.get("reason", "").strip():
            raise ActionRefused("Say why, so the team can see what you do not agree with", field="reason")

    def perform(self) -> Agreement:
        agreement = Agreement.objects.create(
            plan=self.plan,
            section=self.params["section"],
            person=self.user,
            person_role=self.access.role_label,
            position=self.params["position"],
            reason=self.params.get("reason", "").strip(),
            plan_version=self.plan.version_number,
        )
        _audit(
            self,
            f"Recorded {agreement.get_position_display().lower()} with section {agreement.section}",
            agreement,
            AuditAction.CREATED,
        )
        return agreement


class Finalise(PlanAction):
    """Issue the final plan. Refused while any family comment has no decision."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        self.require_stage(PlanStage.CONSULTATION, message="Only a plan that has been out for comment can be finalised")
        undecided = self.plan.comments.filter(from_family=True, decision="").count()
        if undecided:
            raise ActionRefused(
                f"{undecided} comment{'s' if undecided != 1 else ''} from the family "
                f"{'have' if undecided != 1 else 'has'} no decision yet. Decide on every family comment first."
            )
        closes = comment_window_closes(self.plan.draft_served_on)
        if timezone.localdate() <= closes and not self.params.get("family_finished"):
            raise ActionRefused(
                f"The family can comment until {closes:%-d %B %Y}. Finalise after that, or confirm that the "
                "family has told you they have finished commenting.",
                field="family_finished",
            )
        if not self.params.get("placement", "").strip():
            raise ActionRefused(
                "Enter the name and type of the school or other institution for section I", field="placement"
            )

    def perform(self) -> Plan:
        self.plan.stage = PlanStage.FINAL
        self.plan.finalised_on = timezone.localdate()
        self.plan.placement = self.params["placement"].strip()
        self.plan.save(update_fields=["stage", "finalised_on", "placement"])
        from coproduce.statutory.models import Outcome

        _on_the_clock(self, "RecordOutcome", outcome=Outcome.ISSUE, outcome_on=self.plan.finalised_on)
        _audit(self, "Issued the final plan", self.plan)
        new_version(self, self.plan, "Issued the final plan")
        return self.plan


class StartAmendment(PlanAction):
    """A final plan is never edited in place: amendments make a new draft version."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        self.require_stage(PlanStage.FINAL, message="Only a final plan can be amended")

    def perform(self) -> Plan:
        self.plan.stage = PlanStage.AMENDING
        self.plan.placement = ""
        self.plan.save(update_fields=["stage", "placement"])
        _audit(self, "Started amending the plan", self.plan)
        new_version(self, self.plan, "Started amendments after a review")
        return self.plan


class SetSectionText(PlanAction):
    """Sections I and J hold text on the plan itself."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        self.require_stage(
            *portable_writable(), message="This can only be changed while the plan is a draft or being amended"
        )
        if self.params["field"] == "placement" and self.plan.stage in portable_writable():
            raise ActionRefused(
                "A draft plan must not name a school or other institution. Section I is filled "
                "in when the plan is finalised."
            )

    def perform(self) -> Plan:
        field = self.params["field"]
        setattr(self.plan, field, self.params["value"].strip())
        self.plan.save(update_fields=[field])
        what = "Changed the personal budget (section J)"
        _audit(self, what, self.plan)
        new_version(self, self.plan, what)
        return self.plan


class ImportProblems(ActionRefused):
    def __init__(self, problems: list[str]):
        super().__init__("The plan file has problems")
        self.problems = problems


class ImportPlan(ChildAction):
    """Bring in a plan from another council or system, in the portable format. Checked against the
    schema first: a file with any problem changes nothing."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        found = portable.problems(self.params["data"])
        if not found:
            dob = self.params["data"]["child"]["date_of_birth"]
            if dob != self.child.date_of_birth.isoformat():
                found.append(f"child.date_of_birth: the file is for someone born on {dob}, not this child")
        if Plan.objects.filter(child=self.child).exists():
            found.append("This child already has a plan")
        if found:
            raise ImportProblems(found)

    def perform(self) -> Plan:
        from coproduce.plans.models import Advice, Aspiration, Need, Outcome, Provision, View

        data = self.params["data"]
        plan = Plan.objects.create(
            child=self.child,
            stage=data["stage"],
            draft_served_on=portable.parse_date(data["draft_served_on"]),
            finalised_on=portable.parse_date(data["finalised_on"]),
            placement=data["placement"],
            personal_budget=data["personal_budget"],
        )

        def common(entry: dict, position: int) -> dict:
            return {
                "plan": plan,
                "author": self.user,
                "attributed_to": entry["author"]["name"],
                "author_role": entry["author"]["role"],
                "position": position,
            }

        for position, entry in enumerate(data["views"], start=1):
            View.objects.create(
                **common(entry, position),
                whose=entry["whose"],
                topic=entry["topic"],
                text=entry["text"],
                method=entry["method"],
                helped_by=entry["helped_by"],
                pictures=entry["pictures"],
            )
        made: dict[str, Any] = {}
        for position, entry in enumerate(data["aspirations"], start=1):
            made[entry["ref"]] = Aspiration.objects.create(
                **common(entry, position),
                whose=entry["whose"],
                text=entry["text"],
                method=entry["method"],
                helped_by=entry["helped_by"],
            )
        for position, entry in enumerate(data["needs"], start=1):
            made[entry["ref"]] = Need.objects.create(
                **common(entry, position), section=entry["section"], broad_area=entry["broad_area"], text=entry["text"]
            )
        for position, entry in enumerate(data["outcomes"], start=1):
            outcome = Outcome.objects.create(
                **common(entry, position), text=entry["text"], timeframe=entry["timeframe"], pfa_area=entry["pfa_area"]
            )
            outcome.needs.set([made[ref] for ref in entry["needs"]])
            outcome.aspirations.set([made[ref] for ref in entry["aspirations"]])
            made[entry["ref"]] = outcome
        for position, entry in enumerate(data["provision"], start=1):
            item = Provision.objects.create(
                **common(entry, position),
                section=entry["section"],
                **{field: entry[field] for field in portable.PROVISION_FIELDS},
                start_date=portable.parse_date(entry["start_date"]),
                review_date=portable.parse_date(entry["review_date"]),
            )
            item.outcomes.set([made[ref] for ref in entry["outcomes"]])
            item.needs.set([made[ref] for ref in entry["needs"]])
        for position, entry in enumerate(data["advice"], start=1):
            Advice.objects.create(
                **common(entry, position),
                title=entry["title"],
                given_by=entry["given_by"],
                received_on=portable.parse_date(entry["received_on"]),
                summary=entry["summary"],
                document_name=entry["document_name"],
            )
        save_version(plan, user=self.user, role=self.access.role_label, what="Imported the plan")
        _audit(self, "Imported the plan from a file", plan, AuditAction.CREATED)
        return plan


class AcceptFinding(PlanAction):
    """The case officer records why a checker finding is accepted as it is."""

    permission = Permission.MANAGE_PLAN

    def check(self) -> None:
        super().check()
        if not self.params.get("reason", "").strip():
            raise ActionRefused("Say why the plan is right as it is", field="reason")

    def perform(self):
        from coproduce.plans.models import AcceptedFinding

        accepted, _ = AcceptedFinding.objects.get_or_create(
            plan=self.plan,
            code=self.params["code"],
            item_id=self.params.get("item_id"),
            defaults={"reason": self.params["reason"].strip(), "accepted_by": self.user},
        )
        _audit(self, f"Accepted a plan checker finding ({self.params['code']}) as it is", accepted)
        return accepted
