"""Browser and accessibility tests: Debian's chromium through Playwright, against pytest-django's live
server with the demo council loaded, and axe-core from npm on every page.

One browser for the whole session; each test opens its own contexts (fresh cookies), with JavaScript on
or off. Nothing here sleeps: Playwright's ``expect`` waits for what the page should show.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections
from django.db.models.signals import post_migrate
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.helpers import sign_in_as
from tests.e2e.snapshot import DatabaseSnapshot

# Playwright's sync API runs an event loop in this thread; Django refuses database calls from a thread
# with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BUILT_CSS = ROOT / "src" / "coproduce" / "web" / "static" / "build" / "app.css"

# Without the background-networking flags chromium keeps calling Google, which floods a closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright waits up to this long for what a page should show; the live server answers in milliseconds.
expect.set_options(timeout=10_000)


# --- The browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium, never a downloaded one (``playwright install`` cannot work here)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}: install Debian's chromium: "
            "apt-get install chromium (never `playwright install`)",
            pytrace=False,
        )
    if not BUILT_CSS.exists():
        pytest.fail(f"The front-end assets are not built ({BUILT_CSS} is missing): run `make assets`", pytrace=False)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Pages are opened by path (``page.goto("/demo/")``) on the live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing ({AXE_JS}): run `npm ci`", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


# --- The database: the demo council in the live server's database -----------------------------------

# The audit trail is append-only down to the database: triggers refuse to delete its rows. The
# transactional_db fixture empties every table after each test (``flush``), so the triggers are set
# aside just before the flush and put back by the post_migrate signal that the flush sends.
_AUDIT_TRIGGERS = importlib.import_module("coproduce.audit.migrations.0002_append_only_triggers")
_audit_triggers_off: set[str] = set()


def _set_audit_triggers(alias: str, *, on: bool) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE audit_auditevent {'ENABLE' if on else 'DISABLE'} TRIGGER USER")
        elif connection.vendor == "sqlite":
            for statement in _AUDIT_TRIGGERS.SQLITE if on else _AUDIT_TRIGGERS.SQLITE_REVERSE:
                cursor.execute(statement)


def _put_audit_triggers_back(sender, using="default", **kwargs) -> None:
    if using in _audit_triggers_off:
        _audit_triggers_off.discard(using)
        _set_audit_triggers(using, on=True)


post_migrate.connect(_put_audit_triggers_back, dispatch_uid="e2e-put-audit-triggers-back")


@dataclass
class Demo:
    """The demo council as loaded into the live server's database for one test."""

    url: str
    children: dict[str, object] = field(default_factory=dict)  # demo key -> Child
    people: dict[str, object] = field(default_factory=dict)  # persona slug -> User

    def child_url(self, key: str, page: str = "") -> str:
        return f"/children/{self.children[key].id}/{page}"


@pytest.fixture(scope="session")
def _demo_snapshot() -> Iterator[DatabaseSnapshot]:
    """The demo council as first loaded, put back before each test in milliseconds (``snapshot.py``)."""
    snapshot = DatabaseSnapshot()
    yield snapshot
    snapshot.close()


def _load_demo_council(snapshot: DatabaseSnapshot) -> None:
    from coproduce.demo.loader import load_demo_data

    snapshot.restore_or_load(load_demo_data)


@pytest.fixture
def demo(transactional_db, live_server, _demo_snapshot) -> Iterator[Demo]:
    """The demo council (people, organisations, children and teams) in the live server's database."""
    from coproduce.accounts.models import User
    from coproduce.demo.personas import CHILDREN, PERSONAS
    from coproduce.teams.models import Child

    _load_demo_council(_demo_snapshot)
    children = {
        c.key: Child.objects.get(given_name=c.given_name, family_name=c.family_name, date_of_birth=c.date_of_birth)
        for c in CHILDREN
    }
    people = {p.slug: User.objects.with_email(p.email).get() for p in PERSONAS}
    yield Demo(url=live_server.url, children=children, people=people)


@pytest.fixture(autouse=True)
def _audit_triggers_aside_before_the_flush(request) -> Iterator[None]:
    """Every browser test runs against the live server's database, which transactional_db empties after
    the test (``flush``). The audit trail's triggers refuse that, so they are set aside just before it,
    whichever fixtures the test used; the post_migrate signal the flush sends puts them back."""
    request.getfixturevalue("transactional_db")
    yield
    _audit_triggers_off.add("default")
    _set_audit_triggers("default", on=False)


# --- Nothing personal in the logs -------------------------------------------------------------------
#
# Every log record of the whole browser session is kept: every logger, with logging at DEBUG as an operator
# could set it, the live server's request lines, django.request and django.security included. When the
# session ends it is searched for the demo's personal data and the session's secrets; anything found fails
# the run (an error at the teardown of the last test, so pytest exits non-zero), naming what and where.


