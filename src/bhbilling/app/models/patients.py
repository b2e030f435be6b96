"""Patients, their insurance coverages, and 42 CFR Part 2 consents.

Identifiers that HIPAA lists (dates of birth, SSN, member ids) are encrypted at rest; member
ids also keep a blind index so 271/835 matching can find them by equality.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from bhbilling.app.fields import BlindIndexField, EncryptedDateField, EncryptedTextField
from bhbilling.app.models.choices import Relationship
from bhbilling.app.models.common import AddressMixin, Timestamped
from bhbilling.app.tenancy.managers import PracticeScopedManager


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Unknown"


class Patient(AddressMixin, Timestamped):
    """A patient of one practice (837P loop 2010BA/2010CA)."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="patients")
    account_number = models.CharField(max_length=30, help_text="the practice's chart/MRN number")
    first_name = models.CharField(max_length=35)
    middle_name = models.CharField(max_length=25, blank=True)
    last_name = models.CharField(max_length=60)
    date_of_birth = EncryptedDateField()
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ssn = EncryptedTextField("SSN", blank=True, default="")
    phone = models.CharField(max_length=15, blank=True)
    email = models.EmailField(blank=True)
    statement_hold_reason = models.CharField(
        max_length=200, blank=True, help_text="statements are held while this is set")
    statement_hold_until = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "account_number"],
                                    name="patient_account_unique_in_practice")
        ]
        indexes = [models.Index(fields=["practice", "last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)



class CoveragePriority(models.IntegerChoices):
    PRIMARY = 1, "Primary"
    SECONDARY = 2, "Secondary"
    TERTIARY = 3, "Tertiary"


class Coverage(Timestamped):
    """An insurance policy covering the patient (837P loop 2000B SBR, 2010BA subscriber)."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="coverages")
    payer = models.ForeignKey("billing.Payer", on_delete=models.PROTECT, related_name="coverages")
    priority = models.PositiveSmallIntegerField(choices=CoveragePriority.choices,
                                                default=CoveragePriority.PRIMARY)
    member_id = EncryptedTextField()
    member_id_index = BlindIndexField(source="member_id")
    group_number = models.CharField(max_length=50, blank=True)
    plan_name = models.CharField(max_length=60, blank=True)
    relationship = models.CharField(max_length=2, choices=Relationship.choices,
                                    default=Relationship.SELF)
    subscriber_first_name = models.CharField(max_length=35, blank=True)
    subscriber_last_name = models.CharField(max_length=60, blank=True)
    subscriber_date_of_birth = EncryptedDateField(null=True, blank=True)
    subscriber_sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["priority", "-starts_on"]

    def is_active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def __str__(self) -> str:
        return f"{self.payer} ({self.get_priority_display()})"


class Consent(Timestamped):
    """A patient's written consent to disclose Part 2 (SUD) records, 42 CFR 2.31.

    Keeps who may receive the records, for what purpose, how much, and for how long; a
    revocation ends it from that day (42 CFR 2.31(a)(6)).
    """

    class Kind(models.TextChoices):
        PART2_TPO = "part2_tpo", "Part 2: treatment, payment and health care operations"
        PART2_SPECIFIC = "part2_specific", "Part 2: a named recipient"
        HIPAA_RELEASE = "hipaa_release", "HIPAA release of information"

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PART2_TPO)
    recipient = models.CharField(max_length=120)
    purpose = models.CharField(max_length=200)
    scope = models.TextField(help_text="how much and what kind of information")
    signed_on = models.DateField()
    effective_from = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    revocation_note = models.CharField(max_length=200, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-signed_on"]

    def is_in_force_on(self, day: dt.date) -> bool:
        if day < self.effective_from:
            return False
        if self.expires_on and day > self.expires_on:
            return False
        return not (self.revoked_on and day >= self.revoked_on)
