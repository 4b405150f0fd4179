"""The SEN2 return: valid against the project's XSD, one CSV per module, streamed, and in agreement
with the council overview's figures for the same period."""

from __future__ import annotations

import csv
import datetime as dt
import tracemalloc

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from coproduce.audit.models import AuditEvent
from coproduce.statutory import actions
from coproduce.statutory.models import AnnualReview, NeedsAssessment
from coproduce.statutory.selectors import council_overview
from coproduce.statutory.sen2.export import MODULES, SCHEMA_PATH, Sen2Error, validate, write_sen2
from coproduce.teams.models import Child
from tests.statutory.helpers import step

pytestmark = pytest.mark.django_db

D = dt.date
WEEK = dt.timedelta(weeks=1)


def plan(child, officer, received, issued, *, exception=None, review=None):
    step(child, officer, actions.RecordRequest, requested_by="parent", received_on=received)
    step(child, officer, actions.RecordDecisionToAssess, decision="yes", decided_on=received + 5 * WEEK)
    if exception:
        step(
            child,
            officer,
            actions.RecordException,
            reason="family_away_4_weeks",
            starts_on=exception[0],
            ends_on=exception[1],
            note="",
            family_told=True,
        )
    step(child, officer, actions.RecordOutcome, outcome="issue", outcome_on=issued)
    if review:
        meeting, decided = review
        step(
            child,
            officer,
            actions.StartAnnualReview,
            last_plan_on=issued,
            meeting_on=meeting,
            invited_on=meeting - 3 * WEEK,
        )
        step(child, officer, actions.RecordReviewDecision, decision="maintain", decided_on=decided)
    step(child, officer, actions.RecordNeeds, primary="ASD", secondary="SLCN")


@pytest.fixture
def council_year(world):
    """Plans issued in 2025: 8 within 20 weeks, 1 late, 1 late under an exception; reviews in 2025."""
    from tests import factories

    officer = world.people["caseload_officer"]
    for n in range(8):
        received = D(2025, 1, 6) + dt.timedelta(days=3 * n)
        plan(factories.child(world.council), officer, received, received + 19 * WEEK)
    plan(factories.child(world.council), officer, D(2025, 2, 3), D(2025, 2, 3) + 23 * WEEK)
    plan(
        factories.child(world.council),
        officer,
        D(2025, 3, 3),
        D(2025, 3, 3) + 25 * WEEK,
        exception=(D(2025, 4, 1), D(2025, 5, 15)),
    )
    # plans from 2024 reviewed in 2025: six within 4 weeks of the meeting, one later
    for n in range(7):
        issued = D(2024, 3, 1) + dt.timedelta(days=n)
        meeting = D(2025, 2, 3) + dt.timedelta(days=n)
        late = n == 6
        plan(
            factories.child(world.council),
            officer,
            issued - 18 * WEEK,
            issued,
            review=(meeting, meeting + (6 if late else 3) * WEEK),
        )
    # another council's plan is not in this council's return
    plan(factories.child(world.other_council), world.people["other_council_officer"], D(2025, 1, 6), D(2025, 5, 1))
    return world


def test_the_return_validates_and_its_counts_agree_with_the_council_overview(council_year, tmp_path):
    officer = council_year.people["caseload_officer"]
    result = write_sen2(officer, 2026, tmp_path, lea="123")
    tree = etree.parse(str(result.xml_path))
    assert etree.XMLSchema(etree.parse(str(SCHEMA_PATH))).validate(tree)

    issued = [
        a
        for a in tree.iter("assessment")
        if a.findtext("assessmentoutcome") == "Y" and a.findtext("assessmentoutcomedate", "").startswith("2025")
    ]

    def weeks_taken(assessment) -> int:
        received = D.fromisoformat(assessment.getparent().findtext("receiveddate"))
        return (D.fromisoformat(assessment.findtext("assessmentoutcomedate")) - received).days

    within = [a for a in issued if weeks_taken(a) <= 140]
    plain = [a for a in issued if a.findtext("week20") == "0"]
    plain_within = [a for a in plain if weeks_taken(a) <= 140]
    reviews = [p for p in tree.iter("activeplans") if p.findtext("lastreview", "").startswith("2025")]
    reviews_within = [
        p
        for p in reviews
        if (D.fromisoformat(p.findtext("lastreview")) - D.fromisoformat(p.findtext("reviewmeeting"))).days <= 28
    ]

    overview = council_overview(officer, 2025)
    assert (len(issued), len(within)) == (overview.plans_including.figure.total, overview.plans_including.figure.met)
    assert (len(plain), len(plain_within)) == (
        overview.plans_excluding.figure.total,
        overview.plans_excluding.figure.met,
    )
    assert (len(reviews), len(reviews_within)) == (overview.reviews.figure.total, overview.reviews.figure.met)
    assert (len(issued), len(within), len(plain)) == (10, 8, 9)
    assert (len(reviews), len(reviews_within)) == (7, 6)
    assert len(tree.findall("person")) == 17  # nobody from the other council
    assert tree.findtext("header/lea") == "123" and tree.findtext("header/referencedate") == "2026-01-15"
    assert {need.findtext("sentype") for need in tree.iter("senneed")} == {"ASD", "SLCN"}


