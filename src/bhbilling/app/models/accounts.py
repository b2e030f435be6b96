"""Who may act for which tenant, and personal API tokens.

A membership gives a user one role in a billing company, either company-wide
(``practice`` empty: company admins, auditors) or for one practice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.choices import Role


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    company = models.ForeignKey("billing.BillingCompany", on_delete=models.CASCADE,
                                related_name="memberships")
    practice = models.ForeignKey("billing.Practice", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="memberships",
                                 help_text="empty: every practice of the company")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company", "practice", "role"],
                                    name="membership_unique"),
        ]

    def __str__(self) -> str:
        where = self.practice.name if self.practice_id else "all practices"
        return f"{self.user} as {self.get_role_display()} ({where})"


class ApiToken(models.Model):
    """A personal access token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=60)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"
