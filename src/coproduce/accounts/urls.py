from django.urls import path

from coproduce.accounts import mfa_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("account/two-step/", mfa_views.overview, name="two-step"),
    path("account/two-step/set-up/", mfa_views.set_up, name="two-step-set-up"),
    path("account/two-step/verify/", mfa_views.verify, name="two-step-verify"),
    path("account/two-step/recovery-codes/", mfa_views.recovery_codes, name="two-step-recovery-codes"),
    path("account/two-step/turn-off/", mfa_views.turn_off, name="two-step-turn-off"),
]
