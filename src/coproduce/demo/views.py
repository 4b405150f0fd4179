"""One-click sign-in as a demo persona. Only routed in demo mode; outside it these pages do not exist."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from coproduce.accounts import mfa
from coproduce.accounts.views import sign_in_user
from coproduce.demo.personas import DEMO_PASSWORD, PERSONAS

BY_SLUG = {persona.slug: persona for persona in PERSONAS}


def _demo_only():
    if not settings.DEMO_MODE:
        raise Http404


@require_GET
def personas(request):
    _demo_only()
    return render(request, "demo/personas.html", {"personas": PERSONAS, "demo_password": DEMO_PASSWORD})


@require_POST
def sign_in_as(request, slug):
    _demo_only()
    persona = BY_SLUG.get(slug)
    if persona is None:
        raise Http404
    user = get_user_model().objects.with_email(persona.email).filter(is_active=True).first()
    if user is None:
        raise Http404
    sign_in_user(request, user)
    if mfa.is_practitioner(user):
        # In the demo, one click stands in for both steps of signing in.
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="Demo one-click sign-in", defaults={"confirmed": True}
        )
        otp_login(request, device)
    return redirect("web:home")
