"""Form fuzzing: whatever is typed into the main forms, Coproduce never fails with a server error, answers
bad input with a specific message, and saves nothing half-done."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.plans.models import PROVISION_FIELDS, Plan, Provision
from tests.conftest import SignedInClient
from tests.plans.builders import plan_for_matrix
from tests.records.builders import ask, produce
from tests.security.access_matrix import ACTORS, BAD_REQUEST, MATRIX, OK, expected
from tests.security.test_access_matrix import url_for

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
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


# ---------------------------------------------------------------------------------------------------------
# The generic sweep: every route someone may POST to, through the form its own page shows.
# ---------------------------------------------------------------------------------------------------------

# POST routes the sweep does not fuzz, each with the reason. A new POST route must be fuzzed or named here.
EXCLUDED: dict[str, str] = {
    "accounts:passkey-add-begin": "JSON endpoint called by the passkey script, not an HTML form",
    "accounts:passkey-add-complete": "JSON endpoint called by the passkey script, not an HTML form",
    "accounts:passkey-verify-begin": "JSON endpoint called by the passkey script, not an HTML form",
    "accounts:passkey-verify-complete": "JSON endpoint called by the passkey script, not an HTML form",
    "demo:sign-in-as": "demo only: its one field names a persona, and demo personas are not in the test world",
    "accounts:sign-out": "no fields: signing out takes no input",
}

# Routes that answer POST only: their form lives on another page, so the fields are named here.
# An empty list: the form has no typed input (a confirming button), so the route is posted an empty body.
POST_ONLY_FIELDS: dict[str, list[str]] = {
    "plans:start": [],
    "surveys:question-move": ["direction"],
    "surveys:suggest": [],
    "accounts:two-step-recovery-codes": [],
    "accounts:two-step-turn-off": [],
    "plans:check-provision": list(PROVISION_FIELDS),
}

# The sweep reports the first failing input as found: shrinking it would cost minutes per failing form.
QUICK = [Phase.explicit, Phase.reuse, Phase.generate]

# Fields that are the page's plumbing, not input.
TECHNICAL = {"csrfmiddlewaretoken"}


def _posting_actor(route: str) -> str | None:
    """The first kind of person (anonymous first) the matrix lets POST to the route."""
    return next((actor for actor in ACTORS if expected(route, "POST", actor) == OK), None)


SWEEP = sorted(route for route in MATRIX if _posting_actor(route) and route not in EXCLUDED)


def test_every_post_route_is_fuzzed_or_excluded_with_a_reason():
    # Routes that take a POST from someone: done (OK), or a JSON ceremony answered out of turn (BAD_REQUEST).
    posting = {route for route in MATRIX if any(expected(route, "POST", a) in (OK, BAD_REQUEST) for a in ACTORS)}
    assert posting == set(SWEEP) | set(EXCLUDED), "A POST route is neither fuzzed nor excluded with a reason"
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert set(EXCLUDED) <= posting, "An excluded route no longer takes POST: take it off the list"


@dataclass
class Field:
    name: str
    kind: str  # "text", "hidden", "choice"
    values: list[str] = dc_field(default_factory=list)  # options, or the value the page filled in


class FormParser(HTMLParser):
    """The fields of every POST form on a page whose action is the page's own URL."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[dict[str, Field]] = []
        self.current: dict[str, Field] | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def _add(self, name: str, kind: str, value: str | None) -> Field:
        field = self.current.setdefault(name, Field(name, kind))
        if kind == "choice":
            field.kind = "choice"
        if value is not None and value not in field.values:
            field.values.append(value)
        return field

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.url).path
            if (attrs.get("method") or "get").lower() == "post" and action == urlsplit(self.url).path:
                self.current = {}
                self.forms.append(self.current)
            return
        if self.current is None or not attrs.get("name") or attrs["name"] in TECHNICAL:
            return
        name = attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self._add(name, "file", None)
            elif kind in ("radio", "checkbox", "submit"):
                self._add(name, "choice", attrs.get("value") or "on")
            elif kind == "hidden":
                self._add(name, "hidden", attrs.get("value") or "")
            else:
                self._add(name, "text", attrs.get("value") or None)
        elif tag == "button" and attrs.get("value") is not None:
            self._add(name, "choice", attrs["value"])
        elif tag == "select":
            self.select = self._add(name, "choice", None)
        elif tag == "option" and self.select is not None:
            value = attrs.get("value")
            if value is not None and value not in self.select.values:
                self.select.values.append(value)
        elif tag == "textarea":
            self.textarea = self._add(name, "text", None)

    def handle_data(self, data):
        if self.textarea is not None and data.strip() and data not in self.textarea.values:
            self.textarea.values.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_on(html: str, url: str) -> list[dict[str, Field]]:
    parser = FormParser(url)
    parser.feed(html)
    return parser.forms


def value_for(field: Field, *, fuzz_hidden: bool):
    """Fuzzed text for a typed field, mostly the field's own options for a choice (so the valid paths are
    reached too), and a hidden field's real value unless the hidden fields are the ones being fuzzed."""
    if field.kind == "hidden":
        return text if fuzz_hidden else st.just(field.values[0] if field.values else "")
    if field.kind == "choice" and field.values:
        return st.one_of(st.sampled_from(field.values), st.sampled_from(field.values), text, st.just(""))
    if field.values:
        return st.one_of(st.sampled_from(field.values), text)
    return text


def body_for(form: dict[str, Field], *, fuzz_hidden: bool):
    return st.fixed_dictionaries(
        {name: value_for(field, fuzz_hidden=fuzz_hidden) for name, field in form.items() if field.kind != "file"}
    )


