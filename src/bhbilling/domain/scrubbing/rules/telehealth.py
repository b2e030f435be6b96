"""Telehealth: place of service and modifiers match the payer's rules and the modality
(reference §3.1, §4.1, §4.2; CARC 4 modifier, CARC 5 place of service).

The payer's rules are the coding engine's ``TelehealthRules`` (from the payer profile):
- POS: the payer's fixed telehealth POS (``pos_override``, e.g. 11 with 95), else 10 when
  the patient was at home and 02 elsewhere; either when the snapshot does not say where.
  An in-person service never carries telehealth POS 02/10.
- Modifiers: video wants ``video_modifiers`` (95, GT or none -- Medicare signals telehealth
  by POS), audio-only ``audio_modifiers`` (93, FQ or both). A telehealth modifier on an
  in-person line is an error; one the payer does not use for the modality is a warning.
- Audio-only: refused when the payer takes none, or for a code outside its audio-only list.
"""

from __future__ import annotations

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.code_groups import REF, TELEHEALTH_MODIFIERS, TELEHEALTH_POS

RULES = RuleSet("telehealth", "telehealth")
_SELF_PAY = ("self_pay",)
_REF = f"{REF}3.1, §4.1, §4.2"


def _expected_pos(c) -> tuple[str, ...]:
    th = c.payer.telehealth
    if th.pos_override:
        return (th.pos_override,)
    if c.patient_at_home is None:
        return (th.pos_home, th.pos_other)
    return (th.pos_home,) if c.patient_at_home else (th.pos_other,)


def _wanted_modifiers(c) -> tuple[str, ...]:
    th = c.payer.telehealth
    return tuple(th.video_modifiers) if c.modality == "video" else tuple(th.audio_modifiers)


@RULES.rule("TH-POS-001", ERROR, "telehealth place of service wrong", element="2300 CLM05-1, 2400 SV1-05",
            fix="use the payer's telehealth place of service (10 patient at home, 02 elsewhere, or its own)",
            reference=f"{_REF}; CARC 5", skip_payers=_SELF_PAY)
def telehealth_pos(c, p):
    modality = c.modality
    if modality == "in_person":
        return None
    if modality not in ("video", "audio_only"):
        return ((f"unknown modality {modality!r}; expected in_person, video or audio_only", None),)
    expected = _expected_pos(c)
    shown = " or ".join(expected)
    hits = None
    if c.place_of_service not in expected:
        hits = [(f"{modality.replace('_', '-')} telehealth billed at POS {c.place_of_service}; "
                 f"payer {c.payer.payer_id} expects {shown}", None)]
    for i, line in enumerate(c.lines, 1):
        if line.place_of_service and line.place_of_service not in expected:
            hits = hits or []
            hits.append((f"{line.code} at POS {line.place_of_service}; payer expects {shown} for telehealth",
                         i))
    return hits


@RULES.rule("TH-POS-002", ERROR, "telehealth POS on an in-person service",
            element="2300 CLM05-1, 2400 SV1-05",
            fix="use the place where the patient was seen (e.g. 11 office), or record it as telehealth",
            reference=f"{_REF}; CARC 5", skip_payers=_SELF_PAY)
def in_person_pos(c, p):
    if c.modality != "in_person":
        return None
    hits = None
    if c.place_of_service in TELEHEALTH_POS:
        hits = [(f"in-person service billed at telehealth POS {c.place_of_service}", None)]
    for i, line in enumerate(c.lines, 1):
        if line.place_of_service in TELEHEALTH_POS:
            hits = hits or []
            hits.append((f"in-person {line.code} at telehealth POS {line.place_of_service}", i))
    return hits


@RULES.rule("TH-MOD-001", ERROR, "telehealth modifier missing", element="2400 SV1-01-3..6",
            fix="add the payer's telehealth modifier for the modality (e.g. 95 video, 93 audio-only)",
            reference=f"{_REF}; CARC 4", skip_payers=_SELF_PAY)
def telehealth_modifier(c, p):
    if c.modality not in ("video", "audio_only"):
        return None
    wanted = _wanted_modifiers(c)
    if not wanted:
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        missing = [m for m in wanted if m not in line.modifiers]
        if missing:
            hits = hits or []
            hits.append((f"{line.code} by {c.modality.replace('_', '-')} lacks modifier "
                         f"{' + '.join(missing)} for payer {c.payer.payer_id}", i))
    return hits


@RULES.rule("TH-MOD-002", ERROR, "telehealth modifier on an in-person service", element="2400 SV1-01-3..6",
            fix="remove the telehealth modifier, or record the session as telehealth",
            reference=f"{_REF}; CARC 4", skip_payers=_SELF_PAY)
def in_person_modifier(c, p):
    if c.modality != "in_person":
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        extra = [m for m in line.modifiers if m in TELEHEALTH_MODIFIERS]
        if extra:
            hits = hits or []
            hits.append((f"in-person {line.code} carries telehealth modifier {' '.join(extra)}", i))
    return hits


@RULES.rule("TH-MOD-003", WARNING, "telehealth modifier the payer does not use", element="2400 SV1-01-3..6",
            fix="use only the payer's modifiers for the modality (Medicare video: POS alone, no 95)",
            reference=f"{_REF} [C: Medicare and 95]", skip_payers=_SELF_PAY)
def unexpected_modifier(c, p):
    if c.modality not in ("video", "audio_only"):
        return None
    wanted = _wanted_modifiers(c)
    hits = None
    for i, line in enumerate(c.lines, 1):
        extra = [m for m in line.modifiers if m in TELEHEALTH_MODIFIERS and m not in wanted]
        if extra:
            hits = hits or []
            hits.append((f"{line.code} carries {' '.join(extra)}; payer {c.payer.payer_id} uses "
                         f"{' + '.join(wanted) or 'no modifier'} for {c.modality.replace('_', '-')}", i))
    return hits


@RULES.rule("TH-AUDIO-001", ERROR, "audio-only not accepted", element="2400 SV1-01",
            fix="bill a video or in-person visit, or bill the patient with notice; the payer does not pay "
                "audio-only for this service",
            reference=f"{REF}3.1, §4.2", skip_payers=_SELF_PAY)
def audio_only(c, p):
    if c.modality != "audio_only":
        return None
    th = c.payer.telehealth
    if not th.audio_only_allowed:
        return ((f"payer {c.payer.payer_id} does not accept audio-only services", None),)
    allowed = th.audio_only_codes
    if allowed is None:
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code not in allowed:
            hits = hits or []
            hits.append((f"{line.code} is not on payer {c.payer.payer_id}'s audio-only list", i))
    return hits