def test_the_overviews_rows_agree_with_each_childs_clock(council_year):
    """The overview reads only the dates and remembers deadlines; each row must match the child's own clock."""
    from coproduce.statutory.selectors import clock_of, plans_issued, review_decisions

    children = Child.objects.filter(responsible_council=council_year.council)
    issued = plans_issued(children, 2025)
    reviews = review_decisions(children, 2025)
    assert (len(issued), sum(row.within for row in issued), sum(row.excepted for row in issued)) == (10, 8, 1)
    assert (len(reviews), sum(row.within for row in reviews)) == (7, 6)
    for row in issued:
        assessment = NeedsAssessment.objects.get(pk=row.assessment_id)
        clock = clock_of(assessment.child, D(2026, 1, 15))
        final = next(o for o in clock.obligations if o.key == f"assessment:{assessment.pk}:final_plan")
        assert (row.within, row.excepted) == (final.met_on <= final.due, final.deadline.excepted)
    for row in reviews:
        review = AnnualReview.objects.get(pk=row.review_id)
        clock = clock_of(review.child, D(2026, 1, 15))
        decision = next(o for o in clock.obligations if o.key == f"review:{review.pk}:decision_due")
        assert row.within == (decision.met_on <= decision.due)


def test_each_module_has_a_csv_linked_by_table_ids(council_year, tmp_path):
    result = write_sen2(council_year.people["caseload_officer"], 2026, tmp_path)
    assert set(result.csv_paths) == set(MODULES)
    tree = etree.parse(str(result.xml_path))
    for module, path in result.csv_paths.items():
        with path.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        with path.open(newline="") as handle:
            assert next(csv.reader(handle))[0] == f"{module}tableid"
        if module != "sen2":
            assert len(rows) == len(list(tree.iter(module))), module
    with result.csv_paths["requests"].open(newline="") as handle:
        first = next(csv.DictReader(handle))
    assert {"requeststableid", "persontableid", "receiveddate", "requestoutcome"} <= set(first)


def test_a_return_that_breaks_the_schema_is_refused(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(
        "<sen2><header><collection>SEN2</collection><year>2026</year><referencedate>2026-01-15</referencedate>"
        "<sourcelevel>L</sourcelevel><lea>12</lea><softwarecode>x</softwarecode><release>1</release>"
        "<serialno>1</serialno><datetime>2026-01-20T10:00:00</datetime></header></sen2>"
    )
    with pytest.raises(Sen2Error, match="does not match the SEN2 schema"):
        validate(bad)


def test_the_schema_says_what_it_is_based_on():
    text = SCHEMA_PATH.read_text()
    assert "Based on the DfE's" in text and "NOT the DfE's own schema" in text
    etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))  # it is a valid schema


def test_chunking_changes_nothing_but_memory(council_year, tmp_path):
    officer = council_year.people["caseload_officer"]
    small = write_sen2(officer, 2026, tmp_path / "small", chunk_size=2)
    large = write_sen2(officer, 2026, tmp_path / "large", chunk_size=500)

    assert small.counts == large.counts
    small_people = [etree.tostring(p) for p in etree.parse(str(small.xml_path)).iter("person")]
    large_people = [etree.tostring(p) for p in etree.parse(str(large.xml_path)).iter("person")]
    assert small_people == large_people


def _bulk_plans(council, n: int) -> None:
    children = Child.objects.bulk_create(
        [
            Child(given_name=f"Bulk{i}", family_name="Child", date_of_birth=D(2015, 1, 1), responsible_council=council)
            for i in range(n)
        ]
    )
    NeedsAssessment.objects.bulk_create(
        [
            NeedsAssessment(
                child=c,
                requested_by="parent",
                received_on=D(2025, 1, 6),
                decision="yes",
                decided_on=D(2025, 2, 3),
                outcome="issue",
                outcome_on=D(2025, 5, 1),
            )
            for c in children
        ]
    )


def _peak(officer, path) -> int:
    tracemalloc.start()
    try:
        write_sen2(officer, 2026, path, chunk_size=200)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_plans(world, tmp_path):
    officer = world.people["caseload_officer"]
    _bulk_plans(world.council, 400)
    few = _peak(officer, tmp_path / "few")
    _bulk_plans(world.council, 2400)
    many = _peak(officer, tmp_path / "many")
    print(f"peak memory: {few:,} bytes for 400 plans, {many:,} for 2,800")
    assert many < few * 1.5, (few, many)


def test_the_command_writes_the_return_for_an_officer_only(council_year, tmp_path, capsys):
    officer = council_year.people["caseload_officer"]
    call_command("sen2", "--year", "2026", "--as", officer.email, "--output", str(tmp_path), "--lea", "123")
    out = capsys.readouterr().out
    assert "valid against the SEN2 schema" in out and "17 person" in out
    assert (tmp_path / "sen2-2026.xml").exists() and (tmp_path / "sen2-2026-senneed.csv").exists()
    assert AuditEvent.objects.filter(actor=officer, action="downloaded", what="Made the SEN2 return for 2026").exists()
    with pytest.raises(CommandError, match="caseload"):
        call_command(
            "sen2", "--year", "2026", "--as", council_year.people["parent_carer"].email, "--output", str(tmp_path)
        )
    with pytest.raises(CommandError, match="three-digit"):
        call_command("sen2", "--year", "2026", "--as", officer.email, "--lea", "12")
