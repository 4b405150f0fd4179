"""Two-step sign-in: required for practitioners before any personal data, optional for families."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coproduce.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db
SIGN_IN = "/sign-in/"


def sign_in(client, user):
    return client.post(SIGN_IN, {"email": user.email, "password": factories.PASSWORD})


def app_code(user) -> str:
    device = TOTPDevice.objects.filter(user=user).latest("id")
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def set_up_app(client, user) -> list[str]:
    client.get(reverse("accounts:two-step-set-up"))
    page = client.post(reverse("accounts:two-step-set-up"), {"code": app_code(user)})
    return page.context["codes"]


def test_a_practitioner_sees_no_personal_data_until_the_second_step(world):
    client = Client()
    officer = world.people["case_officer"]
    sign_in(client, officer)
    child_page = reverse("teams:child", args=[world.a.id])
    response = client.get(child_page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-step-set-up"))
    setup = client.get(response["Location"]).content.decode()
    assert "<svg" in setup and "Key:" in setup
    assert world.a.family_name not in setup
    wrong = client.post(reverse("accounts:two-step-set-up"), {"code": "000000"})
    assert "The code is not right" in wrong.content.decode()
    codes = client.post(reverse("accounts:two-step-set-up"), {"code": app_code(officer)}).context["codes"]
    assert len(codes) == 10
    assert client.get(child_page).status_code == 200


def test_next_time_the_code_is_asked_for_and_a_recovery_code_works_once(world):
    officer = world.people["senco"]
    first = Client()
    sign_in(first, officer)
    codes = set_up_app(first, officer)
    second = Client()
    sign_in(second, officer)
    home = second.get("/")
    assert home["Location"].startswith(reverse("accounts:two-step-verify"))
    verify = reverse("accounts:two-step-verify")
    assert "The code is not right" in second.post(verify, {"code": "123456"}).content.decode()
    assert second.post(verify, {"code": codes[0]}).status_code == 302
    assert second.get("/").status_code == 200
    third = Client()
    sign_in(third, officer)
    assert "The code is not right" in third.post(verify, {"code": codes[0]}).content.decode(), "used once only"
    assert AuditEvent.objects.filter(actor=officer, action="security").exists()


def test_a_wrong_code_is_refused_and_the_refusal_stays_in_the_audit_trail(world):
    officer = world.people["senco"]
    first = Client()
    sign_in(first, officer)
    set_up_app(first, officer)
    second = Client()
    sign_in(second, officer)
    wrong = AuditEvent.objects.filter(actor=officer, what="A two-step sign-in code was not right")
    assert not wrong.exists()
    page = second.post(reverse("accounts:two-step-verify"), {"code": "123456"})
    assert "The code is not right" in page.content.decode()
    assert wrong.count() == 1
    assert second.get("/").status_code == 302, "still not through the second step"


def test_families_may_choose_two_step_sign_in_and_turn_it_off(world):
    parent = world.people["parent_carer"]
    client = Client()
    sign_in(client, parent)
    assert client.get("/").status_code == 200, "not required for families"
    set_up_app(client, parent)
    other = Client()
    sign_in(other, parent)
    assert other.get("/")["Location"].startswith(reverse("accounts:two-step-verify")), "required once turned on"
    client.post(reverse("accounts:two-step-turn-off"))
    assert not TOTPDevice.objects.filter(user=parent).exists()


def test_practitioners_cannot_turn_it_off(world):
    officer = world.people["health"]
    client = Client()
    sign_in(client, officer)
    set_up_app(client, officer)
    client.post(reverse("accounts:two-step-turn-off"))
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


def test_too_many_failed_sign_ins_lock_out_without_revealing_the_account(world):
    parent = world.people["parent_carer"]
    client = Client()
    for _ in range(5):
        client.post(SIGN_IN, {"email": parent.email, "password": "a wrong password here"})
        client.post(SIGN_IN, {"email": "nobody@example.org", "password": "a wrong password here"})
    known = client.post(SIGN_IN, {"email": parent.email, "password": factories.PASSWORD})
    unknown = client.post(SIGN_IN, {"email": "nobody@example.org", "password": factories.PASSWORD})
    assert known.status_code == unknown.status_code == 429
    for response in (known, unknown):
        assert "too many attempts to sign in" in response.content.decode()
    assert client.get("/").status_code == 302, "the right password did not get in while locked"


def test_sign_ins_and_failures_are_audited_without_the_email_typed(world):
    client = Client()
    client.post(SIGN_IN, {"email": "someone@example.org", "password": "not right at all"})
    failed = AuditEvent.objects.get(action="sign_in_failed")
    assert "someone" not in failed.what
    sign_in(client, world.people["parent_carer"])
    assert AuditEvent.objects.filter(action="signed_in", actor=world.people["parent_carer"]).exists()
