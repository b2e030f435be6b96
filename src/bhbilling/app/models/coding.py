"""Coding decisions: what the engine proposed for a session and what the coder billed.

Model:
- One row per event, never edited (money-adjacent history is append-only): the engine's
  proposal is a ``proposed`` row; a coder's accept is an ``accepted`` row and an edit is a
  ``changed`` row that must say why. The newest row of a session is its current coding.
- ``proposed`` keeps the engine's full answer (lines, reasons, warnings as plain dicts) so a
  later reader sees what the coder was shown; ``final`` holds the lines the coder settled on
  (equal to the proposed lines for ``accepted``, empty for a bare proposal).
- ``engine_version`` and the payer profile name + version say which rules produced it, so a
  rules change never rewrites history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from bhbilling.app.tenancy.managers import PracticeScopedManager


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    CHANGED = "changed", "Changed"


class CodingDecision(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="coding_decisions")
    session = models.ForeignKey("billing.ClinicalSession", on_delete=models.PROTECT,
                                related_name="coding_decisions")
    proposed = models.JSONField(default=dict, help_text="engine output: lines, reasons, warnings")
    final = models.JSONField(default=list, blank=True, help_text="the lines the coder settled on")
    status = models.CharField(max_length=10, choices=DecisionStatus.choices,
                              default=DecisionStatus.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    change_reason = models.TextField(blank=True, default="")
    engine_version = models.CharField(max_length=40, blank=True)
    payer_profile = models.CharField(max_length=60, blank=True)
    payer_profile_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["practice", "session", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="changed") | ~models.Q(change_reason=""),
                name="coding_change_needs_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} coding of session {self.session_id}"

    def clean(self) -> None:
        if self.status == DecisionStatus.CHANGED and not self.change_reason.strip():
            raise ValidationError({"change_reason": "Say why the proposed lines were changed."})
