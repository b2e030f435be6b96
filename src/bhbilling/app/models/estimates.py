"""Good Faith Estimates for uninsured and self-pay patients (No Surprises Act, 45 CFR 149.610).

The due date follows from when the service was scheduled or the estimate requested, in
business days (US federal holidays excluded): ``domain.estimates``. One estimate may cover
up to 12 months of recurring sessions. Items are kept as written on the estimate so the
billed total can be compared with it later ($400 or more over is dispute-eligible).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager


class EstimateTrigger(models.TextChoices):
    SCHEDULED = "scheduled", "Service scheduled"
    REQUEST = "request", "Patient asked"


class EstimateStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Given to the patient"
    SUPERSEDED = "superseded", "Replaced by a newer estimate"
    VOID = "void", "Void"


class GoodFaithEstimate(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT,
                                related_name="estimates")
    provider = models.ForeignKey("billing.Provider", on_delete=models.PROTECT,
                                 related_name="estimates")
    number = models.CharField(max_length=30)
    trigger = models.CharField(max_length=10, choices=EstimateTrigger.choices)
    requested_on = models.DateField(help_text="the day the service was scheduled or the GFE asked for")
    first_service_on = models.DateField(null=True, blank=True,
                                        help_text="scheduled date of the first service")
    period_start = models.DateField()
    period_end = models.DateField(help_text="at most 12 months after the start")
    items = models.JSONField(default=list,
                             help_text="code, label, modifiers, units, fee, sessions, total")
    diagnoses = models.JSONField(default=list, blank=True)
    total = money_field()
    due_on = models.DateField()
    issued_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=EstimateStatus.choices,
                              default=EstimateStatus.DRAFT)
    dispute_opened_on = models.DateField(
        null=True, blank=True, help_text="the patient started a dispute (PPDR) over the bill")
    dispute_closed_on = models.DateField(null=True, blank=True)
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="superseded_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="gfe_number_unique_in_practice"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="gfe_period_ordered"),
        ]
