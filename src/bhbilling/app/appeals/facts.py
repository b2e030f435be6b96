"""Gather an appeal's facts from the database into ``domain.appeals.AppealFacts``.

Only the listed clinical-record fields of the session are read into the facts (start/stop
times, modality, total minutes, diagnoses, instruments, treatment plan): nothing else from
the session, the patient or the denial's free-text note can reach a letter (45 CFR 164.501,
reference §10.3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bhbilling.app.models import Appeal, ClaimLine, Denial
from bhbilling.documents.addresses import mailing_lines
from bhbilling.domain.appeals import AppealFacts, CodeText, LineFacts, SessionFacts
from bhbilling.domain.appeals.deadlines import first_level_deadline
from bhbilling.reference import adjustments

__all__ = ["appeal_facts", "facts_for_appeal", "signer_name"]


def signer_name(actor: Any) -> str:
    if getattr(actor, "is_authenticated", False):
        return (actor.get_full_name() or actor.get_username()).strip()
    return ""


def _session_facts(session) -> SessionFacts | None:
    if session is None:
        return None
    return SessionFacts(
        service_date=session.date_of_service, start_time=session.start_time,
        end_time=session.end_time, modality=session.get_modality_display(),
        total_minutes=session.total_minutes or 0,
        diagnoses=tuple(str(x) for x in session.diagnoses or ()),
        assessments=tuple(str(x) for x in session.instruments or ()),
        treatment_plan=session.treatment_plan or "")


def _code(kind, code: str) -> CodeText:
    found = kind(code)
    return CodeText(code=code, text=found.description if found else "")


def appeal_facts(denial: Denial, *, level: int, deadline: dt.date | None, today: dt.date,
                 signer: str, prior_decision_date: dt.date | None = None) -> AppealFacts:
    """The facts of one denial's appeal; ``deadline`` None means the level-1 default rule."""
    claim = denial.claim
    practice, patient, provider = claim.practice, claim.patient, claim.rendering_provider
    remittance_date = denial.payment.remittance.payment_date
    assumed = False
    if deadline is None:
        deadline, assumed = first_level_deadline(denial.appeal_deadline, remittance_date)
    lines = tuple(LineFacts(code=x.code, modifiers=tuple(x.modifiers or ()), units=x.units,
                            charge=x.charge, service_date=x.date_of_service)
                  for x in ClaimLine.unscoped.filter(claim_id=claim.pk).order_by("line_number"))
    service_date = min((x.service_date for x in lines),
                       default=claim.session.date_of_service if claim.session else today)
    address = mailing_lines(practice)
    payer = claim.payer
    return AppealFacts(
        today=today, level=level, deadline=deadline, deadline_is_default=assumed,
        practice_name=practice.name, practice_npi=practice.npi, practice_tin=practice.tin,
        practice_address=address, practice_phone=practice.phone, signer=signer,
        payer_name=payer.name if payer else denial.payment.remittance.payer_name,
        payer_kind=payer.kind if payer else "commercial",
        payer_address=(mailing_lines(payer, "appeals_") or mailing_lines(payer)) if payer else (),
        patient_name=patient.full_name,
        member_id=claim.coverage.member_id if claim.coverage else "",
        birth_date=patient.date_of_birth,
        claim_number=claim.patient_control_number,
        payer_claim_number=claim.payer_claim_number or denial.payment.payer_claim_number,
        service_date=service_date, lines=lines, total_charge=claim.total_charge,
        authorization_number=claim.prior_authorization,
        provider_name=f"{provider.first_name} {provider.last_name}",
        provider_credential=provider.credential, provider_npi=provider.npi,
        category=denial.category, group_code=denial.group_code,
        denied_code=denial.procedure_code, denied_amount=Decimal(denial.amount),
        reasons=tuple(_code(adjustments.carc, c) for c in denial.reason_codes or ()),
        remarks=tuple(_code(adjustments.rarc, c) for c in denial.remark_codes or ()),
        remittance_date=remittance_date, session=_session_facts(claim.session),
        prior_decision_date=prior_decision_date)


def facts_for_appeal(appeal: Appeal, *, today: dt.date, signer: str) -> AppealFacts:
    """Facts for an existing appeal (its level, deadline, prior decision)."""
    prior = (Appeal.unscoped.filter(practice_id=appeal.practice_id, denial_id=appeal.denial_id,
                                    level=appeal.level - 1).exclude(decided_on=None)
             .order_by("-decided_on").values_list("decided_on", flat=True).first())
    return appeal_facts(appeal.denial, level=appeal.level, deadline=appeal.deadline, today=today,
                        signer=signer, prior_decision_date=prior)
