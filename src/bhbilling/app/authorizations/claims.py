"""The prior authorization number a claim carries (837P 2300 REF*G1).

Why computed, not typed: the number must be the authorization the session actually draws
from. With two overlapping authorizations (an old one running out, a renewal starting) the
one that expires first and still has room is used (``domain.authorizations.allocate``),
the same rule the usage bars and alerts show, so the claim, the balance and the scrubber
agree.

``authorization_for_claim(claim)`` works on a claim being built (not saved yet: codes from
its coding decision) or saved (codes from its lines): it places the claim as a billed use
of its session among every other session of the patient and answers the number it draws
from, "" when no authorization of the claim's payer covers it (the scrubber then decides
whether the payer needs one). A number already on the claim is kept.
``assign_authorizations(claims)`` does the same for a chunk of claims being built, with
one load of the patients' authorizations and sessions.
"""

from __future__ import annotations

from collections.abc import Iterable

from bhbilling.app.authorizations.uses import (
    PatientUses,
    booking_use,
    load_patients,
    session_minutes,
)
from bhbilling.app.models import Claim
from bhbilling.domain import authorizations as da

__all__ = ["assign_authorizations", "authorization_for_claim"]


def _codes(claim: Claim) -> list[str]:
    if claim.pk is not None and claim.lines.exists():
        return [ln.code for ln in claim.lines.order_by("line_number")]
    decision = claim.decision
    if decision is None:
        return []
    return [ln["code"] for ln in (decision.final or decision.proposed.get("lines", []))]


def _service_day(claim: Claim):
    if claim.session_id is not None:
        return claim.session.date_of_service
    if claim.pk is not None:
        return min((ln.date_of_service for ln in claim.lines.all()), default=None)
    return None


def _number(claim: Claim, state: PatientUses | None) -> str:
    if claim.prior_authorization:
        return claim.prior_authorization
    day = _service_day(claim)
    if claim.payer_id is None or day is None or state is None:
        return ""
    rows = [r for r in state.rows if r.payer_id == claim.payer_id]
    session = claim.session if claim.session_id is not None else None
    key = f"session:{claim.session_id}" if session is not None else f"claim:{claim.pk or 'new'}"
    provider_id = session.provider_id if session is not None else claim.rendering_provider_id
    use = booking_use(rows, key, claim.payer_id, provider_id, _codes(claim), day,
                      session_minutes(session) if session is not None else None,
                      da.UseStatus.BILLED)
    if use is None:
        return ""
    others = [u for u in state.uses if u.key != key]
    return da.allocate(state.authorizations, [*others, use]).drawn_from(key)


def authorization_for_claim(claim: Claim) -> str:
    """The REF*G1 number for `claim`, or "" (see the module docstring)."""
    if claim.prior_authorization:
        return claim.prior_authorization
    return _number(claim, load_patients([claim.patient_id]).get(claim.patient_id))


def assign_authorizations(claims: Iterable[Claim]) -> None:
    """Set ``prior_authorization`` on each claim that has none, loading every patient's
    authorizations once (for a chunk of claims being built; see ``authorization_for_claim``)."""
    claims = list(claims)
    states = load_patients({c.patient_id for c in claims if not c.prior_authorization})
    for claim in claims:
        claim.prior_authorization = _number(claim, states.get(claim.patient_id))
