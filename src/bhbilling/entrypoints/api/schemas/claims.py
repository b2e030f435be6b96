"""Claim and batch bodies. Money travels as strings ("180.00") so no client sees a float.

A claim is 837P loop 2300 (CLM01 patient control number, CLM05-3 frequency) with its 2400
lines (SV1, REF*6R line control number); a batch is one interchange (ISA13/GS06/ST02).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


class ClaimLineOut(Schema):
    line_number: int
    code: str
    modifiers: list[str]
    units: str
    charge: str
    place_of_service: str
    diagnosis_pointers: list[int]
    date_of_service: dt.date
    line_control_number: str

    @staticmethod
    def resolve_units(obj) -> str:
        return str(Decimal(obj.units).normalize())

    @staticmethod
    def resolve_charge(obj) -> str:
        return _money(obj.charge)


class StateChangeOut(Schema):
    from_state: str
    to_state: str
    at: dt.datetime
    reason: str


class ClaimOut(Schema):
    id: int
    patient_control_number: str
    patient_id: int
    payer_id: int | None
    rendering_provider_id: int
    session_id: int | None
    frequency_code: str
    state: str
    total_charge: str
    place_of_service: str
    diagnoses: list[str]
    prior_authorization: str
    payer_claim_number: str
    original_claim_id: int | None

    @staticmethod
    def resolve_total_charge(obj) -> str:
        return _money(obj.total_charge)


class ClaimDetailOut(ClaimOut):
    lines: list[ClaimLineOut]
    history: list[StateChangeOut]

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())

    @staticmethod
    def resolve_history(obj):
        return list(obj.history.order_by("at", "id"))


class BuildIn(Schema):
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class BuildOut(Schema):
    built: list[str] = Field(description="patient control numbers of the claims built")
    skipped: list[str] = Field(description="why each session not billed yet was skipped")


class ReadyOut(Schema):
    ready: list[str]
    blocked: dict[str, list[str]]


class BatchOut(Schema):
    id: int
    file_name: str
    payer_id: int | None
    clearinghouse_id: int
    interchange_number: int
    group_number: int
    transaction_number: int
    usage_indicator: str
    claim_count: int
    total_charge: str
    sha256: str
    created_at: dt.datetime

    @staticmethod
    def resolve_total_charge(obj) -> str:
        return _money(obj.total_charge)


class BatchDetailOut(BatchOut):
    claims: list[str]

    @staticmethod
    def resolve_claims(obj) -> list[str]:
        return [e.claim.patient_control_number
                for e in obj.entries.select_related("claim").order_by("position")]


class BatchCreateIn(Schema):
    usage: str | None = Field(None, pattern="^[TP]$", description="T test or P production")


class BatchCreateOut(Schema):
    batches: list[BatchOut]
    failed: dict[str, str] = Field(description="claims that could not be written, and why")
