"""Django choices built from the domain's enums, so the rules and the columns share one list."""

from __future__ import annotations

from enum import Enum

from django.db import models

from bhbilling.domain import access, parties


def text_choices(name: str, enum: type[Enum]) -> type[models.TextChoices]:
    """A TextChoices class with the domain enum's members, values and labels."""
    return models.TextChoices(name, [(e.name, (e.value, e.label)) for e in enum])


Credential = text_choices("Credential", parties.Credential)
PayerKind = text_choices("PayerKind", parties.PayerKind)
ServiceType = text_choices("ServiceType", parties.ServiceType)
Modality = text_choices("Modality", parties.Modality)
Relationship = text_choices("Relationship", parties.Relationship)
Role = text_choices("Role", access.Role)
