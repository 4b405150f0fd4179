"""Results people can trust: suppressed everywhere, refused filters explained, exports audited, fixed queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coproduce.audit.models import AuditEvent
from coproduce.surveys.models import Group, SurveyAnalyst
from tests.surveys import builders
from tests.surveys.helpers import url, words

pytestmark = pytest.mark.django_db


def _answers(survey, q, *, parents_yes=9, parents_no=3, practitioners=3):
    for n in range(parents_yes):
        builders.respond(
            survey, {q["had_review"]: "Yes", q["rating"]: "Good" if n % 2 else "OK", q["else"]: f"Long wait {n}"}
        )
    for _ in range(parents_no):
        builders.respond(survey, {q["had_review"]: "No"})
    for _ in range(practitioners):
        builders.respond(survey, {q["had_review"]: "Yes", q["rating"]: "Good"}, group=Group.PRACTITIONER)


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_small_numbers_are_shown_as_fewer_than_5_and_cannot_be_worked_out(client, area, branching):
    survey, q = branching
    _answers(survey, q)  # yes 12, no 3
    client.force_login(area.coordinator)
    page = words(client.get(url("results", survey)))
    assert "Responses: 15" in page
    assert "No fewer than 5" in page
    assert "Yes not shown, to protect a small number" in page, "12 would give away the 3 by subtraction"
    assert "fewer than 5 (" not in page
    assert AuditEvent.objects.filter(actor=area.coordinator, what="Looked at the results of a survey").exists()


def test_a_filter_that_would_reveal_a_small_group_is_refused_with_the_reason(client, area, branching):
    survey, q = branching
    _answers(survey, q)
    client.force_login(area.coordinator)
    page = words(client.get(url("results", survey) + "?group=practitioner"))
    assert "These results are not shown" in page
    assert "Fewer than 5 people match a practitioner" in page
    assert "Responses:" not in page
    page = words(client.get(url("results", survey) + "?group=parent"))
    assert "would leave out fewer than 5 people" in page, "all minus parents would show the 3 practitioners"
    page = words(client.get(url("results", survey) + "?breakdown=group"))
    assert "cannot be broken down by who answered" in page and '"A practitioner"' in page

    # With enough practitioners the same filter and breakdown are allowed.
    _answers(survey, q, parents_yes=0, parents_no=0, practitioners=5)
    page = words(client.get(url("results", survey) + "?group=practitioner"))
    assert "These results are not shown" not in page and "Responses: 8" in page
    page = words(client.get(url("results", survey) + "?breakdown=group"))
    assert "These results are not shown" not in page and "Responses in each group" in page


def test_the_csv_export_applies_the_same_suppression_and_is_audited(client, area, branching):
    survey, q = branching
    _answers(survey, q)
    client.force_login(area.coordinator)
    rows = _rows(client.get(url("results-download", survey)))
    no = next(row for row in rows if row[2] == "No")
    assert no[3] == "fewer than 5" and no[4] == "not shown, to protect a small number"
    assert all(cell not in ("3", "12") for row in rows for cell in row[3:]), rows
    assert AuditEvent.objects.filter(actor=area.coordinator, what="Downloaded the results of a survey").exists()
    refused = _rows(client.get(url("results-download", survey) + "?group=practitioner"))
    assert "Fewer than 5 people match" in refused[1][1]
    assert len(refused) == 2


def test_raw_answers_are_for_analysts_only_and_every_download_is_recorded(client, world, area, branching):
    survey, q = branching
    _answers(survey, q)
    officer = world.people["caseload_officer"]
    builders.on_board(area, officer)
    client.force_login(officer)
    assert client.get(url("results", survey)).status_code == 200, "a council officer on the board sees results"
    assert client.get(url("answers-download", survey)).status_code == 404
    assert client.get(url("free-text", survey, question_id=q["else"].pk)).status_code == 404

    SurveyAnalyst.objects.create(local_area=world.council, user=officer, appointed_by=area.coordinator)
    response = client.get(url("answers-download", survey))
    rows = _rows(response)
    assert rows[0][:3] == ["Response", "Month", "Who answered"]
    assert len(rows) == 16
    assert any("Long wait 3" in row for row in rows), "free text in full, for analysts"
    assert AuditEvent.objects.filter(
        actor=officer, action="downloaded", what="Downloaded the raw answers to a survey"
    ).exists()


def _queries(client, survey) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("results", survey)).status_code == 200
    return len(queries)


def test_the_results_page_reads_a_fixed_number_of_queries(client, area, branching):
    survey, q = branching
    client.force_login(area.coordinator)
    _answers(survey, q, parents_yes=6, parents_no=4, practitioners=0)
    ten = _queries(client, survey)
    _answers(survey, q, parents_yes=25, parents_no=15, practitioners=0)
    fifty = _queries(client, survey)
    assert ten == fifty
    assert "Responses: 50" in words(client.get(url("results", survey)))
