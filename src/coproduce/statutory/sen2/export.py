"""The SEN2 person-level return: XML validated against ``sen2.xsd``, and one CSV file per module.

The return for collection year Y counts activity in calendar year Y - 1 and the plans active on the
January reference date of year Y, as the DfE's person-level collection does. It is written one child
at a time (children are read in chunks, and each person's XML is written and forgotten), then the
file is validated while it is read back, so a council's 25,000 plans fit in modest memory.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from lxml import etree

from coproduce.audit.context import Actor
from coproduce.audit.models import AuditAction
from coproduce.audit.record import record
from coproduce.rules.clock import get_regime
from coproduce.statutory.clock import REGIME
from coproduce.statutory.models import (
    AssessDecision,
    DisagreementAbout,
    Outcome,
    ReviewDecision,
    SenNeed,
)
from coproduce.statutory.selectors import load_processes, row_exception
from coproduce.teams.models import Child
from coproduce.teams.policy import children_visible_to, councils_for

SCHEMA_PATH = Path(__file__).with_name("sen2.xsd")

# Module -> its items, in the order of the specification (the XSD's sequences).
MODULES: dict[str, list[str]] = {
    "sen2": [
        "collection",
        "year",
        "referencedate",
        "sourcelevel",
        "lea",
        "softwarecode",
        "release",
        "serialno",
        "datetime",
    ],
    "person": [
        "surname",
        "forename",
        "personbirthdate",
        "sex",
        "ethnicity",
        "postcode",
        "upn",
        "uniquelearnernumber",
        "upnunknown",
    ],
    "requests": [
        "receiveddate",
        "rya",
        "requestoutcomedate",
        "requestoutcome",
        "requestmediation",
        "requesttribunal",
        "exported",
    ],
    "assessment": [
        "assessmentoutcome",
        "assessmentoutcomedate",
        "assessmentmediation",
        "assessmenttribunal",
        "othermediation",
        "othertribunal",
        "week20",
    ],
    "namedplan": ["startdate", "planres", "planwbp", "pb", "oa", "dp", "ceasedate", "ceasereason"],
    "plandetail": [
        "urn",
        "ukprn",
        "sensetting",
        "sensettingother",
        "placementrank",
        "senunitindicator",
        "resourcedprovisionindicator",
    ],
    "activeplans": ["transferla", "reviewmeeting", "reviewoutcome", "lastreview"],
    "placementdetail": [
        "urn",
        "ukprn",
        "sensetting",
        "sensettingother",
        "placementrank",
        "entrydate",
        "leavingdate",
        "senunitindicator",
        "resourcedprovisionindicator",
    ],
    "senneed": ["sentype", "sentyperank"],
}
PARENT = {
    "person": "sen2",
    "requests": "person",
    "assessment": "requests",
    "namedplan": "assessment",
    "plandetail": "namedplan",
    "activeplans": "requests",
    "placementdetail": "activeplans",
    "senneed": "activeplans",
}
REVIEW_CODES = {ReviewDecision.MAINTAIN: "M", ReviewDecision.AMEND: "A", ReviewDecision.CEASE: "C"}
OTHER_DISAGREEMENTS = (DisagreementAbout.PLAN_CONTENT, DisagreementAbout.REVIEW, DisagreementAbout.CEASE)


class Sen2Error(Exception):
    """The return could not be made; the message says why, for the person running the command."""


@dataclasses.dataclass
class Node:
    module: str
    items: dict
    children: list[Node] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Sen2Result:
    xml_path: Path
    csv_paths: dict[str, Path]
    counts: dict[str, int]


def third_thursday_of_january(year: int) -> dt.date:
    """The default reference (census) date. Check it against the year's specification."""
    first = dt.date(year, 1, 1)
    first_thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + dt.timedelta(weeks=2)


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _known(day: dt.date | None, ref: dt.date) -> dt.date | None:
    """A date counts only if it had happened by the reference date."""
    return day if day is not None and day <= ref else None


