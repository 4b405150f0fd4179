"""Two app-server processes, one database: concurrent writers lose nothing and no clash goes unnoticed.

Two gunicorn processes (each its own Python, as two machines behind a load balancer would be) serve the
same database: the test database on PostgreSQL, or a file copy of it on SQLite (copied in before the
servers start and back after they stop, so the checks read what the servers wrote). Writers talk to
them over HTTP with real sessions and CSRF tokens, as browsers do:

- pairs of people edit the same need from the same version at the same moment, one through each
  server: exactly one edit is saved and the other person is told someone else changed it;
- several people comment on a plan out for comment through both servers at once: every accepted
  comment is there, and there is one audit event for each write.
"""

from __future__ import annotations

import http.client
import importlib
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction, AuditEvent
from coproduce.plans import actions
from coproduce.plans.kinds import KINDS
from coproduce.plans.models import Comment, Need
from coproduce.teams.policy import access_for
from tests.conftest import SignedInClient, build_world

pytestmark = pytest.mark.django_db(transaction=True)

CONFLICT = "Someone else changed this while you were editing it."
EDIT_ROUNDS = 3
COMMENT_WRITERS = ("other_parent_carer", "other_case_officer", "other_senco", "other_health")
COMMENTS_EACH = 4


# The audit trail is append-only down to the database: its triggers refuse the flush that empties the
# tables after a transactional test. They are set aside just before it, and the post_migrate signal that
# the flush sends puts them back (as the browser tests do).
_AUDIT_TRIGGERS = importlib.import_module("coproduce.audit.migrations.0002_append_only_triggers")
_triggers_off: list[bool] = []


def _set_audit_triggers(*, on: bool) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE audit_auditevent {'ENABLE' if on else 'DISABLE'} TRIGGER USER")
        elif connection.vendor == "sqlite":
            for statement in _AUDIT_TRIGGERS.SQLITE if on else _AUDIT_TRIGGERS.SQLITE_REVERSE:
                cursor.execute(statement)


def _put_audit_triggers_back(sender, using="default", **kwargs) -> None:
    if _triggers_off and using == "default":
        _triggers_off.clear()
        _set_audit_triggers(on=True)


post_migrate.connect(_put_audit_triggers_back, dispatch_uid="two-processes-put-audit-triggers-back")


@pytest.fixture(autouse=True)
def _audit_triggers_aside_before_the_flush(transactional_db):
    yield
    _triggers_off.append(True)
    _set_audit_triggers(on=False)


# Servers ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(data_dir) -> dict[str, str]:
    # The servers run the test settings (same secret key, so the test's sessions are valid) against the
    # shared database; nothing the test run itself set (such as DJANGO_ALLOW_ASYNC_UNSAFE) leaks in.
    leave_out = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODUCE_") and k not in leave_out}
    env |= {
        "COPRODUCE_ENVIRONMENT": "test",
        "COPRODUCE_DATA_DIR": str(data_dir),
        "COPRODUCE_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "coproduce.config.settings",
    }
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return env


