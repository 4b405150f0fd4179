from django.urls import path

from coproduce.plans import views

app_name = "plans"

child = "children/<uuid:child_id>/plan/"

urlpatterns = [
    path("council/plan-quality/", views.council_quality, name="council-quality"),
    path("children/<uuid:child_id>/about-me/", views.profile, name="profile"),
    path(child, views.plan, name="plan"),
    path(f"{child}start/", views.start, name="start"),
    path(f"{child}sections/<str:code>/", views.section_page, name="section"),
    path(f"{child}sections/<str:code>/add/<str:kind>/", views.add_item, name="add-item"),
    path(f"{child}sections/<str:code>/comment/", views.comment, name="comment-section"),
    path(f"{child}sections/<str:code>/agreement/", views.agreement, name="agreement"),
    path(f"{child}items/<str:kind>/<uuid:item_id>/edit/", views.edit_item, name="edit-item"),
    path(f"{child}items/<str:kind>/<uuid:item_id>/remove/", views.remove_item, name="remove-item"),
    path(f"{child}items/<str:kind>/<uuid:item_id>/comment/", views.comment, {"code": ""}, name="comment-item"),
    path(f"{child}comments/", views.comments, name="comments"),
    path(f"{child}comments/<uuid:comment_id>/decide/", views.decide, name="decide"),
    path(f"{child}send-for-comment/", views.open_consultation, name="open-consultation"),
    path(f"{child}finalise/", views.finalise, name="finalise"),
    path(f"{child}amend/", views.amend, name="amend"),
    path(f"{child}personal-budget/", views.budget, name="budget"),
    path(f"{child}versions/", views.versions, name="versions"),
    path(f"{child}check/", views.quality_check, name="quality"),
    path(f"{child}check-provision/", views.check_provision, name="check-provision"),
    path(f"{child}whole/", views.printable, name="whole"),
    path(f"{child}plan.pdf", views.pdf, name="pdf"),
    path(f"{child}plan.json", views.export_json, name="export"),
    path(f"{child}import/", views.import_plan, name="import"),
    path(f"{child}advice/<uuid:item_id>/download/", views.download_advice, name="download-advice"),
    path(f"{child}views/<uuid:item_id>/image/", views.view_image, name="view-image"),
]
