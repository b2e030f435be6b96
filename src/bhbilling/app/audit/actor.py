"""Who is acting right now, for the audit trail: a request's user, or a named job.

- A ContextVar holds the current actor, so it follows the request through threads and
  async tasks without being passed to every function.
- ``AuditActorMiddleware`` points it at the request, and the user is read when an event is
  recorded (not when the request starts), so the event written by a login view already
  names the user who just signed in.
- CLI commands and jobs name themselves with ``acting_as("job:remittance-import")`` or run
  as a given user with ``acting_as(user)``. Nothing set means "system".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

__all__ = ["AuditActorMiddleware", "acting_as", "current_actor", "resolve_actor"]

SYSTEM = "system"
ANONYMOUS = "anonymous"
_MAX_LABEL = 150


class _RequestActor:
    """Late-bound actor: the request's user at the moment an event is written."""

    __slots__ = ("request",)

    def __init__(self, request: HttpRequest) -> None:
        self.request = request


_current: ContextVar[Any] = ContextVar("bhbilling_audit_actor", default=None)


def current_actor() -> Any:
    """The user object or label set for this context, or None."""
    value = _current.get()
    if isinstance(value, _RequestActor):
        user = getattr(value.request, "user", None)
        return user if user is not None and user.is_authenticated else ANONYMOUS
    return value


@contextmanager
def acting_as(user_or_label: Any) -> Iterator[None]:
    """Attribute every event recorded inside the block to a user or a job label."""
    if user_or_label is None or (isinstance(user_or_label, str) and not user_or_label.strip()):
        raise ValueError("acting_as needs a user or a non-blank label")
    token = _current.set(user_or_label)
    try:
        yield
    finally:
        _current.reset(token)


def resolve_actor(explicit: Any = None) -> tuple[int | None, str]:
    """(actor_id, actor label) from an explicit actor, else the context, else "system"."""
    actor = explicit if explicit is not None else current_actor()
    if actor is None:
        return None, SYSTEM
    if isinstance(actor, str):
        return None, actor[:_MAX_LABEL]
    if not getattr(actor, "is_authenticated", False):
        return None, ANONYMOUS
    return actor.pk, str(actor.get_username())[:_MAX_LABEL]


class AuditActorMiddleware:
    """Makes the signed-in user the actor of every audit event written during the request.

    Place it after ``AuthenticationMiddleware`` (it reads ``request.user`` lazily).
    """

    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(_RequestActor(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
