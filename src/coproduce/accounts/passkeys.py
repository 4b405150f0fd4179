"""Passkeys (WebAuthn) as a second step, through django-otp-webauthn.

The library does the cryptography (py_webauthn) and stores each passkey as a django-otp device, so a
passkey counts as a second step exactly as an authenticator app does. This module only adapts it: which
origins a passkey may come from, and the name a new passkey starts with.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

LOCAL_HOSTS = ("localhost", "127.0.0.1")


def _local_origin(request) -> str | None:
    """The page's own origin when it is this machine, outside production (the development server and the
    browser tests' live server run on ports that are not known in advance)."""
    if settings.PRODUCTION:
        return None
    host = request.get_host()
    if host.split(":", 1)[0] not in LOCAL_HOSTS:
        return None
    return f"{request.scheme}://{host.replace('127.0.0.1', 'localhost')}"


class PasskeyHelper(WebAuthnHelper):
    def get_relying_party_domain(self) -> str:
        if _local_origin(self.request):
            return "localhost"
        return super().get_relying_party_domain()

    def get_allowed_origins(self) -> list[str]:
        origins = list(settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)
        local = _local_origin(self.request)
        if local and local not in origins:
            origins.append(local)
        return origins

    def create_credential(self, user, response, parsed_credential, original_data):
        device = super().create_credential(user, response, parsed_credential, original_data)
        device.name = default_name()
        return device


def default_name() -> str:
    return f"Passkey added {timezone.localdate():%-d %B %Y}"


def passkeys(user):
    """The person's passkeys, oldest first."""
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "id")


def has_passkey(user) -> bool:
    return passkeys(user).exists()


def passkey_of(user, passkey_id: int) -> WebAuthnCredential | None:
    """One of the person's own passkeys; anyone else's is as if it did not exist."""
    return WebAuthnCredential.objects.filter(user=user, pk=passkey_id).first()
