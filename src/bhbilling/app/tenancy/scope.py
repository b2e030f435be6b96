"""The current tenant scope as a ContextVar (safe across threads and async tasks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from bhbilling.kernel.errors import TenantScopeError


@dataclass(frozen=True, slots=True)
class TenantScope:
    """Which billing company and practice a request or job acts for.

    ``practice_id`` is None only for company-level work (e.g. the practice list of a company
    admin); PHI queries then fail, because PHI always belongs to one practice.
    """

    company_id: int
    practice_id: int | None = None


_current: ContextVar[TenantScope | None] = ContextVar("bhbilling_tenant_scope", default=None)


def current_scope() -> TenantScope | None:
    return _current.get()


def require_scope(*, practice: bool = True) -> TenantScope:
    scope = _current.get()
    if scope is None:
        raise TenantScopeError("no tenant scope is set for this query")
    if practice and scope.practice_id is None:
        raise TenantScopeError("this query needs a practice to be selected")
    return scope


@contextmanager
def scoped_to(company_id: int, practice_id: int | None = None) -> Iterator[TenantScope]:
    """Run a block as one tenant (CLI commands, jobs, tests)."""
    scope = TenantScope(company_id=company_id, practice_id=practice_id)
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


def set_scope(scope: TenantScope | None):
    """Set the scope for the rest of this context; returns a token for ``reset_scope``."""
    return _current.set(scope)


def reset_scope(token) -> None:
    _current.reset(token)
