from django.urls import path

from coproduce.accounts import mfa_views, passkey_views, views

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
    # Passkeys: the pages, then the endpoints django-otp-webauthn's script calls (all under /account/two-step/,
    # which the second-step middleware lets through before the second step is passed).
    path("account/two-step/passkeys/add/", passkey_views.add, name="passkey-add"),
    path("account/two-step/passkeys/<int:passkey_id>/name/", passkey_views.name, name="passkey-name"),
    path("account/two-step/passkeys/<int:passkey_id>/remove/", passkey_views.remove, name="passkey-remove"),
    path("account/two-step/passkeys/add/begin/", passkey_views.AddBegin.as_view(), name="passkey-add-begin"),
    path("account/two-step/passkeys/add/complete/", passkey_views.AddComplete.as_view(), name="passkey-add-complete"),
    path("account/two-step/passkeys/verify/begin/", passkey_views.VerifyBegin.as_view(), name="passkey-verify-begin"),
    path(
        "account/two-step/passkeys/verify/complete/",
        passkey_views.VerifyComplete.as_view(),
        name="passkey-verify-complete",
    ),
]
