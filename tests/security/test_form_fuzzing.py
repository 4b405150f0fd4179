"""Form fuzzing: whatever is typed into the main forms, Coproduce never fails with a server error, answers
bad input with a specific message, and saves nothing half-done."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SignedInClient
from tests.plans.builders import plan_for_matrix

pytestmark = pytest.mark.django_db

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999",
            "2026-02-30",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "🙂" * 50,
            "a" * 5000,
            "../../etc/passwd",
        ]
    ),
)


def payload(fields):
    return st.fixed_dictionaries(dict.fromkeys(fields, text))


FORMS = [
    (
        "caseload_officer",
        "teams:add-child",
        {},
        [
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth_0",
            "date_of_birth_1",
            "date_of_birth_2",
            "responsible_council",
            "setting",
            "upn",
            "nhs_number",
        ],
    ),
    ("parent_carer", "teams:invite", {}, ["email", "role"]),
    ("senco", "plans:add-item", {"code": "B", "kind": "need"}, ["broad_area", "text", "submission_key"]),
    (
        "health",
        "plans:add-item",
        {"code": "F", "kind": "provision"},
        [
            "what",
            "deliverer_role",
            "frequency",
            "duration",
            "group_size",
            "start_date_0",
            "start_date_1",
            "start_date_2",
            "outcomes",
            "needs",
            "action",
        ],
    ),
    ("parent_carer", "plans:agreement", {"code": "F"}, ["position", "reason"]),
    ("parent_carer", "plans:comment-section", {"code": "F"}, ["text", "submission_key"]),
    ("case_officer", "plans:decide", {"comment_id": None}, ["decision", "reason", "decided_text"]),
    ("case_officer", "plans:finalise", {}, ["placement", "family_finished"]),
]


@pytest.mark.parametrize(("actor", "route", "kwargs", "fields"), FORMS, ids=[f[1] + "-" + f[0] for f in FORMS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_input_makes_a_server_error_or_a_half_save(world_for_fuzzing, actor, route, kwargs, fields, data):
    world, values = world_for_fuzzing
    params = {k: v or values[k] for k, v in kwargs.items()}
    url = reverse(route, kwargs=params if route == "teams:add-child" else {"child_id": world.a.id, **params})
    body = data.draw(payload(fields))
    client = SignedInClient()
    with transaction.atomic():
        client.force_login(world.people[actor])
        response = client.post(url, body)
        assert response.status_code in (200, 302), f"{route} answered {response.status_code} for {body!r}"
        if response.status_code == 200 and "There is a problem" not in response.content.decode():
            # A page shown again without an error summary is only right for a plan checker check.
            assert body.get("action") == "check" or route == "plans:finalise"
        transaction.set_rollback(True)


@pytest.fixture
def world_for_fuzzing(world):
    return world, plan_for_matrix(world)
