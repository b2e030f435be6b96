"""Billing company -> practice (the tenant) -> location."""

from __future__ import annotations

from django.db import models

from bhbilling.app.models.common import (
    POS,
    TAXONOMY,
    US_STATE,
    US_ZIP,
    AddressMixin,
    Timestamped,
    validate_npi,
)
from bhbilling.app.tenancy.managers import CompanyScopedManager, PracticeScopedManager


class BillingCompany(Timestamped):
    """The billing service that works for many practices."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name_plural = "billing companies"

    def __str__(self) -> str:
        return self.name


class Practice(AddressMixin, Timestamped):
    """A client practice: the tenant every PHI row belongs to (837P loop 2010AA billing provider)."""

    class Kind(models.TextChoices):
        SOLO = "solo", "Solo practice"
        GROUP = "group", "Group practice"
        SUD_PROGRAM = "sud_program", "Substance-use program"

    company = models.ForeignKey(BillingCompany, on_delete=models.PROTECT, related_name="practices")
    name = models.CharField(max_length=120)
    legal_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GROUP)
    tin = models.CharField("TIN (EIN)", max_length=9)
    npi = models.CharField("type-2 NPI", max_length=10, validators=[validate_npi])
    taxonomy = models.CharField(max_length=10, validators=[TAXONOMY])
    phone = models.CharField(max_length=15, blank=True)
    pay_to_line1 = models.CharField(max_length=55, blank=True)
    pay_to_line2 = models.CharField(max_length=55, blank=True)
    pay_to_city = models.CharField(max_length=30, blank=True)
    pay_to_state = models.CharField(max_length=2, blank=True, validators=[US_STATE])
    pay_to_postal_code = models.CharField(max_length=9, blank=True, validators=[US_ZIP])
    part2_program = models.BooleanField(
        default=False, help_text="a federally assisted SUD program under 42 CFR Part 2")
    statement_minimum = models.DecimalField(
        max_digits=12, decimal_places=2, default=5,
        help_text="no statement for a patient balance below this")
    small_balance_limit = models.DecimalField(
        max_digits=12, decimal_places=2, default=5,
        help_text="patient balances at or below this are written off by the small-balance rule")
    statement_message = models.CharField(max_length=300, blank=True,
                                         help_text="how to pay: printed on every statement")
    active = models.BooleanField(default=True)

    objects = CompanyScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "npi"], name="practice_npi_unique_in_company")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_pay_to(self) -> bool:
        """837P loop 2010AB is sent only when the pay-to address differs."""
        return bool(self.pay_to_line1)


class Location(AddressMixin, Timestamped):
    """A service location (837P loop 2310C service facility when not the billing address)."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="locations")
    name = models.CharField(max_length=120)
    default_pos = models.CharField("default place of service", max_length=2, validators=[POS],
                                   default="11")
    npi = models.CharField(max_length=10, blank=True, validators=[validate_npi])
    active = models.BooleanField(default=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
