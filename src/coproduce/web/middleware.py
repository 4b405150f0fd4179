from __future__ import annotations

import uuid


class RequestIdMiddleware:
    """Gives each request an id, carried into audit events and the response, to tie the two together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id
        return response


class NoStoreMiddleware:
    """Pages may hold personal data, so no browser or proxy keeps a copy. Static files (served before
    this middleware by whitenoise) are cached as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        return response
