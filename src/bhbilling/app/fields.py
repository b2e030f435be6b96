"""Encrypted model fields for PHI that must not sit in plaintext at rest.

- Values are sealed with Fernet (AES-128-CBC + HMAC-SHA256) under keys from the environment
  (``BHBILLING_FIELD_KEYS``, newest first; MultiFernet decrypts with any, so keys rotate).
- A *blind index* (HMAC-SHA256 keyed from the field key) lets us look a member id up by
  equality without storing it in the clear; it is stored in a separate, indexed column.
- HIPAA Security Rule 45 CFR 164.312(a)(2)(iv): encryption of ePHI at rest.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def _cipher() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def seal(plaintext: str) -> str:
    """Encrypt one value; the token is URL-safe base64 text."""
    return _cipher().encrypt(plaintext.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    try:
        return _cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:  # wrong key or tampered row: a broken invariant, not bad input
        raise ValueError("an encrypted field could not be decrypted with the configured keys") from exc


def blind_index(value: str) -> str:
    """Deterministic keyed digest for equality lookups (normalised: trimmed, upper case)."""
    key = hashlib.sha256(b"bhbilling-blind-index:" + base64.urlsafe_b64decode(
        settings.FIELD_ENCRYPTION_KEYS[0])).digest()
    norm = value.strip().upper().encode("utf-8")
    return hmac.new(key, norm, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column whose stored form is a Fernet token; Python sees plaintext."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return unseal(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return seal(str(value))

    def get_lookup(self, lookup_name):
        # Ciphertext is randomised: only null checks make sense in SQL.
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)


class EncryptedDateField(models.TextField):
    """A date stored as an encrypted ISO string (dates of birth are PHI identifiers)."""

    description = "Date encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return dt.date.fromisoformat(unseal(value))

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, dt.date):
            return value or None
        return dt.date.fromisoformat(str(value))

    def get_prep_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return seal(value.isoformat())

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        from django import forms

        return forms.DateField(**{"required": not self.blank, **kwargs})


class BlindIndexField(models.CharField):
    """Keeps the blind index of another field in step on every save (bulk_create included)."""

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value
