from django.urls import path

from coproduce.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.search, name="search"),
]
