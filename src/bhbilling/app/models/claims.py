"""Claims, their service lines and their state history (837P loops 2300 and 2400).

A submitted claim is never edited: a correction is a new claim with frequency 7 pointing at
the original, a void is frequency 8 (X12 2300 CLM05-3). States change only through
``ClaimStateChange`` rows, which form the audited history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.common import Timestamped, money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager


class ClaimState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCRUBBED = "scrubbed", "Scrubbed"
    READY = "ready", "Ready"
    SUBMITTED = "submitted", "Submitted"
    ACKNOWLEDGED = "acknowledged", "Acknowledged (999)"
    ACCEPTED = "accepted", "Accepted by payer"
    REJECTED = "rejected", "Rejected"
    PAID = "paid", "Paid"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    DENIED = "denied", "Denied"
    APPEALED = "appealed", "Appealed"
    CLOSED = "closed", "Closed"
    VOIDED = "voided", "Voided"


class FrequencyCode(models.TextChoices):
    ORIGINAL = "1", "Original"
    REPLACEMENT = "7", "Replacement of prior claim"
    VOID = "8", "Void/cancel of prior claim"


class Claim(Timestamped):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT, related_name="claims")
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT, related_name="claims")
    coverage = models.ForeignKey("billing.Coverage", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="claims")
    payer = models.ForeignKey("billing.Payer", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="claims")
    rendering_provider = models.ForeignKey("billing.Provider", on_delete=models.PROTECT,
                                           related_name="claims")
    session = models.ForeignKey("billing.ClinicalSession", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="claims")
    patient_control_number = models.CharField(max_length=38, unique=True,
                                              help_text="2300 CLM01, echoed in 835 CLP01")
    frequency_code = models.CharField(max_length=1, choices=FrequencyCode.choices,
                                      default=FrequencyCode.ORIGINAL)
    original_claim = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="replacements")
    payer_claim_number = models.CharField(max_length=50, blank=True,
                                          help_text="payer's ICN, sent in REF*F8 on 7/8")
    state = models.CharField(max_length=16, choices=ClaimState.choices, default=ClaimState.DRAFT)
    total_charge = money_field(default=0)
    place_of_service = models.CharField(max_length=2, default="11")
    diagnoses = models.JSONField(default=list, blank=True)
    prior_authorization = models.CharField(max_length=50, blank=True)
    decision = models.ForeignKey("billing.CodingDecision", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="claims",
                                 help_text="the coder's decision the lines came from")
    follow_up_on = models.DateField(null=True, blank=True,
                                    help_text="next action date on the follow-up list")
    prior_payer_claim = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_payer_claims",
        help_text="on a secondary/tertiary claim: the earlier payer's claim (loop 2320 source)")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["practice", "state"]),
                   # reports: charge lag (claims created in a period)
                   models.Index(fields=["practice", "created_at"], name="claim_practice_created")]

    def __str__(self) -> str:
        return self.patient_control_number


class ClaimLine(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=5)
    modifiers = models.JSONField(default=list, blank=True)
    units = models.DecimalField(max_digits=7, decimal_places=2, default=1)
    charge = money_field()
    place_of_service = models.CharField(max_length=2, blank=True)
    diagnosis_pointers = models.JSONField(default=list, blank=True)
    date_of_service = models.DateField()
    line_control_number = models.CharField(max_length=50, help_text="2400 REF*6R")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["claim", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "line_number"], name="claim_line_number_unique"),
            models.CheckConstraint(condition=models.Q(charge__gte=0), name="claim_line_charge_not_negative"),
        ]


class ClaimStateChange(models.Model):
    """Append-only history of a claim's states, with who moved it and why."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="history")
    from_state = models.CharField(max_length=16, choices=ClaimState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=ClaimState.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT)
    reason = models.CharField(max_length=200, blank=True)
    source_file = models.CharField(max_length=255, blank=True,
                                   help_text="the file that moved the claim (837P, 999, 277CA, 835)")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["claim", "at", "id"]
        indexes = [
            # reports: claims first submitted in a period; a claim's first submission/rejection
            models.Index(fields=["practice", "to_state", "at"], name="statechange_practice_state_at"),
            models.Index(fields=["claim", "to_state", "at"], name="statechange_claim_state_at"),
        ]
