from django.conf import settings
from django.urls import include, path

from coproduce.web import views as web_views

urlpatterns = [
    path("", include("coproduce.web.urls")),
    path("", include("coproduce.accounts.urls")),
    path("", include("coproduce.teams.urls")),
    path("", include("coproduce.statutory.urls")),
    path("", include("coproduce.plans.urls")),
    path("", include("coproduce.forum.urls")),
    path("", include("coproduce.progress.urls")),
    path("", include("coproduce.surveys.urls")),
    path("", include("coproduce.records.urls")),
    path("audit/", include("coproduce.audit.urls")),
]

if settings.DEMO_MODE:
    urlpatterns.append(path("demo/", include("coproduce.demo.urls")))

handler404 = web_views.not_found
handler500 = web_views.server_error
