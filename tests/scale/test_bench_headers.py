"""The benchmark's query count and server time: only when the bench setting turns them on."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from coproduce.config.env import Env
from coproduce.web.benchmark import QUERIES_HEADER, TIMING_HEADER

BENCH = "coproduce.web.benchmark.BenchHeadersMiddleware"


def test_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv("COPRODUCE_BENCH_HEADERS", raising=False)
    assert Env().bench_headers is False
    assert BENCH not in settings.MIDDLEWARE


@pytest.mark.django_db
def test_no_headers_by_default(client, world):
    client.force_login(world.people["caseload_officer"])
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert QUERIES_HEADER not in response
    assert TIMING_HEADER not in response


@pytest.mark.django_db
def test_counts_the_queries_of_a_signed_in_page(client, world):
    client.force_login(world.people["caseload_officer"])
    with override_settings(MIDDLEWARE=[BENCH, *settings.MIDDLEWARE]):
        signed_in = client.get("/accessibility/")
    assert signed_in.status_code == 200
    assert int(signed_in[QUERIES_HEADER]) >= 2  # at least the session and the person
    assert signed_in[TIMING_HEADER].startswith("app;dur=")
