"""Find our claim and claim lines for each 835 claim payment.

Claims (within the importing practice only), in order of trust:
1. CLP01 = our patient control number (CLM01 echoed back);
2. CLP07 = the payer claim number stored from an earlier 835 (corrections, reversals);
3. patient name (NM1*QC last name + first initial), date of service and charge;
else the payment goes to the unmatched queue with suggested claims (same charge and date,
or same patient and date).

Lines: REF*6R = our line control number; else same code, modifiers and date; else same
code and date with the 835's modifiers a subset of ours (payers drop modifiers like 95).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from bhbilling.app.models import Claim, ClaimLine
from bhbilling.x12.remit835 import ClaimPayment, ServicePayment

__all__ = ["match_claim", "match_lines", "service_date", "suggestions"]


def service_date(cp: ClaimPayment) -> dt.date | None:
    dates = [ln.date for ln in cp.lines if ln.date]
    return min(dates) if dates else cp.statement_from


def _name_ok(claim: Claim, cp: ClaimPayment) -> bool:
    name = cp.patient
    if name is None or not name.last:
        return False
    last_ok = claim.patient.last_name.strip().upper() == name.last.strip().upper()
    first = (name.first or "").strip().upper()
    return last_ok and (not first or claim.patient.first_name.strip().upper()[:1] == first[:1])


def match_claim(practice_id: int, cp: ClaimPayment) -> tuple[Claim | None, str]:
    base = Claim.objects.filter(practice_id=practice_id).select_related("patient", "coverage")
    if cp.patient_control_number:
        claim = base.filter(patient_control_number=cp.patient_control_number).first()
        if claim is not None:
            return claim, "pcn"
    if cp.payer_claim_number:
        claim = base.filter(payer_claim_number=cp.payer_claim_number).order_by("-id").first()
        if claim is not None:
            return claim, "payer_claim_number"
    day = service_date(cp)
    charge = abs(cp.charge)
    if day is not None:
        candidates = base.filter(total_charge=charge, lines__date_of_service=day).distinct()
        named = [c for c in candidates if _name_ok(c, cp)]
        if len(named) == 1:
            return named[0], "patient_date_amount"
    return None, ""


def suggestions(practice_id: int, cp: ClaimPayment, limit: int = 5) -> list[int]:
    """Claim ids a person should look at first for an unmatched payment."""
    day = service_date(cp)
    if day is None:
        return []
    base = Claim.objects.filter(practice_id=practice_id, lines__date_of_service=day).distinct()
    by_amount = list(base.filter(total_charge=abs(cp.charge)).values_list("id", flat=True)[:limit])
    by_name = [c.pk for c in base.select_related("patient")[:200] if _name_ok(c, cp)]
    return list(dict.fromkeys(by_amount + by_name))[:limit]


def _mods(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(m for m in values if m)


def match_lines(claim: Claim, cp: ClaimPayment) -> list[str | None]:
    """Our line control number for each SVC line (None when no line fits)."""
    lines: list[ClaimLine] = list(claim.lines.all())
    by_ref = {ln.line_control_number: ln for ln in lines}
    used: set[str] = set()
    out: list[str | None] = []
    for svc in cp.lines:
        found = by_ref.get(svc.control_number) if svc.control_number else None
        if found is None or found.line_control_number in used:
            found = _by_code(lines, svc, used)
        if found is not None:
            used.add(found.line_control_number)
        out.append(found.line_control_number if found is not None else None)
    return out


def _by_code(lines: list[ClaimLine], svc: ServicePayment, used: set[str]) -> ClaimLine | None:
    code = svc.procedure.code
    mods = _mods(svc.modifiers)
    day = svc.date
    free = [ln for ln in lines if ln.line_control_number not in used and ln.code == code
            and (day is None or ln.date_of_service == day)]
    exact = [ln for ln in free if _mods(ln.modifiers) == mods]
    if exact:
        return exact[0]
    subset = [ln for ln in free if set(mods) <= set(ln.modifiers)]
    if subset:
        return subset[0]
    charge = Decimal(svc.charge)
    return next((ln for ln in free if ln.charge == charge), None)
