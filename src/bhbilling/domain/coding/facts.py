"""What the coding engine is given: an immutable snapshot of one documented session.

Model:
- ``SessionFacts`` holds only documented facts (who, when, minutes by activity, how it was
  delivered, ordered diagnoses); never the note text.
- ``minutes`` keys (shared with the demo and import formats): ``evaluation`` (diagnostic
  evaluation, and test evaluation services 96130-96133), ``psychotherapy``, ``em`` (E/M time,
  never counted toward psychotherapy), ``crisis``, ``family``, ``group``, ``testing`` (test
  administration 96136-96139), ``screening``, ``counseling`` (SUD counseling).
- ``CodingContext`` adds the rendering provider (and supervisor), the payer rules in force on
  the date of service, and the practice's fee schedule for that payer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.domain.coding.profile import PayerProfile


@dataclass(frozen=True, slots=True)
class ProviderFacts:
    """The rendering provider (837P loop 2310B); ``credential`` is a Credential value."""

    npi: str
    credential: str
    taxonomy: str = ""
    name: str = ""
    supervisor: ProviderFacts | None = None


@dataclass(frozen=True, slots=True)
class SessionFacts:
    session_id: str
    date_of_service: dt.date
    service_type: str  # a domain.parties.ServiceType value
    minutes: Mapping[str, int] = field(default_factory=dict)
    modality: str = "in_person"  # in_person | video | audio_only
    patient_location: str = "clinic"  # clinic | home | other (where a telehealth patient was)
    location_pos: str = "11"  # the service location's default place of service
    diagnoses: tuple[str, ...] = ()  # ICD-10-CM, first is primary (837P 2300 HI ABK)
    interactive_complexity: tuple[str, ...] = ()  # documented 90785 factors
    group_size: int | None = None
    instruments: tuple[str, ...] = ()  # standardized screening instruments given (96127)
    em_code: str | None = None  # E/M level chosen by the prescriber (MDM), e.g. "99214"
    new_patient: bool = False
    status: str = "completed"
    note_signed: bool = True


FeeSchedule = Mapping[tuple[str, tuple[str, ...]], Decimal]
"""(code, sorted modifiers) -> charge; (code, ()) is the code's base charge."""


@dataclass(frozen=True, slots=True)
class CodingContext:
    session: SessionFacts
    provider: ProviderFacts
    payer: PayerProfile
    fees: FeeSchedule = field(default_factory=dict)
