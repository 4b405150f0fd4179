"""Passkeys (WebAuthn) as the second step of signing in, alongside or instead of an authenticator app.

The browser's part is played by ``SoftAuthenticator``: a real ES256 key pair answering the server's real
challenges, so django-otp-webauthn and py_webauthn check real signatures here (the browser tests use
Chromium's virtual authenticator for the same journey through the pages).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from coproduce.audit.models import AuditEvent
from tests.accounts.soft_authenticator import SoftAuthenticator
from tests.accounts.test_two_step import set_up_app, sign_in

pytestmark = pytest.mark.django_db


def browser() -> Client:
    """A client on localhost: passkeys belong to a host name, and browsers refuse IP addresses."""
    return Client(SERVER_NAME="localhost")


def add_passkey(client, authenticator: SoftAuthenticator, *, next_url: str = ""):
    options = client.post(reverse("accounts:passkey-add-begin"))
    assert options.status_code == 200, options.content
    url = reverse("accounts:passkey-add-complete") + (f"?next={next_url}" if next_url else "")
    return client.post(url, json.dumps(authenticator.create(options.json())), content_type="application/json")


def use_passkey(client, authenticator: SoftAuthenticator, *, next_url: str = ""):
    options = client.post(reverse("accounts:passkey-verify-begin"))
    assert options.status_code == 200, options.content
    url = reverse("accounts:passkey-verify-complete") + (f"?next={next_url}" if next_url else "")
    return client.post(url, json.dumps(authenticator.get(options.json())), content_type="application/json")


def audited(user) -> list[str]:
    return list(AuditEvent.objects.filter(actor=user, action="security").order_by("id").values_list("what", flat=True))


def test_a_practitioner_can_use_a_passkey_instead_of_an_app_name_it_and_get_recovery_codes(world):
    officer = world.people["case_officer"]
    client = browser()
    sign_in(client, officer)
    child_page = reverse("teams:child", args=[world.a.id])
    set_up = client.get(child_page)["Location"]
    assert set_up.startswith(reverse("accounts:two-step-set-up"))
    assert reverse("accounts:passkey-add") in client.get(set_up).content.decode(), "a passkey is offered instead"
    add_page = client.get(reverse("accounts:passkey-add"), {"next": child_page}).content.decode()
    assert "needs JavaScript" in add_page and "authenticator app" in add_page, "without JavaScript it says so"
    assert 'id="otp_webauthn_config"' in add_page

    added = add_passkey(client, SoftAuthenticator(), next_url=child_page)
    assert added.status_code == 200, added.content
    passkey = WebAuthnCredential.objects.get(user=officer)
    assert added.json()["name_url"] == reverse(
        "accounts:passkey-name", args=[passkey.pk]
    ) + "?next=" + child_page.replace("/", "%2F")
    assert client.get(child_page).status_code == 200, "adding the first passkey passes the second step"

    name_page = reverse("accounts:passkey-name", args=[passkey.pk])
    assert passkey.name.startswith("Passkey added")
    assert "Enter a name for the passkey" in client.post(name_page, {"name": "   "}).content.decode()
    codes_page = client.post(name_page, {"name": "Work laptop", "next": child_page})
    assert len(codes_page.context["codes"]) == 10, "the first way in comes with recovery codes"
    assert codes_page.context["next"] == child_page
    overview = client.get(reverse("accounts:two-step")).content.decode()
    assert "Work laptop" in overview and "Added" in overview
    assert audited(officer)[-3:] == ["Added a passkey", "Renamed a passkey", "Made new recovery codes"]


def test_next_time_the_passkey_passes_the_second_step(world):
    officer = world.people["senco"]
    authenticator = SoftAuthenticator()
    first = browser()
    sign_in(first, officer)
    add_passkey(first, authenticator)

    second = browser()
    sign_in(second, officer)
    child_page = reverse("teams:child", args=[world.a.id])
    verify = second.get(child_page)["Location"]
    assert verify.startswith(reverse("accounts:two-step-verify"))
    page = second.get(verify).content.decode()
    assert "Use a passkey" in page and "Using a passkey needs JavaScript" in page
    assert 'id="passkey-verification-button"' in page, "the button is in a template the script shows"
    assert second.get(child_page).status_code == 302, "not yet"

    done = use_passkey(second, authenticator, next_url=child_page)
    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == child_page
    assert second.get(child_page).status_code == 200
    passkey = WebAuthnCredential.objects.get(user=officer)
    assert passkey.sign_count == authenticator.sign_count and passkey.last_used_at is not None
    assert audited(officer)[-1] == "Completed two-step sign-in with a passkey"


def test_a_redirect_after_a_passkey_only_goes_to_our_own_paths(world):
    officer = world.people["senco"]
    authenticator = SoftAuthenticator()
    client = browser()
    sign_in(client, officer)
    add_passkey(client, authenticator)
    again = browser()
    sign_in(again, officer)
    assert use_passkey(again, authenticator, next_url="https://evil.example/").json()["redirect_url"] == "/"


def test_a_forged_passkey_a_replay_or_someone_elses_passkey_is_refused_and_audited(world):
    officer = world.people["senco"]
    real = SoftAuthenticator()
    client = browser()
    sign_in(client, officer)
    add_passkey(client, real)

    attacker = browser()
    sign_in(attacker, officer)
    forged = SoftAuthenticator(credential_id=real.credential_id, user_handle=real.user_handle)
    refused = use_passkey(attacker, forged)
    assert refused.status_code == 422
    assert audited(officer)[-1] == "A passkey was not accepted (second step)"
    assert attacker.get("/").status_code == 302, "still not through the second step"

    wrong_origin = SoftAuthenticator(
        origin="https://phishing.example",
        credential_id=real.credential_id,
        key=real.key,
        user_handle=real.user_handle,
        sign_count=real.sign_count + 5,
    )
    assert use_passkey(attacker, wrong_origin).status_code == 422, "a passkey only works on our own site"

    # The challenge is used once: answering it again is refused.
    options = attacker.post(reverse("accounts:passkey-verify-begin")).json()
    answer = json.dumps(real.get(options))
    complete = reverse("accounts:passkey-verify-complete")
    assert attacker.post(complete, answer, content_type="application/json").status_code == 200
    assert attacker.post(complete, answer, content_type="application/json").status_code == 400

    other = world.people["health"]
    stranger = browser()
    sign_in(stranger, other)
    set_up_app(stranger, other)
    assert use_passkey(stranger, real).status_code == 403, "another person's passkey is not theirs to use"


def test_a_passkey_cannot_be_added_by_someone_who_has_not_passed_the_second_step(world):
    officer = world.people["senco"]
    client = browser()
    sign_in(client, officer)
    set_up_app(client, officer)
    later = browser()
    sign_in(later, officer)
    refused = later.post(reverse("accounts:passkey-add-begin"))
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=officer).exists()


def test_practitioners_keep_at_least_one_way_in_and_removing_is_audited(world):
    officer = world.people["case_officer"]
    client = browser()
    sign_in(client, officer)
    add_passkey(client, SoftAuthenticator())
    only = WebAuthnCredential.objects.get(user=officer)
    remove = reverse("accounts:passkey-remove", args=[only.pk])
    assert "Remove the passkey" in client.get(remove).content.decode()
    refused = client.post(remove)
    assert "You cannot remove your only way" in refused.content.decode()
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()

    add_passkey(client, SoftAuthenticator())
    assert WebAuthnCredential.objects.filter(user=officer).count() == 2
    assert client.post(remove)["Location"] == reverse("accounts:two-step")
    assert not WebAuthnCredential.objects.filter(pk=only.pk).exists()
    assert audited(officer)[-1] == "Removed a passkey"
    overview = client.get(reverse("accounts:two-step")).content.decode()
    assert overview.count("Remove<span") == 1, "the list shows the one that is left"


def test_nobody_can_see_rename_or_remove_another_persons_passkey(world):
    owner = world.people["parent_carer"]
    client = browser()
    sign_in(client, owner)
    add_passkey(client, SoftAuthenticator())
    passkey = WebAuthnCredential.objects.get(user=owner)
    other = browser()
    sign_in(other, world.people["young_person"])
    for route in ("accounts:passkey-name", "accounts:passkey-remove"):
        url = reverse(route, args=[passkey.pk])
        assert other.get(url).status_code == 404
        assert other.post(url, {"name": "Mine now"}).status_code == 404
    passkey.refresh_from_db()
    assert not passkey.name.startswith("Mine")


def test_a_family_member_removing_their_only_passkey_turns_two_step_sign_in_off(world):
    parent = world.people["parent_carer"]
    client = browser()
    sign_in(client, parent)
    assert client.get("/").status_code == 200, "not required for families"
    add_passkey(client, SoftAuthenticator())
    passkey = WebAuthnCredential.objects.get(user=parent)
    client.post(reverse("accounts:passkey-name", args=[passkey.pk]), {"name": "Phone"})
    other = browser()
    sign_in(other, parent)
    assert other.get("/")["Location"].startswith(reverse("accounts:two-step-verify")), "required once turned on"

    client.post(reverse("accounts:passkey-remove", args=[passkey.pk]))
    assert "Off" in client.get(reverse("accounts:two-step")).content.decode()
    fresh = browser()
    sign_in(fresh, parent)
    assert fresh.get("/").status_code == 200, "two-step sign-in is off again, recovery codes and all"


def test_turning_two_step_sign_in_off_removes_passkeys_too(world):
    parent = world.people["parent_carer"]
    client = browser()
    sign_in(client, parent)
    add_passkey(client, SoftAuthenticator())
    client.post(reverse("accounts:two-step-turn-off"))
    assert not WebAuthnCredential.objects.filter(user=parent).exists()


def test_the_passkey_endpoints_need_a_signed_in_person(world):
    anonymous = browser()
    for route in ("passkey-add-begin", "passkey-add-complete", "passkey-verify-begin", "passkey-verify-complete"):
        response = anonymous.post(reverse(f"accounts:{route}"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_in_production_a_passkey_only_comes_from_the_sites_own_origin(rf, settings):
    from coproduce.accounts.passkeys import PasskeyHelper

    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://coproduce.example.gov.uk"]
    settings.OTP_WEBAUTHN_RP_ID = "coproduce.example.gov.uk"
    request = rf.get("/", SERVER_NAME="localhost")
    settings.PRODUCTION = False
    assert PasskeyHelper(request).get_allowed_origins()[-1] == "http://localhost", "development on this machine"
    settings.PRODUCTION = True
    helper = PasskeyHelper(request)
    assert helper.get_allowed_origins() == ["https://coproduce.example.gov.uk"]
    assert helper.get_relying_party_domain() == "coproduce.example.gov.uk"
