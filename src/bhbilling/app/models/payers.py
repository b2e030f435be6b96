"""Payers (per billing company) and fee schedules (per practice and payer)."""

from __future__ import annotations

from django.db import models

from bhbilling.app.models.choices import PayerKind
from bhbilling.app.models.common import US_STATE, US_ZIP, AddressMixin, Timestamped, money_field
from bhbilling.app.tenancy.managers import CompanyScopedManager, PracticeScopedManager


class Payer(AddressMixin, Timestamped):
    """A health plan we bill (837P loop 2010BB); not PHI, shared by a company's practices.

    The address fields are the paper-claims mailing address (CMS-1500 carrier block, 837P
    2010BB N3/N4); ``appeals_*`` is where appeal letters go when the payer names a separate
    one (most do), else the claims address is used.
    """

    company = models.ForeignKey("billing.BillingCompany", on_delete=models.PROTECT,
                                related_name="payers")
    name = models.CharField(max_length=60)
    payer_id = models.CharField("payer ID", max_length=80,
                                help_text="the electronic payer id (2010BB NM109)")
    kind = models.CharField(max_length=20, choices=PayerKind.choices)
    timely_filing_days = models.PositiveIntegerField(default=365)
    profile = models.CharField("payer profile", max_length=60, blank=True,
                               help_text="name of the payer profile (rules as data)")
    active = models.BooleanField(default=True)
    phone = models.CharField("provider services phone", max_length=10, blank=True)
    appeals_line1 = models.CharField("appeals address line 1", max_length=55, blank=True)
    appeals_line2 = models.CharField("appeals address line 2", max_length=55, blank=True)
    appeals_city = models.CharField(max_length=30, blank=True)
    appeals_state = models.CharField(max_length=2, blank=True, validators=[US_STATE])
    appeals_postal_code = models.CharField(max_length=9, blank=True, validators=[US_ZIP])

    objects = CompanyScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "payer_id"], name="payer_id_unique_in_company")
        ]

    def __str__(self) -> str:
        return self.name


class FeeSchedule(Timestamped):
    """A practice's charges (and expected allowed amounts) for one payer and period."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="fee_schedules")
    payer = models.ForeignKey(Payer, null=True, blank=True, on_delete=models.PROTECT,
                              help_text="empty: the practice's standard (self-pay) schedule")
    name = models.CharField(max_length=80)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class FeeScheduleRate(models.Model):
    """One code + modifier combination's charge; modifiers are stored sorted, colon-joined."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="rates")
    code = models.CharField(max_length=5)
    modifiers = models.CharField(max_length=11, blank=True, default="")
    charge = money_field()
    expected_allowed = money_field(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "code", "modifiers"],
                                    name="one_rate_per_code_modifiers"),
            models.CheckConstraint(condition=models.Q(charge__gte=0), name="rate_charge_not_negative"),
        ]
