"""Changes in the forum and its workstreams. Each runs its check and its change, with an audit event,
in one transaction. Audit events here name what happened, never who it happened to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from coproduce.accounts.models import Organisation, OrganisationKind
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused, Conflict
from coproduce.forum import clock, ladder, policy
from coproduce.forum.models import (
    VOTING_ROLES,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Claim,
    ClaimStatus,
    Decision,
    ForumMember,
    LadderRating,
    Meeting,
    Member,
    MinutesComment,
    MinutesStatus,
    Paper,
    SourceKind,
    Volunteer,
    WorkAction,
    Workstream,
    WorkstreamKind,
    YouSaidContributor,
    YouSaidItem,
    YouSaidNotification,
    YouSaidStatus,
    YouSaidUpdate,
)
from coproduce.forum.policy import Permission, WorkstreamAccess
from coproduce.plans.uploads import FileType, private_name


def _audit(action: Action, kind: AuditAction, what: str, obj=None, role: str = "") -> None:
    record(action.actor, kind, what=what, obj=obj, actor_role=role)


# The forum: families join, choose whether they may be contacted, and volunteer.


class JoinForum(Action):
    """A parent or carer joins the forum, or changes whether they may be contacted."""

    def check(self) -> None:
        forum: Organisation = self.params["forum"]
        if self.user is None or forum.kind != OrganisationKind.FORUM:
            raise Http404

    def perform(self) -> ForumMember:
        forum = self.params["forum"]
        may_contact = bool(self.params["may_contact"])
        today = clock.today()
        member = ForumMember.objects.filter(forum=forum, user=self.user).first()
        if member is None:
            member = ForumMember.objects.create(
                forum=forum, user=self.user, may_contact=may_contact, joined_on=today, contact_choice_on=today
            )
            _audit(self, AuditAction.JOINED, "Joined the parent carer forum", member, "Forum member")
            return member
        rejoined = member.left_on is not None
        member.left_on = None
        if rejoined:
            member.joined_on = today
        member.may_contact = may_contact
        member.contact_choice_on = today
        member.save(update_fields=["left_on", "joined_on", "may_contact", "contact_choice_on"])
        what = "Joined the parent carer forum again" if rejoined else "Changed whether the forum may contact them"
        _audit(self, AuditAction.JOINED if rejoined else AuditAction.CHANGED, what, member, "Forum member")
        return member


class LeaveForum(Action):
    """A parent or carer leaves the forum: no longer counted as a member nor contacted by it. Their places on
    workstreams are the coordinator's to end, and they may join again at any time."""

    def check(self) -> None:
        member: ForumMember = self.params["member"]
        if self.user is None or member.user_id != self.user.pk or member.left_on is not None:
            raise Http404

    def perform(self) -> ForumMember:
        member: ForumMember = self.params["member"]
        today = clock.today()
        member.left_on = today
        member.may_contact = False
        member.contact_choice_on = today
        member.save(update_fields=["left_on", "may_contact", "contact_choice_on"])
        _audit(self, AuditAction.CHANGED, "Left the parent carer forum", member, "Forum member")
        return member


class VolunteerForWorkstream(Action):
    def check(self) -> None:
        workstream: Workstream = self.params["workstream"]
        if not policy.may_volunteer(self.user, workstream):
            raise Http404
        if Volunteer.objects.filter(workstream=workstream, user=self.user).exists():
            raise ActionRefused("You have already offered to join this workstream. The coordinator will be in touch.")

    def perform(self) -> Volunteer:
        offer = Volunteer.objects.create(
            workstream=self.params["workstream"], user=self.user, note=(self.params.get("note") or "").strip()
        )
        _audit(self, AuditAction.CREATED, "Offered to join a workstream", offer, "Forum member")
        return offer


# Setting up boards and workstreams: the forum coordinator.


