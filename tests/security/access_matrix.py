"""The access matrix: for every route, every kind of person, GET and POST, what must happen.

OK means the page is served (200) or the action done (a redirect that is not to the sign-in page);
LOGIN a redirect to sign in; NOT_FOUND 404, telling nothing; NOT_ALLOWED 405 (the method is wrong for
anyone, so it reveals nothing). Actors not named in a cell get the cell's "*" entry.

A route missing from this table fails the test: new routes are denied until someone decides.
"""

from __future__ import annotations

OK, LOGIN, NOT_FOUND, NOT_ALLOWED = "ok", "login", "404", "405"
BAD_REQUEST = "400"  # a JSON endpoint asked out of turn (finishing a passkey ceremony never begun)

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
# The forum adds one person; tests/forum/builders.py gives others in the world their forum roles.
ACTORS += ["forum_coordinator"]

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
NO_BEGIN = {"anonymous": LOGIN, "*": BAD_REQUEST}
CHILD_VIEWERS = TEAM + ["caseload_officer"]

COORDINATOR = ["forum_coordinator"]
WS_VIEWERS = COORDINATOR + ["parent_carer", "caseload_officer", "senco", "iass_adviser"]
WS_VOTERS = COORDINATOR + ["parent_carer", "caseload_officer", "senco"]
WS_SCHEDULERS = COORDINATOR + ["parent_carer", "caseload_officer"]
WS_CHAIRS = COORDINATOR + ["parent_carer"]
WS_RATERS = ["parent_carer", "caseload_officer"]
YOU_SAID_WRITERS = COORDINATOR + ["caseload_officer"]
FORUM_MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "forum:you-said-public": {"GET": PUBLIC, "POST": NO_METHOD},
    "forum:you-said-public-item": {"GET": PUBLIC, "POST": NO_METHOD},
    "forum:home": {"GET": SIGNED_IN_ONLY, "POST": GET_ONLY_POST},
    "forum:join": {"GET": SIGNED_IN_ONLY, "POST": SIGNED_IN_ONLY},
    "forum:leave": {"GET": only(["other_parent_carer"]), "POST": only(["other_parent_carer"])},
    "forum:volunteer": {"GET": only(["other_parent_carer"]), "POST": only(["other_parent_carer"])},
    "forum:workstream-new": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:workstream": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:workstream-edit": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:member-add": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:member-end": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:meeting-new": {"GET": only(WS_SCHEDULERS), "POST": only(WS_SCHEDULERS)},
    "forum:meeting": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:paper-add": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:paper": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:attendance": {"GET": only(WS_SCHEDULERS), "POST": only(WS_SCHEDULERS)},
    "forum:minutes-edit": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:minutes-circulate": {"GET": only(WS_CHAIRS), "POST": only(WS_CHAIRS)},
    "forum:minutes-comment": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:minutes-agree": {"GET": only(WS_CHAIRS), "POST": only(WS_CHAIRS)},
    "forum:decisions": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:decision-new": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:decision": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:decision-rate": {"GET": only(WS_RATERS), "POST": only(WS_RATERS)},
    "forum:actions": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:action-new": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:action-update": {"GET": only(WS_VOTERS), "POST": only(WS_VOTERS)},
    "forum:health": {"GET": only(WS_VIEWERS), "POST": GET_ONLY_POST},
    "forum:you-said-list": {"GET": only(YOU_SAID_WRITERS), "POST": GET_ONLY_POST},
    "forum:you-said-new": {"GET": only(YOU_SAID_WRITERS), "POST": only(YOU_SAID_WRITERS)},
    "forum:you-said-item": {"GET": only(YOU_SAID_WRITERS), "POST": GET_ONLY_POST},
    "forum:you-said-edit": {"GET": only(YOU_SAID_WRITERS), "POST": only(YOU_SAID_WRITERS)},
    "forum:you-said-update": {"GET": only(YOU_SAID_WRITERS), "POST": only(YOU_SAID_WRITERS)},
    "forum:you-said-contributors": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:claims": {"GET": only(COORDINATOR + ["parent_carer"]), "POST": GET_ONLY_POST},
    "forum:claim-new": {"GET": only(["parent_carer"]), "POST": only(["parent_carer"])},
    "forum:claim-decide": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "forum:claim-totals": {"GET": only(COORDINATOR), "POST": GET_ONLY_POST},
}

# Progress: the whole team and the council's officers see it; the team rates; practitioners and officers
# (never the family, nor the family's independent supporter) record provision delivered; officers write
# the review report and set the council's shortfall threshold.
DELIVERY_RECORDERS = OFFICERS + ["senco", "educational_psychologist", "health", "social_worker"]
COUNCIL_OFFICERS = ["caseload_officer", "other_council_officer"]
PROGRESS_MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "progress:progress": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "progress:target": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "progress:edit-target": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:remove-target": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:add-target": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:schedule": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:rate": {"GET": only(TEAM), "POST": only(TEAM)},
    "progress:faces": {"GET": only(TEAM), "POST": only(TEAM)},
    "progress:delivery": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "progress:record-delivery": {"GET": only(DELIVERY_RECORDERS), "POST": only(DELIVERY_RECORDERS)},
    "progress:review": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "progress:review-views": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:review-view-image": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "progress:review-say": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "progress:review-report": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "progress:council-delivery": {"GET": only(COUNCIL_OFFICERS), "POST": only(COUNCIL_OFFICERS)},
}