class LogCapture(logging.Handler):
    """Keeps every record as it would be written: the message, its arguments and any traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.records: list[tuple[str, str, str]] = []  # (logger, level, text)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a record that cannot be formatted is still searched, as raw as it is
            text = f"{record.msg!r} {record.args!r}"
        self.records.append((record.name, record.levelname, text))


@dataclass
class SessionSecrets:
    """Secrets that exist only while the browser tests run: session keys, recovery codes, app keys."""

    values: set[str] = field(default_factory=set)
    tests: int = 0


def _demo_personal_data(secrets: SessionSecrets) -> list[tuple[str, re.Pattern]]:
    """(what it is, how to find it) for every piece of the demo's personal data."""
    from coproduce.demo.personas import CHILDREN, DEMO_PASSWORD, PERSONAS
    from coproduce.rules.identifiers import upn_check_letter

    def word(text: str) -> re.Pattern:
        return re.compile(rf"(?<![A-Za-z0-9]){re.escape(text)}(?![A-Za-z0-9])")

    found: list[tuple[str, re.Pattern]] = [("the demo password", word(DEMO_PASSWORD))]
    for persona in PERSONAS:
        found += [
            (f"the name of demo person '{persona.slug}'", word(persona.full_name)),
            (f"the email address of demo person '{persona.slug}'", re.compile(re.escape(persona.email), re.I)),
        ]
    for child in CHILDREN:
        who = f"demo child '{child.key}'"
        names = {child.given_name, child.family_name, child.preferred_name} - {""}
        found += [(f"a name of {who}", word(name)) for name in sorted(names)]
        born = child.date_of_birth
        for shown in {born.isoformat(), f"{born:%d/%m/%Y}", f"{born.day} {born:%B %Y}", f"{born:%d %B %Y}"}:
            found.append((f"the date of birth of {who}", word(shown)))
        found.append((f"the UPN of {who}", word(upn_check_letter(child.upn_rest) + child.upn_rest)))
        if child.nhs_number:
            nhs = child.nhs_number
            found.append((f"the NHS number of {who}", re.compile(rf"(?<!\d){nhs[:3]}\s?{nhs[3:6]}\s?{nhs[6:]}(?!\d)")))
    found += [("a session key, recovery code or app key", word(secret)) for secret in sorted(secrets.values)]
    return found


def _where(text: str, match: re.Match, patterns: list[re.Pattern]) -> str:
    """Where it was found, cut short, with the secret (and any other found nearby) blanked out."""
    start = max(0, match.start() - 80)
    snippet = text[start : match.end() + 80]
    for pattern in patterns:
        snippet = pattern.sub("[…]", snippet)
    return ("…" if start else "") + snippet.replace("\n", " ⏎ ")


@pytest.fixture(scope="session")
def _session_secrets() -> SessionSecrets:
    return SessionSecrets()


@pytest.fixture(scope="session", autouse=True)
def _no_personal_data_in_the_logs(_session_secrets: SessionSecrets) -> Iterator[LogCapture]:
    from django.core.servers.basehttp import WSGIRequestHandler
    from django.test.testcases import QuietWSGIRequestHandler

    capture = LogCapture()
    root = logging.getLogger()
    loggers = [logger for logger in root.manager.loggerDict.values() if isinstance(logger, logging.Logger)]
    # As if the operator set COPRODUCE_LOG_LEVEL=DEBUG, the most an operator can log: the root logger
    # at DEBUG, and every other logger at the level the configuration gives it (our settings keep SQL
    # and django-axes at WARNING; Django's defaults keep its own loggers at INFO).
    root_level = root.level
    root.setLevel(logging.DEBUG)
    # Handlers already configured keep writing what they wrote before; only the capture sees DEBUG.
    handler_levels = {handler: handler.level for handler in root.handlers}
    for handler in root.handlers:
        handler.setLevel(max(handler.level, root_level))
    # Records reach the root logger unless a logger stops them (django.server does): those get it too.
    stoppers = [logger for logger in loggers if not logger.propagate]
    for logger in [root, *stoppers]:
        logger.addHandler(capture)
    # The live server logs each request as Django's development server does (pytest-django's is quiet).
    quiet = QuietWSGIRequestHandler.log_message
    QuietWSGIRequestHandler.log_message = WSGIRequestHandler.log_message
    try:
        yield capture
    finally:
        QuietWSGIRequestHandler.log_message = quiet
        for logger in [root, *stoppers]:
            logger.removeHandler(capture)
        root.setLevel(root_level)
        for handler, level in handler_levels.items():
            handler.setLevel(level)

    requests = [record for record in capture.records if record[0] == "django.server"]
    assert len(requests) >= _session_secrets.tests, (
        f"The log capture saw {len(capture.records)} records and {len(requests)} requests in "
        f"{_session_secrets.tests} browser tests: it is not capturing the live server's logs"
    )
    leaks: list[str] = []
    searches = _demo_personal_data(_session_secrets)
    patterns = [pattern for _, pattern in searches]
    for what, pattern in searches:
        hits = [(name, level, text, match) for name, level, text in capture.records if (match := pattern.search(text))]
        if hits:
            name, level, text, match = hits[0]
            leaks.append(
                f"- {what}: in {len(hits)} record(s), first from {name} ({level}): {_where(text, match, patterns)}"
            )
    assert not leaks, (
        f"Personal data or secrets were logged during the browser tests ({len(capture.records)} records):\n"
        + "\n".join(leaks)
    )