class CreateWorkstream(Action):
    def check(self) -> None:
        forum: Organisation = self.params["forum"]
        if not policy.coordinated_forum_ids(self.user).filter(forum_id=forum.pk).exists():
            raise ActionRefused("You can only set up workstreams for a forum you coordinate", field="forum")
        if forum.local_area_id is None:
            raise ActionRefused("This forum is not linked to a council yet", field="forum")
        if Workstream.objects.filter(forum=forum, name__iexact=self.params["name"].strip()).exists():
            raise ActionRefused("There is already a board or workstream with this name", field="name")

    def perform(self) -> Workstream:
        forum = self.params["forum"]
        workstream = Workstream.objects.create(
            forum=forum,
            local_area_id=forum.local_area_id,
            kind=self.params.get("kind") or WorkstreamKind.WORKSTREAM,
            name=self.params["name"].strip(),
            purpose=self.params["purpose"].strip(),
            created_by=self.user,
        )
        _audit(
            self,
            AuditAction.CREATED,
            f"Set up a {workstream.get_kind_display().lower()}",
            workstream,
            "Forum coordinator",
        )
        return workstream


class WorkstreamAction(Action):
    """An action in one workstream, by someone whose access has been worked out."""

    permission: Permission

    def __init__(self, actor, *, access: WorkstreamAccess, **params):
        super().__init__(actor, **params)
        self.access = access
        self.workstream = access.workstream

    def check(self) -> None:
        if not self.access.can(self.permission):
            raise Http404

    def audit(self, kind: AuditAction, what: str, obj=None) -> None:
        _audit(self, kind, what, obj, self.access.role_label)

    def belongs(self, obj) -> None:
        if obj is not None and obj.workstream_id != self.workstream.pk:
            raise Http404


class UpdateWorkstream(WorkstreamAction):
    permission = Permission.MANAGE

    def check(self) -> None:
        super().check()
        name = self.params["name"].strip()
        if (
            Workstream.objects.filter(forum_id=self.workstream.forum_id, name__iexact=name)
            .exclude(pk=self.workstream.pk)
            .exists()
        ):
            raise ActionRefused("There is already a board or workstream with this name", field="name")
        chair = self.params.get("chair")
        if (
            chair is not None
            and not Member.objects.current()
            .filter(workstream=self.workstream, user=chair, role__in=VOTING_ROLES)
            .exists()
        ):
            raise ActionRefused("The chair must be a member of the workstream who is not an observer", field="chair")

    def perform(self) -> Workstream:
        workstream = self.workstream
        workstream.name = self.params["name"].strip()
        workstream.kind = self.params["kind"]
        workstream.purpose = self.params["purpose"].strip()
        workstream.chair = self.params.get("chair")
        workstream.save(update_fields=["name", "kind", "purpose", "chair"])
        self.audit(AuditAction.CHANGED, "Changed the details of a workstream", workstream)
        return workstream


class AddMember(WorkstreamAction):
    permission = Permission.MANAGE

    def check(self) -> None:
        super().check()
        email = self.params["email"].strip().lower()
        self.person = get_user_model().objects.with_email(email).filter(is_active=True).first()
        if self.person is None:
            raise ActionRefused(
                "There is no Coproduce account with this email address. They need an account before they can be added",
                field="email",
            )
        started_on: dt.date = self.params["started_on"]
        ended_on: dt.date | None = self.params.get("ended_on")
        if ended_on is not None and ended_on < started_on:
            raise ActionRefused("The end date must be the same as or after the start date", field="ended_on")
        if Member.objects.current().filter(workstream=self.workstream, user=self.person).exists():
            raise ActionRefused("This person is already a member of the workstream", field="email")

    def perform(self) -> Member:
        member = Member.objects.create(
            workstream=self.workstream,
            user=self.person,
            role=self.params["role"],
            mandate=(self.params.get("mandate") or "").strip(),
            started_on=self.params["started_on"],
            ended_on=self.params.get("ended_on"),
            added_by=self.user,
        )
        Volunteer.objects.filter(workstream=self.workstream, user=self.person).delete()
        self.audit(AuditAction.JOINED, f"Added a {member.get_role_display().lower()} to a workstream", member)
        return member


class EndMembership(WorkstreamAction):
    permission = Permission.MANAGE

    def check(self) -> None:
        super().check()
        member: Member = self.params["member"]
        self.belongs(member)
        if self.params["ended_on"] < member.started_on:
            raise ActionRefused("The last day must be the same as or after the day they started", field="ended_on")

    def perform(self) -> Member:
        member: Member = self.params["member"]
        member.ended_on = self.params["ended_on"]
        member.save(update_fields=["ended_on"])
        if self.workstream.chair_id == member.user_id and member.ended_on < clock.today():
            Workstream.objects.filter(pk=self.workstream.pk).update(chair=None)
        self.audit(AuditAction.REMOVED, f"Ended the membership of a {member.get_role_display().lower()}", member)
        return member


