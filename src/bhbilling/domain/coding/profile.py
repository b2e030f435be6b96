"""Payer rules the coding engine applies, as plain data (loaded from files by ``payers``).

Model:
- A ``PayerProfile`` is one version of a payer's rules, in force from ``effective_from`` to
  ``effective_to`` (inclusive, open-ended when None); ``bhbilling.payers`` picks the version
  for the date of service. Billers add or change profiles as data files, not Python.
- Telehealth: which POS for home (10) and elsewhere (02) or a fixed override (some plans want
  POS 11 + 95), which modifier for video (95, GT or none) and audio-only (93, FQ or both).
- Credentials: who may bill which codes; which modifiers mark the rendering credential
  (HO/HN/HP/AJ/AH...); whether an associate's services are billed under the supervisor.
- SUD: whether SUD services use HCPCS H-codes and how (code and unit minutes).
- ``modifier_order`` lists modifier *kinds* in the order the payer wants them on the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TelehealthRules:
    video_modifiers: tuple[str, ...] = ("95",)  # () when the payer wants none
    audio_modifiers: tuple[str, ...] = ("93",)  # e.g. ("FQ",) or ("FQ", "93")
    audio_only_allowed: bool = True
    pos_home: str = "10"
    pos_other: str = "02"
    pos_override: str | None = None  # e.g. "11": bill the office POS with the video modifier
    audio_only_codes: frozenset[str] | None = None  # codes allowed audio-only; None = all


@dataclass(frozen=True, slots=True)
class HCodeRule:
    """An H-code a payer wants for a SUD service: per encounter (unit_minutes None) or timed."""

    code: str
    unit_minutes: int | None = None
    max_units: int | None = None
    modifiers: tuple[str, ...] = ()  # program modifiers, e.g. ("HF",)


@dataclass(frozen=True, slots=True)
class PayerProfile:
    name: str  # e.g. "medicare", "medicaid-example"
    label: str
    version: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    payer_kind: str = "commercial"  # a domain.parties.PayerKind value
    telehealth: TelehealthRules = field(default_factory=TelehealthRules)
    # Credential value -> modifiers marking it on every line (e.g. {"LCSW": ("AJ",)}).
    credential_modifiers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Code -> credentials allowed to bill it; a code not listed follows the built-in rules
    # (prescriber-only codes, licensed clinicians for psychotherapy).
    allowed_credentials: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Credentials this payer does not cover at all (e.g. Medicare before LPC/LMFT enrollment).
    excluded_credentials: frozenset[str] = frozenset()
    # "supervisor": bill an associate's services under the supervisor's NPI;
    # "self": the associate bills under their own NPI; "not_covered": no claim.
    associate_billing: str = "supervisor"
    supervised_modifiers: tuple[str, ...] = ()  # added when billed under supervision
    # SUD: service_type -> H-code rule; empty when the payer wants CPT codes for SUD.
    sud_hcodes: Mapping[str, HCodeRule] = field(default_factory=dict)
    # Kinds in payer order: "procedure" (25/59/XE), "telehealth", "credential", "program",
    # "supervision". Modifiers beyond four are dropped with a warning.
    modifier_order: tuple[str, ...] = ("procedure", "credential", "program", "supervision",
                                       "telehealth")
    z_code_primary_allowed: bool = True
    crisis_g_codes_outside_office: bool = False  # Medicare G0017/G0018 (reference §1.4)
    screening_max_units: int | None = None
    reference: str = ""  # where the rules came from

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)
