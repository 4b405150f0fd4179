from django.urls import path

from coproduce.demo import views

app_name = "demo"

urlpatterns = [
    path("", views.personas, name="personas"),
    path("sign-in/<slug:slug>/", views.sign_in_as, name="sign-in-as"),
]