# Meetings: agenda, papers, attendance and minutes written together.


class ScheduleMeeting(WorkstreamAction):
    permission = Permission.SCHEDULE

    def perform(self) -> Meeting:
        meeting = Meeting.objects.create(
            workstream=self.workstream,
            title=self.params["title"].strip(),
            held_on=self.params["held_on"],
            place=(self.params.get("place") or "").strip(),
            agenda=(self.params.get("agenda") or "").strip(),
            created_by=self.user,
        )
        self.audit(AuditAction.CREATED, "Arranged a meeting", meeting)
        return meeting


class MeetingAction(WorkstreamAction):
    def __init__(self, actor, *, access: WorkstreamAccess, meeting: Meeting, **params):
        super().__init__(actor, access=access, **params)
        self.meeting = meeting

    def check(self) -> None:
        super().check()
        self.belongs(self.meeting)


class UploadPaper(MeetingAction):
    """Adds a paper. ``file_type`` comes from ``plans.uploads.identify``: what the file is, not its name."""

    permission = Permission.CONTRIBUTE

    def perform(self) -> Paper:
        upload = self.params["upload"]
        file_type: FileType = self.params["file_type"]
        paper = Paper(
            meeting=self.meeting,
            title=self.params["title"].strip(),
            file_name=(upload.name or "paper")[:200],
            content_type=file_type.content_type,
            size=upload.size,
            uploaded_by=self.user,
        )
        paper.document.save(private_name(file_type), File(upload), save=False)
        paper.save()
        self.audit(AuditAction.CREATED, f"Added a meeting paper ({file_type.name})", paper)
        return paper


