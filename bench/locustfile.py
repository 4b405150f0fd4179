"""The benchmark's load: signed-in people of each role opening the key pages, and the framework floor.

Run by ``bench/run.py`` (``locust --headless``), which sets ``BENCH_TARGETS`` (the people, pages and
recovery codes from ``bench/prepare.py``) and ``BENCH_SAMPLES`` (where the server times go).

The server runs with production settings behind no proxy, so each request says what the load balancer
would (``X-Forwarded-Proto: https``) and the client sends its secure cookies over the local connection.
Each response carries the server's time and query count (``COPRODUCE_BENCH_HEADERS``); those are what
the table reports, beside locust's own timings.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

from locust import HttpUser, between, events, task

TARGETS = json.loads(open(os.environ["BENCH_TARGETS"]).read())  # noqa: SIM115
CHILD = f"/children/{TARGETS['child_id']}/"
PAGES = {
    "floor": "/accessibility/",
    "child page": CHILD,
    "plan page": CHILD + "plan/",
    "caseload": "/caseload/",
    "council overview": "/council/timeliness/",
    "forum workstream": f"/forum/workstreams/{TARGETS['workstream_id']}/",
    "survey results": f"/forum/surveys/{TARGETS['survey_id']}/results/",
}
SAMPLES: dict[str, list[tuple[float, int]]] = defaultdict(list)


def send_secure_cookies_over_localhost(session) -> None:
    """The server marks its cookies secure (production settings); the browser sends them to the load
    balancer over HTTPS. Here there is no TLS between the load generator and the server, so the cookies
    the session holds are unmarked after each response and sent over the local connection."""
    for cookie in session.cookies:
        cookie.secure = False


class SignedIn(HttpUser):
    """One person's signed-in browser. ``bench/run.py`` signs each one in beforehand through the sign-in
    form and the second step (password hashing and two-step sign-in are not what is measured here), and
    hands over the session's cookies."""

    abstract = True
    role = ""
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": f"https://{self._host()}"})
        self.client.headers["Referer"] = f"https://{self._host()}/"
        for name, value in TARGETS["sessions"][self.role].pop().items():
            self.client.cookies.set(name, value)

    def _host(self) -> str:
        return self.host.split("://", 1)[1].rstrip("/")

    def open(self, page: str) -> None:
        with self.client.get(PAGES[page], name=page, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{page}: {response.status_code} {response.headers.get('Location', '')}")
                return
            send_secure_cookies_over_localhost(self.client)
            timing = response.headers.get("Server-Timing", "")
            queries = response.headers.get("X-Bench-Queries")
            if timing.startswith("app;dur=") and queries is not None:
                SAMPLES[page].append((float(timing.split("=", 1)[1]), int(queries)))
            response.success()


class CaseOfficer(SignedIn):
    """The officer with the biggest caseload (200 or more children)."""

    role = "officer"
    weight = TARGETS["weights"]["officer"]

    @task(3)
    def caseload(self):
        self.open("caseload")

    @task(3)
    def child_page(self):
        self.open("child page")

    @task(3)
    def plan_page(self):
        self.open("plan page")

    @task(2)
    def floor(self):
        self.open("floor")


class Manager(SignedIn):
    """The SEND service manager: the whole council."""

    role = "manager"
    weight = TARGETS["weights"]["manager"]

    @task(3)
    def council_overview(self):
        self.open("council overview")

    @task(1)
    def floor(self):
        self.open("floor")


class Senco(SignedIn):
    """A SENCo on the child's team."""

    role = "senco"
    weight = TARGETS["weights"]["senco"]

    @task(2)
    def child_page(self):
        self.open("child page")

    @task(3)
    def plan_page(self):
        self.open("plan page")

    @task(1)
    def floor(self):
        self.open("floor")


class Parent(SignedIn):
    """The child's parent carer."""

    role = "parent"
    weight = TARGETS["weights"]["parent"]

    @task(2)
    def child_page(self):
        self.open("child page")

    @task(3)
    def plan_page(self):
        self.open("plan page")

    @task(1)
    def floor(self):
        self.open("floor")


class Coordinator(SignedIn):
    """The parent carer forum's coordinator: workstreams and survey results."""

    role = "coordinator"
    weight = TARGETS["weights"]["coordinator"]

    @task(3)
    def workstream(self):
        self.open("forum workstream")

    @task(3)
    def survey_results(self):
        self.open("survey results")

    @task(1)
    def floor(self):
        self.open("floor")


@events.quitting.add_listener
def _write_samples(environment, **kwargs):
    with open(os.environ["BENCH_SAMPLES"], "w") as out:
        json.dump(SAMPLES, out)
