"""Reads for the forum and its workstreams, always through ``forum/policy.py``.

Single things are loaded inside what the person may see, or answered with 404. Lists are built with a
fixed number of queries, however many rows there are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Min, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.forum import clock, ladder, policy
from coproduce.forum.models import (
    FAMILY_SIDE_ROLES,
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
    MemberRole,
    MinutesComment,
    Paper,
    RatingSide,
    Volunteer,
    WorkAction,
    Workstream,
    YouSaidContributor,
    YouSaidItem,
    YouSaidUpdate,
)
from coproduce.forum.policy import Permission, WorkstreamAccess


def _uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise Http404 from None


def workstream_access(user, workstream_id, permission: Permission = Permission.VIEW) -> WorkstreamAccess:
    """The workstream if ``user`` may see it and do ``permission`` there, else 404."""
    workstream = (
        Workstream.objects.select_related("forum", "local_area", "chair").filter(pk=_uuid(workstream_id)).first()
    )
    if workstream is None:
        raise Http404
    access = policy.access_for(user, workstream)
    if access is None or not access.can(permission):
        raise Http404
    return access


def _in(access: WorkstreamAccess, queryset: QuerySet, object_id):
    found = queryset.filter(workstream=access.workstream, pk=_uuid(object_id)).first()
    if found is None:
        raise Http404
    return found


def meeting_in(access: WorkstreamAccess, meeting_id) -> Meeting:
    return _in(access, Meeting.objects.all(), meeting_id)


def decision_in(access: WorkstreamAccess, decision_id) -> Decision:
    return _in(access, Decision.objects.select_related("meeting", "recorded_by"), decision_id)


def work_action_in(access: WorkstreamAccess, action_id) -> WorkAction:
    return _in(access, WorkAction.objects.select_related("owner", "decision"), action_id)


def member_in(access: WorkstreamAccess, member_id) -> Member:
    """A member whose membership has not already ended."""
    member = _in(access, Member.objects.select_related("user"), member_id)
    if member.ended_on is not None and member.ended_on < access.today:
        raise Http404
    return member


def volunteer_in(access: WorkstreamAccess, volunteer_id) -> Volunteer | None:
    """An offer to join, for the coordinator adding the person; None if there is no such offer."""
    if not volunteer_id or not access.can(Permission.MANAGE):
        return None
    try:
        wanted = uuid.UUID(str(volunteer_id))
    except ValueError:
        return None
    return Volunteer.objects.filter(workstream=access.workstream, pk=wanted).select_related("user").first()


def paper_for_download(actor: Actor, access: WorkstreamAccess, meeting: Meeting, paper_id) -> Paper:
    paper = Paper.objects.filter(meeting=meeting, pk=_uuid(paper_id)).first()
    if paper is None or not paper.document:
        raise Http404
    record(actor, AuditAction.DOWNLOADED, what="Downloaded a meeting paper", obj=paper, actor_role=access.role_label)
    return paper


# A workstream's pages.


ROLE_ORDER = [role.value for role in MemberRole]


def current_members(workstream: Workstream, on: dt.date | None = None) -> list[Member]:
    """Members on a day: representatives of families first, observers last."""
    members = Member.objects.current(on).filter(workstream=workstream).select_related("user")
    return sorted(members, key=lambda member: (ROLE_ORDER.index(member.role), member.user.full_name))


def voting_member_users(workstream: Workstream):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            id__in=Member.objects.current().filter(workstream=workstream, role__in=VOTING_ROLES).values("user_id")
        )
        .order_by("full_name")
    )


def member_users(workstream: Workstream):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(id__in=Member.objects.current().filter(workstream=workstream).values("user_id"))
        .order_by("full_name")
    )


def overview(access: WorkstreamAccess) -> dict:
    workstream = access.workstream
    today = access.today
    meetings = list(workstream.meetings.annotate(paper_count=Count("papers")).order_by("held_on"))
    return {
        "members": current_members(workstream, today),
        "volunteers": list(Volunteer.objects.filter(workstream=workstream).select_related("user"))
        if access.can(Permission.MANAGE)
        else [],
        "upcoming": [meeting for meeting in meetings if meeting.held_on >= today],
        "past": [meeting for meeting in reversed(meetings) if meeting.held_on < today],
        "overdue": list(
            WorkAction.objects.filter(workstream=workstream, due_on__lt=today)
            .exclude(status=ActionStatus.DONE)
            .select_related("owner")
        ),
        "you_said": list(workstream.you_said_items.order_by("-updated_at")),
    }


@dataclasses.dataclass(frozen=True)
class AttendanceRow:
    member: Member
    status: str | None

    @property
    def status_label(self) -> str:
        return AttendanceStatus(self.status).label if self.status else "Not recorded"


def meeting_detail(access: WorkstreamAccess, meeting: Meeting) -> dict:
    recorded = {row.member_id: row.status for row in Attendance.objects.filter(meeting=meeting)}
    members = {member.pk: member for member in current_members(access.workstream, meeting.held_on)}
    for row in Attendance.objects.filter(meeting=meeting).exclude(member_id__in=members).select_related("member__user"):
        members[row.member_id] = row.member
    return {
        "papers": list(meeting.papers.select_related("uploaded_by")),
        "attendance": [AttendanceRow(member, recorded.get(member.pk)) for member in members.values()],
        "attendance_recorded": bool(recorded),
        "comments": list(MinutesComment.objects.filter(meeting=meeting).select_related("author")),
        "decisions": list(meeting.decisions.all()),
    }


@dataclasses.dataclass(frozen=True)
class RatedDecision:
    """A decision with both sides' ladder ratings. Each side's rating is hidden from the other side
    until both have rated, so neither is swayed by the other."""

    decision: Decision
    families: LadderRating | None
    council: LadderRating | None
    viewer_side: str | None

    @property
    def both_rated(self) -> bool:
        return self.families is not None and self.council is not None

    @property
    def gap(self) -> int | None:
        if not self.both_rated:
            return None
        return ladder.gap(self.families.rung, self.council.rung)

    @property
    def wide_gap(self) -> bool:
        return self.both_rated and ladder.is_wide(self.families.rung, self.council.rung)

    @property
    def gap_words(self) -> str:
        if not self.both_rated:
            return ladder.gap_words(None, None)
        return ladder.gap_words(self.families.rung, self.council.rung)

    def _shown(self, side: str) -> LadderRating | None:
        rating = self.families if side == RatingSide.FAMILIES else self.council
        if rating is not None and (self.both_rated or self.viewer_side == side):
            return rating
        return None

    @property
    def families_shown(self) -> LadderRating | None:
        return self._shown(RatingSide.FAMILIES)

    @property
    def council_shown(self) -> LadderRating | None:
        return self._shown(RatingSide.COUNCIL)

    @property
    def my_rating(self) -> LadderRating | None:
        if self.viewer_side is None:
            return None
        return self.families if self.viewer_side == RatingSide.FAMILIES else self.council


def _rated(decision: Decision, viewer_side: str | None) -> RatedDecision:
    by_side = {rating.side: rating for rating in decision.ratings.all()}
    return RatedDecision(decision, by_side.get(RatingSide.FAMILIES), by_side.get(RatingSide.COUNCIL), viewer_side)


def decisions_log(access: WorkstreamAccess) -> list[RatedDecision]:
    decisions = (
        Decision.objects.filter(workstream=access.workstream)
        .select_related("meeting")
        .prefetch_related("ratings")
        .order_by("-decided_on", "-recorded_at")
    )
    return [_rated(decision, access.rating_side) for decision in decisions]


def decision_detail(access: WorkstreamAccess, decision: Decision) -> dict:
    decision = (
        Decision.objects.filter(pk=decision.pk)
        .prefetch_related("ratings", "you_said_items", Prefetch("actions", WorkAction.objects.select_related("owner")))
        .get()
    )
    return {"rated": _rated(decision, access.rating_side), "decision": decision}


def actions_list(access: WorkstreamAccess) -> dict:
    actions = list(
        WorkAction.objects.filter(workstream=access.workstream).select_related("owner", "decision").order_by("due_on")
    )
    today = access.today
    return {
        "overdue": [work for work in actions if work.is_overdue(today)],
        "open": [work for work in actions if work.status != ActionStatus.DONE and not work.is_overdue(today)],
        "done": [work for work in actions if work.status == ActionStatus.DONE],
    }


def decisions_to_link(workstream: Workstream) -> QuerySet[Decision]:
    return Decision.objects.filter(workstream=workstream).order_by("-decided_on")


def meetings_to_link(workstream: Workstream) -> QuerySet[Meeting]:
    return Meeting.objects.filter(workstream=workstream).order_by("-held_on")


def you_said_to_link(workstream: Workstream) -> QuerySet[YouSaidItem]:
    return YouSaidItem.objects.filter(local_area_id=workstream.local_area_id).order_by("title")


# The health of co-production.


@dataclasses.dataclass(frozen=True)
class Share:
    label: str
    met: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.met / self.total) if self.total else None

    @property
    def words(self) -> str:
        if not self.total:
            return "none"
        return f"{self.met} of {self.total} ({self.percent}%)"


def quarter_label(day: dt.date) -> str:
    first = (day.month - 1) // 3 * 3 + 1
    start = dt.date(day.year, first, 1)
    end = dt.date(day.year, first + 2, 1)
    return f"{start:%B} to {end:%B} {day.year}"


def health(access: WorkstreamAccess) -> dict:
    """The ladder ratings from both sides, parent representatives' attendance and actions done on time."""
    workstream = access.workstream
    today = access.today
    rated = [
        row
        for row in (
            _rated(decision, None)
            for decision in Decision.objects.filter(workstream=workstream)
            .prefetch_related("ratings")
            .order_by("decided_on", "recorded_at")
        )
        if row.both_rated
    ]
    attendance_rows = (
        Attendance.objects.filter(
            meeting__workstream=workstream, meeting__held_on__lte=today, member__role=MemberRole.PARENT_REP
        )
        .values("meeting_id", "meeting__title", "meeting__held_on")
        .annotate(total=Count("id"), present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)))
        .order_by("meeting__held_on", "meeting_id")
    )
    attendance = [
        (row["meeting__held_on"], row["meeting__title"], Share(row["meeting__title"], row["present"], row["total"]))
        for row in attendance_rows
    ]
    by_quarter: dict[tuple[int, int], list[WorkAction]] = defaultdict(list)
    for work in WorkAction.objects.filter(workstream=workstream, due_on__lte=today).order_by("due_on"):
        by_quarter[(work.due_on.year, (work.due_on.month - 1) // 3)].append(work)
    on_time = [
        Share(quarter_label(works[0].due_on), sum(work.done_on_time for work in works), len(works))
        for _, works in sorted(by_quarter.items())
    ]
    return {"rated": rated, "attendance": attendance, "on_time": on_time}


# The forum page: what a family, a representative or a coordinator sees.


def forum_home(user) -> dict:
    today = clock.today()
    memberships = list(policy.forum_memberships(user).select_related("forum"))
    next_meeting = Min("meetings__held_on", filter=Q(meetings__held_on__gte=today))
    representatives = Prefetch(
        "members",
        queryset=Member.objects.current(today).filter(role__in=FAMILY_SIDE_ROLES).select_related("user"),
        to_attr="representatives",
    )
    mine = list(
        policy.workstreams_visible_to(user)
        .select_related("forum", "chair")
        .annotate(next_meeting=next_meeting)
        .order_by("forum__name", "kind", "name")
    )
    mine_ids = {workstream.pk for workstream in mine}
    outline = [
        workstream
        for workstream in policy.workstreams_in_outline_for(user)
        .select_related("forum")
        .annotate(next_meeting=next_meeting)
        .prefetch_related(representatives)
        .order_by("forum__name", "kind", "name")
        if workstream.pk not in mine_ids
    ]
    member_forums = {membership.forum_id for membership in memberships}
    offered = set(Volunteer.objects.filter(user=user).values_list("workstream_id", flat=True))
    return {
        "memberships": memberships,
        "coordinated": list(policy.forums_followed_by(user).filter(id__in=policy.coordinated_forum_ids(user))),
        "mine": mine,
        "outline": outline,
        "may_volunteer_ids": {ws.pk for ws in outline if ws.forum_id in member_forums and ws.pk not in offered},
        "offered_ids": offered,
        "manages_you_said": policy.may_manage_you_said(user),
        "sees_claims": policy.may_see_claims(user),
        "claims_waiting": policy.claims_to_decide_by(user).count(),
    }


def forums_to_join():
    from coproduce.accounts.models import Organisation, OrganisationKind

    return Organisation.objects.filter(kind=OrganisationKind.FORUM).order_by("name")


def outline_workstream_for_volunteer(user, workstream_id) -> Workstream:
    workstream = Workstream.objects.select_related("forum").filter(pk=_uuid(workstream_id)).first()
    if workstream is None or not policy.may_volunteer(user, workstream):
        raise Http404
    return workstream


# "You said, we did".


def _with_updates(items: QuerySet[YouSaidItem]) -> QuerySet[YouSaidItem]:
    return items.select_related("workstream", "local_area").prefetch_related(
        Prefetch("updates", queryset=YouSaidUpdate.objects.order_by("-posted_on", "-created_at"))
    )


def public_items(status: str | None = None) -> list[YouSaidItem]:
    items = policy.public_you_said_items()
    if status:
        items = items.filter(status=status)
    return list(_with_updates(items).order_by("-updated_at"))


def public_status_counts() -> dict[str, int]:
    return dict(policy.public_you_said_items().values_list("status").annotate(n=Count("id")).order_by())


def public_item(item_id) -> YouSaidItem:
    item = _with_updates(policy.public_you_said_items()).filter(pk=_uuid(item_id)).first()
    if item is None:
        raise Http404
    return item


def managed_items(user) -> list[YouSaidItem]:
    return list(
        _with_updates(policy.you_said_items_managed_by(user))
        .annotate(
            contributor_count=Count("contributors", distinct=True),
        )
        .order_by("-updated_at")
    )


def managed_item(user, item_id) -> YouSaidItem:
    item = _with_updates(policy.you_said_items_managed_by(user)).filter(pk=_uuid(item_id)).first()
    if item is None:
        raise Http404
    return item


def contributor_summary(item: YouSaidItem) -> dict[str, int]:
    counts = item.contributors.aggregate(total=Count("id"), may_contact=Count("id", filter=Q(may_contact=True)))
    return {"total": counts["total"] or 0, "may_contact": counts["may_contact"] or 0}


def item_for_contributors(user, item_id) -> YouSaidItem:
    """Only the coordinator of a forum in the item's area sees its members' names to add them."""
    item = managed_item(user, item_id)
    if not policy.may_add_contributors(user, item):
        raise Http404
    return item


def members_to_add(user, item: YouSaidItem) -> QuerySet[ForumMember]:
    return (
        ForumMember.objects.current()
        .filter(forum_id__in=policy.coordinated_forum_ids(user), forum__local_area_id=item.local_area_id)
        .exclude(user_id__in=YouSaidContributor.objects.filter(item=item).values("user_id"))
        .select_related("user")
        .order_by("user__full_name")
    )


def workstreams_in_areas(user) -> QuerySet[Workstream]:
    return Workstream.objects.filter(local_area__in=policy.you_said_areas_managed_by(user)).order_by("name")


# Time and expenses.


def claims_page(user) -> dict:
    visible = policy.claims_visible_to(user).select_related("workstream", "claimant", "decided_by")
    return {
        "mine": list(visible.filter(claimant=user)),
        "to_decide": list(policy.claims_to_decide_by(user).select_related("workstream", "claimant")),
        "is_coordinator": policy.is_coordinator(user),
        "may_claim": policy.workstreams_to_claim_for(user).exists(),
    }


def claim_to_decide(user, claim_id) -> Claim:
    claim = (
        policy.claims_visible_to(user)
        .filter(workstream__forum_id__in=policy.coordinated_forum_ids(user))
        .select_related("workstream", "claimant", "decided_by")
        .filter(pk=_uuid(claim_id))
        .first()
    )
    if claim is None:
        raise Http404
    return claim


def financial_year(day: dt.date) -> int:
    """The year a financial year starts in: 1 April 2026 to 31 March 2027 is 2026."""
    return day.year if day.month >= 4 else day.year - 1


@dataclasses.dataclass
class Totals:
    workstream: str
    year: int
    hours: Decimal = Decimal(0)
    expenses: Decimal = Decimal(0)
    payment: Decimal = Decimal(0)
    claims: int = 0

    @property
    def year_label(self) -> str:
        return f"April {self.year} to March {self.year + 1}"

    @property
    def money(self) -> Decimal:
        return self.expenses + self.payment


def claim_totals(user) -> list[Totals]:
    """Approved time and money per workstream and financial year, for the coordinator's forums."""
    if not policy.is_coordinator(user):
        raise Http404
    rows = (
        Claim.objects.filter(workstream__forum_id__in=policy.coordinated_forum_ids(user), status=ClaimStatus.APPROVED)
        .values("workstream_id", "workstream__name", "on_date")
        .annotate(hours=Sum("hours"), expenses=Sum("expenses"), payment=Sum("payment"), claims=Count("id"))
        .order_by()
    )
    totals: dict[tuple, Totals] = {}
    for row in rows:
        year = financial_year(row["on_date"])
        key = (year, row["workstream__name"], row["workstream_id"])
        found = totals.setdefault(key, Totals(row["workstream__name"], year))
        found.hours += row["hours"] or 0
        found.expenses += row["expenses"] or 0
        found.payment += row["payment"] or 0
        found.claims += row["claims"]
    return [totals[key] for key in sorted(totals, key=lambda key: (-key[0], key[1]))]
