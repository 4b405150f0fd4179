"""The progress pages: what each person sees, the forms, the review pack, the council's page, query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.plans.models import Plan
from coproduce.progress import actions
from coproduce.progress.models import DeliveryRecord, RaterKind, Rating, ReviewReport, ReviewView, Shortfall
from coproduce.rules import delivery as rule
from coproduce.statutory.models import AnnualReview, NeedsAssessment
from tests.plans.builders import as_
from tests.progress.builders import add_target, final_plan, png_bytes, rate, record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name: str, world, **kwargs) -> str:
    return reverse(f"progress:{name}", kwargs={"child_id": world.a.id, **kwargs})


def signed_in(client, world, who: str):
    client.force_login(world.people[who])
    return client


def text_of(response) -> str:
    """The page's words, without tags, on one line, for checking what a person reads."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").replace("&quot;", '"')


def window_tuesdays() -> list[dt.date]:
    window = rule.shortfall_window(TODAY)
    return [week.start + dt.timedelta(days=1) for week in rule.weeks(window.start, window.end)]


@pytest.fixture
def rated(world):
    """Three targets; the parent rates them (+1, +1, 0), the school (-1, -1, -1): the worked values."""
    made = final_plan(world)
    targets = [add_target(world, made["outcome"], text=f"Target number {n}") for n in range(1, 4)]
    rate(world, "parent_carer", [(targets[0], 1, "Much better at home"), (targets[1], 1), (targets[2], 0)], today=TODAY)
    rate(world, "senco", [(t, -1) for t in targets], today=TODAY)
    return made | {"targets": targets}


# --- the progress page ----------------------------------------------------------------------------------


def test_each_persons_ratings_are_shown_side_by_side_and_differences_are_said(client, world, rated):
    page = text_of(signed_in(client, world, "young_person").get(url("progress", world)))
    parent, senco = world.people["parent_carer"].full_name, world.people["senco"].full_name
    assert f"{parent} Parent or carer" in page and f"{senco} SENCo or teacher" in page
    assert "+1 Somewhat more than expected T-score 60.00" in page, "each target's own T-score too"
    assert "\u22121 Somewhat less than expected" in page
    assert "Much better at home" in page
    assert page.count("Ratings differ by 2 levels") == 2
    assert "Ratings differ by 1 level" in page


def test_t_scores_are_each_raters_own_and_show_their_working(client, world, rated):
    page = text_of(signed_in(client, world, "parent_carer").get(url("progress", world)))
    assert "59.13" in page and "36.31" in page
    assert "50 + 10 × (1×(+1) + 1×(+1) + 1×0) ÷ √(0.7 × 3 + 0.3 × 3²) = 50 + 10 × 2 ÷ 2.19 = 59.13" in page
    assert "50 + 10 × (1×(\u22121) + 1×(\u22121) + 1×(\u22121)) ÷ √(0.7 × 3 + 0.3 × 3²)" in page
    assert "47.72" not in page, "never averaged across raters"


def test_importance_weights_go_into_the_t_score(client, world):
    made = final_plan(world)
    targets = [add_target(world, made["outcome"], weight=w) for w in (3, 2, 1)]
    rate(world, "senco", list(zip(targets, (2, 1, -1), strict=True)), today=TODAY)
    page = text_of(signed_in(client, world, "senco").get(url("progress", world)))
    assert "50 + 10 × (3×(+2) + 2×(+1) + 1×(\u22121)) ÷ √(0.7 × 14 + 0.3 × 6²) = 50 + 10 × 7 ÷ 4.54 = 65.42" in page


def test_the_charts_are_accessible_pictures_of_the_tables(client, world, rated):
    html = signed_in(client, world, "parent_carer").get(url("progress", world)).content.decode()
    charts = re.findall(r'<svg class="app-chart app-chart--lines"[^>]*>.*?</svg>', html, flags=re.S)
    assert len(charts) == 4  # the whole plan and each of the three targets
    for chart in charts:
        assert 'role="img"' in chart and "<title id=" in chart and "<desc id=" in chart
    assert f"{world.people['parent_carer'].full_name} 59.13" in charts[0]


def test_an_empty_progress_page_says_what_to_do(client, world):
    page = text_of(signed_in(client, world, "parent_carer").get(url("progress", world)))
    assert "There is no plan yet" in page
    final_plan(world)
    page = text_of(client.get(url("progress", world)))
    assert "No targets for this outcome yet" in page and "Add a target to outcome 1" in page