@pytest.fixture(autouse=True)
def _collect_session_secrets(request, _session_secrets: SessionSecrets) -> Iterator[None]:
    """After each browser test, before its database is emptied: the session keys, recovery codes and
    authenticator-app keys it made, to be searched for in the logs at the end."""
    request.getfixturevalue("transactional_db")
    _session_secrets.tests += 1
    yield
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _session_secrets.values.update(Session.objects.values_list("session_key", flat=True))
    _session_secrets.values.update(StaticToken.objects.values_list("token", flat=True))
    _session_secrets.values.update(TOTPDevice.objects.values_list("key", flat=True))


# --- Pages ------------------------------------------------------------------------------------------


@dataclass
class Problems:
    """What went wrong under the page: uncaught script errors, console errors (such as content security
    policy refusals) and files the page needs that did not load (styles, scripts, images, fonts)."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))
        page.on("console", lambda message: self._console(page, message))
        page.on("response", self._response)
        return page

    def _console(self, page: Page, message) -> None:
        # Failed loads are judged by _response, which knows a "Page not found" page from a missing file.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"{page.url}: console {message.type}: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.request.resource_type} {response.url} answered {response.status}")


@pytest.fixture
def javascript() -> bool:
    """Whether pages run JavaScript; journeys parametrise this to run once with it and once without."""
    return True


@pytest.fixture
def open_page(new_context, demo, javascript) -> Iterator[Callable[..., Page]]:
    """``open_page()`` gives a signed-out page in a fresh context; ``open_page("olivia")`` signs in first
    as that demo person with the one-click demo sign-in."""
    problems = Problems()

    def _open(persona: str | None = None, *, js: bool | None = None) -> Page:
        context: BrowserContext = new_context(java_script_enabled=javascript if js is None else js)
        context.set_default_timeout(10_000)
        page = problems.watch(context.new_page())
        if persona is not None:
            sign_in_as(page, persona)
        return page

    yield _open
    assert not problems.errors, "The pages had script errors:\n" + "\n".join(problems.errors)


@pytest.fixture
def page(open_page) -> Page:
    """A signed-out page, with JavaScript as the ``javascript`` fixture says."""
    return open_page()


@pytest.fixture
def no_js_context(new_context, demo) -> BrowserContext:
    """A browser context with JavaScript turned off."""
    return new_context(java_script_enabled=False)


# --- Accessibility ----------------------------------------------------------------------------------


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip())
            lines.append(f"    at {json.dumps(node['target'])}: {summary}")
    return "\n".join(lines)


# With JavaScript turned off the page's timers never fire, and axe waits on setTimeout: there, run the
# callbacks as microtasks instead (promises still settle). Pages with JavaScript on are left alone.
TIMERS_WITHOUT_JAVASCRIPT = """() => {
  if (!matchMedia('(scripting: none)').matches) return;
  window.setTimeout = (callback, delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
  window.clearTimeout = () => {};
}"""


@pytest.fixture
def axe(axe_source) -> Callable[[Page], None]:
    """``axe(page)`` checks the page as it is now against WCAG 2.2 A and AA and fails on any violation."""

    def run(page: Page) -> dict:
        page.wait_for_load_state("load")
        # evaluate() runs outside the page's content security policy, so no nonce is needed.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(TIMERS_WITHOUT_JAVASCRIPT)
            page.evaluate(axe_source)
        return page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_TAGS,
        )

    def check(page: Page) -> None:
        try:
            results = run(page)
        except PlaywrightError:
            # A click just before may have started loading the next page after axe began on the last one
            # (its document then goes away mid-check): check again once the new page has loaded.
            results = run(page)
        if results["violations"]:
            raise AssertionError(_format_violations(page.url, results["violations"]))

    return check