# Routes whose form appears only in a particular state, and what puts the world (rolled back after the
# route) and the session into it. Each returns URL values to use instead of the sweep world's.
def _two_step_app(world, client, values) -> dict:
    """The verify page offers its code form to someone with an authenticator app (the parent, who posts
    first, otherwise has only a passkey)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.people["parent_carer"], name="Phone app", confirmed=True)
    return {}


def _vague_provision(world, client, values) -> dict:
    """The plan check offers "accept as it is" only for a finding: provision too vague to deliver (written
    straight in, as the plan is out for comment and no one may add to it through the page now)."""
    Provision.objects.create(
        plan=Plan.objects.get(child=world.a),
        author=world.people["health"],
        attributed_to="Health",
        author_role="Health",
        section="F",
        what="Support as needed",
        frequency="regularly",
    )
    return {}


def _request_in_review(world, client, values) -> dict:
    """Decisions on flagged items can be made only before release: a second request, produced, in review."""
    access_request = produce(world, ask(world, "young_person"))
    return {"request_id": access_request.id, "flag_id": access_request.flagged_items.first().id}


def _survey_begun(world, client, values) -> dict:
    """The questions and the check page are reached only once the respondent has said who they are."""
    about = reverse("surveys:about-you", kwargs={"survey_slug": values["survey_slug"]})
    [form] = forms_on(client.get(about).content.decode(), about)
    response = client.post(about, {"group": form["group"].values[0]})
    assert response.status_code == 302, "The survey did not accept who the respondent is"
    return {}


PREPARE = {
    "accounts:two-step-verify": _two_step_app,
    "plans:quality": _vague_provision,
    "records:review-item": _request_in_review,
    "surveys:question": _survey_begun,
    "surveys:check": _survey_begun,
}


@pytest.fixture
def page_forms(matrix_world, request):
    """The signed-in client, the route's URL and the forms its own page shows (read once per route)."""
    world, values = matrix_world
    route = request.param
    actor = _posting_actor(route)
    client = SignedInClient()
    cache.clear()
    with transaction.atomic():  # what PREPARE adds is rolled back after the route
        if actor != "anonymous":
            client.force_login(world.people[actor])
        if route in PREPARE:
            values = values | PREPARE[route](world, client, values)
        url = url_for(route, values)
        if route in POST_ONLY_FIELDS:
            forms = [{name: Field(name, "text") for name in POST_ONLY_FIELDS[route]}]
        else:
            with transaction.atomic():
                response = client.get(url, follow=False)
                transaction.set_rollback(True)
            assert response.status_code == 200, f"{actor} GET {url} answered {response.status_code}"
            forms = forms_on(response.content.decode(), url)
        assert forms, f"No form on {url} posts back to it: name its fields in POST_ONLY_FIELDS or exclude it"
        yield route, actor, url, client, forms
        transaction.set_rollback(True)


AUDIT = AuditEvent._meta.db_table
NOT_WRITES = [AuditAction.VIEWED, AuditAction.SIGN_IN_FAILED, AuditAction.SEARCHED]
# A wrong two-step code is refused and recorded by design: failed second steps stay in the audit trail.
RECORDED_REFUSALS = {"accounts:two-step-verify": [AuditAction.SECURITY]}


def post_and_check(route: str, actor: str, url: str, client, body: dict) -> None:
    from tests.security.test_access_matrix import _data

    cache.clear()
    with transaction.atomic():
        try:
            before = _data()
            last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.post(url, body)
            status = response.status_code
            assert status < 500, f"{actor} POST {route} answered {status} for {body!r}"
            page = response.content.decode(errors="replace") if status == 200 else ""
            if "govuk-error-summary" in page:
                summary = page[page.index("govuk-error-summary") :]
                summary = summary[: summary.find("</div>", summary.find("govuk-error-summary__list"))]
                # Each error named: a linked message for a field, or the message itself for the whole form.
                items = re.findall(r"<li[^>]*>(.*?)</li>", summary, flags=re.DOTALL)
                assert any(re.sub(r"<[^>]+>", "", item).strip() for item in items), (
                    f"{route}: an error summary with no specific message for {body!r}"
                )
                # The page shown again may record that it was looked at; nothing else may be written.
                changed = sorted(t for t, facts in _data().items() if before.get(t) != facts and t != AUDIT)
                events = AuditEvent.objects.filter(pk__gt=last_event).exclude(
                    action__in=NOT_WRITES + RECORDED_REFUSALS.get(route, [])
                )
                changed += [f"audit: {event.action} {event.what}" for event in events]
                assert not changed, f"{route}: shown again with errors, yet {changed} changed for {body!r}"
        finally:
            transaction.set_rollback(True)


@pytest.mark.parametrize("page_forms", SWEEP, indirect=True)
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), phases=QUICK)
@given(data=st.data())
def test_every_form_survives_fuzzing(page_forms, data):
    route, actor, url, client, forms = page_forms
    form = data.draw(st.sampled_from(forms), label="form")
    # Mostly the page's own hidden values (version, submission key) so the typed fields are reached; now and
    # then the hidden fields themselves are fuzzed instead.
    hidden = any(field.kind == "hidden" for field in form.values())
    fuzz_hidden = hidden and data.draw(st.sampled_from([False, False, True]), label="fuzz hidden")
    post_and_check(route, actor, url, client, data.draw(body_for(form, fuzz_hidden=fuzz_hidden), label="body"))
