from django.urls import path

from coproduce.statutory import views

app_name = "statutory"

urlpatterns = [
    path("children/<uuid:child_id>/timeline/", views.timeline, name="timeline"),
    path("children/<uuid:child_id>/timeline/record/", views.record, name="record"),
    path("children/<uuid:child_id>/timeline/record/<slug:step>/", views.record_step, name="record-step"),
    path("caseload/", views.caseload, name="caseload"),
    path("council/timeliness/", views.council_overview, name="council-overview"),
    path("advice/", views.advice, name="advice"),
    path("reminders/", views.reminder_settings, name="reminders"),
]
