"""Appeal facts for unit tests (no database): one denied 90837 on 2026-05-15."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from bhbilling.domain.appeals import AppealFacts, CodeText, LineFacts, SessionFacts

D = Decimal
SESSION = SessionFacts(service_date=dt.date(2026, 5, 15), start_time=dt.time(14, 5),
                       end_time=dt.time(15, 0), modality="Video telehealth", total_minutes=55,
                       diagnoses=("F33.1", "F41.1"), assessments=("PHQ-9",),
                       treatment_plan="Weekly CBT for 12 weeks; goal PHQ-9 below 10.")


def facts(**changes) -> AppealFacts:
    base = AppealFacts(
        today=dt.date(2026, 6, 10), level=1, deadline=dt.date(2026, 9, 29),
        deadline_is_default=False, practice_name="Riverbend Counseling",
        practice_npi="1234567893", practice_tin="123456789",
        practice_address=("9 Elm St", "Troy, NY 12180"), practice_phone="5185550100",
        signer="Bea Biller", payer_name="Acme Health", payer_kind="commercial", payer_address=(),
        patient_name="Pat Q Example", member_id="MBR77", birth_date=dt.date(1990, 4, 2),
        claim_number="PCN1001", payer_claim_number="ICN900", service_date=dt.date(2026, 5, 15),
        lines=(LineFacts("90837", ("95",), D("1"), D("200.00"), dt.date(2026, 5, 15)),),
        total_charge=D("200.00"), authorization_number="AUTH55", provider_name="Dana Lee",
        provider_credential="LCSW", provider_npi="1987654321", category="medical_necessity",
        group_code="CO", denied_code="90837", denied_amount=D("200.00"),
        reasons=(CodeText("50", "These are non-covered services because this is not deemed a "
                                "'medical necessity' by the payer."),),
        remarks=(CodeText("N180", ""),), remittance_date=dt.date(2026, 6, 1), session=SESSION)
    return dataclasses.replace(base, **changes)
