from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, password_validation


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.user = authenticate(self.request, email=data["email"], password=data["password"])
        if self.user is None:
            # The same words whether or not an account exists.
            raise forms.ValidationError("The email address or password is not right. Check them and try again.")
        return data


class NewAccountForm(forms.Form):
    """Used when accepting an invitation without an account yet; the email comes from the invitation."""

    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="Use at least 12 characters. A few words you will remember, like 'blue kettle garden "
        "river', work well. You do not need numbers or symbols.",
        error_messages={"required": "Create a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self):
        from coproduce.accounts.models import User

        password = self.cleaned_data["password"]
        candidate = User(email=self.email, full_name=self.data.get("full_name", ""))
        try:
            password_validation.validate_password(password, candidate)
        except forms.ValidationError as error:
            raise forms.ValidationError([plain_password_message(e) for e in error.error_list]) from None
        return password


def plain_password_message(error: forms.ValidationError) -> str:
    messages = {
        "password_too_short": "Your password must be at least 12 characters long",
        "password_too_common": "This password is too easy to guess because many people use it. Choose another",
        "password_too_similar": "Your password is too like your name or email address. Choose another",
        "password_entirely_numeric": "Your password cannot be only numbers",
    }
    return messages.get(error.code, " ".join(error.messages))
