"""The web surface: headers on every page, a strict content security policy, no caching of personal data."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client, world):
    client.force_login(world.people["parent_carer"])
    response = client.get(reverse("teams:child", args=[world.a.id]))
    policy = _csp(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "default-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    nonce = re.search(r"'nonce-([^']+)'", policy["script-src"]).group(1)
    page = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts, "the layout has scripts"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), "every script carries this response's nonce"
    assert "style=" not in page, "no inline styles"
    assert "<style" not in page


def test_no_page_loads_anything_from_another_site(client, world):
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("teams:team", args=[world.a.id])).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(not re.match(r"^(https?:)?//", source) for source in sources), sources


def test_personal_pages_are_never_cached(client, world):
    client.force_login(world.people["parent_carer"])
    for url in ("/", reverse("teams:child", args=[world.a.id]), reverse("teams:history", args=[world.a.id])):
        assert client.get(url)["Cache-Control"] == "no-store"


def test_security_headers(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_not_found_pages_look_the_same_for_missing_and_forbidden_records(client, world):
    client.force_login(world.people["other_senco"])
    forbidden = client.get(reverse("teams:child", args=[world.a.id]))
    missing = client.get(reverse("teams:child", args=["00000000-0000-0000-0000-000000000000"]))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.templates[0].name == missing.templates[0].name == "404.html"
    assert world.a.given_name not in forbidden.content.decode()


def test_no_model_form_exposes_every_field():
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "src"
    offenders = [
        str(path)
        for path in source.rglob("*.py")
        if re.search(r"fields\s*=\s*['\"]__all__['\"]|^\s*exclude\s*=", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []
