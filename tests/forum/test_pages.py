"""Every forum page renders for the people who may see it, with GOV.UK markup and no inline style or script."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.forum.builders import forum_for_matrix
from tests.security.access_matrix import FORUM_MATRIX, OK

pytestmark = pytest.mark.django_db


def test_every_forum_page_renders_without_inline_style_or_script(client, world):
    from tests.security.test_access_matrix import routes

    values = forum_for_matrix(world)
    names = routes()
    seen = 0
    for route, cells in FORUM_MATRIX.items():
        allowed = [actor for actor, cell in cells["GET"].items() if cell == OK and actor not in ("*", "anonymous")]
        who = allowed[0] if allowed else ("other_parent_carer" if cells["GET"].get("anonymous") != OK else None)
        if who is not None:
            client.force_login(world.people[who])
        else:
            client.logout()
        response = client.get(reverse(route, kwargs={name: values[name] for name in names[route]}))
        assert response.status_code == 200, route
        if response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
            assert "style=" not in page and "<style" not in page, route
            assert all(f'nonce="{nonce}"' in tag for tag in re.findall(r"<script[^>]*>", page)), route
            assert re.search(r"<h1 class=\"govuk-heading-[xlm]+\">", page), route
            seen += 1
    assert seen >= 30