# Surveys (see tests/surveys/builders.py for who is what). Answering is public; building is for the
# forum coordinator and council officers on the area's workstreams; raw answers for analysts.
SURVEY_BUILDERS = COORDINATOR + ["caseload_officer"]
SURVEY_ANALYSTS = COORDINATOR + ["health"]
SURVEY_VIEWERS = SURVEY_BUILDERS + ["health"]
INSIGHT = COORDINATOR + ["caseload_officer", "other_council_officer", "parent_carer"]
POST_ONLY = {"anonymous": LOGIN, "*": NOT_ALLOWED}
SURVEYS_MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "surveys:start": {"GET": PUBLIC, "POST": NO_METHOD},
    "surveys:about-you": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys:question": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys:check": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys:done": {"GET": PUBLIC, "POST": NO_METHOD},
    "surveys:talk": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys:talk-done": {"GET": PUBLIC, "POST": NO_METHOD},
    "surveys:withdraw": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys:list": {"GET": only(SURVEY_VIEWERS), "POST": GET_ONLY_POST},
    "surveys:new": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:contacts": {"GET": only(COORDINATOR), "POST": GET_ONLY_POST},
    "surveys:contacts-download": {"GET": only(COORDINATOR), "POST": GET_ONLY_POST},
    "surveys:analysts": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "surveys:analyst-end": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "surveys:survey": {"GET": only(SURVEY_VIEWERS), "POST": GET_ONLY_POST},
    "surveys:edit": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:section-new": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:section-edit": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:question-new": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:question-edit": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:question-remove": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:question-move": {"GET": POST_ONLY, "POST": only(SURVEY_BUILDERS)},
    "surveys:preview": {"GET": only(SURVEY_VIEWERS), "POST": GET_ONLY_POST},
    "surveys:publish": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:close": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:results": {"GET": only(SURVEY_VIEWERS), "POST": GET_ONLY_POST},
    "surveys:results-download": {"GET": only(SURVEY_VIEWERS), "POST": GET_ONLY_POST},
    "surveys:answers-download": {"GET": only(SURVEY_ANALYSTS), "POST": GET_ONLY_POST},
    "surveys:question-you-said": {"GET": only(SURVEY_BUILDERS), "POST": only(SURVEY_BUILDERS)},
    "surveys:free-text": {"GET": only(SURVEY_ANALYSTS), "POST": GET_ONLY_POST},
    "surveys:suggest": {"GET": POST_ONLY, "POST": only(SURVEY_ANALYSTS)},
    "surveys:tag": {"GET": only(SURVEY_ANALYSTS), "POST": only(SURVEY_ANALYSTS)},
    "surveys:themes": {"GET": only(SURVEY_ANALYSTS), "POST": GET_ONLY_POST},
    "surveys:theme": {"GET": only(SURVEY_ANALYSTS), "POST": GET_ONLY_POST},
    "surveys:theme-review": {"GET": only(SURVEY_ANALYSTS), "POST": only(SURVEY_ANALYSTS)},
    "surveys:theme-you-said": {"GET": only(COORDINATOR), "POST": only(COORDINATOR)},
    "surveys:insight": {"GET": only(INSIGHT), "POST": GET_ONLY_POST},
}

# Information rights: the family asks for a copy of what is held and downloads their own released copy;
# officers with the council's caseload produce, check and release it; the council's information
# governance role (the audit role there) reviews retention, legal holds and disposal.
REQUESTER = ["parent_carer"]  # tests/records/builders.py: the parent asked, and it was released
RECORDS_READERS = REQUESTER + ["caseload_officer"]
GOVERNANCE = ["audit_officer"]
RECORDS_MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "records:child": {"GET": only(FAMILY + ["caseload_officer"]), "POST": GET_ONLY_POST},
    "records:request": {"GET": only(FAMILY), "POST": only(FAMILY)},
    "records:detail": {"GET": only(RECORDS_READERS), "POST": GET_ONLY_POST},
    "records:produce": {"GET": only(["caseload_officer"]), "POST": only(["caseload_officer"])},
    "records:review-item": {"GET": only(["caseload_officer"]), "POST": only(["caseload_officer"])},
    "records:release": {"GET": only(["caseload_officer"]), "POST": only(["caseload_officer"])},
    "records:download-json": {"GET": only(RECORDS_READERS), "POST": GET_ONLY_POST},
    "records:download-pdf": {"GET": only(RECORDS_READERS), "POST": GET_ONLY_POST},
    "records:disposal-queue": {"GET": only(GOVERNANCE), "POST": GET_ONLY_POST},
    "records:retention-rule": {"GET": only(GOVERNANCE), "POST": only(GOVERNANCE)},
    "records:find-record": {"GET": only(GOVERNANCE), "POST": only(GOVERNANCE)},
    "records:legal-hold": {"GET": only(GOVERNANCE), "POST": only(GOVERNANCE)},
    "records:dispose": {"GET": only(GOVERNANCE), "POST": only(GOVERNANCE)},
}

