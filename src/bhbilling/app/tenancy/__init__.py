"""Tenant scoping: every PHI row belongs to one practice of one billing company.

- The current scope (company, practice) lives in a ContextVar set by the web/API middleware
  after checking the user's membership, or explicitly by the CLI (``scoped_to``).
- Tenant models use ``TenantManager`` as their default manager: a query with no scope set
  raises ``TenantScopeError`` instead of silently returning every tenant's rows.
- System jobs that must cross tenants (audit verification, migrations, demo seeding) use
  the explicit ``unscoped`` manager, which is easy to grep for in review.
"""

from bhbilling.app.tenancy.scope import (
    TenantScope,
    current_scope,
    require_scope,
    scoped_to,
)

__all__ = ["TenantScope", "current_scope", "require_scope", "scoped_to"]
