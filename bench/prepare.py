"""Pick the benchmark's people and pages from the seeded council, and give each practitioner a fresh set of
single-use recovery codes so the load generator can pass the second step of signing in.

Run by ``bench/run.py`` with the benchmark's environment (the bench database only):
``python bench/prepare.py OUT.json --council NAME --codes N``.

The recovery codes are Coproduce's own second step (django-otp static tokens, each accepted once), made
for made-up people in the benchmark's database. Nothing about signing in is relaxed for the benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--council", default="Oakshire County Council")
    parser.add_argument("--codes", type=int, default=40, help="recovery codes for each practitioner")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.config.settings")
    import django

    django.setup()

    from django.db import transaction
    from django.db.models import Count
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coproduce.accounts import mfa
    from coproduce.accounts.models import Organisation, OrganisationKind, StaffPosition, User
    from coproduce.forum.models import ForumCoordinator, Workstream
    from coproduce.plans.models import Plan
    from coproduce.surveys.models import Survey
    from coproduce.teams.models import TeamMembership, TeamRole

    council = Organisation.objects.filter(name=args.council, kind=OrganisationKind.LOCAL_AUTHORITY).first()
    if council is None:
        sys.exit(f"No council called {args.council!r}: seed it first (coproduce seed).")
    members = TeamMembership.objects.current().filter(child__responsible_council=council)
    busiest = (
        members.filter(role=TeamRole.CASE_OFFICER)
        .values("user")
        .annotate(children=Count("child", distinct=True))
        .order_by("-children", "user")
        .first()
    )
    officer_id, caseload = busiest["user"], busiest["children"]
    officer_children = members.filter(user_id=officer_id, role=TeamRole.CASE_OFFICER).values("child_id")
    # A child of that officer with a plan and a parent and a SENCo on the team: the pages everyone opens.
    plan = (
        Plan.objects.filter(child_id__in=officer_children)
        .filter(child__memberships__role=TeamRole.PARENT_CARER, child__memberships__left_at__isnull=True)
        .filter(child__memberships__role=TeamRole.SENCO)
        .annotate(versions_n=Count("versions", distinct=True))
        .order_by("-versions_n", "pk")
        .first()
    )
    child_id = plan.child_id
    parent = members.filter(child_id=child_id, role=TeamRole.PARENT_CARER).order_by("joined_at").first().user
    senco = members.filter(child_id=child_id, role=TeamRole.SENCO).order_by("joined_at").first().user
    manager = (
        StaffPosition.objects.filter(organisation=council, caseload_access=True).order_by("started_on", "pk").first()
    ).user
    workstream = Workstream.objects.filter(local_area=council).order_by("pk").first()
    coordinator = ForumCoordinator.objects.filter(forum=workstream.forum).order_by("pk").first().user
    survey = (
        Survey.objects.filter(local_area=council)
        .annotate(responses_n=Count("responses"))
        .order_by("-responses_n", "pk")
        .first()
    )
    people = {
        "officer": User.objects.get(pk=officer_id),
        "manager": manager,
        "senco": senco,
        "parent": parent,
        "coordinator": coordinator,
    }

    codes: dict[str, list[str]] = {}
    with transaction.atomic():
        for user in people.values():
            if not mfa.mfa_required(user):
                continue  # families without two-step sign-in turned on: password only
            TOTPDevice.objects.get_or_create(user=user, name="Benchmark authenticator", defaults={"confirmed": True})
            device, _ = StaticDevice.objects.get_or_create(
                user=user, name="Benchmark recovery codes", defaults={"confirmed": True}
            )
            device.token_set.all().delete()
            fresh = [StaticToken.random_token() for _ in range(args.codes)]
            StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in fresh])
            codes[user.email] = fresh

    from django.db import connection

    targets = {
        "council": council.name,
        "plans": Plan.objects.filter(child__responsible_council=council).count(),
        "children": members.values("child_id").distinct().count(),
        "postgresql": connection.cursor().connection.info.server_version if connection.vendor == "postgresql" else "",
        "caseload_children": caseload,
        "child_id": str(child_id),
        "workstream_id": str(workstream.pk),
        "survey_id": str(survey.pk),
        "people": {role: user.email for role, user in people.items()},
        "codes": codes,
    }
    with open(args.out, "w") as out:
        json.dump(targets, out, indent=2)
    print(f"Benchmark people and pages: officer with {caseload} children, child {child_id}.")


if __name__ == "__main__":
    main()
