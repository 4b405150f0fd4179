from django.urls import path

from coproduce.progress import views

app_name = "progress"

child = "children/<uuid:child_id>/progress/"

urlpatterns = [
    path("council/delivery/", views.council_delivery, name="council-delivery"),
    path(child, views.progress, name="progress"),
    path(f"{child}check-ins/", views.schedule, name="schedule"),
    path(f"{child}outcomes/<uuid:outcome_id>/targets/add/", views.add_target, name="add-target"),
    path(f"{child}targets/<uuid:target_id>/", views.target, name="target"),
    path(f"{child}targets/<uuid:target_id>/change/", views.edit_target, name="edit-target"),
    path(f"{child}targets/<uuid:target_id>/remove/", views.remove_target, name="remove-target"),
    path(f"{child}rate/", views.rate, name="rate"),
    path(f"{child}rate/faces/", views.faces, name="faces"),
    path(f"{child}delivery/", views.delivery_page, name="delivery"),
    path(f"{child}delivery/<uuid:provision_id>/record/", views.record_delivery, name="record-delivery"),
    path(f"{child}review/", views.review, name="review"),
    path(f"{child}review/views/", views.review_views, name="review-views"),
    path(f"{child}review/views/<uuid:view_id>/image/", views.review_view_image, name="review-view-image"),
    path(f"{child}review/say/", views.review_say, name="review-say"),
    path(f"{child}review/report/", views.review_report, name="review-report"),
]
