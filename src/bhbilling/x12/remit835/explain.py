"""An 835 as plain data for people and machines (`bhbilling remit show FILE --json`).

What an explanation of benefits shows, per transaction: the payment (amount, method,
date, trace), payer and payee, each claim (our account number, the payer's claim number,
status, patient name and member id, charge, paid, patient responsibility, adjustments by
group and by reason with their CARC text, remarks, service lines) and the provider-level
adjustments, then whether it balances and by how much. Money is a string with two
decimals ("-12.50"), dates ISO ("2026-06-01"), absent values "" -- so the JSON round-trips
exactly. This output is for the user who owns the remittance, so names appear here; it
must not be logged (the balance report, which has no PHI, is what logs may carry).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bhbilling.reference.adjustments import carc, claim_status, group, rarc
from bhbilling.x12.remit835.balancing import BalanceReport, balance_report
from bhbilling.x12.remit835.claim_model import Adjustment, ClaimPayment, EntityName, ServicePayment
from bhbilling.x12.remit835.elements import ZERO
from bhbilling.x12.remit835.model import Remittance

__all__ = ["explain"]

METHOD_NAMES = {"ACH": "ACH transfer", "BOP": "financial institution option", "CHK": "check",
                "FWT": "federal reserve wire", "NON": "no payment"}


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value.quantize(ZERO):f}"


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _adjustments(items: tuple[Adjustment, ...]) -> list[dict[str, str]]:
    out = []
    for a in items:
        known = carc(a.reason)
        out.append({"group": a.group, "group_name": group(a.group) or "", "reason": a.reason,
                    "reason_text": known.description if known else "",
                    "amount": _money(a.amount),
                    "quantity": "" if a.quantity is None else f"{a.quantity:f}"})
    return out


def _by_group(items: tuple[Adjustment, ...]) -> dict[str, str]:
    totals: dict[str, Decimal] = {}
    for a in items:
        totals[a.group] = totals.get(a.group, ZERO) + a.amount
    return {g: _money(v) for g, v in sorted(totals.items())}


def _remarks(codes: list[tuple[str, str]]) -> list[dict[str, str]]:
    out = []
    for qualifier, code in codes:
        known = rarc(code) if qualifier in ("HE", "MOA", "MIA") else None
        out.append({"code": code, "text": known.description if known else ""})
    return out


def _name(name: EntityName | None) -> dict[str, str]:
    if name is None:
        return {}
    return {"name": name.display, "id_qualifier": name.id_qualifier, "id": name.identifier}


def _line(line: ServicePayment) -> dict[str, Any]:
    original = line.original_procedure
    return {
        "number": str(line.number), "control_number": line.control_number,
        "qualifier": line.procedure.qualifier, "code": line.code,
        "modifiers": list(line.modifiers),
        "original_code": original.code if original else "",
        "original_modifiers": list(original.modifiers) if original else [],
        "date": _date(line.date), "date_end": _date(line.service_end),
        "units": f"{line.units:f}", "charge": _money(line.charge),
        "allowed": _money(line.allowed), "paid": _money(line.paid),
        "adjustments_by_group": _by_group(line.adjustments),
        "adjustments": _adjustments(line.adjustments),
        "remarks": _remarks([(r.qualifier, r.code) for r in line.remarks]),
    }


def _claim(claim: ClaimPayment) -> dict[str, Any]:
    status = claim_status(claim.status)
    medicare = [(m.segment_id, code) for m in (claim.inpatient, claim.outpatient) if m
                for code in m.remark_codes]
    return {
        "index": str(claim.index), "patient_control_number": claim.patient_control_number,
        "payer_claim_number": claim.payer_claim_number, "status": claim.status,
        "status_text": status.description if status else "",
        "reversal": claim.is_reversal, "crossover": claim.is_crossover,
        "crossover_carrier": claim.crossover_carrier.last if claim.crossover_carrier else "",
        "patient": _name(claim.patient), "insured": _name(claim.insured),
        "rendering_provider": _name(claim.service_provider),
        "statement_from": _date(claim.statement_from), "statement_to": _date(claim.statement_to),
        "charge": _money(claim.charge), "paid": _money(claim.paid),
        "patient_responsibility": _money(claim.patient_responsibility),
        "adjustments_by_group": _by_group(claim.all_adjustments),
        "claim_adjustments": _adjustments(claim.adjustments),
        "remarks": _remarks(medicare),
        "lines": [_line(line) for line in claim.lines],
    }


def explain(remittance: Remittance, report: BalanceReport | None = None) -> dict[str, Any]:
    """One transaction as nested dicts and lists of strings (plus a few booleans)."""
    report = report or balance_report(remittance)
    h = remittance.header
    pay = h.payment
    return {
        "file": h.file or "", "control_number": h.control_number, "usage": h.usage,
        "production_date": _date(h.production_date),
        "payment": {"amount": _money(pay.signed_amount), "handling": pay.handling,
                    "credit_debit": pay.credit_debit, "method": pay.method,
                    "method_text": METHOD_NAMES.get(pay.method, ""), "date": _date(pay.date),
                    "trace_number": h.trace.number, "payer_trace_id": h.trace.originator},
        "payer": {"name": h.payer.name, "id": h.payer.identifier},
        "payee": {"name": h.payee.name, "npi": h.payee.npi, "tin": h.payee.tin},
        "claims": [_claim(c) for c in remittance.claims],
        "provider_adjustments": [
            {"reason": p.reason, "reference": p.reference, "amount": _money(p.amount),
             "provider_id": p.provider_id, "fiscal_period_date": _date(p.fiscal_period_date)}
            for p in remittance.provider_adjustments],
        "totals": {"claims_charged": _money(sum((c.charge for c in remittance.claims), ZERO)),
                   "claims_paid": _money(report.claims_paid),
                   "provider_adjustments": _money(report.provider_adjustments),
                   "payment": _money(report.payment)},
        "balanced": report.balanced,
        "differences": [
            {"rule": i.rule, "location": i.location, "element": i.element,
             "stated": _money(i.stated), "expected": _money(i.expected),
             "difference": _money(i.difference)} for i in report.imbalances],
    }
