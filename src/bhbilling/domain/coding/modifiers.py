"""Place of service and line modifiers: telehealth, credential, program, supervision
(reference §3.1, §3.2, §4.1, §4.2, §8.3).

- In person: the service location's POS (office 11, home 12, CMHC 53 ...).
- Video: the payer's fixed POS (``pos_override``, e.g. 11 or 02), else 10 when the patient
  was at home and 02 elsewhere (§4.1 [V: S47, S48]); plus the payer's video modifiers (95,
  GT, or none -- Medicare signals telehealth by POS [C], §3.1).
- Audio-only: same POS, plus the payer's audio modifiers (93, FQ, or both); refused -- no
  lines -- when the payer takes no audio-only, or for a code outside its audio-only list.
- Credential modifiers (HO/HP/AJ/AH ...) from the payer's map for the billing credential;
  program modifiers from the H-code rule; supervision modifiers when billed under a
  supervisor. Ordered by the payer's ``modifier_order`` kinds; at most four fit on an 837P
  line (SV101-3..6), extras are dropped with a warning.
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF, drop_orphans
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

MAX_MODIFIERS = 4
DEFAULT_ORDER = ("procedure", "credential", "program", "supervision", "telehealth")
_REF_TH = f"{REF}3.1, §4.1"


@lru_cache(maxsize=256)
def _pos_note(modality: str, where: str, pos: str, override: bool) -> Note:
    how = "the payer's fixed telehealth POS" if override else (
        "patient at home" if where == "home" else "patient not at home")
    return Note("TH-POS", f"{modality.replace('_', '-')} telehealth: POS {pos} ({how})", _REF_TH)


@lru_cache(maxsize=256)
def _mod_note(rule: str, modality: str, mods: tuple[str, ...]) -> Note:
    what = "video" if modality == "video" else "audio-only"
    if not mods:
        return Note(rule, f"{what} telehealth: this payer wants no telehealth modifier", _REF_TH)
    return Note(rule, f"{what} telehealth: modifier {' + '.join(mods)} for this payer", _REF_TH)


_AUDIO_REFUSED = Note("TH-AUDIO", "this payer does not accept audio-only services; no claim lines",
                      f"{REF}3.1, §4.2")
_UNKNOWN_MODALITY = Note("TH-POS", "unknown modality on the session; no claim lines", _REF_TH)


@lru_cache(maxsize=256)
def _audio_code_refused(code: str) -> Note:
    return Note("TH-AUDIO", f"{code} is not on this payer's audio-only list; not billed", f"{REF}3.1, §4.2")


def place_of_service(w: Work) -> tuple[str, ...] | None:
    """Set ``w.pos``; return the telehealth modifiers, or None when nothing may be billed."""
    s = w.session
    modality = s.modality
    if modality == "in_person":
        w.pos = s.location_pos
        return ()
    th = w.profile.telehealth
    if modality == "video":
        mods, rule = th.video_modifiers, "TH-MOD"
    elif modality == "audio_only":
        if not th.audio_only_allowed:
            w.warnings.append(_AUDIO_REFUSED)
            return None
        mods, rule = th.audio_modifiers, "TH-AUDIO"
    else:
        w.warnings.append(_UNKNOWN_MODALITY)
        return None
    override = th.pos_override
    w.pos = override or (th.pos_home if s.patient_location == "home" else th.pos_other)
    w.reasons.append(_pos_note(modality, s.patient_location, w.pos, override is not None))
    w.reasons.append(_mod_note(rule, modality, tuple(mods)))
    return tuple(mods)


def filter_audio_only(w: Work, drafts: list[Draft]) -> list[Draft]:
    """Drop codes the payer does not take audio-only (and add-ons left without a primary)."""
    allowed = w.profile.telehealth.audio_only_codes
    if allowed is None or w.session.modality != "audio_only":
        return drafts
    kept = []
    for d in drafts:
        if d.code in allowed:
            kept.append(d)
        else:
            w.warnings.append(_audio_code_refused(d.code))
    return drop_orphans(kept) if len(kept) != len(drafts) else kept


@lru_cache(maxsize=256)
def _cred_note(credential: str, mods: tuple[str, ...]) -> Note:
    return Note("CRED-MOD", f"{' + '.join(mods)} marks the billing credential {credential} for this payer",
                f"{REF}3.2")


@lru_cache(maxsize=256)
def _limit_note(code: str, dropped: tuple[str, ...]) -> Note:
    return Note("MOD-LIMIT", f"{code}: more than {MAX_MODIFIERS} modifiers; dropped {' '.join(dropped)} "
                "(the 837P line holds four, in the payer's order)", f"{REF}8.3")


def credential_modifiers(w: Work) -> tuple[str, ...]:
    mods = tuple(w.profile.credential_modifiers.get(w.credential, ()))
    if mods:
        w.reasons.append(_cred_note(w.credential, mods))
    return mods


def order_modifiers(w: Work, code: str, by_kind: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Modifiers in the payer's kind order (kinds it does not list go last), at most four."""
    out: list[str] = []
    order = w.profile.modifier_order
    for kind in order:
        for m in by_kind.get(kind, ()):
            if m not in out:
                out.append(m)
    for kind in DEFAULT_ORDER:
        if kind not in order:
            for m in by_kind.get(kind, ()):
                if m not in out:
                    out.append(m)
    if len(out) > MAX_MODIFIERS:
        w.warnings.append(_limit_note(code, tuple(out[MAX_MODIFIERS:])))
        del out[MAX_MODIFIERS:]
    return tuple(out)