class Servers:
    def __init__(self, data_dir, count: int = 2):
        self.env = _server_env(data_dir)
        self.ports = [_free_port() for _ in range(count)]
        self.processes: list[subprocess.Popen] = []
        self.log = data_dir / "servers.log"

    def __enter__(self) -> Servers:
        """Start the processes; they touch the database only once the first request needs it."""
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        with self.log.open("w") as log:
            for port in self.ports:
                self.processes.append(
                    subprocess.Popen(
                        [gunicorn, "coproduce.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
                        + ["--threads", "4", "--graceful-timeout", "5"],
                        env=self.env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
        return self

    def wait_ready(self) -> None:
        for port in self.ports:
            self._wait_ready(port)

    def _wait_ready(self, port: int) -> None:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail("An app server did not become ready:\n" + self.log.read_text()[-3000:])

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# A browser-like client: its own session cookie, CSRF token from the form, no redirects followed ---------


class Browser:
    def __init__(self, port: int, user):
        self.port = port
        signed_in = SignedInClient()
        signed_in.force_login(user)  # both steps of signing in, as in the rest of the suite
        self.cookies = {settings.SESSION_COOKIE_NAME: signed_in.cookies[settings.SESSION_COOKIE_NAME].value}

    def _send(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, text

    def get_form(self, path: str) -> dict[str, str]:
        status, text = self._send("GET", path)
        assert status == 200, (path, status)
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text))
        assert "csrfmiddlewaretoken" in hidden, path
        return hidden

    def post(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        return self._send("POST", path, urlencode(fields))


# The data ----------------------------------------------------------------------------------------------


def _actor(user):
    return Actor(user=user, ip_address="192.0.2.1", request_id="two-processes")


def _prepare():
    """A draft plan for child A with a need to edit, and child B's plan out for comment."""
    world = build_world()
    officer = world.people["case_officer"]
    plan_a = actions.StartPlan(_actor(officer), access=access_for(officer, world.a)).execute()
    need = actions.AddItem(
        _actor(officer),
        access=access_for(officer, world.a),
        plan=plan_a,
        kind=KINDS["need"],
        section="B",
        data={"broad_area": "communication_interaction", "text": "Finds spoken instructions hard."},
    ).execute()
    officer_b = world.people["other_case_officer"]
    plan_b = actions.StartPlan(_actor(officer_b), access=access_for(officer_b, world.b)).execute()
    actions.OpenConsultation(_actor(officer_b), access=access_for(officer_b, world.b), plan=plan_b).execute()
    return world, plan_a, need, plan_b


def _copy_sqlite(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)
    target.commit()


# The test ----------------------------------------------------------------------------------------------


def test_two_app_servers_lose_no_write_and_notice_every_clash(tmp_path):
    sqlite_file = tmp_path / "coproduce.sqlite3"
    edit_results: list[tuple[int, str]] = []
    comment_results: list[tuple[str, int]] = []
    with Servers(tmp_path) as servers:  # they start while the data is made
        world, plan_a, need, plan_b = _prepare()
        first, second = servers.ports
        editors = [Browser(first, world.people["case_officer"]), Browser(second, world.people["senco"])]
        commenters = [Browser(servers.ports[i % 2], world.people[who]) for i, who in enumerate(COMMENT_WRITERS)]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(sqlite_file) as file_db:
                _copy_sqlite(connection.connection, file_db)
            file_db.close()
        servers.wait_ready()
        edit_path = f"/children/{world.a.pk}/plan/items/need/{need.pk}/edit/"
        comment_path = f"/children/{world.b.pk}/plan/sections/B/comment/"
        # Same base version, two servers, the same moment: one saves, the other is told.
        for round_number in range(EDIT_ROUNDS):
            forms = [browser.get_form(edit_path) for browser in editors]
            assert forms[0]["version"] == forms[1]["version"]
            barrier = threading.Barrier(len(editors))

            def edit(index: int, form=forms, round_number=round_number, barrier=barrier):
                fields = {
                    "csrfmiddlewaretoken": form[index]["csrfmiddlewaretoken"],
                    "version": form[index]["version"],
                    "broad_area": "communication_interaction",
                    "text": f"Round {round_number}: wording from editor {index}.",
                }
                barrier.wait()
                return editors[index].post(edit_path, fields)

            with ThreadPoolExecutor(len(editors)) as pool:
                edit_results.extend(pool.map(edit, range(len(editors))))

        # Many comments through both servers at once.
        def comment(index: int) -> list[tuple[str, int]]:
            browser, sent = commenters[index], []
            for number in range(COMMENTS_EACH):
                form = browser.get_form(comment_path)
                text = f"Comment {number} from writer {index}, {uuid.uuid4().hex[:8]}"
                status, _ = browser.post(
                    comment_path,
                    {
                        "csrfmiddlewaretoken": form["csrfmiddlewaretoken"],
                        "submission_key": form["submission_key"],
                        "text": text,
                    },
                )
                sent.append((text, status))
            return sent

        with ThreadPoolExecutor(len(commenters)) as pool:
            for sent in pool.map(comment, range(len(commenters))):
                comment_results.extend(sent)

    if connection.vendor == "sqlite":
        with sqlite3.connect(sqlite_file) as file_db:
            _copy_sqlite(file_db, connection.connection)
        file_db.close()

    # Every pair of clashing edits: exactly one saved (a redirect), the other shown the conflict.
    log = servers.log.read_text()
    for round_number in range(EDIT_ROUNDS):
        pair = edit_results[2 * round_number : 2 * round_number + 2]
        statuses = sorted(status for status, _ in pair)
        assert statuses == [200, 302], (round_number, statuses, log[-3000:])
        refused = next(text for status, text in pair if status == 200)
        assert CONFLICT in refused
    need.refresh_from_db()
    assert need.version == 1 + EDIT_ROUNDS
    assert need.text.startswith(f"Round {EDIT_ROUNDS - 1}: wording from editor ")
    edits_audited = AuditEvent.objects.filter(
        child=world.a, action=AuditAction.CHANGED, what__startswith="Changed a need"
    ).count()
    assert edits_audited == EDIT_ROUNDS
    plan_a.refresh_from_db()
    assert plan_a.versions.count() == 2 + EDIT_ROUNDS  # started, the need added, then each saved edit

    # Every accepted comment is there, once, with its audit event.
    accepted = [text for text, status in comment_results if status == 302]
    assert len(accepted) == len(COMMENT_WRITERS) * COMMENTS_EACH, (comment_results, log[-3000:])
    stored = list(Comment.objects.filter(plan=plan_b).values_list("text", flat=True))
    assert sorted(stored) == sorted(accepted)
    comments_audited = AuditEvent.objects.filter(
        child=world.b, action=AuditAction.CREATED, object_type__icontains="comment"
    ).count()
    assert comments_audited == len(accepted)
    assert Need.objects.filter(plan=plan_a).count() == 1