def person_node(child: Child, process, needs: list[SenNeed], start: dt.date, ref: dt.date) -> Node | None:
    """One child's record for the return, or None if nothing of theirs falls in it."""
    regime = get_regime(REGIME)
    requests = []
    identifier = getattr(child.setting, "sen2_identifier", None) if child.setting_id else None
    for a in process.assessments:
        if a.received_on > ref:
            continue
        decided = _known(a.decided_on, ref)
        outcome_on = _known(a.outcome_on, ref)
        ceased = _known(a.ceased_on, ref)
        issued = a.outcome == Outcome.ISSUE and outcome_on is not None
        active = issued and ceased is None
        still_open = decided is None or (a.decision == AssessDecision.YES and outcome_on is None)
        if not (active or still_open or any(_in(d, start, ref) for d in (a.received_on, decided, outcome_on, ceased))):
            continue
        disagreements = [d for d in process.disagreements if d.assessment_id == a.pk]

        def said(abouts, field, disagreements=disagreements):
            return _flag(any(d.about in abouts and _known(getattr(d, field), ref) for d in disagreements))

        if decided is None:
            request_outcome = "A"
        elif decided < start:
            request_outcome = "H"
        else:
            request_outcome = "Y" if a.decision == AssessDecision.YES else "N"
        node = Node(
            "requests",
            {
                "receiveddate": a.received_on,
                "requestoutcomedate": decided,
                "requestoutcome": request_outcome,
                "requestmediation": said((DisagreementAbout.NOT_ASSESS,), "mediation_requested_on"),
                "requesttribunal": said((DisagreementAbout.NOT_ASSESS,), "appeal_lodged_on"),
            },
        )
        if decided is not None and a.decision == AssessDecision.YES:
            if outcome_on is None:
                assessment_outcome = "A"
            elif outcome_on < start:
                assessment_outcome = "H"
            else:
                assessment_outcome = "Y" if issued else "N"
            week20 = None
            if issued:
                exceptions = [row_exception(row) for row in process.exceptions.get(a.pk, [])]
                final = regime.apply_exceptions(regime.needs_assessment(a.received_on), exceptions)["final_plan"]
                week20 = _flag(final.excepted)
            assessment = Node(
                "assessment",
                {
                    "assessmentoutcome": assessment_outcome,
                    "assessmentoutcomedate": outcome_on,
                    "assessmentmediation": said((DisagreementAbout.NOT_ISSUE,), "mediation_requested_on"),
                    "assessmenttribunal": said((DisagreementAbout.NOT_ISSUE,), "appeal_lodged_on"),
                    "othermediation": said(OTHER_DISAGREEMENTS, "mediation_requested_on"),
                    "othertribunal": said(OTHER_DISAGREEMENTS, "appeal_lodged_on"),
                    "week20": week20,
                },
            )
            if issued:
                plan = Node(
                    "namedplan",
                    {
                        "startdate": outcome_on,
                        "ceasedate": ceased,
                        "ceasereason": a.cease_reason if ceased else None,
                    },
                )
                if identifier and (identifier.urn or identifier.ukprn):
                    plan.children.append(
                        Node(
                            "plandetail",
                            {"urn": identifier.urn or None, "ukprn": identifier.ukprn or None, "placementrank": 1},
                        )
                    )
                assessment.children.append(plan)
            node.children.append(assessment)
        if active:
            node.children.append(_active_plans(process, a, identifier, needs, start, ref))
        requests.append(node)
    if not requests:
        return None
    return Node(
        "person",
        {
            "surname": child.family_name,
            "forename": child.given_name,
            "personbirthdate": child.date_of_birth,
            "upn": child.upn or None,
        },
        requests,
    )


def _active_plans(process, plan, identifier, needs, start, ref) -> Node:
    reviews = [r for r in process.reviews if r.last_plan_on >= plan.outcome_on]
    decided = [r for r in reviews if _known(r.decided_on, ref) and r.decided_on >= start]
    latest = max(decided, key=lambda r: r.decided_on, default=None)
    if latest is None:
        met = [r for r in reviews if _in(r.meeting_on, start, ref)]
        meeting = max((r.meeting_on for r in met), default=None)
        items = {"reviewmeeting": meeting}
    else:
        items = {
            "reviewmeeting": _known(latest.meeting_on, ref),
            "reviewoutcome": REVIEW_CODES[ReviewDecision(latest.decision)],
            "lastreview": latest.decided_on,
        }
    node = Node("activeplans", items)
    if identifier and (identifier.urn or identifier.ukprn):
        node.children.append(
            Node(
                "placementdetail",
                {"urn": identifier.urn or None, "ukprn": identifier.ukprn or None, "placementrank": 1},
            )
        )
    for need in needs:
        node.children.append(Node("senneed", {"sentype": need.sen_type, "sentyperank": need.rank}))
    return node


