"""The plan leaves Coproduce intact: JSON export and import, the PDF, versions compared, advice files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.plans import actions, portable
from coproduce.plans.models import Advice, Plan
from coproduce.rules.plan_diff import compare
from tests import factories
from tests.plans.builders import PDF_BYTES, linked_plan

pytestmark = pytest.mark.django_db


def test_export_import_export_gives_the_same_file(world):
    made = linked_plan(world)
    first = portable.export_plan(made["plan"])
    assert portable.problems(first) == []
    # A family moves: the same child's record in another council.
    officer = factories.officer(world.other_council)
    moved = factories.child(
        world.other_council, dob=world.a.date_of_birth, given_name=world.a.given_name, family_name=world.a.family_name
    )
    from coproduce.audit.context import Actor
    from coproduce.teams.policy import access_for

    actions.ImportPlan(Actor(user=officer), access=access_for(officer, moved), data=first).execute()
    second = portable.export_plan(Plan.objects.get(child=moved))
    assert second == first


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.pop("needs"), "the file: 'needs' is a required property"),
        (lambda d: d["needs"][0].update(section="Z"), "needs[0].section: 'Z' is not one of"),
        (lambda d: d["outcomes"][0].update(needs=["N9"]), "outcomes[0].needs[0]: 'N9' is not one of the plan's needs"),
        (lambda d: d["child"].update(date_of_birth="2009-02-30"), "child.date_of_birth"),
        (lambda d: d.update(format_version=2), "format_version: 1 was expected"),
    ],
)
def test_a_bad_file_is_refused_with_every_problem_located_and_nothing_changed(client, world, change, problem):
    made = linked_plan(world)
    data = portable.export_plan(made["plan"])
    change(data)
    other = factories.child(world.council, dob=world.a.date_of_birth)
    client.force_login(world.people["caseload_officer"])
    upload = SimpleUploadedFile("plan.json", json.dumps(data).encode(), content_type="application/json")
    response = client.post(reverse("plans:import", args=[other.id]), {"plan_file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The plan was not imported" in page
    assert problem.replace("'", "&#x27;") in page
    assert not Plan.objects.filter(child=other).exists()


def test_a_file_for_another_child_is_refused(world):
    made = linked_plan(world)
    data = portable.export_plan(made["plan"])
    other = factories.child(world.council, dob=dt.date(2014, 4, 4))
    from coproduce.audit.context import Actor
    from coproduce.teams.policy import access_for

    officer = world.people["caseload_officer"]
    with pytest.raises(actions.ImportProblems) as refused:
        actions.ImportPlan(Actor(user=officer), access=access_for(officer, other), data=data).execute()
    assert "born on 2009-01-15, not this child" in refused.value.problems[0]


def test_versions_compare_as_readable_differences(client, world):
    made = linked_plan(world)
    changes = compare(made["plan"].versions.get(number=3).content, made["plan"].versions.get(number=4).content)
    added = [c.after for c in changes if c.kind == "added"]
    assert added == ["B: N1 Alex finds it hard to follow spoken instructions with more than two parts."]
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("plans:versions", args=[world.a.id]), {"from": 3, "to": 4, "layout": "side"})
    assert "Alex finds it hard to follow spoken instructions" in page.content.decode()
    assert "<ins>" in page.content.decode()


def test_the_pdf_has_every_section_and_the_childs_own_words(client, world):
    linked_plan(world)
    client.force_login(world.people["parent_carer"])
    response = client.get(reverse("plans:pdf", args=[world.a.id]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert shutil.which("pdftotext"), "poppler-utils is needed to read the PDF's text (apt-get install poppler-utils)"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    from coproduce.rules.plan_sections import SECTIONS

    for section in SECTIONS:
        assert f"Section {section.code}:" in text, section.code
    assert "In Alex's own words" in text
    assert "I want to work on the railway." in text
    assert "Version 6" in text
    info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
    assert "Tagged:          yes" in info


def test_advice_documents_are_checked_by_content_and_downloaded_as_attachments(client, world):
    made = linked_plan(world)
    client.force_login(world.people["educational_psychologist"])
    url = reverse("plans:add-item", args=[world.a.id, "K", "advice"])
    base = {
        "title": "EP advice",
        "given_by": "Dr Willis, EP",
        "received_on_0": "3",
        "received_on_1": "11",
        "received_on_2": "2026",
        "summary": "",
    }
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    page = client.post(url, base | {"document": fake}).content.decode()
    assert "The file must be a PDF, a Word document (DOCX), or a JPG or PNG image" in page
    assert not Advice.objects.exists()
    real = SimpleUploadedFile("report.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(url, base | {"document": real}).status_code == 302
    advice = Advice.objects.get()
    assert advice.document.name.endswith(".pdf") and "report" not in advice.document.name
    download = client.get(reverse("plans:download-advice", args=[world.a.id, advice.id]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES
    client.force_login(world.people["other_educational_psychologist"])
    assert client.get(reverse("plans:download-advice", args=[world.a.id, advice.id])).status_code == 404
    assert made["plan"].advice.count() == 1


def test_the_export_is_valid_against_the_published_schema(client, world):
    linked_plan(world)
    client.force_login(world.people["parent_carer"])
    response = client.get(reverse("plans:export", args=[world.a.id]))
    data = json.loads(response.content)
    assert portable.problems(data) == []
    from pathlib import Path

    published = Path(__file__).resolve().parents[2] / "docs" / "plan-format" / "plan-v1.schema.json"
    assert json.loads(published.read_text()) == portable.schema()


def test_a_childs_drawing_is_checked_stored_privately_and_shown_only_to_the_team(client, world):
    from tests.plans.builders import PNG_BYTES

    linked_plan(world)
    client.force_login(world.people["senco"])
    url = reverse("plans:add-item", args=[world.a.id, "A", "view"])
    base = {"whose": "child", "topic": "important", "method": "drawing", "helped_by": "Ms Shah", "text": ""}
    fake = SimpleUploadedFile("drawing.png", b"<svg onload=alert(1)></svg>", content_type="image/png")
    refused = client.post(url, base | {"image": fake}).content.decode()
    assert "must be a PDF, a Word document (DOCX), or a JPG or PNG image" in refused or "JPG or PNG" in refused
    real = SimpleUploadedFile("my drawing.png", PNG_BYTES, content_type="image/png")
    assert client.post(url, base | {"image": real}).status_code == 302
    from coproduce.plans.models import View

    drawing = View.objects.exclude(image="").get()
    assert "my drawing" not in drawing.image.name
    page = client.get(reverse("plans:section", args=[world.a.id, "A"])).content.decode()
    image_url = reverse("plans:view-image", args=[world.a.id, drawing.id])
    assert image_url in page and "A drawing or photo from Alex" in page
    shown = client.get(image_url)
    assert shown["Content-Type"] == "image/png" and shown["X-Content-Type-Options"] == "nosniff"
    client.force_login(world.people["other_senco"])
    assert client.get(image_url).status_code == 404
