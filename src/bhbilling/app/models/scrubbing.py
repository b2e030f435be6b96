"""Scrubber results per claim and the overrides people grant, with who and why.

``ScrubRun`` rows are append-only: the newest for a claim is its current state, and the
history shows how a claim went from blocked to ready. ``FindingOverride`` lets a user
with OVERRIDE_FINDINGS accept one finding (a rule, on one line or the whole claim) with a
reason; the scrubber then lists it as overridden and it no longer blocks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.tenancy.managers import PracticeScopedManager


class ScrubRun(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.CASCADE, related_name="scrub_runs")
    pack = models.CharField(max_length=40)
    pack_version = models.CharField(max_length=40)
    ran_at = models.DateTimeField()
    ready = models.BooleanField()
    clean = models.BooleanField()
    findings = models.JSONField(default=list, help_text="rule, category, severity, message, "
                                                        "fix hint, reference, line, overridden")
    actor = models.CharField(max_length=150, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-ran_at", "-id"]
        indexes = [models.Index(fields=["practice", "claim", "-ran_at"])]


class FindingOverride(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.CASCADE,
                              related_name="finding_overrides")
    rule_id = models.CharField(max_length=40)
    line = models.PositiveSmallIntegerField(null=True, blank=True,
                                            help_text="claim line number; empty = every line")
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
