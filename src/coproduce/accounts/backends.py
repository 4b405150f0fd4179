from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Email and password sign-in; email addresses match whatever their case."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        return super().authenticate(
            request, username=(email or username or "").strip().lower(), password=password, **kwargs
        )
