"""Writing a plan together: attribution, the golden thread, consultation, decisions, finalising,
versions, clashes and double submissions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.core.actions import ActionRefused, Conflict
from coproduce.plans import actions
from coproduce.plans.models import Comment, Need, Plan, PlanStage, PlanVersion
from coproduce.plans.rules import comment_window_closes
from tests.plans.builders import add, as_, linked_plan, start_plan

pytestmark = pytest.mark.django_db


def test_every_contribution_is_attributed_to_its_author_and_role(world):
    made = linked_plan(world)
    assert made["view"].attributed_to == world.a.known_as
    assert made["view"].author_role == "Child or young person"
    assert made["need"].attributed_to == world.people["senco"].full_name
    assert made["need"].author_role == "SENCo or teacher"


def test_a_helper_types_the_childs_words_and_they_stay_the_childs(world):
    start_plan(world)
    view = add(
        world,
        "senco",
        "view",
        "A",
        whose="child",
        topic="important",
        text="i like the quiet room",
        method="dictated",
        helped_by="Ms Shah wrote down what Alex said",
        pictures=[],
    )
    assert view.attributed_to == world.a.known_as
    assert view.author == world.people["senco"]
    assert view.text == "i like the quiet room", "kept exactly as said"


def test_the_golden_thread_runs_both_ways(world):
    made = linked_plan(world)
    need = made["need"]
    assert list(need.outcomes.all()) == [made["outcome"]]
    assert list(need.provision.all()) == [made["provision"]]
    assert list(made["provision"].outcomes.all()) == [made["outcome"]]
    assert list(made["outcome"].aspirations.all()) == [made["aspiration"]]


def test_every_change_makes_a_version(world):
    made = linked_plan(world)
    numbers = list(PlanVersion.objects.filter(plan=made["plan"]).order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    latest = PlanVersion.objects.get(plan=made["plan"], number=6)
    assert latest.content["provision"][0]["outcomes"] == ["O1"]
    assert latest.created_by == world.people["health"]


def test_double_submitting_a_form_adds_one_item(world):
    import uuid

    start_plan(world)
    actor, access = as_(world, "senco")
    plan = Plan.objects.get(child=world.a)
    key = uuid.uuid4()
    from coproduce.plans.kinds import KINDS

    for _ in range(2):
        actions.AddItem(
            actor,
            access=access,
            plan=plan,
            kind=KINDS["need"],
            section="B",
            submission_key=key,
            data={"broad_area": "semh", "text": "Finds change hard."},
        ).execute()
    assert Need.objects.filter(plan=plan).count() == 1


def test_two_people_editing_one_item_the_second_is_refused_and_nothing_lost(world):
    made = linked_plan(world)
    need = made["need"]
    senco, senco_access = as_(world, "senco")
    ep, ep_access = as_(world, "educational_psychologist")
    actions.EditItem(
        senco,
        access=senco_access,
        plan=made["plan"],
        item=need,
        version=1,
        data={"broad_area": "communication_interaction", "text": "The SENCo's words."},
    ).execute()
    with pytest.raises(Conflict):
        actions.EditItem(
            ep,
            access=ep_access,
            plan=made["plan"],
            item=need,
            version=1,
            data={"broad_area": "communication_interaction", "text": "The EP's words."},
        ).execute()
    need.refresh_from_db()
    assert need.text == "The SENCo's words."


def test_a_clash_in_the_browser_shows_both_texts(client, world):
    made = linked_plan(world)
    need = made["need"]
    url = reverse("plans:edit-item", args=[world.a.id, "need", need.id])
    client.force_login(world.people["senco"])
    client.post(url, {"broad_area": "communication_interaction", "text": "First words.", "version": 1})
    client.force_login(world.people["educational_psychologist"])
    page = client.post(url, {"broad_area": "communication_interaction", "text": "Second words.", "version": 1})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Someone else changed this while you were editing it" in body
    assert "First words." in body and "Second words." in body


def test_consultation_opens_a_fifteen_day_window_and_stops_direct_changes(world):
    made = linked_plan(world)
    actor, access = as_(world, "case_officer")
    served = dt.date(2026, 11, 2)
    actions.OpenConsultation(actor, access=access, plan=made["plan"], served_on=served).execute()
    assert comment_window_closes(served) == dt.date(2026, 11, 16)
    with pytest.raises(ActionRefused, match="Comment on it or suggest a change"):
        add(world, "senco", "need", "B", broad_area="semh", text="Late addition")


def test_only_the_case_officer_moves_the_stage(world):
    from django.http import Http404

    made = linked_plan(world)
    actor, access = as_(world, "parent_carer")
    with pytest.raises(Http404):
        actions.OpenConsultation(actor, access=access, plan=made["plan"]).execute()


def consult(world):
    made = linked_plan(world)
    actor, access = as_(world, "case_officer")
    actions.OpenConsultation(actor, access=access, plan=made["plan"]).execute()
    return made


def test_a_suggestion_is_a_tracked_change_and_acceptance_applies_it(world):
    made = consult(world)
    parent, parent_access = as_(world, "parent_carer")
    suggestion = actions.AddComment(
        parent,
        access=parent_access,
        plan=made["plan"],
        item=made["need"],
        text="Be specific about noise.",
        suggested_text="Alex finds noise hard.",
        section="B",
    ).execute()
    assert suggestion.kind == "suggestion"
    assert suggestion.original_text.startswith("Alex finds it hard to follow")
    assert suggestion.from_family
    officer, officer_access = as_(world, "case_officer")
    actions.DecideComment(
        officer,
        access=officer_access,
        plan=made["plan"],
        comment=suggestion,
        decision="accepted_with_changes",
        reason="",
        decided_text="Alex finds loud rooms hard.",
    ).execute()
    made["need"].refresh_from_db()
    assert made["need"].text == "Alex finds loud rooms hard."


def test_not_accepting_needs_a_reason_that_the_family_sees(client, world):
    made = consult(world)
    parent, parent_access = as_(world, "parent_carer")
    comment = actions.AddComment(
        parent,
        access=parent_access,
        plan=made["plan"],
        item=made["provision"],
        text="Can this be twice a week?",
        section="F",
    ).execute()
    officer, officer_access = as_(world, "case_officer")
    with pytest.raises(ActionRefused, match="reason"):
        actions.DecideComment(
            officer, access=officer_access, plan=made["plan"], comment=comment, decision="not_accepted", reason=" "
        ).execute()
    actions.DecideComment(
        officer,
        access=officer_access,
        plan=made["plan"],
        comment=comment,
        decision="not_accepted",
        reason="The therapist's advice is weekly.",
    ).execute()
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("plans:section", args=[world.a.id, "F"])).content.decode()
    assert "Not accepted" in page
    assert "The therapist&#x27;s advice is weekly." in page


def test_finalising_is_refused_while_a_family_comment_has_no_decision(world):
    made = consult(world)
    parent, parent_access = as_(world, "parent_carer")
    comment = actions.AddComment(
        parent, access=parent_access, plan=made["plan"], item=None, section="I", text="We would like Riverside Primary."
    ).execute()
    officer, officer_access = as_(world, "case_officer")
    with pytest.raises(ActionRefused, match="1 comment from the family has no decision"):
        actions.Finalise(
            officer,
            access=officer_access,
            plan=made["plan"],
            placement="Riverside Primary School",
            family_finished=True,
        ).execute()
    actions.DecideComment(
        officer, access=officer_access, plan=made["plan"], comment=comment, decision="accepted", reason=""
    ).execute()
    plan = actions.Finalise(
        officer, access=officer_access, plan=made["plan"], placement="Riverside Primary School", family_finished=True
    ).execute()
    assert plan.stage == PlanStage.FINAL
    assert plan.finalised_on == timezone.localdate()


def test_finalising_before_the_window_closes_needs_the_familys_word(world):
    made = consult(world)
    officer, officer_access = as_(world, "case_officer")
    with pytest.raises(ActionRefused, match="The family can comment until"):
        actions.Finalise(officer, access=officer_access, plan=made["plan"], placement="Riverside").execute()


def test_a_draft_cannot_name_a_school(world):
    made = linked_plan(world)
    officer, officer_access = as_(world, "case_officer")
    with pytest.raises(ActionRefused, match="must not name a school"):
        actions.SetSectionText(
            officer, access=officer_access, plan=made["plan"], field="placement", value="Riverside"
        ).execute()


def test_a_final_plan_is_never_edited_in_place(world):
    made = consult(world)
    officer, officer_access = as_(world, "case_officer")
    actions.Finalise(
        officer, access=officer_access, plan=made["plan"], placement="Riverside", family_finished=True
    ).execute()
    with pytest.raises(ActionRefused):
        add(world, "senco", "need", "B", broad_area="semh", text="New")
    final_version = made["plan"].versions.get(what="Issued the final plan")
    actions.StartAmendment(officer, access=officer_access, plan=made["plan"]).execute()
    add(world, "senco", "need", "B", broad_area="semh", text="New need after review")
    final_version.refresh_from_db()
    assert "New need after review" not in str(final_version.content)


def test_disagreement_stays_on_the_record(world):
    made = consult(world)
    parent, parent_access = as_(world, "parent_carer")
    with pytest.raises(ActionRefused, match="Say why"):
        actions.RecordAgreement(
            parent, access=parent_access, plan=made["plan"], section="F", position="disagree", reason=""
        ).execute()
    actions.RecordAgreement(
        parent,
        access=parent_access,
        plan=made["plan"],
        section="F",
        position="disagree",
        reason="Therapy should be twice a week",
    ).execute()
    from coproduce.plans.selectors import latest_agreements, section_statuses

    assert latest_agreements(made["plan"])["F"][world.people["parent_carer"].full_name][1] == "Disagree"
    status = {s.section.code: s.status[0] for s in section_statuses(made["plan"])}
    assert status["F"] == "Disagreement recorded"


def test_the_family_is_told_of_comments_they_can_make(client, world):
    consult(world)
    client.force_login(world.people["parent_carer"])
    page = client.get(reverse("plans:plan", args=[world.a.id])).content.decode()
    closes = comment_window_closes(timezone.localdate())
    assert f"{closes.day} {closes:%B %Y}" in page
    assert "The case officer will answer every comment" in page


def test_comment_and_decision_pages_work_without_javascript(client, world):
    made = consult(world)
    client.force_login(world.people["parent_carer"])
    url = reverse("plans:comment-item", args=[world.a.id, "need", made["need"].id])
    page = client.get(url).content.decode()
    assert "What the plan says now" in page
    empty = client.post(url, {"text": "", "suggested_text": made["need"].text})
    assert "Enter your comment" in empty.content.decode()
    done = client.post(url, {"text": "Add noise.", "suggested_text": "Alex finds noise hard."})
    assert done.status_code == 302
    comment = Comment.objects.get()
    client.force_login(world.people["case_officer"])
    decide = reverse("plans:decide", args=[world.a.id, comment.id])
    missing = client.post(decide, {"decision": "not_accepted", "reason": ""}).content.decode()
    assert "Give the reason it is not accepted" in missing
    assert client.post(decide, {"decision": "accepted", "decided_text": "Alex finds noise hard."}).status_code == 302
    made["need"].refresh_from_db()
    assert made["need"].text == "Alex finds noise hard."


def test_the_person_who_commented_is_told_of_the_decision_without_personal_data(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    made = consult(world)
    parent, parent_access = as_(world, "parent_carer")
    comment = actions.AddComment(
        parent,
        access=parent_access,
        plan=made["plan"],
        item=None,
        section="F",
        text="Therapy should be weekly for Alex.",
    ).execute()
    officer, officer_access = as_(world, "case_officer")
    with django_capture_on_commit_callbacks(execute=True):
        actions.DecideComment(
            officer, access=officer_access, plan=made["plan"], comment=comment, decision="accepted", reason=""
        ).execute()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [world.people["parent_carer"].email]
    assert "decision" in message.body
    assert "Alex" not in message.body and "weekly" not in message.body
    assert f"/children/{world.a.id}/plan/comments/" in message.body


def test_the_one_page_profile_is_made_from_section_a_with_the_childs_words_first(client, world):
    linked_plan(world)
    add(
        world,
        "parent_carer",
        "view",
        "A",
        whose="parent",
        topic="like_admire",
        text="Alex is kind.",
        method="own_words",
        helped_by="",
        pictures=[],
    )
    client.force_login(world.people["young_person"])
    page = client.get(reverse("plans:profile", args=[world.a.id])).content.decode()
    assert "About me" in page
    assert "What is important to me" in page and "I like trains." in page
    assert "In Alex's own words" in page
    assert "What people like and admire about me" in page and "Alex is kind." in page
    assert "What success would look like" in page and "I want to work on the railway." in page


def test_the_council_sees_how_many_plans_have_findings(client, world):
    made = linked_plan(world)
    add(
        world,
        "senco",
        "provision",
        "F",
        plan=made["plan"],
        what="Access to a quiet space as appropriate",
        deliverer_role="",
        deliverer_training="",
        frequency="",
        duration="",
        group_size="",
        where_when="",
        start_date=None,
        review_date=None,
        outcomes=[],
        needs=[],
    )
    client.force_login(world.people["caseload_officer"])
    page = client.get(reverse("plans:council-quality")).content.decode()
    assert "Plans with at least one finding" in page
    assert "fewer than 5" in page, "one plan is a small number"
    assert "access to" in page.lower()


def test_sending_the_draft_and_finalising_are_recorded_on_the_statutory_clock(world):
    import datetime as dt

    from coproduce.statutory import actions as clock
    from coproduce.statutory.models import NeedsAssessment

    officer, access = as_(world, "case_officer")
    received = timezone.localdate() - dt.timedelta(days=60)
    clock.RecordRequest(officer, access=access, received_on=received, requested_by="parent").execute()
    clock.RecordDecisionToAssess(
        officer, access=access, decision="yes", decided_on=received + dt.timedelta(days=30)
    ).execute()
    made = consult(world)
    assessment = NeedsAssessment.objects.get(child=world.a)
    made["plan"].refresh_from_db()
    assert assessment.draft_served_on == made["plan"].draft_served_on == timezone.localdate()
    actions.Finalise(officer, access=access, plan=made["plan"], placement="Riverside", family_finished=True).execute()
    assessment.refresh_from_db()
    assert assessment.outcome_on == timezone.localdate()
