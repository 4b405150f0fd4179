"""Two-step sign-in: an authenticator app (TOTP) or passkeys (WebAuthn), with recovery codes, through
django-otp and django-otp-webauthn.

Every practitioner, officer and administrator must pass the second step before any personal data is
shown. Families and young people may turn it on; once they have, it is required for them too.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coproduce.teams.models import FAMILY_ROLES, TeamMembership

RECOVERY_CODES = 10


def is_practitioner(user) -> bool:
    """Anyone who holds a post in an organisation, works on a team other than as family, or administers."""
    if user.is_staff or user.is_superuser:
        return True
    today = timezone.localdate()
    if user.positions.filter(started_on__lte=today).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today)).exists():
        return True
    return TeamMembership.objects.current().filter(user=user).exclude(role__in=FAMILY_ROLES).exists()


def mfa_required(user) -> bool:
    return is_practitioner(user) or user_has_device(user, confirmed=True)


def totp_device(user, *, confirmed: bool | None = None) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-id").first()


def has_method(user, *, excluding=None) -> bool:
    """Whether the person has a way to pass the second step other than recovery codes: a confirmed
    authenticator app or a passkey (leaving out ``excluding``, a passkey about to go)."""
    from coproduce.accounts.passkeys import passkeys

    if totp_device(user, confirmed=True) is not None:
        return True
    others = passkeys(user)
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    return others.exists()


def new_recovery_codes(user) -> list[str]:
    """Replaces any earlier recovery codes; each works once. Shown to the person once, never again."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(user, code: str):
    """The device that accepts ``code`` (an authenticator code or a recovery code), or None."""
    code = "".join(code.split())
    device = totp_device(user, confirmed=True)
    if device is not None and code.isdigit() and device.verify_is_allowed()[0] and device.verify_token(code):
        return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(code.lower()):
            return static
    return None
