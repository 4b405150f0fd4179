"""Who is acting, and from where: passed from the view to every selector and action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coproduce.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User | None
    ip_address: str | None = None
    request_id: str = ""

    @classmethod
    def from_request(cls, request) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(
            user=user,
            ip_address=request.META.get("REMOTE_ADDR") or None,
            request_id=getattr(request, "request_id", ""),
        )

    @classmethod
    def system(cls, reason: str = "system") -> Actor:
        return cls(user=None, request_id=reason)
