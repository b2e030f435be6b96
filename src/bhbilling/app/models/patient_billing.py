"""The patient side of the money: payments, refunds and credits, payment plans, statements.

Every ``PatientPayment`` posts one balanced journal entry (``entry``): a payment is Dr cash,
Cr patient A/R; a refund the reverse; a credit (courtesy adjustment) Dr other adjustments,
Cr patient A/R. A ``Statement`` keeps a snapshot of what it showed, so a reprint matches the
paper the patient holds even after later postings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager


class PaymentKind(models.TextChoices):
    PAYMENT = "payment", "Payment"
    REFUND = "refund", "Refund"
    CREDIT = "credit", "Credit / courtesy adjustment"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "Cash"
    CHECK = "check", "Check"
    CARD = "card", "Card"
    EFT = "eft", "Bank transfer"
    OTHER = "other", "Other"


class PaymentPlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Paid in full"
    DEFAULTED = "defaulted", "Missed payments"
    CANCELLED = "cancelled", "Cancelled"


class PaymentPlan(models.Model):
    """An agreement to pay a balance in monthly installments; statements show the installment."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT,
                                related_name="payment_plans")
    total = money_field()
    installment = money_field()
    day_of_month = models.PositiveSmallIntegerField(default=1)
    starts_on = models.DateField()
    status = models.CharField(max_length=10, choices=PaymentPlanStatus.choices,
                              default=PaymentPlanStatus.ACTIVE)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(installment__gt=0),
                                              name="plan_installment_positive")]


class PatientPayment(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT,
                                related_name="payments")
    kind = models.CharField(max_length=8, choices=PaymentKind.choices, default=PaymentKind.PAYMENT)
    method = models.CharField(max_length=6, choices=PaymentMethod.choices, blank=True)
    reference = models.CharField(max_length=40, blank=True,
                                 help_text="check number or card processor reference (never a card number)")
    amount = money_field(help_text="positive; the kind says which way it moves")
    received_on = models.DateField()
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="patient_payments")
    plan = models.ForeignKey(PaymentPlan, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="payments")
    note = models.CharField(max_length=200, blank=True)
    entry = models.ForeignKey("billing.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="patient_payment_amount_positive")]


class StatementStatus(models.TextChoices):
    READY = "ready", "Ready to send"
    SENT = "sent", "Sent"
    HELD = "held", "Held"


class Statement(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT,
                                related_name="statements")
    number = models.CharField(max_length=30)
    statement_date = models.DateField()
    due_on = models.DateField()
    balance = money_field()
    snapshot = models.JSONField(default=dict, help_text="lines, aging, insurance paid, plan (PHI)")
    status = models.CharField(max_length=6, choices=StatementStatus.choices,
                              default=StatementStatus.READY)
    hold_reason = models.CharField(max_length=200, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-statement_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"],
                                               name="statement_number_unique_in_practice")]
