from django.urls import path

from coproduce.forum import views

app_name = "forum"

WS = "forum/workstreams/<uuid:workstream_id>/"
MEETING = WS + "meetings/<uuid:meeting_id>/"

urlpatterns = [
    # Public: no sign-in.
    path("you-said-we-did/", views.you_said_public, name="you-said-public"),
    path("you-said-we-did/<uuid:you_said_id>/", views.you_said_public_item, name="you-said-public-item"),
    # The forum.
    path("forum/", views.home, name="home"),
    path("forum/join/", views.join, name="join"),
    path("forum/leave/", views.leave, name="leave"),
    path("forum/workstreams/new/", views.workstream_new, name="workstream-new"),
    path(WS, views.workstream, name="workstream"),
    path(WS + "edit/", views.workstream_edit, name="workstream-edit"),
    path(WS + "volunteer/", views.volunteer, name="volunteer"),
    path(WS + "members/add/", views.member_add, name="member-add"),
    path(WS + "members/<uuid:member_id>/end/", views.member_end, name="member-end"),
    path(WS + "meetings/new/", views.meeting_new, name="meeting-new"),
    path(MEETING, views.meeting, name="meeting"),
    path(MEETING + "papers/add/", views.paper_add, name="paper-add"),
    path(MEETING + "papers/<uuid:paper_id>/", views.paper, name="paper"),
    path(MEETING + "attendance/", views.attendance, name="attendance"),
    path(MEETING + "minutes/", views.minutes_edit, name="minutes-edit"),
    path(MEETING + "minutes/circulate/", views.minutes_circulate, name="minutes-circulate"),
    path(MEETING + "minutes/comment/", views.minutes_comment, name="minutes-comment"),
    path(MEETING + "minutes/agree/", views.minutes_agree, name="minutes-agree"),
    path(WS + "decisions/", views.decisions, name="decisions"),
    path(WS + "decisions/new/", views.decision_new, name="decision-new"),
    path(WS + "decisions/<uuid:decision_id>/", views.decision, name="decision"),
    path(WS + "decisions/<uuid:decision_id>/rate/", views.decision_rate, name="decision-rate"),
    path(WS + "actions/", views.work_actions, name="actions"),
    path(WS + "actions/new/", views.action_new, name="action-new"),
    path(WS + "actions/<uuid:action_id>/", views.action_update, name="action-update"),
    path(WS + "health/", views.health, name="health"),
    # "You said, we did", for the people who write and update it.
    path("forum/you-said/", views.you_said_list, name="you-said-list"),
    path("forum/you-said/new/", views.you_said_new, name="you-said-new"),
    path("forum/you-said/<uuid:you_said_id>/", views.you_said_item, name="you-said-item"),
    path("forum/you-said/<uuid:you_said_id>/edit/", views.you_said_edit, name="you-said-edit"),
    path("forum/you-said/<uuid:you_said_id>/update/", views.you_said_update, name="you-said-update"),
    path("forum/you-said/<uuid:you_said_id>/contributors/", views.you_said_contributors, name="you-said-contributors"),
    # Time, expenses and participation payments.
    path("forum/claims/", views.claims, name="claims"),
    path("forum/claims/new/", views.claim_new, name="claim-new"),
    path("forum/claims/totals/", views.claim_totals, name="claim-totals"),
    path("forum/claims/<uuid:claim_id>/", views.claim_decide, name="claim-decide"),
]
