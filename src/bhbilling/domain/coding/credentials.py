"""Who may bill what, and under whose NPI (reference §1.1, §1.7, §1.10, §5).

Built-in rules, overridden per code by ``PayerProfile.allowed_credentials``:
- 90792, office E/M 99202-99215 and the E/M psychotherapy add-ons 90833/90836/90838 are
  prescriber-only (MD, DO, PMHNP, NP, CNS, PA) -- psychologists and social workers may not
  report 90792 or E/M (§1.1 [V: S133], §5).
- Psychological/neuropsychological testing 96130-96139: psychologists (PHD/PSYD) and
  physicians (§5: testing is outside CSW scope [K]; payers widen it in their profile).
- Everything else: any licensed behavioral-health clinician in scope.
A credential in ``excluded_credentials`` produces no claim at all (e.g. Medicare for LADC,
§5 [V: S70]). A pre-licensed associate never bills alone unless the payer says "self";
under "supervisor" the supervisor's NPI and credential decide (§5 incident-to [V: S65]).
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import (
    EM_CODES,
    NEEDS_SUPERVISOR,
    PHYSICIANS,
    PRESCRIBERS,
    PSYCHOLOGISTS,
    REF,
)
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

_TESTERS = PSYCHOLOGISTS | PHYSICIANS
BUILT_IN_ALLOWED: dict[str, frozenset[str]] = {
    "90792": PRESCRIBERS,
    "90833": PRESCRIBERS, "90836": PRESCRIBERS, "90838": PRESCRIBERS,
    **{code: PRESCRIBERS for code in EM_CODES},
    **{code: _TESTERS for code in ("96130", "96131", "96132", "96133", "96136", "96137",
                                   "96138", "96139")},
}
_SECTION = {"90792": "1.1", "96130": "1.7", "96131": "1.7", "96132": "1.7", "96133": "1.7",
            "96136": "1.7", "96137": "1.7", "96138": "1.7", "96139": "1.7"}


def may_bill(code: str, credential: str, profile) -> bool:
    """True when ``credential`` may bill ``code`` for this payer (profile list wins)."""
    allowed = profile.allowed_credentials.get(code) or BUILT_IN_ALLOWED.get(code)
    return allowed is None or credential in allowed


@lru_cache(maxsize=1024)
def not_allowed_note(code: str, credential: str, by_profile: bool) -> Note:
    source = "this payer's credential list" if by_profile else "prescriber/psychologist scope"
    section = _SECTION.get(code, "5")
    if code in EM_CODES or code in ("90833", "90836", "90838"):
        section = "1.10" if code in EM_CODES else "1.2"
    return Note("CRED-NOT-ALLOWED", f"{label(code)} may not be billed by {credential} ({source})",
                f"{REF}{section}, §5")


def filter_allowed(w: Work, drafts: list[Draft]) -> list[Draft]:
    """Drop lines the billing credential may not bill, with a warning naming it."""
    profile, credential = w.profile, w.credential
    kept = []
    for d in drafts:
        if may_bill(d.code, credential, profile):
            kept.append(d)
        else:
            w.warnings.append(not_allowed_note(d.code, credential, d.code in profile.allowed_credentials))
    return kept


@lru_cache(maxsize=256)
def _note(rule: str, text: str, section: str) -> Note:
    return Note(rule, text, f"{REF}{section}")


def resolve_biller(w: Work) -> bool:
    """Settle who bills: sets ``w.credential`` to the credential that decides the codes.

    False (no claim) with a warning when the payer does not cover the credential, or an
    associate cannot bill this payer.
    """
    provider, profile = w.ctx.provider, w.profile
    credential = provider.credential
    if credential in profile.excluded_credentials:
        w.warnings.append(_note("CRED-NOT-ALLOWED",
                                f"{profile.label} does not cover services rendered by {credential}",
                                "5"))
        return False
    if credential not in NEEDS_SUPERVISOR:
        return True
    mode = profile.associate_billing
    if mode == "self":
        w.reasons.append(_note("SUP-BILLING",
                               f"{credential}: {profile.label} accepts claims under the associate's own NPI",
                               "5"))
        return True
    if mode == "not_covered":
        w.warnings.append(_note("SUP-BILLING",
                                f"{profile.label} does not cover services by a pre-licensed associate "
                                "(no claim in the associate's name)", "5"))
        return False
    if mode != "supervisor":
        w.warnings.append(_note("SUP-BILLING", f"unknown associate billing rule {mode!r} on the payer "
                                "profile; no claim", "5"))
        return False
    supervisor = provider.supervisor
    if supervisor is None:
        w.warnings.append(_note("SUP-BILLING", f"{profile.label} bills an associate's services under the "
                                "supervisor, but no supervisor is recorded; no claim", "5"))
        return False
    sup_credential = supervisor.credential
    if sup_credential in NEEDS_SUPERVISOR or sup_credential in profile.excluded_credentials:
        w.warnings.append(_note("SUP-BILLING", f"the supervisor's credential {sup_credential} cannot bill "
                                f"{profile.label}; no claim", "5"))
        return False
    w.credential = sup_credential
    w.reasons.append(_note("SUP-BILLING", f"associate's service billed under the supervising "
                           f"{sup_credential}'s NPI; the supervisor's credential decides the codes "
                           "and credential modifiers", "5, §3.2"))
    return True


def billing_override(w: Work) -> str | None:
    """The supervisor's NPI when the service is billed under supervision, else None."""
    provider = w.ctx.provider
    if provider.credential in NEEDS_SUPERVISOR and w.profile.associate_billing == "supervisor" \
            and provider.supervisor is not None:
        return provider.supervisor.npi
    return None
