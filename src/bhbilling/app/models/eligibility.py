"""Eligibility answers (271) with their normalised mental-health summary, and prior
authorizations with their approved units and dates.

The raw 271 is kept with the summary (issue 10): the summary is our reading, the file is
what the payer said. Authorizations are counted against scheduled sessions (pending) and
claims (used) by ``domain.authorizations``; a voided claim gives its units back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.tenancy.managers import PracticeScopedManager


class EligibilityStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    REJECTED = "rejected", "Rejected by the payer"
    UNKNOWN = "unknown", "Unknown"


class EligibilityCheck(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.CASCADE,
                                related_name="eligibility_checks")
    coverage = models.ForeignKey("billing.Coverage", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="eligibility_checks")
    payer = models.ForeignKey("billing.Payer", null=True, blank=True, on_delete=models.PROTECT)
    service_date = models.DateField()
    checked_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=EligibilityStatus.choices)
    summary = models.JSONField(default=dict, help_text="domain.eligibility summary_to_dict()")
    trace_number = models.CharField(max_length=50, blank=True)
    request_270 = models.TextField(blank=True)
    response_271 = models.TextField(blank=True, help_text="the raw 271 as received (PHI)")
    source = models.CharField(max_length=20, default="file",
                              help_text="file, simulator, clearinghouse, manual")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["practice", "patient", "-checked_at"])]


class UnitType(models.TextChoices):
    VISIT = "visit", "Visits"
    MINUTES_15 = "15min", "15-minute units"
    DAY = "day", "Days"


class Authorization(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.CASCADE,
                                related_name="authorizations")
    payer = models.ForeignKey("billing.Payer", on_delete=models.PROTECT)
    coverage = models.ForeignKey("billing.Coverage", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    provider = models.ForeignKey("billing.Provider", null=True, blank=True,
                                 on_delete=models.PROTECT,
                                 help_text="empty = any provider of the practice")
    number = models.CharField(max_length=50, help_text="sent as 837P 2300 REF*G1")
    codes = models.JSONField(default=list, help_text="codes or code groups it covers")
    unit_type = models.CharField(max_length=6, choices=UnitType.choices, default=UnitType.VISIT)
    units_approved = models.DecimalField(max_digits=7, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField()
    per_week_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["ends_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="authorization_dates_in_order")]