MATRIX: dict[str, dict[str, dict[str, str]]] = {
    "web:home": {"GET": SIGNED_IN_ONLY, "POST": NO_METHOD},
    "web:health": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:healthz": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:readyz": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:accessibility": {"GET": PUBLIC, "POST": NO_METHOD},
    "web:privacy": {"GET": PUBLIC, "POST": NO_METHOD},
    "accounts:sign-in": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts:sign-out": {"GET": NO_METHOD, "POST": PUBLIC},
    "accounts:signed-out": {"GET": PUBLIC, "POST": NO_METHOD},
    "accounts:two-step": {"GET": SIGNED_IN_ONLY, "POST": GET_ONLY_POST},
    "accounts:two-step-set-up": {"GET": SIGNED_IN_ONLY, "POST": SIGNED_IN_ONLY},
    "accounts:two-step-verify": {"GET": SIGNED_IN_ONLY, "POST": SIGNED_IN_ONLY},
    "accounts:two-step-recovery-codes": {"GET": GET_ONLY_POST, "POST": SIGNED_IN_ONLY},
    "accounts:two-step-turn-off": {"GET": GET_ONLY_POST, "POST": SIGNED_IN_ONLY},
    # Passkeys: each person's own only (the matrix world gives the parent carer one); the endpoints the
    # passkey script calls answer POST only, and "complete" without a "begin" first is a bad request.
    "accounts:passkey-add": {"GET": SIGNED_IN_ONLY, "POST": GET_ONLY_POST},
    "accounts:passkey-name": {"GET": only(["parent_carer"]), "POST": only(["parent_carer"])},
    "accounts:passkey-remove": {"GET": only(["parent_carer"]), "POST": only(["parent_carer"])},
    "accounts:passkey-add-begin": {"GET": GET_ONLY_POST, "POST": SIGNED_IN_ONLY},
    "accounts:passkey-add-complete": {"GET": GET_ONLY_POST, "POST": NO_BEGIN},
    "accounts:passkey-verify-begin": {"GET": GET_ONLY_POST, "POST": SIGNED_IN_ONLY},
    "accounts:passkey-verify-complete": {"GET": GET_ONLY_POST, "POST": NO_BEGIN},
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
    "audit:search": {"GET": only(["audit_officer"]), "POST": only(["audit_officer"])},
    # The statutory clock: the whole team sees it, officers record steps; caseload and figures for officers.
    "statutory:timeline": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "statutory:record": {"GET": only(OFFICERS), "POST": GET_ONLY_POST},
    "statutory:record-step": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "statutory:caseload": {
        "GET": only(["case_officer", "other_case_officer", "caseload_officer", "other_council_officer"]),
        "POST": GET_ONLY_POST,
    },
    "statutory:council-overview": {"GET": only(["caseload_officer", "other_council_officer"]), "POST": GET_ONLY_POST},
    "statutory:advice": {"GET": SIGNED_IN_ONLY, "POST": GET_ONLY_POST},
    "statutory:reminders": {"GET": SIGNED_IN_ONLY, "POST": SIGNED_IN_ONLY},
    # The plan: everyone on the team reads and contributes; the council runs it.
    "plans:plan": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:council-quality": {"GET": only(["caseload_officer", "other_council_officer"]), "POST": GET_ONLY_POST},
    "plans:profile": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:start": {"GET": GET_ONLY_POST, "POST": only(OFFICERS)},
    "plans:section": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:add-item": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:edit-item": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:remove-item": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:comment-section": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:comment-item": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:agreement": {"GET": only(CHILD_VIEWERS), "POST": only(CHILD_VIEWERS)},
    "plans:comments": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:decide": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:open-consultation": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:finalise": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:amend": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:budget": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:import": {"GET": only(OFFICERS), "POST": only(OFFICERS)},
    "plans:versions": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:whole": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:pdf": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:export": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:download-advice": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:view-image": {"GET": only(CHILD_VIEWERS), "POST": GET_ONLY_POST},
    "plans:quality": {"GET": only(CHILD_VIEWERS), "POST": only(OFFICERS)},
    "plans:check-provision": {"GET": GET_ONLY_POST, "POST": only(CHILD_VIEWERS)},
    # The forum (see tests/forum/builders.py for who is what). "You said, we did" is public; a workstream
    # is seen only by its members and the forum coordinator; observers read; outsiders get "not found".
    **FORUM_MATRIX,
    **PROGRESS_MATRIX,
    **SURVEYS_MATRIX,
    **RECORDS_MATRIX,
}


def expected(route: str, method: str, actor: str) -> str:
    cells = MATRIX[route][method]
    return cells.get(actor, cells.get("*", NOT_FOUND))
