"""Documented clinical sessions: the facts coding turns into claim lines.

A session holds what was documented (who, when, how long by activity, how delivered, which
diagnoses in order), never the psychotherapy note itself (45 CFR 164.501 keeps those apart).
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models

from bhbilling.app.models.choices import Modality, ServiceType
from bhbilling.app.models.common import Timestamped
from bhbilling.app.tenancy.managers import PracticeScopedManager

OFFICE_EM = RegexValidator(r"^992(0[2-5]|1[1-5])$", "an office E/M code, 99202-99205 or 99211-99215")


class PatientLocation(models.TextChoices):
    """Where a telehealth patient was: decides POS 10 (home) or 02 (elsewhere)."""

    CLINIC = "clinic", "At the clinic"
    HOME = "home", "Home"
    OTHER = "other", "Somewhere else"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"
    CANCELLED = "cancelled", "Cancelled"


class ClinicalSession(Timestamped):
    """One documented encounter.

    ``minutes`` maps activity to minutes (psychotherapy, em, crisis, testing, family...), so
    add-on codes count only the psychotherapy time (CPT time rule, see reference doc).
    ``diagnoses`` is the ordered list of ICD-10-CM codes (first = primary, 837P HI ABK).
    ``interactive_complexity`` lists the documented factors that support 90785.
    """

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="sessions")
    patient = models.ForeignKey("billing.Patient", on_delete=models.PROTECT,
                                related_name="sessions")
    provider = models.ForeignKey("billing.Provider", on_delete=models.PROTECT,
                                 related_name="sessions")
    location = models.ForeignKey("billing.Location", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="sessions")
    external_id = models.CharField(max_length=64, blank=True,
                                   help_text="the EHR's id, so a re-import updates, not duplicates")
    date_of_service = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    service_type = models.CharField(max_length=30, choices=ServiceType.choices)
    status = models.CharField(max_length=12, choices=SessionStatus.choices,
                              default=SessionStatus.COMPLETED)
    minutes = models.JSONField(default=dict, blank=True)
    total_minutes = models.PositiveIntegerField(default=0)
    modality = models.CharField(max_length=12, choices=Modality.choices, default=Modality.IN_PERSON)
    patient_location = models.CharField(max_length=8, choices=PatientLocation.choices,
                                        default=PatientLocation.CLINIC)
    diagnoses = models.JSONField(default=list, blank=True)
    note_signed = models.BooleanField(default=False)
    signed_at = models.DateTimeField(null=True, blank=True)
    interactive_complexity = models.JSONField(default=list, blank=True)
    group_size = models.PositiveSmallIntegerField(null=True, blank=True)
    em_code = models.CharField("E/M level", max_length=5, blank=True, validators=[OFFICE_EM],
                               help_text="office E/M code the prescriber chose by MDM (99202-99215)")
    new_patient = models.BooleanField(default=False,
                                      help_text="new to the practice for E/M (no visit in 3 years)")
    no_disclose = models.BooleanField(
        default=False, help_text="paid in full out of pocket and asked that the health plan "
                                 "not be told (45 CFR 164.522(a)(1)(vi)): never billed to it")
    instruments = models.JSONField(default=list, blank=True,
                                   help_text="screening instruments given (e.g. PHQ-9, GAD-7)")
    treatment_plan = models.TextField(
        blank=True, help_text="plan summary from the clinical record (never psychotherapy notes): "
                              "appeals and records requests quote it")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-date_of_service", "-start_time"]
        indexes = [
            models.Index(fields=["practice", "date_of_service"]),
            models.Index(fields=["practice", "patient", "date_of_service"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["practice", "external_id"],
                                    condition=~models.Q(external_id=""),
                                    name="session_external_id_unique_in_practice"),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_type_display()} on {self.date_of_service}"
