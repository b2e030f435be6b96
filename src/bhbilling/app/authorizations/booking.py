"""May this session be booked (or charged)? The blocking warning before it is too late.

Checks, on the session's date and the patient's primary coverage then:
1. Authorization (``domain.authorizations.check_booking`` over every session already on
   file): blocks when nothing covers the code and date, the units run out, or the weekly
   frequency cap is reached; warns near the alert thresholds. When no authorization of
   the payer lists the code, it blocks only if the payer's newest 271 said authorization
   is required for mental health (EB11 Y), else there is nothing to check.
2. Visit limit (``visits.visit_status``): blocks when this visit would go past the plan's
   visits for the benefit year (counted across all providers of the practice), warns when
   2 or fewer would be left.
"Blocking" means the screen asks the user to confirm (or fix) before going on; nothing
here refuses to save, because an authorization can arrive after the session is booked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bhbilling.app.authorizations.usage import thresholds
from bhbilling.app.authorizations.uses import booking_use, load_patients, session_minutes
from bhbilling.app.authorizations.visits import VisitStatus, visit_status
from bhbilling.app.coding import current_decision
from bhbilling.app.eligibility.recording import primary_coverage
from bhbilling.app.eligibility.responsibility import booked_lines
from bhbilling.app.eligibility.stored import latest_check
from bhbilling.app.models import Authorization, ClinicalSession, Patient
from bhbilling.domain import authorizations as da
from bhbilling.domain.parties import ServiceType

__all__ = ["BookingWarning", "check_booking", "check_session"]


@dataclass(frozen=True, slots=True)
class BookingWarning:
    blocking: bool
    messages: tuple[str, ...] = ()
    authorization: Authorization | None = None
    remaining_after: int | None = None
    visits: VisitStatus | None = None

    @property
    def authorization_number(self) -> str:
        return self.authorization.number if self.authorization is not None else ""


def _codes(service_type: str, codes: Sequence[str]) -> list[str]:
    if codes:
        return list(codes)
    try:
        return list(ServiceType(service_type).codes)
    except ValueError:
        return []


def check_booking(patient: Patient, *, on: dt.date, service_type: str = "",
                  codes: Sequence[str] = (), minutes: int | None = None,
                  provider_id: int | None = None, session_id: int | None = None,
                  charging: bool = False) -> BookingWarning:
    """The warning for booking (or, with `charging`, billing) one session; see above.

    `codes` are the session's expected codes (primary first); without them the session
    type's codes are tried in order, which cannot tell a 90832 from a 90837: pass the code
    when the authorizations differ by code.
    """
    coverage = primary_coverage(patient, on)
    if coverage is None or not coverage.is_active_on(on):
        return BookingWarning(False, ("no insurance on file for the date: no authorization to check",))
    limits = thresholds()
    state = load_patients([patient.pk]).get(patient.pk)
    rows = [r for r in (state.rows if state else []) if r.payer_id == coverage.payer_id]
    status = da.UseStatus.BILLED if charging else da.UseStatus.SCHEDULED
    key = f"session:{session_id}" if session_id else "booking"
    use = booking_use(rows, key, coverage.payer_id, provider_id, _codes(service_type, codes), on,
                      minutes, status)
    messages: list[str] = []
    blocking, chosen, remaining = False, None, None
    if use is not None and state is not None:
        result = da.check_booking(state.authorizations, state.uses, use, limits=limits)
        blocking, remaining = result.blocking, result.remaining_after
        messages += result.warnings
        chosen = state.row(result.authorization_number) if result.authorization_number else None
    else:
        check = latest_check(patient, coverage.payer_id)
        if check is not None and (check.summary or {}).get("authorization_required") is True:
            blocking = True
            messages.append("the payer's eligibility answer says mental-health services need "
                            "authorization, and none on file covers this service")
    visits = visit_status(patient, on, payer_id=coverage.payer_id,
                          extra=da.Visit(on, str(provider_id or ""), "scheduled"),
                          exclude_session=session_id)
    if visits is not None:
        if visits.remaining < 0:
            blocking = True
            messages.append(f"visit limit reached: the plan allows {visits.count.limit} visits per "
                            f"{visits.period}; {visits.used} used and {visits.count.scheduled} "
                            "booked with this one")
        elif visits.remaining <= limits.units_left:
            messages.append(f"{visits.remaining} visit(s) left this {visits.period} after this one")
    return BookingWarning(blocking, tuple(messages), chosen, remaining, visits)


def _session_codes(session: ClinicalSession) -> list[str]:
    """The coder's lines, else what the engine would propose for the session as booked."""
    decision = current_decision(session)
    if decision is not None:
        lines = decision.final or decision.proposed.get("lines", [])
        if lines:
            return [ln["code"] for ln in lines]
    return [ln.code for ln in booked_lines(session)]


def check_session(session: ClinicalSession, *, charging: bool = False) -> BookingWarning:
    """`check_booking` for a session on file (re-checking it replaces its own use)."""
    return check_booking(session.patient, on=session.date_of_service,
                         service_type=session.service_type, codes=_session_codes(session),
                         minutes=session_minutes(session), provider_id=session.provider_id,
                         session_id=session.pk, charging=charging)
