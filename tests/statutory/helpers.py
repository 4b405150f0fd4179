"""Recording steps in tests, the way an officer does: through the actions."""

from __future__ import annotations

from coproduce.audit.context import Actor
from coproduce.teams.policy import access_for


def step(child, officer, action, **params):
    """Run ``action`` on ``child`` as ``officer`` and return what it returns."""
    result = action(Actor(user=officer, request_id="test"), access=access_for(officer, child), **params).execute()
    child.refresh_from_db()
    return result
