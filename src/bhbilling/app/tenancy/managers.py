"""Scoped querysets: the one layer every tenant query goes through."""

from __future__ import annotations

from django.db import models

from bhbilling.app.tenancy.scope import require_scope


class PracticeScopedManager(models.Manager):
    """Default manager of every PHI model: rows of the current practice only."""

    def get_queryset(self) -> models.QuerySet:
        scope = require_scope(practice=True)
        return super().get_queryset().filter(practice_id=scope.practice_id)


class CompanyScopedManager(models.Manager):
    """Default manager of company-level records (payers, practices): current company only."""

    company_field = "company_id"

    def get_queryset(self) -> models.QuerySet:
        scope = require_scope(practice=False)
        return super().get_queryset().filter(**{self.company_field: scope.company_id})


class PracticeOfCompanyManager(CompanyScopedManager):
    """Practices visible to the current company (the practice itself is the tenant)."""
