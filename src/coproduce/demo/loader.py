"""Loads the demo council. Safe to run again: it finds what is already there and adds only what is
missing, so running it twice neither fails nor duplicates anything."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import Organisation, StaffPosition, User
from coproduce.demo.personas import CHILDREN, DEMO_PASSWORD, ORGANISATIONS, PERSONAS
from coproduce.plans.demo import load_demo_plans
from coproduce.rules.identifiers import upn_check_letter
from coproduce.teams.models import INVITING_ROLES, Child, TeamMembership


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    created = {"organisations": 0, "people": 0, "children": 0, "memberships": 0}
    orgs: dict[str, Organisation] = {}
    council = None
    for key, name, kind in ORGANISATIONS:
        org, new = Organisation.objects.get_or_create(name=name, kind=kind, defaults={"local_area": council})
        if key == "council":
            council = org
        elif org.local_area_id is None:
            org.local_area = council
            org.save(update_fields=["local_area"])
        orgs[key] = org
        created["organisations"] += new

    people: dict[str, User] = {}
    for persona in PERSONAS:
        user = User.objects.with_email(persona.email).first()
        if user is None:
            user = User.objects.create_user(email=persona.email, password=DEMO_PASSWORD, full_name=persona.full_name)
            created["people"] += 1
        people[persona.slug] = user
        if persona.organisation:
            StaffPosition.objects.update_or_create(
                user=user,
                organisation=orgs[persona.organisation],
                job_title=persona.job_title,
                defaults={"caseload_access": persona.caseload_access, "audit_access": persona.audit_access},
            )

    children: dict[str, Child] = {}
    for demo in CHILDREN:
        child = Child.objects.filter(
            given_name=demo.given_name,
            family_name=demo.family_name,
            date_of_birth=demo.date_of_birth,
            responsible_council=council,
        ).first()
        if child is None:
            child = Child.objects.create(
                given_name=demo.given_name,
                family_name=demo.family_name,
                preferred_name=demo.preferred_name,
                date_of_birth=demo.date_of_birth,
                responsible_council=council,
                setting=orgs[demo.setting],
                stage=demo.stage,
                upn=upn_check_letter(demo.upn_rest) + demo.upn_rest,
                nhs_number=demo.nhs_number,
            )
            created["children"] += 1
        children[demo.key] = child
        officer = people["olivia"]
        for slug, role in demo.team:
            user = people[slug]
            if not TeamMembership.objects.current().filter(child=child, user=user).exists():
                persona = next(p for p in PERSONAS if p.slug == slug)
                TeamMembership.objects.create(
                    child=child,
                    user=user,
                    role=role,
                    can_invite=role in INVITING_ROLES,
                    organisation=orgs.get(persona.organisation) if persona.organisation else None,
                    added_by=None if slug == "olivia" else officer,
                    joined_at=timezone.now(),
                )
                created["memberships"] += 1
    created["plans"] = load_demo_plans(people, children)
    from coproduce.statutory.demo import load_demo_clock

    created["statutory processes"] = load_demo_clock(people, children)
    from coproduce.forum.demo import load_demo_forum

    created["forum workstreams"] = load_demo_forum(people)
    from coproduce.progress.demo import load_demo_progress

    created["progress"] = load_demo_progress(people, children)
    from coproduce.surveys.demo import load_demo_surveys

    created["surveys"] = load_demo_surveys(people)
    return created
