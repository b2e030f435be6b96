"""Shared column helpers: US addresses, money columns, validators for X12-bound values."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from bhbilling.kernel.ids import is_valid_npi

US_STATE = RegexValidator(r"^[A-Z]{2}$", "a two-letter US state code (e.g. NY)")
US_ZIP = RegexValidator(r"^\d{5}(\d{4})?$", "a 5- or 9-digit ZIP code without dash")
TAXONOMY = RegexValidator(r"^[0-9]{3}[0-9A-Z]{6}X$", "a 10-character NUCC taxonomy code ending in X")
POS = RegexValidator(r"^\d{2}$", "a two-digit place of service code")


def validate_npi(value: str) -> None:
    """NPI check digit (Luhn over the 80840 prefix), 45 CFR 162.406."""
    if not is_valid_npi(value):
        raise ValidationError(f"{value!r} is not a valid NPI (10 digits with a Luhn check digit)")


def money_field(**kwargs) -> models.DecimalField:
    """Money is Decimal with two places; never float."""
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class AddressMixin(models.Model):
    """A US street address (837P N3/N4)."""

    address_line1 = models.CharField(max_length=55, blank=True)
    address_line2 = models.CharField(max_length=55, blank=True)
    city = models.CharField(max_length=30, blank=True)
    state = models.CharField(max_length=2, blank=True, validators=[US_STATE])
    postal_code = models.CharField(max_length=9, blank=True, validators=[US_ZIP])

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
