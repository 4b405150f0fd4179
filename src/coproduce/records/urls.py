from django.urls import path

from coproduce.records import views

app_name = "records"

child = "children/<uuid:child_id>/information/"
one = f"{child}requests/<uuid:request_id>/"
governed = "council/retention/records/<uuid:child_id>/"

urlpatterns = [
    path(child, views.child_records, name="child"),
    path(f"{child}ask/", views.request_records, name="request"),
    path(one, views.detail, name="detail"),
    path(f"{one}produce/", views.produce, name="produce"),
    path(f"{one}check/<uuid:flag_id>/", views.review_item, name="review-item"),
    path(f"{one}release/", views.release, name="release"),
    path(f"{one}information-held.json", views.download_json, name="download-json"),
    path(f"{one}information-held.pdf", views.download_pdf, name="download-pdf"),
    path("council/retention/", views.disposal_queue, name="disposal-queue"),
    path("council/retention/rule/", views.retention_rule, name="retention-rule"),
    path("council/retention/find/", views.find_record, name="find-record"),
    path(f"{governed}legal-hold/", views.legal_hold, name="legal-hold"),
    path(f"{governed}dispose/", views.dispose, name="dispose"),
]
