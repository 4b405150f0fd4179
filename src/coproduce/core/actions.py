"""Writes happen in actions.

An action is built with who is acting and what they asked for. ``check()`` asks the access policy and
the domain rules and raises ``ActionRefused`` with a clear reason; ``execute()`` runs the check and the
change, with its audit event, in one transaction.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import transaction
from django.http import Http404

from coproduce.audit.context import Actor


class ActionRefused(Exception):
    """The action is not allowed now; the message says why, in words for the person acting."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def put_on(self, form) -> None:
        """Shows the refusal on a form: against the field it names if the form has one, else the whole form."""
        form.add_error(self.field if self.field in form.fields else None, self.message)


class Conflict(ActionRefused):
    """Someone else changed the same thing since it was loaded."""


class Action:
    #: Refusal for a person who may not see the object at all: answered as "not found".
    hidden: ClassVar[type[Exception]] = Http404

    def __init__(self, actor: Actor, **params: Any):
        self.actor = actor
        self.params = params

    @property
    def user(self):
        return self.actor.user

    def check(self) -> None:
        raise NotImplementedError

    def perform(self) -> Any:
        raise NotImplementedError

    def execute(self) -> Any:
        with transaction.atomic():
            self.check()
            return self.perform()
