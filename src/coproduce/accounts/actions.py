"""Changes to a person's own sign-in: setting up two-step sign-in, passkeys and recovery codes. Each is audited."""

from __future__ import annotations

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.utils import rewrite_exceptions

from coproduce.accounts import mfa, passkeys
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.core.actions import Action, ActionRefused


class StartAuthenticatorSetup(Action):
    """A new, unconfirmed authenticator-app key for the person (any earlier unconfirmed one is replaced)."""

    def check(self) -> None:
        if self.user is None:
            raise ActionRefused("Sign in first")

    def perform(self) -> TOTPDevice:
        existing = mfa.totp_device(self.user, confirmed=False)
        if existing is not None:
            return existing
        return TOTPDevice.objects.create(user=self.user, name="Authenticator app", confirmed=False)


class ConfirmAuthenticator(Action):
    """The person proves the app works by typing a code from it; they get their recovery codes."""

    def check(self) -> None:
        self.device = mfa.totp_device(self.user, confirmed=False)
        if self.device is None:
            raise ActionRefused("Start setting up the authenticator app again", field="code")
        code = "".join(self.params["code"].split())
        if not (code.isdigit() and self.device.verify_token(code)):
            raise ActionRefused("The code is not right. Check the code in your app and try again", field="code")

    def perform(self) -> list[str]:
        TOTPDevice.objects.filter(user=self.user, confirmed=True).exclude(pk=self.device.pk).delete()
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        codes = mfa.new_recovery_codes(self.user)
        otp_login(self.params["request"], self.device)
        self.params["request"].session["coproduce_mfa_required"] = True
        record(self.actor, AuditAction.SECURITY, what="Set up two-step sign-in with an authenticator app")
        return codes


class VerifySecondStep(Action):
    """A wrong code is refused, and the refusal is written to the audit trail after the attempt's own
    transaction has been undone, so that it stays."""

    def execute(self):
        try:
            return super().execute()
        except ActionRefused:
            with transaction.atomic():
                record(self.actor, AuditAction.SECURITY, what="A two-step sign-in code was not right")
            raise

    def check(self) -> None:
        self.device = mfa.verify(self.user, self.params["code"])
        if self.device is None:
            raise ActionRefused("The code is not right. Check it and try again", field="code")

    def perform(self):
        otp_login(self.params["request"], self.device)
        used_recovery = self.device.__class__.__name__ == "StaticDevice"
        record(
            self.actor,
            AuditAction.SECURITY,
            what="Completed two-step sign-in" + (" with a recovery code" if used_recovery else ""),
        )
        return self.device


class NewRecoveryCodes(Action):
    def check(self) -> None:
        if not mfa.has_method(self.user):
            raise ActionRefused("Set up an authenticator app or a passkey first")

    def perform(self) -> list[str]:
        codes = mfa.new_recovery_codes(self.user)
        record(self.actor, AuditAction.SECURITY, what="Made new recovery codes")
        return codes


class TurnOffTwoStep(Action):
    """Families may turn two-step sign-in off again; practitioners may not."""

    def check(self) -> None:
        if mfa.is_practitioner(self.user):
            raise ActionRefused("Two-step sign-in is required for everyone who works with children's records")

    def perform(self) -> None:
        from django_otp.plugins.otp_static.models import StaticDevice

        TOTPDevice.objects.filter(user=self.user).delete()
        StaticDevice.objects.filter(user=self.user).delete()
        WebAuthnCredential.objects.filter(user=self.user).delete()
        record(self.actor, AuditAction.SECURITY, what="Turned off two-step sign-in")


class AddPasskey(Action):
    """The browser made a passkey for the person; django-otp-webauthn checks it and stores it as a device.
    A person who already has a second step must have passed it in this session first."""

    def check(self) -> None:
        if self.user is None:
            raise ActionRefused("Sign in first")

    def perform(self) -> WebAuthnCredential:
        request = self.params["request"]
        with rewrite_exceptions(logger=None):
            device = self.params["helper"].register_complete(
                user=self.user, state=self.params["state"], data=self.params["data"]
            )
        if not request.user.is_verified():
            otp_login(request, device)
        request.session["coproduce_mfa_required"] = True
        record(self.actor, AuditAction.SECURITY, what="Added a passkey", obj=device)
        return device


class VerifyPasskey(Action):
    """The second step with a passkey: django-otp-webauthn checks the signature against the stored key."""

    def check(self) -> None:
        if self.user is None:
            raise ActionRefused("Sign in first")

    def perform(self) -> WebAuthnCredential:
        with rewrite_exceptions(logger=None):
            device = self.params["helper"].authenticate_complete(
                user=self.user, state=self.params["state"], data=self.params["data"]
            )
        if not device.confirmed or not self.user.is_active:
            raise ActionRefused("This passkey cannot be used")
        otp_login(self.params["request"], device)
        record(self.actor, AuditAction.SECURITY, what="Completed two-step sign-in with a passkey", obj=device)
        return device


class NotePasskeyRefused(Action):
    """Written after a refused passkey, outside the refused attempt's own transaction so it stays."""

    def check(self) -> None:
        pass

    def perform(self) -> None:
        record(self.actor, AuditAction.SECURITY, what=f"A passkey was not accepted ({self.params['stage']})")


class RenamePasskey(Action):
    def check(self) -> None:
        self.device = passkeys.passkey_of(self.user, self.params["passkey_id"])
        if self.device is None:
            raise self.hidden
        self.name = " ".join(self.params["name"].split())
        if not self.name:
            raise ActionRefused("Enter a name for the passkey", field="name")

    def perform(self) -> WebAuthnCredential:
        self.device.name = self.name
        self.device.save(update_fields=["name"])
        record(self.actor, AuditAction.SECURITY, what="Renamed a passkey", obj=self.device)
        return self.device


class RemovePasskey(Action):
    """Practitioners must keep at least one way to pass the second step. A family member removing their
    last way turns two-step sign-in off, recovery codes included."""

    def check(self) -> None:
        self.device = passkeys.passkey_of(self.user, self.params["passkey_id"])
        if self.device is None:
            raise self.hidden
        self.last = not mfa.has_method(self.user, excluding=self.device)
        if self.last and mfa.is_practitioner(self.user):
            raise ActionRefused(
                "You cannot remove your only way to sign in in two steps. "
                "Add another passkey or an authenticator app first"
            )

    def perform(self) -> None:
        from django_otp.plugins.otp_static.models import StaticDevice

        record(self.actor, AuditAction.SECURITY, what="Removed a passkey", obj=self.device)
        self.device.delete()
        if self.last:
            StaticDevice.objects.filter(user=self.user).delete()
            self.params["request"].session["coproduce_mfa_required"] = False
