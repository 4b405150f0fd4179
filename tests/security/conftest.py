"""The world the access matrix and the form sweep try every route against."""

from __future__ import annotations

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """Every app's matrix builders, built once for a module (seconds, where building it for each route took
    minutes) and rolled back after it; each request in the module runs in a savepoint rolled back to it."""
    from tests.security.test_access_matrix import build_matrix_world

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_world()
        transaction.set_rollback(True)
