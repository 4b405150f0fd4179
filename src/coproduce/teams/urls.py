from django.urls import path

from coproduce.teams import views

app_name = "teams"

urlpatterns = [
    path("children/add/", views.add_child, name="add-child"),
    path("children/<uuid:child_id>/", views.child_overview, name="child"),
    path("children/<uuid:child_id>/details/", views.edit_details, name="edit-details"),
    path("children/<uuid:child_id>/team/", views.team, name="team"),
    path("children/<uuid:child_id>/team/invite/", views.invite, name="invite"),
    path(
        "children/<uuid:child_id>/team/invitations/<uuid:invitation_id>/withdraw/",
        views.withdraw_invitation,
        name="withdraw-invitation",
    ),
    path(
        "children/<uuid:child_id>/team/members/<uuid:membership_id>/remove/",
        views.remove_member,
        name="remove-member",
    ),
    path("children/<uuid:child_id>/team/parents-access/", views.parents_access, name="parents-access"),
    path("children/<uuid:child_id>/history/", views.history, name="history"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
