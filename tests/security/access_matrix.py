"""The access matrix: for every route, every kind of person, GET and POST, what must happen.

OK means the page is served (200) or the action done (a redirect that is not to the sign-in page);
LOGIN a redirect to sign in; NOT_FOUND 404, telling nothing; NOT_ALLOWED 405 (the method is wrong for
anyone, so it reveals nothing). Actors not named in a cell get the cell's "*" entry.

A route missing from this table fails the test: new routes are denied until someone decides.
"""

from __future__ import annotations

OK, LOGIN, NOT_FOUND, NOT_ALLOWED = "ok", "login", "404", "405"

TEAM = [
    "parent_carer",
    "young_person",
    "case_officer",
    "senco",
    "educational_psychologist",
    "health",
    "social_worker",
    "iass_adviser",
]
OUTSIDERS = [f"other_{role}" for role in TEAM] + ["other_council_officer", "no_team", "audit_officer"]
SIGNED_IN = TEAM + ["caseload_officer"] + OUTSIDERS
ACTORS = ["anonymous", *SIGNED_IN]

FAMILY = ["parent_carer", "young_person"]
OFFICERS = ["case_officer", "caseload_officer"]
INVITERS = FAMILY + OFFICERS + ["senco"]


def only(allowed: list[str], *, otherwise: str = NOT_FOUND, anonymous: str = LOGIN) -> dict[str, str]:
    cells = dict.fromkeys(allowed, OK)
    return {"anonymous": anonymous, "*": otherwise, **cells}


PUBLIC = {"*": OK}
SIGNED_IN_ONLY = {"anonymous": LOGIN, "*": OK}
GET_ONLY_POST = {"anonymous": LOGIN, "*": NOT_ALLOWED}
NO_METHOD = {"*": NOT_ALLOWED}
CHILD_VIEWERS = TEAM + ["caseload_officer"]

MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "web:home": {"GET": SIGNED_IN_ONLY, "POST": NO_METHOD},
    "web:health": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:accessibility": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:privacy": {"GET": PUBLIC, "POST": NO_METHOD},
    "accounts:sign-in": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts:sign-out": {"GET": NO_METHOD, "POST": PUBLIC},
    "accounts:signed-out": {"GET": PUBLIC, "POST": NO_METHOD},
    "demo:personas": {"GET": PUBLIC, "POST": NO_METHOD},
    "demo:sign-in-as": {"GET": NO_METHOD, "POST": PUBLIC},
    "teams:add-child": {
        "GET": only(["caseload_officer", "other_council_officer"]),
        "POST": only(["caseload_officer", "other_council_officer"]),
    },
    "teams:child": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "teams:edit-details": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "teams:team": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "teams:invite": {"GET": only(INVITERS), "POST": only(INVITERS)},
    "teams:withdraw-invitation": {"GET": only(INVITERS), "POST": only(INVITERS)},
    "teams:remove-member": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "teams:parents-access": {"GET": only(["young_person"]), "POST": only(["young_person"])},
    "teams:history": {"GET": only(FAMILY + OFFICERS), "POST": GET_ONLY_POST},
    "teams:invitation": {"GET": PUBLIC, "POST": PUBLIC},
    "audit:search": {"GET": only(["audit_officer"]), "POST": GET_ONLY_POST},
}


def expected(route: str, method: str, actor: str) -> str:
    cells = MATRIX[route][method]
    return cells.get(actor, cells.get("*", NOT_FOUND))
