"""Rendering providers, their state licences and payer enrollments (837P loop 2310B)."""

from __future__ import annotations

from django.db import models

from bhbilling.app.models.choices import Credential
from bhbilling.app.models.common import TAXONOMY, US_STATE, Timestamped, validate_npi
from bhbilling.app.tenancy.managers import PracticeScopedManager


class Provider(Timestamped):
    """A person who renders sessions; type-1 NPI."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="providers")
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=60)
    npi = models.CharField("type-1 NPI", max_length=10, validators=[validate_npi])
    taxonomy = models.CharField(max_length=10, validators=[TAXONOMY])
    credential = models.CharField(max_length=10, choices=Credential.choices)
    supervisor = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="supervisees",
                                   help_text="required for pre-licensed associates")
    email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "npi"], name="provider_npi_unique_in_practice")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.credential}"

    @property
    def display_name(self) -> str:
        return str(self)


class ProviderLicense(Timestamped):
    """A state licence; scrubbing checks it is valid on the date of service."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="licenses")
    state = models.CharField(max_length=2, validators=[US_STATE])
    number = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=Credential.choices)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["state", "-expires_on"]


class ProviderEnrollment(Timestamped):
    """Whether the provider is credentialed with a payer (denials CARC B7 when not)."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", "Enrolled"
        PENDING = "pending", "Pending"
        NOT_ENROLLED = "not_enrolled", "Not enrolled"
        TERMINATED = "terminated", "Terminated"

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="enrollments")
    payer = models.ForeignKey("billing.Payer", on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.PENDING)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "payer"], name="one_enrollment_per_payer")
        ]
