"""The plan checker inside the plan: beside each item as it is written, on the plan, and across plans."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from coproduce.plans.models import Plan, PlanCheck
from coproduce.plans.quality import plan_findings
from tests.plans.builders import linked_plan

pytestmark = pytest.mark.django_db

VAGUE = {
    "what": "Access to speech and language therapy as appropriate",
    "deliverer_role": "",
    "deliverer_training": "",
    "frequency": "",
    "duration": "",
    "group_size": "",
    "where_when": "",
}
SPECIFIC = VAGUE | {
    "what": "One-to-one speech and language therapy on following instructions",
    "deliverer_role": "speech and language therapist",
    "frequency": "once a week",
    "duration": "30 minutes",
    "group_size": "1:1",
}


def test_the_inline_check_explains_vague_wording_and_clears_when_specific(client, world):
    linked_plan(world)
    client.force_login(world.people["health"])
    url = reverse("plans:check-provision", args=[world.a.id])
    vague = client.post(url, VAGUE, HTTP_HX_REQUEST="true").content.decode()
    assert "The plan checker found" in vague
    assert "Access to" in vague and "as appropriate" in vague
    assert "how often" in vague.lower()
    clear = client.post(url, SPECIFIC, HTTP_HX_REQUEST="true").content.decode()
    assert "found nothing vague" in clear


def test_without_javascript_the_check_button_checks_and_saves_nothing(client, world):
    made = linked_plan(world)
    client.force_login(world.people["health"])
    url = reverse("plans:add-item", args=[world.a.id, "F", "provision"])
    before = made["plan"].provision.count()
    page = client.post(url, VAGUE | {"action": "check"}).content.decode()
    assert "The plan checker found" in page
    assert made["plan"].provision.count() == before
    saved = client.post(url, SPECIFIC)
    assert saved.status_code == 302
    assert made["plan"].provision.count() == before + 1


def test_findings_never_block_saving_a_draft_and_show_beside_the_item(client, world):
    linked_plan(world)
    client.force_login(world.people["senco"])
    response = client.post(reverse("plans:add-item", args=[world.a.id, "F", "provision"]), VAGUE)
    assert response.status_code == 302
    page = client.get(reverse("plans:section", args=[world.a.id, "F"])).content.decode()
    assert "Plan checker:" in page
    assert "<mark" in page


def test_the_officer_accepts_a_finding_with_a_reason(client, world):
    made = linked_plan(world)
    client.force_login(world.people["senco"])
    client.post(reverse("plans:add-item", args=[world.a.id, "F", "provision"]), VAGUE)
    finding = next(f for f in plan_findings(made["plan"]) if f.code == "not-a-commitment")
    url = reverse("plans:quality", args=[world.a.id])
    client.force_login(world.people["case_officer"])
    empty = client.post(url, {"code": finding.code, "item_id": finding.item.pk, "reason": ""})
    assert "Say why the plan is right as it is" in empty.content.decode()
    client.post(url, {"code": finding.code, "item_id": finding.item.pk, "reason": "Agreed at the meeting"})
    accepted = next(f for f in plan_findings(made["plan"]) if f.code == "not-a-commitment")
    assert accepted.accepted.reason == "Agreed at the meeting"
    client.force_login(world.people["senco"])
    assert client.post(url, {"code": "x", "reason": "y"}).status_code == 404, "only the officer accepts"


def test_every_version_keeps_the_check_for_council_figures(world):
    made = linked_plan(world)
    made["plan"].refresh_from_db()
    check = PlanCheck.objects.get(plan=made["plan"])
    assert check.version_number == made["plan"].version_number
    assert check.finding_count == len(check.codes)


def test_the_demo_has_a_copied_paragraph_and_another_childs_name_and_clean_plans_have_none():
    call_command("demo_data", verbosity=0)
    grace = plan_findings(Plan.objects.get(child__given_name="Grace"), across_council=True)
    codes = {f.code for f in grace}
    assert {"copied-paragraph", "other-childs-name"} <= codes
    named = next(f for f in grace if f.code == "other-childs-name")
    assert named.span == "Leo"
    leo = plan_findings(Plan.objects.get(child__given_name="Leonardo"), across_council=True)
    assert not {"copied-paragraph", "other-childs-name"} & {f.code for f in leo}, "the original is not a copy"
    jordan = plan_findings(Plan.objects.get(child__given_name="Jordan"), across_council=True)
    assert jordan == []