def test_the_progress_pages_have_no_inline_styles_or_scripts(client, world, rated):
    signed_in(client, world, "case_officer")
    for name, kwargs in [
        ("progress", {}),
        ("target", {"target_id": rated["targets"][0].id}),
        ("rate", {}),
        ("faces", {}),
        ("delivery", {}),
        ("record-delivery", {"provision_id": rated["provision"].id}),
        ("review", {}),
        ("review-report", {}),
    ]:
        html = client.get(url(name, world, **kwargs)).content.decode()
        assert " style=" not in html, name
        assert not re.search(r"<script(?![^>]*nonce=)", html), name


def test_the_progress_page_takes_the_same_number_of_queries_for_2_or_10_targets(client, world):
    made = final_plan(world)
    signed_in(client, world, "parent_carer")

    def count(how_many: int) -> int:
        for n in range(how_many - made["outcome"].targets.count()):
            target = add_target(world, made["outcome"], text=f"T{n}")
            rate(world, "parent_carer", [(target, 1)], today=TODAY)
            rate(world, "senco", [(target, 0)], today=TODAY)
            record(world, made["provision"], on=TODAY - dt.timedelta(days=n + 1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("progress", world)).status_code == 200
        return len(queries)

    assert count(2) == count(10)


# --- rating ---------------------------------------------------------------------------------------------


def test_the_rating_form_says_which_target_needs_a_level_and_keeps_what_was_chosen(client, world, rated):
    first, second, _ = rated["targets"]
    response = signed_in(client, world, "health").post(
        url("rate", world), {f"level_{first.id}": "2", f"comment_{first.id}": "Great"}
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Select how target 1.2 went: Target number 2" in page
    html = response.content.decode()
    assert re.search(rf'name="level_{first.id}" type="radio" value="2" checked', html)
    assert ">Great</textarea>" in html
    assert f'href="#id_level_{second.id}_0"' in html


def test_rating_through_the_page_twice_records_once(client, world, rated):
    signed_in(client, world, "health")
    form = client.get(url("rate", world)).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', form).group(1)
    data = {"submission_key": key} | {f"level_{t.id}": "0" for t in rated["targets"]}
    before = Rating.objects.count()
    for _ in range(2):
        assert client.post(url("rate", world), data).status_code == 302
    assert Rating.objects.count() == before + 3


def test_the_young_person_rates_with_five_faces_one_target_a_page(client, world, rated):
    signed_in(client, world, "young_person")
    response = client.get(url("faces", world))
    html = response.content.decode()
    page = text_of(response)
    assert "How is it going?" in page and "Target 1 of 3" in page and "Target number 1" in page
    for face in ("face-very-happy", "face-a-bit-happy", "face-ok", "face-a-bit-sad", "face-very-sad"):
        assert re.search(rf'<img src="[^"]*{face}\.svg" alt=""', html), face
    for words in ("Much more than we hoped", "Just what we hoped", "Much less than we hoped"):
        assert words in page
    assert "Alex follows a three-part instruction in class, without pictures." in page, "this target's own +2"
    assert 'type="radio"' in html and "<legend" in html
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    first = rated["targets"][0]
    response = client.post(url("faces", world), {"submission_key": key, "target": first.id, "level": "2"})
    assert response.status_code == 302
    mine = Rating.objects.get(rater_kind=RaterKind.CHILD)
    assert (mine.target, mine.level, mine.attributed_to, mine.helped_by) == (first, 2, "Alex", "")
    assert "Target 2 of 3" in text_of(client.get(url("faces", world)))


def test_the_faces_form_asks_for_a_face(client, world, rated):
    response = signed_in(client, world, "young_person").post(url("faces", world), {})
    assert "Choose a face" in text_of(response)


def test_someone_sitting_with_the_child_records_the_childs_own_choice(client, world, rated):
    signed_in(client, world, "parent_carer")
    page = text_of(client.get(url("faces", world)))
    assert "Let Alex choose" in page
    client.post(url("faces", world), {"target": rated["targets"][0].id, "level": "1"})
    mine = Rating.objects.get(rater_kind=RaterKind.CHILD)
    assert mine.helped_by.startswith(world.people["parent_carer"].full_name)


def test_adding_a_target_shows_specific_errors(client, world):
    made = final_plan(world)
    response = signed_in(client, world, "parent_carer").post(
        url("add-target", world, outcome_id=made["outcome"].id), {"text": "Read a page"}
    )
    page = text_of(response)
    assert "Describe what it looks like if the target is met as expected" in page
    assert "Say who wrote the levels together" in page
    assert ">Read a page</textarea>" in response.content.decode()


def test_adding_a_target_through_the_page(client, world):
    made = final_plan(world)
    data = {
        "text": "Read a page aloud",
        "weight": "2",
        "much_less": "a",
        "less": "b",
        "expected": "c",
        "more": "d",
        "much_more": "e",
        "written_with": "Alex and Mum",
    }
    response = signed_in(client, world, "parent_carer").post(
        url("add-target", world, outcome_id=made["outcome"].id), data
    )
    target = made["outcome"].targets.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#target-{target.id}")
    assert (target.weight, target.author, target.written_with) == (2, world.people["parent_carer"], "Alex and Mum")


# --- delivery -------------------------------------------------------------------------------------------


def test_the_family_sees_the_same_delivery_record_per_week_and_term(client, world):
    made = final_plan(world)
    provision = made["provision"]
    first, second, _, _ = window_tuesdays()
    record(world, provision, on=first, minutes=30)
    record(world, provision, on=second, delivered=False, reason="staff_away", note="The therapist was ill.")
    for who in ("senco", "parent_carer"):
        page = text_of(signed_in(client, world, who).get(url("delivery", world)))
        assert "30 minutes once a week (30 minutes in a full school week)" in page
        assert "Delivered: 30 minutes, by Jo Patel, teaching assistant" in page
        assert (
            "Missed : the person who delivers it was away" in page
            or "Missed: the person who delivers it was away" in page
        )
        assert "The therapist was ill." in page
        assert rule.week_of(first).label in page and rule.term_of(TODAY).label in page
        assert "Share delivered" in page
        assert f"{world.people['senco'].full_name} (SENCo or teacher)" in page


def test_a_family_member_cannot_record_delivery_and_is_told_nothing(client, world):
    made = final_plan(world)
    for who in ("parent_carer", "young_person"):
        signed_in(client, world, who)
        record_url = url("record-delivery", world, provision_id=made["provision"].id)
        assert client.get(record_url).status_code == 404
        data = {"delivered": "yes", "on_0": "1", "on_1": "9", "on_2": "2025", "minutes": "30", "delivered_by": "x"}
        assert client.post(record_url, data).status_code == 404
        assert "Record a session" not in text_of(client.get(url("delivery", world)))
    assert not DeliveryRecord.objects.exists()


def test_recording_a_session_through_the_page_with_specific_errors(client, world):
    made = final_plan(world)
    signed_in(client, world, "health")
    record_url = url("record-delivery", world, provision_id=made["provision"].id)
    page = text_of(client.post(record_url, {"delivered": "yes", "on_0": "", "on_1": "", "on_2": ""}))
    assert "Enter date of the session" in page
    assert "Enter how many minutes the session lasted" in page
    page = text_of(client.post(record_url, {"delivered": "no", "on_0": "1", "on_1": "9", "on_2": "2026"}))
    assert "Select why the session was missed" in page
    day = TODAY - dt.timedelta(days=1)
    data = {"delivered": "yes", "on_0": day.day, "on_1": day.month, "on_2": day.year, "minutes": "30"}
    data["delivered_by"] = "Hannah Lee, speech and language therapist"
    response = client.post(record_url, data)
    assert response.status_code == 302
    entry = DeliveryRecord.objects.get()
    assert (entry.on, entry.minutes, entry.recorded_by) == (day, 30, world.people["health"])


def test_a_shortfall_is_shown_to_the_family_and_the_officer_and_on_the_council_page(client, world):
    made = final_plan(world)
    record(world, made["provision"], on=window_tuesdays()[0])
    for who in ("parent_carer", "case_officer"):
        page = text_of(signed_in(client, world, who).get(url("progress", world)))
        assert "Less support was delivered than the plan promises." in page
        assert "30 of 120 minutes (25%)" in page
        assert "The case officer has been told." in page
    page = text_of(signed_in(client, world, "caseload_officer").get(reverse("progress:council-delivery")))
    assert "Alex Able" in page and "25%" in page and "(30 of 120 minutes)" in page
    assert "fewer than 5" in page, "small numbers suppressed in the figure"
    page = text_of(signed_in(client, world, "other_council_officer").get(reverse("progress:council-delivery")))
    assert "Alex Able" not in page


def test_the_council_changes_its_threshold_with_specific_errors(client, world):
    signed_in(client, world, "caseload_officer")
    page = text_of(client.post(reverse("progress:council-delivery"), {"council": world.council.pk, "percent": "0"}))
    assert "The percentage must be 1 or more" in page
    response = client.post(reverse("progress:council-delivery"), {"council": world.council.pk, "percent": "70"})
    assert response.status_code == 302
    assert world.council.delivery_settings.shortfall_percent == 70


# --- the annual review ----------------------------------------------------------------------------------


@pytest.fixture
def review(world, rated):
    NeedsAssessment.objects.create(
        child=world.a,
        requested_by="parent",
        received_on=dt.date(2024, 9, 2),
        decision="yes",
        decided_on=dt.date(2024, 10, 7),
        outcome="issue",
        outcome_on=dt.date(2025, 1, 13),
    )
    last = TODAY - dt.timedelta(days=330)
    return AnnualReview.objects.create(child=world.a, last_plan_on=last, meeting_on=TODAY + dt.timedelta(days=14))


def test_the_review_pack_starts_with_the_childs_views_then_all_the_evidence(client, world, rated, review):
    record(world, rated["provision"], on=window_tuesdays()[-1], minutes=30)
    signed_in(client, world, "senco")
    view_data = {
        "whose": "child",
        "topic": "important",
        "method": "dictated",
        "helped_by": "Ms Shah wrote down what Alex said",
        "text": "I like the quiet room best.",
        "pictures": ["quiet"],
    }
    assert client.post(url("review-views", world), view_data).status_code == 302
    say = {"working": "Alex follows the visual timetable.", "not_working": "", "change": "More SALT."}
    assert client.post(url("review-say", world), say).status_code == 302
    page = text_of(client.get(url("review", world)))
    order = [
        "1. Alex's views",
        "I like the quiet room best.",
        "2. Progress",
        "59.13",
        "Much better at home",
        "3. Support delivered against promised",
        "30 minutes once a week",
        "4. What each person on the team says",
        "Alex follows the visual timetable.",
        "5. The plan check",
        "6. Dates for this review",
        "Send the report of the review meeting to everyone invited",
        "The review report",
    ]
    positions = [page.index(words) for words in order]
    assert positions == sorted(positions)
    assert f"The review meeting is on {review.meeting_on:%A} {review.meeting_on.day}" in page
    findings = page[page.index("5. The plan check") : page.index("6. Dates for this review")]
    assert "No findings" in findings or "Section" in findings


def test_the_review_pack_asks_for_the_childs_views_when_nobody_has(client, world, rated, review):
    page = text_of(signed_in(client, world, "parent_carer").get(url("review", world)))
    assert "Alex has not been asked for their views for this review yet" in page
    assert "Views in the plan, from when it was written" in page and "I like trains." in page


def test_the_officer_writes_the_review_report_and_everyone_reads_it(client, world, rated, review):
    AnnualReview.objects.filter(pk=review.pk).update(meeting_on=TODAY - dt.timedelta(days=1))
    signed_in(client, world, "case_officer")
    day = TODAY - dt.timedelta(days=1)
    data = {
        "meeting_on_0": day.day,
        "meeting_on_1": day.month,
        "meeting_on_2": day.year,
        "attended": "Alex, their parent, the SENCo and the case officer",
        "outcome": "Alex is making progress with instructions.",
        "recommendation": "amend",
        "recommendations": "Add a target about reading.",
        "record_sent": "on",
    }
    response = client.post(url("review-report", world), data)
    assert response.status_code == 302
    report = ReviewReport.objects.get()
    assert report.annual_review_id == review.pk
    review.refresh_from_db()
    assert review.report_on == TODAY
    page = text_of(signed_in(client, world, "parent_carer").get(url("review", world)))
    assert "Alex is making progress with instructions." in page and "Change the plan" in page


def test_the_review_report_form_needs_its_answers(client, world, rated):
    page = text_of(signed_in(client, world, "case_officer").post(url("review-report", world), {}))
    for message in (
        "Enter date of the review meeting",
        "Enter who took part in the meeting",
        "Enter what the meeting found",
        "Select what the meeting recommends",
        "Enter the meeting's recommendations",
    ):
        assert message in page


def test_saying_nothing_for_the_review_is_refused(client, world, rated):
    page = text_of(signed_in(client, world, "senco").post(url("review-say", world), {}))
    assert "Write at least one answer" in page


def test_the_teams_choice_of_check_ins(client, world, rated):
    signed_in(client, world, "parent_carer")
    assert client.post(url("schedule", world), {"every": "half_term"}).status_code == 302
    page = text_of(client.get(url("progress", world)))
    assert "The team checks in each half term" in page
    assert rule.half_term_of(TODAY).label in page


def test_the_target_page(client, world, rated):
    target = rated["targets"][0]
    page = text_of(signed_in(client, world, "social_worker").get(url("target", world, target_id=target.id)))
    assert "Target 1.1" in page and "Target number 1" in page and "Much better at home" in page
    other_plan = Plan.objects.create(child=world.b)
    assert other_plan.child_id != world.a.id
    assert client.get(url("target", world, target_id=world.a.id)).status_code == 404


def test_actions_are_offered_only_to_those_who_may_take_them(client, world, rated):
    page = text_of(signed_in(client, world, "caseload_officer").get(url("progress", world)))
    assert "Rate this term's progress" not in page, "not on the team"
    page = text_of(signed_in(client, world, "parent_carer").get(url("delivery", world)))
    assert "Record a session" not in page
    page = text_of(signed_in(client, world, "senco").get(url("delivery", world)))
    assert "Record a session" in page
    page = text_of(signed_in(client, world, "senco").get(url("review", world)))
    assert "Write the review report" not in page
    assert "Write the review report" in text_of(signed_in(client, world, "case_officer").get(url("review", world)))


def test_nothing_is_flagged_for_provision_the_plan_does_not_quantify(client, world):
    made = final_plan(world)
    type(made["provision"]).objects.filter(pk=made["provision"].pk).update(frequency="regularly")
    made["provision"].refresh_from_db()
    actor, access = as_(world, "senco")
    actions.RecordDelivery(
        actor, access=access, provision=made["provision"], delivered=True, on=TODAY, minutes=30, delivered_by="x"
    ).execute()
    assert not Shortfall.objects.exists()
    page = text_of(signed_in(client, world, "parent_carer").get(url("delivery", world)))
    assert 'The plan says "regularly"' in page


def test_sending_the_same_session_twice_through_the_page_records_it_once(client, world):
    made = final_plan(world)
    signed_in(client, world, "senco")
    record_url = url("record-delivery", world, provision_id=made["provision"].id)
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(record_url).content.decode()).group(1)
    day = TODAY - dt.timedelta(days=1)
    data = {"submission_key": key, "delivered": "yes", "on_0": day.day, "on_1": day.month, "on_2": day.year}
    data |= {"minutes": "30", "delivered_by": "Jo Patel, teaching assistant"}
    for _ in range(2):
        assert client.post(record_url, data).status_code == 302
    assert DeliveryRecord.objects.count() == 1


def test_the_young_persons_own_progress_page(client, world, rated):
    page = text_of(signed_in(client, world, "young_person").get(url("progress", world)))
    assert "My progress" in page and "Rate my targets" in page
    assert "Your targets are small steps towards the outcomes in your plan." in page


def test_a_drawing_given_for_the_review_is_shown_to_the_team_and_to_nobody_else(client, world, rated):
    signed_in(client, world, "parent_carer")
    upload = SimpleUploadedFile("my drawing.png", png_bytes(), content_type="image/png")
    data = {"whose": "child", "topic": "important", "method": "drawing", "helped_by": "", "text": "", "image": upload}
    assert client.post(url("review-views", world), data).status_code == 302
    view = ReviewView.objects.get()
    assert view.image_type == "image/png" and "my drawing" not in view.image.name, "stored under a random name"
    html = client.get(url("review", world)).content.decode()
    image_url = url("review-view-image", world, view_id=view.id)
    assert f'src="{image_url}" alt="A drawing or photo from Alex"' in html
    response = signed_in(client, world, "health").get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert signed_in(client, world, "other_health").get(image_url).status_code == 404


def test_a_file_that_is_not_a_picture_is_refused_as_a_drawing(client, world, rated):
    signed_in(client, world, "parent_carer")
    upload = SimpleUploadedFile("drawing.png", b"%PDF-1.4 not a picture", content_type="image/png")
    data = {"whose": "child", "topic": "important", "method": "drawing", "helped_by": "", "text": "", "image": upload}
    response = client.post(url("review-views", world), data)
    assert response.status_code == 200 and "There is a problem" in text_of(response)
    assert not ReviewView.objects.exists()
