"""Passkeys in the browser: a SENCo signs in with her password, adds a passkey instead of an authenticator
app, names it, keeps her recovery codes, and next time passes the second step with the passkey alone.

Chromium's virtual authenticator (through the DevTools protocol) stands in for the fingerprint reader:
a platform authenticator that keeps discoverable credentials and always verifies the person. Without
JavaScript the pages say passkeys need it and offer the authenticator app. axe checks every page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from coproduce.demo.personas import DEMO_PASSWORD
from tests.e2e.helpers import error_summary, heading, main_nav, persona_named

pytestmark = pytest.mark.browser

SENCO = "priya"


def virtual_authenticator(page: Page) -> dict:
    """A passkey-capable authenticator built into this tab, as a laptop's fingerprint reader would be."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    added = session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return {"session": session, "id": added["authenticatorId"]}


def credentials(authenticator: dict) -> list[dict]:
    found = authenticator["session"].send("WebAuthn.getCredentials", {"authenticatorId": authenticator["id"]})
    return found["credentials"]


def sign_in_with_password(page: Page, slug: str) -> None:
    persona = persona_named(slug)
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(persona.email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_a_practitioner_adds_a_passkey_and_signs_in_with_it(open_page, axe, demo):
    page = open_page()
    authenticator = virtual_authenticator(page)
    sign_in_with_password(page, SENCO)

    # No second step yet: the set-up page offers a passkey instead of an app.
    expect(heading(page)).to_have_text("Set up two-step sign-in")
    axe(page)
    page.get_by_role("link", name="Add a passkey instead").click()
    expect(heading(page)).to_have_text("Add a passkey")
    expect(page.get_by_text("needs JavaScript")).to_have_count(0)  # the script replaced the notice
    axe(page)
    page.get_by_role("button", name="Add a passkey").click()

    expect(heading(page)).to_have_text("Name your passkey")
    assert len(credentials(authenticator)) == 1, "the authenticator holds the new passkey"
    axe(page)
    name = page.get_by_label("Name")
    name.fill("")
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_contain_text("Enter a name for the passkey")
    axe(page)
    name.fill("Work laptop")
    page.get_by_role("button", name="Save").click()

    expect(heading(page)).to_have_text("Two-step sign-in is on")
    expect(page.locator(".app-recovery-codes li")).to_have_count(10)
    axe(page)
    page.get_by_role("link", name="Continue").click()
    expect(heading(page)).to_have_text("Hello, Priya Shah")

    # Next time: password, then the passkey.
    main_nav(page).get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, SENCO)
    expect(heading(page)).to_have_text("The second step of signing in")
    expect(page).to_have_url(re.compile(r"/account/two-step/verify/"))
    axe(page)
    page.get_by_role("button", name="Use your passkey").click()
    expect(heading(page)).to_have_text("Hello, Priya Shah")

    # Her two-step settings list it; it is her only way in, so she cannot remove it.
    page.goto("/account/two-step/")
    expect(page.locator(".govuk-summary-list__key")).to_have_text(["Work laptop"])
    axe(page)
    page.get_by_role("link", name="Remove Work laptop").click()
    expect(heading(page)).to_have_text("Remove the passkey ‘Work laptop’?")
    axe(page)
    page.get_by_role("button", name="Remove the passkey").click()
    expect(error_summary(page)).to_contain_text("You cannot remove your only way to sign in in two steps")
    expect(page).to_have_title(re.compile(r"^Error: "))
    axe(page)


def test_without_javascript_the_pages_say_passkeys_need_it_and_offer_the_app(open_page, axe, demo):
    from django_otp_webauthn.models import WebAuthnCredential

    from coproduce.accounts import mfa

    page = open_page(js=False)
    sign_in_with_password(page, SENCO)
    expect(heading(page)).to_have_text("Set up two-step sign-in")
    page.get_by_role("link", name="Add a passkey instead").click()
    expect(heading(page)).to_have_text("Add a passkey")
    expect(page.get_by_text("Adding a passkey needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Add a passkey")).to_have_count(0)
    page.get_by_role("link", name="use an authenticator app on your phone").click()
    expect(heading(page)).to_have_text("Set up two-step sign-in")
    axe(page)

    # Someone who already has a passkey, on a browser without JavaScript: the recovery code still works.
    senco = demo.people[SENCO]
    WebAuthnCredential.objects.create(
        user=senco, name="Phone", credential_id=b"made-elsewhere", public_key=b"key", confirmed=True
    )
    codes = mfa.new_recovery_codes(senco)
    later = open_page(js=False)
    sign_in_with_password(later, SENCO)
    expect(heading(later)).to_have_text("The second step of signing in")
    expect(later.get_by_text("Using a passkey needs JavaScript")).to_be_visible()
    axe(later)
    later.get_by_label("Code").fill(codes[0])
    later.get_by_role("button", name="Continue").click()
    expect(heading(later)).to_have_text("Hello, Priya Shah")
