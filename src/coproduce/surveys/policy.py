"""Who may build surveys, see their results, read raw answers, and use the contact list.

Built on the forum's policy (``forum/policy.py``), because surveys are part of the local area's
strategic co-production and feed its "you said, we did":

- **Builders** (build, publish, close, see suppressed results, export them, turn a result into a
  "you said, we did" item): the people who manage "you said, we did" for the area: the coordinators of
  its parent carer forum, and council officers on the area's workstreams.
- **Analysts** (also read the free-text answers, tag themes, and export raw answers, which is
  audited): the forum coordinator, and the people a coordinator has named as analysts for the area
  (``SurveyAnalyst``: dated, and recorded in the audit trail). Being a council officer is not enough:
  raw answers can hold details that identify a family.
- **The contact list** (people happy to talk): only the coordinators of the area's forum, who hold
  the forum's membership, as decision 9 has it for contributors' names.
- **The co-production overview** for boards: council officers with the council's caseload, the
  forum's coordinators, and members of the area's boards. It holds only suppressed figures.
- **Respondents** need no account. They see the questions and their own answers, never anyone else's.

Deny by default: anything not allowed is answered "not found" (404). See ``docs/decisions/0010-survey-themes.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet

from coproduce.accounts.models import Organisation
from coproduce.forum import policy as forum_policy
from coproduce.forum.models import Member, WorkstreamKind
from coproduce.surveys.models import Survey, SurveyAnalyst


class Permission(StrEnum):
    #: See the survey, its questions and its suppressed results; export them.
    VIEW = "view"
    #: Change the survey, publish and close it; turn a result into a "you said, we did" item.
    BUILD = "build"
    #: Read free-text answers, tag themes, export raw answers.
    ANALYSE = "analyse"


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def building_areas(user) -> QuerySet[Organisation]:
    """The local areas whose surveys ``user`` builds: the "you said, we did" managers."""
    return forum_policy.you_said_areas_managed_by(user)


def coordinator_areas(user) -> QuerySet[Organisation]:
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        id__in=Organisation.objects.filter(id__in=forum_policy.coordinated_forum_ids(user)).values("local_area_id")
    )


def analyst_areas(user) -> QuerySet[Organisation]:
    """Areas where ``user`` is an analyst: as the forum's coordinator, or named by one."""
    if not _signed_in(user):
        return Organisation.objects.none()
    named = SurveyAnalyst.objects.current().filter(user=user).values("local_area_id")
    return Organisation.objects.filter(Q(id__in=named) | Q(id__in=coordinator_areas(user).values("id")))


def surveys_visible_to(user) -> QuerySet[Survey]:
    """Every survey whose management pages ``user`` may open. The only way to list surveys."""
    if not _signed_in(user):
        return Survey.objects.none()
    return Survey.objects.filter(
        Q(local_area__in=building_areas(user).values("id")) | Q(local_area__in=analyst_areas(user).values("id"))
    )


def uses_surveys(user) -> bool:
    return _signed_in(user) and (building_areas(user).exists() or analyst_areas(user).exists())


def may_create(user) -> bool:
    return _signed_in(user) and building_areas(user).exists()


@dataclass(frozen=True)
class SurveyAccess:
    """What one person may do with one survey, worked out once per request."""

    survey: Survey
    user_id: object
    builder: bool
    analyst: bool
    coordinator: bool

    @property
    def role_label(self) -> str:
        if self.coordinator:
            return "Forum coordinator"
        if self.analyst and self.builder:
            return "Council officer, survey analyst"
        if self.analyst:
            return "Survey analyst"
        return "Council officer"

    def can(self, permission: Permission) -> bool:
        match permission:
            case Permission.VIEW:
                return self.builder or self.analyst
            case Permission.BUILD:
                return self.builder
            case Permission.ANALYSE:
                return self.analyst
        return False

    @property
    def can_build(self) -> bool:
        return self.can(Permission.BUILD)

    @property
    def can_analyse(self) -> bool:
        return self.can(Permission.ANALYSE)


def access_for(user, survey: Survey) -> SurveyAccess | None:
    """What ``user`` may do with ``survey``, or None if they may not see it at all."""
    if not _signed_in(user):
        return None
    access = SurveyAccess(
        survey=survey,
        user_id=user.pk,
        builder=building_areas(user).filter(pk=survey.local_area_id).exists(),
        analyst=analyst_areas(user).filter(pk=survey.local_area_id).exists(),
        coordinator=coordinator_areas(user).filter(pk=survey.local_area_id).exists(),
    )
    return access if access.can(Permission.VIEW) else None


# The contact list and the analysts: the forum coordinator's.


def contact_areas(user) -> QuerySet[Organisation]:
    return coordinator_areas(user)


def may_see_contacts(user) -> bool:
    return _signed_in(user) and contact_areas(user).exists()


# The co-production overview for boards.


def insight_areas(user) -> QuerySet[Organisation]:
    """Councils whose co-production overview ``user`` may see."""
    if not _signed_in(user):
        return Organisation.objects.none()
    from coproduce.teams.policy import caseload_council_ids

    boards = Member.objects.current().filter(user=user, workstream__kind=WorkstreamKind.BOARD)
    return Organisation.objects.filter(
        Q(id__in=caseload_council_ids(user))
        | Q(id__in=coordinator_areas(user).values("id"))
        | Q(id__in=boards.values("workstream__local_area_id"))
    )


def may_see_insight(user) -> bool:
    return _signed_in(user) and insight_areas(user).exists()


# The main menu.


def menu_links(user) -> dict[str, bool]:
    """Whether the menu shows "Surveys" (builders and analysts) and "Co-production" (the overview), in
    one query: every signed-in page asks."""
    if not _signed_in(user):
        return {"surveys": False, "co_production": False}
    surveys = Q(id__in=building_areas(user).values("id")) | Q(id__in=analyst_areas(user).values("id"))
    overview = Q(id__in=insight_areas(user).values("id"))
    found = Organisation.objects.filter(surveys | overview).aggregate(
        surveys=Count("id", filter=surveys), co_production=Count("id", filter=overview)
    )
    return {name: bool(found[name]) for name in ("surveys", "co_production")}
