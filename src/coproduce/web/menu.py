"""The menu in every signed-in page's header: which links a person sees, worked out once per request in
one query.

Each link's rule stays with its app's access policy (the querysets below come from those policies); this
module only asks all of them at once, as EXISTS subqueries of a single SELECT, the first time a page's
template asks for any link. The result is kept on the request, so the header, the page and any other
template rendered in the same request share it.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Exists, QuerySet

REQUEST_ATTRIBUTE = "_coproduce_menu"

# The links the menu can show.
LINKS = ("caseload", "council_overview", "forum", "surveys", "co_production", "audit")


def _checks(user) -> dict[str, QuerySet]:
    """Each condition a link depends on, as the policy's own queryset: the link shows if any row exists."""
    from coproduce.forum import policy as forum_policy
    from coproduce.surveys import policy as survey_policy
    from coproduce.teams.models import FAMILY_ROLES, TeamMembership, TeamRole
    from coproduce.teams.policy import audit_positions, caseload_council_ids

    current_team = TeamMembership.objects.current().filter(user=user)
    return {
        # statutory.selectors.may_see_caseload / may_see_council_overview
        "caseload_council": caseload_council_ids(user),
        "case_officer": current_team.filter(role=TeamRole.CASE_OFFICER),
        # forum.policy.uses_forum
        "forum_coordinator": forum_policy.coordinated_forum_ids(user),
        "forum_member": forum_policy.forum_memberships(user),
        "workstream_member": forum_policy.current_memberships(user),
        "family": current_team.filter(role__in=FAMILY_ROLES),
        # surveys.policy.menu_links
        "builder": survey_policy.building_areas(user),
        "analyst": survey_policy.analyst_areas(user),
        "insight": survey_policy.insight_areas(user),
        # teams.policy.can_search_audit
        "audit": audit_positions(user),
    }


class Menu:
    """Which menu links ``user`` sees. Nothing is asked of the database until a link is read."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def _found(self) -> dict[str, bool]:
        user = self.user
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return {}
        checks = _checks(user)
        row = (
            get_user_model()
            ._default_manager.filter(pk=user.pk)
            .annotate(**{f"menu_{name}": Exists(query) for name, query in checks.items()})
            .values(*(f"menu_{name}" for name in checks))
            .first()
        )
        return {name: bool(row[f"menu_{name}"]) for name in checks} if row else {}

    def _any(self, *names: str) -> bool:
        return any(self._found.get(name, False) for name in names)

    @property
    def caseload(self) -> bool:
        return self._any("caseload_council", "case_officer")

    @property
    def council_overview(self) -> bool:
        return self._any("caseload_council")

    @property
    def forum(self) -> bool:
        return self._any("forum_coordinator", "forum_member", "workstream_member", "family")

    @property
    def surveys(self) -> bool:
        return self._any("builder", "analyst")

    @property
    def co_production(self) -> bool:
        return self._any("insight")

    @property
    def audit(self) -> bool:
        return self._any("audit")

    def links(self) -> dict[str, bool]:
        return {name: getattr(self, name) for name in LINKS}


def menu_for(request) -> Menu:
    """The request's menu, made on first use and shared by every template the request renders."""
    user = getattr(request, "user", None)
    menu = getattr(request, REQUEST_ATTRIBUTE, None)
    if menu is None or menu.user is not user:
        menu = Menu(user)
        setattr(request, REQUEST_ATTRIBUTE, menu)
    return menu