def _release() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coproduce")
    except PackageNotFoundError:
        return "development"


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _element(node: Node) -> etree._Element:
    element = etree.Element(node.module)
    for item in MODULES[node.module]:
        value = node.items.get(item)
        if value is not None and value != "":
            etree.SubElement(element, item).text = _text(value)
    for child in node.children:
        element.append(_element(child))
    return element


class _CsvModules:
    """One CSV per module, rows linked by table ids as in the COLLECT exports."""

    def __init__(self, directory: Path, stem: str):
        self.paths = {module: directory / f"{stem}-{module}.csv" for module in MODULES}
        self.files = {module: path.open("w", newline="", encoding="utf-8") for module, path in self.paths.items()}
        self.writers = {}
        self.counts: dict[str, int] = defaultdict(int)
        for module, handle in self.files.items():
            writer = csv.writer(handle)
            parent = PARENT.get(module)
            writer.writerow([f"{module}tableid", *([f"{parent}tableid"] if parent else []), *MODULES[module]])
            self.writers[module] = writer

    def write(self, node: Node, parent_id: int | None) -> None:
        self.counts[node.module] += 1
        table_id = self.counts[node.module]
        values = ["" if node.items.get(item) is None else _text(node.items[item]) for item in MODULES[node.module]]
        self.writers[node.module].writerow([table_id, *([parent_id] if node.module in PARENT else []), *values])
        for child in node.children:
            self.write(child, table_id)

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


def return_children(user, council=None):
    """The children in the return: those of the person's council(s), through the access policy."""
    councils = councils_for(user)
    if council is not None:
        councils = councils.filter(pk=council.pk)
    return (
        children_visible_to(user)
        .filter(responsible_council__in=councils, needs_assessments__isnull=False)
        .distinct()
        .select_related("setting__sen2_identifier")
        .order_by("id")
    )


def write_sen2(
    user,
    year: int,
    output: Path,
    *,
    lea: str = "000",
    council=None,
    reference_date: dt.date | None = None,
    serial: int = 1,
    chunk_size: int = 500,
) -> Sen2Result:
    """Write the return for collection ``year`` into the folder ``output`` and validate it."""
    if not councils_for(user).exists():
        raise Sen2Error("Only a council officer with access to the caseload can make the SEN2 return")
    ref = reference_date or third_thursday_of_january(year)
    start = dt.date(year - 1, 1, 1)
    output.mkdir(parents=True, exist_ok=True)
    stem = f"sen2-{year}"
    xml_path = output / f"{stem}.xml"
    with transaction.atomic():
        record(Actor(user=user, request_id="sen2"), AuditAction.DOWNLOADED, what=f"Made the SEN2 return for {year}")

    header = Node(
        "sen2",
        {
            "collection": "SEN2",
            "year": year,
            "referencedate": ref,
            "sourcelevel": "L",
            "lea": lea,
            "softwarecode": "Coproduce",
            "release": _release(),
            "serialno": serial,
            "datetime": timezone.localtime().replace(tzinfo=None),
        },
    )
    csvs = _CsvModules(output, stem)
    try:
        csvs.write(header, None)
        with etree.xmlfile(str(xml_path), encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("sen2"):
                header_element = _element(header)
                header_element.tag = "header"
                xf.write(header_element)
                batch: list[Child] = []
                for child in return_children(user, council).iterator(chunk_size=chunk_size):
                    batch.append(child)
                    if len(batch) >= chunk_size:
                        _write_batch(batch, start, ref, xf, csvs)
                        batch = []
                if batch:
                    _write_batch(batch, start, ref, xf, csvs)
    finally:
        csvs.close()
    validate(xml_path)
    counts = {module: csvs.counts.get(module, 0) for module in MODULES if module != "sen2"}
    return Sen2Result(xml_path, csvs.paths, counts)


def _write_batch(children: list[Child], start, ref, xf, csvs: _CsvModules) -> None:
    processes = load_processes(children, today=ref)
    needs: dict = defaultdict(list)
    for need in SenNeed.objects.filter(child__in=[c.pk for c in children]).order_by("rank"):
        needs[need.child_id].append(need)
    for child in children:
        node = person_node(child, processes[child.pk], needs[child.pk], start, ref)
        if node is None:
            continue
        xf.write(_element(node))
        csvs.write(node, 1)


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate(xml_path: Path) -> None:
    """Validate the file against the XSD while streaming through it; Sen2Error says what is wrong."""
    try:
        for _, element in etree.iterparse(str(xml_path), events=("end",), tag="person", schema=schema()):
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise Sen2Error(f"The return does not match the SEN2 schema: {error}") from None
