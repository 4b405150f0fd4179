"""Changes to a person's own sign-in: setting up two-step sign-in and recovery codes. Each is audited."""

from __future__ import annotations

from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from coproduce.accounts import mfa
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
    def check(self) -> None:
        self.device = mfa.verify(self.user, self.params["code"])
        if self.device is None:
            record(self.actor, AuditAction.SECURITY, what="A two-step sign-in code was not right")
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
        if mfa.totp_device(self.user, confirmed=True) is None:
            raise ActionRefused("Set up an authenticator app first")

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
        record(self.actor, AuditAction.SECURITY, what="Turned off two-step sign-in")
