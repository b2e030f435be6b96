"""Coding bodies: the engine's proposed lines with reasons, and the coder's decision.

Money and units travel as strings ("150.00", "1") so no client ever sees a float; a line is
one 837P service line (loop 2400 SV1: code and modifiers SV101, charge SV102, units SV104,
POS SV105, diagnosis pointers SV107).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema


class NoteOut(Schema):
    rule: str
    text: str
    reference: str


class LineOut(Schema):
    code: str
    label: str = ""
    modifiers: list[str] = []
    units: str
    place_of_service: str
    diagnosis_pointers: list[int] = []
    charge: str | None = None
    rendering_npi: str = ""
    billing_npi_override: str | None = None


class ProposalOut(Schema):
    lines: list[LineOut] = []
    reasons: list[NoteOut] = []
    warnings: list[NoteOut] = []
    diagnoses: list[str] = []


class DecisionOut(Schema):
    id: int | None = Field(None, description="empty for a proposal not stored yet")
    session_id: int
    status: str
    proposed: ProposalOut
    final: list[LineOut] = []
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    change_reason: str = ""
    engine_version: str
    payer_profile: str
    payer_profile_version: str
    created_at: dt.datetime | None = None

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.get_username() if obj.decided_by_id else None


class CodingOut(Schema):
    current: DecisionOut
    history: list[DecisionOut] = Field([], description="every stored decision, newest first")


class LineIn(Schema):
    code: str = Field(..., max_length=5)
    modifiers: list[str] = Field([], max_length=4)
    units: Decimal = Decimal(1)
    place_of_service: str = Field(..., max_length=2)
    diagnosis_pointers: list[int] = Field([1], max_length=4)


class DecisionIn(Schema):
    lines: list[LineIn]
    reason: str | None = Field(None, description="required when the lines differ from the proposal")
