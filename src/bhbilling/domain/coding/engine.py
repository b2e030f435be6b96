"""The coding engine: one documented session in, proposed claim lines with reasons out.

Steps (each in its own rule module, each decision a ``Note`` with a stable rule id):
1. Status: only a completed session is billed (NOT-COMPLETED); an unsigned note is coded
   but held (NOTE-UNSIGNED).
2. Who bills (``credentials``): excluded credentials, associates billed under the
   supervisor, on their own NPI, or not at all.
3. Place of service and telehealth modifiers (``modifiers``): needed first because crisis
   codes depend on the place (Medicare G0017/G0018).
4. Codes for the service type (psychotherapy, evaluation, crisis, family/group, screening,
   testing, SUD), then what the billing credential may not bill is dropped, interactive
   complexity is added where allowed, and codes a payer takes no audio-only are dropped.
5. Modifiers in payer order, diagnosis pointers, charges.

Speed: tables are built at import, notes whose text depends only on their inputs are
cached, and nothing is deep-copied -- about 12 microseconds a session (see
benchmarks/bench_coding.py).
"""

from __future__ import annotations

from collections.abc import Callable

from bhbilling.domain.coding import (
    crisis,
    evaluation,
    family_group,
    psychotherapy,
    screening,
    sud,
    testing,
)
from bhbilling.domain.coding.codesets import REF, drop_orphans, units
from bhbilling.domain.coding.complexity import add_interactive_complexity
from bhbilling.domain.coding.credentials import billing_override, filter_allowed, resolve_biller
from bhbilling.domain.coding.diagnoses import claim_diagnoses, pointers
from bhbilling.domain.coding.facts import CodingContext
from bhbilling.domain.coding.fees import charge
from bhbilling.domain.coding.modifiers import (
    credential_modifiers,
    filter_audio_only,
    order_modifiers,
    place_of_service,
)
from bhbilling.domain.coding.result import CodingResult, Note, ProposedLine
from bhbilling.domain.coding.work import Draft, Work

RuleFn = Callable[[Work], list[Draft]]

# ServiceType value -> rule. SUD service types go through ``sud`` (H-code rule or CPT).
RULES: dict[str, RuleFn] = {
    "intake_evaluation": evaluation.code_evaluation,
    "intake_evaluation_medical": evaluation.code_evaluation_medical,
    "psychotherapy": psychotherapy.code_psychotherapy,
    "em_with_psychotherapy": psychotherapy.code_em,
    "medication_management": psychotherapy.code_em,
    "crisis": crisis.code_crisis,
    "family_with_patient": family_group.code_family_with_patient,
    "family_without_patient": family_group.code_family_without_patient,
    "group": family_group.code_group,
    "screening": screening.code_screening,
    "psychological_testing": testing.code_testing,
    "neuropsychological_testing": testing.code_testing,
    "sud_assessment": sud.code_sud,
    "sud_individual": sud.code_sud,
    "sud_group": sud.code_sud,
    "peer_support": sud.code_sud,
    "case_management": sud.code_sud,
    "sud_intensive_outpatient": sud.code_sud,
    "therapeutic_behavioral": sud.code_sud,
}

_REF_STATUS = f"{REF}1.2"
_UNSIGNED = Note("NOTE-UNSIGNED", "note not signed; hold before submission", "issue 3")
_NONE: tuple[Note, ...] = ()
_status_notes: dict[str, Note] = {}
_unsupported_notes: dict[str, Note] = {}


def _status_note(status: str) -> Note:
    note = _status_notes.get(status)
    if note is None:
        note = _status_notes[status] = Note(
            "NOT-COMPLETED", f"session status is {status.replace('_', ' ')}: only a completed session is "
            "billed", "issue 3")
    return note


def _unsupported(service_type: str) -> Note:
    note = _unsupported_notes.get(service_type)
    if note is None:
        note = _unsupported_notes[service_type] = Note(
            "SVC-UNSUPPORTED", f"service type {service_type!r} is not coded by the engine; code it by hand",
            f"{REF}1")
    return note


def _empty(w: Work, diagnoses: tuple[str, ...] = ()) -> CodingResult:
    return CodingResult(w.session.session_id, (), tuple(w.reasons), tuple(w.warnings), diagnoses)


def code_session(ctx: CodingContext) -> CodingResult:
    """Propose the claim lines for one session, with a reason for every choice."""
    w = Work(ctx)
    s = w.session
    if s.status != "completed":
        w.warnings.append(_status_note(s.status))
        return _empty(w)
    if not s.note_signed:
        w.warnings.append(_UNSIGNED)
    if not resolve_biller(w):
        return _empty(w)
    th_mods = place_of_service(w)
    if th_mods is None:
        return _empty(w)
    rule = RULES.get(s.service_type)
    if rule is None:
        w.warnings.append(_unsupported(s.service_type))
        return _empty(w)
    drafts = rule(w)
    if drafts:
        n = len(drafts)
        drafts = filter_allowed(w, drafts)
        if len(drafts) != n:
            drafts = drop_orphans(drafts)
    drafts = add_interactive_complexity(w, drafts)
    drafts = filter_audio_only(w, drafts)
    if not drafts:
        return _empty(w)
    return _finish(w, drafts, th_mods)


def _finish(w: Work, drafts: list[Draft], th_mods: tuple[str, ...]) -> CodingResult:
    diagnoses = claim_diagnoses(w)
    ptrs = pointers(w, diagnoses, [d.code for d in drafts])
    cred_mods = credential_modifiers(w)
    override = billing_override(w)
    sup_mods = w.profile.supervised_modifiers if override else ()
    shared = bool(th_mods or cred_mods or sup_mods)
    fees, pos, npi = w.ctx.fees, w.pos, w.ctx.provider.npi
    lines = []
    for d in drafts:
        if shared or d.program:
            mods = order_modifiers(w, d.code, {"telehealth": th_mods, "credential": cred_mods,
                                               "program": d.program, "supervision": sup_mods})
        else:
            mods = ()
        u = units(d.units)
        lines.append(ProposedLine(d.code, mods, u, pos, ptrs, charge(w, fees, d.code, mods, u), npi,
                                  override))
    return CodingResult(w.session.session_id, tuple(lines), tuple(w.reasons), tuple(w.warnings),
                        diagnoses)