def members_on(workstream: Workstream, day: dt.date):
    return (
        Member.objects.current(day)
        .filter(workstream=workstream)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


class RecordAttendance(MeetingAction):
    """``statuses`` maps each member's id to present, apologies or absent."""

    permission = Permission.SCHEDULE

    def perform(self) -> int:
        statuses: dict = self.params["statuses"]
        members = {str(member.pk): member for member in members_on(self.workstream, self.meeting.held_on)}
        saved = 0
        for member_id, status in statuses.items():
            member = members.get(str(member_id))
            if member is None or status not in AttendanceStatus.values:
                continue
            Attendance.objects.update_or_create(meeting=self.meeting, member=member, defaults={"status": status})
            saved += 1
        self.audit(AuditAction.CHANGED, "Recorded who came to a meeting", self.meeting)
        return saved


class SaveMinutes(MeetingAction):
    """Anyone taking part writes the draft minutes; of two clashing saves, the second is refused."""

    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        if self.meeting.minutes_status == MinutesStatus.AGREED:
            raise ActionRefused("These minutes have been agreed and can no longer be changed")
        if self.params["version"] != self.meeting.minutes_version:
            raise Conflict(
                "Someone else changed the minutes while you were editing them. "
                "Check the minutes below and make your changes again."
            )

    def perform(self) -> Meeting:
        version = self.params["version"]
        status = self.meeting.minutes_status
        if status == MinutesStatus.NONE:
            status = MinutesStatus.DRAFT
        updated = Meeting.objects.filter(pk=self.meeting.pk, minutes_version=version).update(
            minutes=self.params["text"].strip(), minutes_version=version + 1, minutes_status=status
        )
        if not updated:
            raise Conflict("Someone else changed the minutes while you were editing them.")
        self.meeting.refresh_from_db()
        self.audit(AuditAction.CHANGED, "Changed the draft minutes of a meeting", self.meeting)
        return self.meeting


class CirculateMinutes(MeetingAction):
    permission = Permission.RUN_MINUTES

    def check(self) -> None:
        super().check()
        if self.meeting.minutes_status != MinutesStatus.DRAFT or not self.meeting.minutes.strip():
            raise ActionRefused("Only draft minutes that have been written can be circulated")

    def perform(self) -> Meeting:
        self.meeting.minutes_status = MinutesStatus.CIRCULATED
        self.meeting.minutes_circulated_on = clock.today()
        self.meeting.save(update_fields=["minutes_status", "minutes_circulated_on"])
        self.audit(AuditAction.CHANGED, "Circulated the draft minutes for comments", self.meeting)
        return self.meeting


class CommentOnMinutes(MeetingAction):
    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        if self.meeting.minutes_status != MinutesStatus.CIRCULATED:
            raise ActionRefused(
                "You can comment on the minutes once the draft has been circulated, and until they are agreed"
            )

    def perform(self) -> MinutesComment:
        comment = MinutesComment.objects.create(
            meeting=self.meeting, author=self.user, text=self.params["text"].strip()
        )
        self.audit(AuditAction.CREATED, "Commented on draft minutes", comment)
        return comment


class AgreeMinutes(MeetingAction):
    permission = Permission.RUN_MINUTES

    def check(self) -> None:
        super().check()
        if self.meeting.minutes_status != MinutesStatus.CIRCULATED:
            raise ActionRefused("Minutes can be agreed once the draft has been circulated for comments")

    def perform(self) -> Meeting:
        self.meeting.minutes_status = MinutesStatus.AGREED
        self.meeting.minutes_agreed_on = clock.today()
        self.meeting.save(update_fields=["minutes_status", "minutes_agreed_on"])
        self.audit(AuditAction.CHANGED, "Recorded the minutes as agreed", self.meeting)
        return self.meeting


# Decisions and the ladder of co-production.


class RecordDecision(WorkstreamAction):
    permission = Permission.DECIDE

    def check(self) -> None:
        super().check()
        self.belongs(self.params.get("meeting"))
        items = list(self.params.get("you_said_items") or [])
        if any(item.local_area_id != self.workstream.local_area_id for item in items):
            raise Http404

    def perform(self) -> Decision:
        p = self.params
        decision = Decision.objects.create(
            workstream=self.workstream,
            meeting=p.get("meeting"),
            title=p["title"].strip(),
            what=p["what"].strip(),
            decided_by=p["decided_by"].strip(),
            decided_on=p["decided_on"],
            evidence=(p.get("evidence") or "").strip(),
            families_views=(p.get("families_views") or "").strip(),
            family_involvement=p["family_involvement"].strip(),
            survey_reference=(p.get("survey_reference") or "").strip(),
            recorded_by=self.user,
        )
        decision.you_said_items.set(p.get("you_said_items") or [])
        self.audit(AuditAction.CREATED, "Recorded a decision", decision)
        return decision


class RateDecision(WorkstreamAction):
    """One side places the decision on the ladder. Rating again replaces that side's rating."""

    permission = Permission.RATE

    def check(self) -> None:
        super().check()
        self.belongs(self.params["decision"])
        ladder.rung(int(self.params["rung"]))

    def perform(self) -> LadderRating:
        side = self.access.rating_side
        rating, _ = LadderRating.objects.update_or_create(
            decision=self.params["decision"],
            side=side,
            defaults={
                "rung": int(self.params["rung"]),
                "reason": (self.params.get("reason") or "").strip(),
                "rated_by": self.user,
                "rated_at": timezone.now(),
            },
        )
        self.audit(
            AuditAction.CHANGED,
            f"Rated a decision on the ladder of co-production for {rating.get_side_display().lower()}",
            rating,
        )
        return rating


# Actions agreed by the workstream.


class AddWorkAction(WorkstreamAction):
    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        self.belongs(self.params.get("decision"))
        owner = self.params["owner"]
        if not Member.objects.current().filter(workstream=self.workstream, user=owner).exists():
            raise ActionRefused("The owner must be a member of the workstream", field="owner")

    def perform(self) -> WorkAction:
        work = WorkAction.objects.create(
            workstream=self.workstream,
            decision=self.params.get("decision"),
            what=self.params["what"].strip(),
            owner=self.params["owner"],
            due_on=self.params["due_on"],
            created_by=self.user,
        )
        self.audit(AuditAction.CREATED, "Added an action", work)
        return work


class UpdateWorkAction(WorkstreamAction):
    permission = Permission.CONTRIBUTE

    def check(self) -> None:
        super().check()
        self.belongs(self.params["work"])
        completed_on = self.params.get("completed_on")
        if completed_on is not None and completed_on > clock.today():
            raise ActionRefused("The date it was done must be today or in the past", field="completed_on")

    def perform(self) -> WorkAction:
        work: WorkAction = self.params["work"]
        status = self.params["status"]
        work.status = status
        if status == ActionStatus.DONE:
            work.completed_on = self.params.get("completed_on") or work.completed_on or clock.today()
        else:
            work.completed_on = None
        work.updated_at = timezone.now()
        work.save(update_fields=["status", "completed_on", "updated_at"])
        self.audit(AuditAction.CHANGED, f"Marked an action as {work.get_status_display().lower()}", work)
        return work


# "You said, we did".


def _may_manage_area(actor, area: Organisation, *, system: bool = False) -> bool:
    if actor.user is None:
        # Server code acting for the service (an import, another app's job) says so with system=True;
        # no view ever does, and a signed-out request has no user, so it is refused.
        return system
    return policy.you_said_areas_managed_by(actor.user).filter(pk=area.pk).exists()


class CreateYouSaidItem(Action):
    """Turn something families said into a tracked item. Other apps call this, for example a survey:

        CreateYouSaidItem(
            actor,
            local_area=council,
            title="Waiting times for speech and language therapy",
            families_said="Families told us ...",
            source_kind=SourceKind.SURVEY,
            source_description="Summer 2026 survey of families, question 4",
            source_app="surveys.survey",
            source_id=str(survey.pk),
            contributors=[(user, True), ...],  # (person, agreed to be contacted)
        ).execute()

    ``actor`` is the person acting (a forum coordinator or a council officer on one of the area's
    workstreams); a server-side job with nobody acting passes ``Actor.system("...")`` and ``system=True``.
    Items start unpublished unless ``published=True``. Nothing passed in may contain personal data: the
    item is shown publicly.
    """

    def check(self) -> None:
        area: Organisation = self.params["local_area"]
        if not _may_manage_area(self.actor, area, system=self.params.get("system") is True):
            raise Http404
        workstream = self.params.get("workstream")
        if workstream is not None and workstream.local_area_id != area.pk:
            raise ActionRefused("The workstream must be in the same local area", field="workstream")
        if self.params.get("source_kind", SourceKind.OTHER) not in SourceKind.values:
            raise ActionRefused("Choose where this came from", field="source_kind")

    def perform(self) -> YouSaidItem:
        p = self.params
        now = timezone.now()
        item = YouSaidItem.objects.create(
            local_area=p["local_area"],
            workstream=p.get("workstream"),
            title=p["title"].strip(),
            families_said=p["families_said"].strip(),
            we_will=(p.get("we_will") or "").strip(),
            owner=(p.get("owner") or "").strip(),
            status=p.get("status") or YouSaidStatus.HEARD,
            source_kind=p.get("source_kind") or SourceKind.OTHER,
            source_description=(p.get("source_description") or "").strip(),
            source_app=(p.get("source_app") or "").strip(),
            source_id=str(p.get("source_id") or "").strip(),
            published=bool(p.get("published")),
            created_by=self.user,
            created_at=now,
            updated_at=now,
        )
        _add_contributors(item, p.get("contributors") or ())
        _audit(self, AuditAction.CREATED, "Added a 'you said, we did' item", item)
        return item


def _add_contributors(item: YouSaidItem, contributors: Iterable) -> int:
    added = 0
    for user, may_contact in contributors:
        _, created = YouSaidContributor.objects.get_or_create(
            item=item, user=user, defaults={"may_contact": bool(may_contact)}
        )
        added += created
    return added


class YouSaidAction(Action):
    def check(self) -> None:
        item: YouSaidItem = self.params["item"]
        if not _may_manage_area(self.actor, item.local_area):
            raise Http404


class EditYouSaidItem(YouSaidAction):
    FIELDS = ("title", "families_said", "we_will", "owner", "source_kind", "source_description", "published")

    def check(self) -> None:
        super().check()
        workstream = self.params.get("workstream")
        if workstream is not None and workstream.local_area_id != self.params["item"].local_area_id:
            raise ActionRefused("The workstream must be in the same local area", field="workstream")

    def perform(self) -> YouSaidItem:
        item: YouSaidItem = self.params["item"]
        for field in self.FIELDS:
            value = self.params[field]
            setattr(item, field, value.strip() if isinstance(value, str) else value)
        item.workstream = self.params.get("workstream")
        item.updated_at = timezone.now()
        item.save(update_fields=[*self.FIELDS, "workstream", "updated_at"])
        _audit(self, AuditAction.CHANGED, "Changed a 'you said, we did' item", item)
        return item


class PostYouSaidUpdate(YouSaidAction):
    """A dated update. When the status changes, everyone who contributed and agreed to be contacted is
    told by email, once, after the change is saved."""

    def check(self) -> None:
        super().check()
        posted_on = self.params.get("posted_on")
        if posted_on is not None and posted_on > clock.today():
            raise ActionRefused("The date of the update must be today or in the past", field="posted_on")

    def perform(self) -> YouSaidUpdate:
        item: YouSaidItem = YouSaidItem.objects.select_for_update().get(pk=self.params["item"].pk)
        status = self.params["status"]
        update = YouSaidUpdate.objects.create(
            item=item,
            text=self.params["text"].strip(),
            status=status,
            previous_status=item.status,
            posted_on=self.params.get("posted_on") or clock.today(),
            created_by=self.user,
        )
        item.status = status
        item.updated_at = timezone.now()
        item.save(update_fields=["status", "updated_at"])
        _audit(self, AuditAction.CHANGED, "Posted an update on a 'you said, we did' item", update)
        if update.status_changed:
            to_tell = item.contributors.filter(may_contact=True, user__is_active=True).values_list("user_id", flat=True)
            YouSaidNotification.objects.bulk_create(
                [YouSaidNotification(update=update, user_id=user_id) for user_id in to_tell],
                ignore_conflicts=True,
            )
            update_id = str(update.pk)
            transaction.on_commit(lambda: _enqueue_notifications(update_id))
        return update


def _enqueue_notifications(update_id: str) -> None:
    from coproduce.forum.tasks import send_you_said_notifications

    send_you_said_notifications.enqueue(update_id)


class AddContributors(YouSaidAction):
    """Record forum members as contributors; each is told of changes only if they agreed to be contacted."""

    def perform(self) -> int:
        item: YouSaidItem = self.params["item"]
        members: Iterable[ForumMember] = self.params["members"]
        added = _add_contributors(item, ((member.user, member.may_contact) for member in members))
        _audit(self, AuditAction.CHANGED, f"Added {added} contributors to a 'you said, we did' item", item)
        return added


# Time, expenses and participation payments.


class SubmitClaim(WorkstreamAction):
    permission = Permission.CLAIM

    def check(self) -> None:
        super().check()
        if self.params["on_date"] > clock.today():
            raise ActionRefused("The date must be today or in the past", field="on_date")
        amounts = [self.params.get(name) or Decimal(0) for name in ("hours", "expenses", "payment")]
        if any(amount < 0 for amount in amounts):
            raise ActionRefused("Amounts cannot be less than zero")
        if not any(amount > 0 for amount in amounts):
            raise ActionRefused("Enter the hours you gave, the expenses you are claiming, or both", field="hours")

    def perform(self) -> Claim:
        p = self.params
        claim = Claim.objects.create(
            workstream=self.workstream,
            claimant=self.user,
            on_date=p["on_date"],
            description=p["description"].strip(),
            hours=p.get("hours") or Decimal(0),
            expenses=p.get("expenses") or Decimal(0),
            payment=p.get("payment") or Decimal(0),
        )
        self.audit(AuditAction.CREATED, "Recorded time or claimed expenses", claim)
        return claim


class DecideClaim(Action):
    """The forum coordinator approves or turns down a claim. Nobody decides their own."""

    def check(self) -> None:
        claim: Claim = self.params["claim"]
        if not policy.claims_to_decide_by(self.user).filter(pk=claim.pk).exists():
            if policy.claims_visible_to(self.user).filter(pk=claim.pk).exists():
                raise ActionRefused("This claim has already been decided, or is your own")
            raise Http404
        if not self.params["approve"] and not (self.params.get("note") or "").strip():
            raise ActionRefused("Say why the claim is not approved", field="note")

    def perform(self) -> Claim:
        claim: Claim = self.params["claim"]
        claim.status = ClaimStatus.APPROVED if self.params["approve"] else ClaimStatus.REJECTED
        claim.decided_by = self.user
        claim.decided_at = timezone.now()
        claim.decision_note = (self.params.get("note") or "").strip()
        claim.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        _audit(
            self,
            AuditAction.CHANGED,
            f"Decided a claim: {claim.get_status_display().lower()}",
            claim,
            "Forum coordinator",
        )
        return claim
