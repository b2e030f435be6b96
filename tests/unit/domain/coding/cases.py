"""The coding engine's case table: documented session -> expected claim lines, per payer.

Why a table: each row is one billing fact from the team's behavioral-health reference
(../shared/reference/behavioral-health-billing.md), written from that file and NOT from the
engine, so a disagreement shows which side drifted. ``reference`` names the section a row
checks (``also`` any further section it leans on); ``REFERENCE_SECTIONS`` keeps the numbers
and titles used, so the tests need not read the shared file.

Tags in ``note`` follow the reference: [K] unverified domain knowledge, [C] sources conflict
or the rule is payer-specific; rows marked so assert only what the reference fixes.

Expectations (all optional except ``lines``):
- ``lines``: (code, units) pairs, primary first; units None = not fixed by the reference.
  ``lines=None`` means the reference fixes no line set; then ``absent`` lists codes that
  must not be proposed.
- ``pos``: place of service on every line.
- ``mods``: exact modifier set on every line; ``mods_ordered``: exact tuple, in order;
  ``mods_in``/``mods_out``: must / must not be on every line; ``mods_one_of``: at least one.
- ``rules``: rule ids that must each appear in reasons or warnings; ``rules_any``: at least
  one of them; ``rules_absent``: none of them.
- ``under_supervisor``: every line carries the supervisor's NPI as billing_npi_override.
- ``charges``: code -> expected line charge (units x the fee in ``FEES``).
- ``profile_overrides``: fields replaced on the loaded profile (``telehealth`` as a dict of
  TelehealthRules fields) to build a payer rule the shipped profiles may not have.
- ``drop_fees``: codes removed from the fee schedule for this case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

DOS = dt.date(2026, 6, 15)
RENDERING_NPI = "1234567893"
SUPERVISOR_NPI = "1987654328"

REFERENCE_SECTIONS: Mapping[str, str] = {
    "1.1": "Diagnostic evaluation",
    "1.2": "Individual psychotherapy — CPT time (\"midpoint\") rule",
    "1.3": "Interactive complexity +90785",
    "1.4": "Psychotherapy for crisis",
    "1.5": "Family, group, psychoanalysis, pharmacologic management",
    "1.6": "Screening instruments — 96127",
    "1.7": "Psychological / neuropsychological testing (2019+ code set)",
    "1.10": "Psychiatric E/M and prolonged time",
    "2": "HCPCS Level II codes common in behavioral health / SUD",
    "2.1": "H-codes",
    "3.1": "Telehealth / supervision modifiers",
    "3.2": "Provider-credential and program modifiers (HCPCS Level II \"H\"/\"T\"/\"U\" series)",
    "4.1": "POS codes relevant to BH",
    "4.2": "Medicare telehealth rules for mental/behavioral health (status as of mid-2026)",
    "5": "Who can bill Medicare (2026)",
    "7.3": "Coding rules a scrubber should enforce",
    "7.4": "Z-codes",
    "8.3": "837P / CMS-1500 structure for BH",
}

RULE_IDS = frozenset({
    "PSY-TIME", "PSY-ADDON", "EM-LEVEL-MDM", "EM-LEVEL-TIME", "EVAL-PRESCRIBER", "IC-ADDON",
    "IC-NOT-ALLOWED", "CRISIS-TIME", "CRISIS-G-CODE", "FAM-TIME", "GRP-UNIT", "SCR-UNITS",
    "TEST-UNITS", "SUD-HCODE", "TH-POS", "TH-MOD", "TH-AUDIO", "CRED-MOD", "CRED-NOT-ALLOWED",
    "SUP-BILLING", "MOD-LIMIT", "DX-POINTER", "DX-ZCODE-PRIMARY", "FEE-MISSING", "NOTE-UNSIGNED",
    "NOT-COMPLETED",
})

_FEE_CODES = (
    "90791", "90792", "90785", "90832", "90833", "90834", "90836", "90837", "90838", "90839", "90840",
    "G0017", "G0018", "90846", "90847", "90853", "96127", "96130", "96131", "96132", "96133", "96136",
    "96137", "96138", "96139", "H0001", "H0005", "99202", "99203", "99204", "99205", "99212", "99213",
    "99214", "99215",
)
FEES: Mapping[tuple[str, tuple[str, ...]], Decimal] = {
    **{(code, ()): Decimal("100.00") for code in _FEE_CODES},
    ("H0004", ()): Decimal("25.00"),
}

CREDENTIAL_MODS = frozenset({"HM", "HN", "HO", "HP", "AH", "AJ"})  # §3.2
IC = ("caregiver emotions interfering with the plan",)  # one documented 90785 factor (§1.3)
MAJOR_DEPRESSION = ("F33.1",)


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    reference: str
    profile_name: str
    session: Mapping[str, Any]
    provider: Mapping[str, Any]
    lines: tuple[tuple[str, int | None], ...] | None
    also: tuple[str, ...] = ()
    absent: frozenset[str] = frozenset()
    pos: str | None = None
    mods: frozenset[str] | None = None
    mods_ordered: tuple[str, ...] | None = None
    mods_in: frozenset[str] = frozenset()
    mods_out: frozenset[str] = frozenset()
    mods_one_of: frozenset[str] = frozenset()
    rules: tuple[str, ...] = ()
    rules_any: tuple[str, ...] = ()
    rules_absent: tuple[str, ...] = ()
    under_supervisor: bool = False
    charges: Mapping[str, Decimal | None] = field(default_factory=dict)
    profile_overrides: Mapping[str, Any] = field(default_factory=dict)
    drop_fees: tuple[str, ...] = ()
    note: str = ""


def s(service_type: str, **kw: Any) -> dict[str, Any]:
    """Session kwargs; minute keys given as ``m_<key>=n`` (e.g. m_psychotherapy=45)."""
    minutes = {k[2:]: kw.pop(k) for k in list(kw) if k.startswith("m_")}
    kw.setdefault("diagnoses", MAJOR_DEPRESSION)
    return {"service_type": service_type, "minutes": minutes, **kw}


def psy(minutes: int, **kw: Any) -> dict[str, Any]:
    return s("psychotherapy", m_psychotherapy=minutes, **kw)


def em(em_code: str | None = None, minutes: int | None = None, em_minutes: int | None = None,
       **kw: Any) -> dict[str, Any]:
    st = "em_with_psychotherapy" if minutes is not None else "medication_management"
    if minutes is not None:
        kw["m_psychotherapy"] = minutes
    if em_minutes is not None:
        kw["m_em"] = em_minutes
    return s(st, em_code=em_code, **kw)


def p(credential: str, supervisor: str | None = None) -> dict[str, Any]:
    return {"credential": credential, "supervisor_credential": supervisor}


VIDEO_HOME = {"modality": "video", "patient_location": "home"}
VIDEO_OTHER = {"modality": "video", "patient_location": "other"}
AUDIO_HOME = {"modality": "audio_only", "patient_location": "home"}
F = frozenset
C = Case

CASES: list[Case] = [
    # §1.2 individual psychotherapy, time ("midpoint") rule: 16-37 / 38-52 / >= 53, < 16 none.
    C("psy-0-none", "1.2", "commercial-default", psy(0), p("LCSW"), ()),
    C("psy-15-none", "1.2", "commercial-default", psy(15), p("LCSW"), (), rules=("PSY-TIME",)),
    C("psy-16-90832", "1.2", "commercial-default", psy(16), p("LCSW"), (("90832", 1),), pos="11",
      mods=F(), rules=("PSY-TIME",)),
    C("psy-30-90832", "1.2", "commercial-default", psy(30), p("LPC"), (("90832", 1),), rules=("PSY-TIME",)),
    C("psy-37-90832", "1.2", "commercial-default", psy(37), p("LCSW"), (("90832", 1),), rules=("PSY-TIME",)),
    C("psy-38-90834", "1.2", "commercial-default", psy(38), p("LCSW"), (("90834", 1),), rules=("PSY-TIME",)),
    C("psy-45-90834", "1.2", "commercial-default", psy(45), p("PSYD"), (("90834", 1),), pos="11", mods=F()),
    C("psy-52-90834", "1.2", "commercial-default", psy(52), p("LCSW"), (("90834", 1),), rules=("PSY-TIME",),
      note="issue 3: 52 minutes supports 90834; 90837 needs 53"),
    C("psy-53-90837", "1.2", "commercial-default", psy(53), p("LCSW"), (("90837", 1),), rules=("PSY-TIME",)),
    C("psy-60-90837", "1.2", "commercial-default", psy(60), p("LMFT"), (("90837", 1),)),
    C("psy-75-one-90837", "1.2", "commercial-default", psy(75), p("LCSW"), (("90837", 1),),
      rules=("PSY-TIME",), note="a 75-minute session is one unit of 90837"),
    C("psy-120-one-90837", "1.2", "commercial-default", psy(120), p("PHD"), (("90837", 1),),
      note=">= 53: no upper bound, no second unit"),
    C("psy-mcare-15-none", "1.2", "medicare", psy(15), p("LCSW"), (), rules=("PSY-TIME",)),
    C("psy-mcare-16", "1.2", "medicare", psy(16), p("LCSW"), (("90832", 1),), pos="11"),
    C("psy-mcare-52", "1.2", "medicare", psy(52), p("PSYD"), (("90834", 1),), pos="11"),
    C("psy-mcare-53", "1.2", "medicare", psy(53), p("LCSW"), (("90837", 1),), pos="11"),
    C("psy-mcaid-37", "1.2", "medicaid-example", psy(37), p("LPC"), (("90832", 1),)),
    C("psy-mcaid-38", "1.2", "medicaid-example", psy(38), p("LPC"), (("90834", 1),)),
    C("psy-md-no-em-45", "1.2", "commercial-default", psy(45), p("MD"), (("90834", 1),),
      note="a prescriber doing therapy without an E/M bills the standalone code"),
    # §1.2 + §1.10: E/M with psychotherapy add-on; add-on chosen on psychotherapy minutes only.
    C("em-99214-psy15-no-addon", "1.2", "commercial-default", em("99214", 15), p("MD"), (("99214", 1),),
      rules=("EM-LEVEL-MDM",), rules_any=("PSY-TIME", "PSY-ADDON"), absent=F({"90832", "90833"})),
    C("em-99214-psy16-90833", "1.2", "commercial-default", em("99214", 16), p("MD"),
      (("99214", 1), ("90833", 1)), mods=F(), rules=("PSY-ADDON", "EM-LEVEL-MDM")),
    C("em-99213-psy37-90833", "1.2", "commercial-default", em("99213", 37), p("PMHNP"),
      (("99213", 1), ("90833", 1)), rules=("PSY-ADDON",)),
    C("em-99214-psy38-90836", "1.2", "commercial-default", em("99214", 38), p("MD"),
      (("99214", 1), ("90836", 1)), rules=("PSY-ADDON",)),
    C("em-99214-psy52-90836", "1.2", "commercial-default", em("99214", 52), p("DO"),
      (("99214", 1), ("90836", 1)), rules=("PSY-ADDON",)),
    C("em-99215-psy53-90838", "1.2", "commercial-default", em("99215", 53), p("MD"),
      (("99215", 1), ("90838", 1)), rules=("PSY-ADDON",)),
    C("em-99213-psy75-90838", "1.2", "commercial-default", em("99213", 75), p("NP"),
      (("99213", 1), ("90838", 1))),
    C("em-time-not-counted", "1.2", "commercial-default", em("99214", 30, em_minutes=25), p("MD"),
      (("99214", 1), ("90833", 1)), rules=("PSY-ADDON",),
      note="25 E/M + 30 therapy minutes: E/M time is never counted toward the add-on (not 90836)"),
    C("em-time-not-counted-2", "1.2", "commercial-default", em("99214", 40, em_minutes=20), p("MD"),
      (("99214", 1), ("90836", 1)), note="60 minutes in all still 90836, not 90838"),
    C("em-mcare-pmhnp-90836", "1.2", "medicare", em("99214", 45), p("PMHNP"), (("99214", 1), ("90836", 1)),
      also=("5",), pos="11"),
    C("em-mcare-pa-90838", "1.2", "medicare", em("99215", 60), p("PA"), (("99215", 1), ("90838", 1)),
      also=("5",)),
    # §1.10 E/M level by time when no MDM level is given [K thresholds].
    C("em-time-est-30-99214", "1.10", "commercial-default", em(None, 20, em_minutes=30), p("MD"),
      (("99214", 1), ("90833", 1)), also=("1.2",), rules=("EM-LEVEL-TIME", "PSY-ADDON"),
      note="[K] 99214 at 30 min; [C] §1.2 allows time-based level when therapy minutes excluded"),
    C("em-time-est-29-99213", "1.10", "commercial-default", em(None, 40, em_minutes=29), p("MD"),
      (("99213", 1), ("90836", 1)), rules=("EM-LEVEL-TIME",), note="[K] 99213 at 20-29 min"),
    C("em-time-est-40-99215", "1.10", "commercial-default", em(None, 53, em_minutes=40), p("MD"),
      (("99215", 1), ("90838", 1)), rules=("EM-LEVEL-TIME",), note="[K] 99215 at 40 min"),
    C("em-time-new-45-99204", "1.10", "commercial-default", em(None, 16, em_minutes=45, new_patient=True),
      p("MD"), (("99204", 1), ("90833", 1)), rules=("EM-LEVEL-TIME",), note="[K] 99204 at 45 min"),
    C("mm-99213-mdm", "1.10", "commercial-default", em("99213"), p("MD"), (("99213", 1),),
      rules=("EM-LEVEL-MDM",), mods=F()),
    C("mm-time-est-20-99213", "1.10", "commercial-default", em(None, em_minutes=20), p("PMHNP"),
      (("99213", 1),), rules=("EM-LEVEL-TIME",), note="[K]"),
    C("mm-time-est-19-99212", "1.10", "commercial-default", em(None, em_minutes=19), p("MD"),
      (("99212", 1),), rules=("EM-LEVEL-TIME",), note="[K] 99212 at 10-19 min"),
    C("mm-time-new-60-99205", "1.10", "commercial-default", em(None, em_minutes=60, new_patient=True),
      p("MD"), (("99205", 1),), rules=("EM-LEVEL-TIME",), note="[K]; prolonged starts at 75 min"),
    C("mm-time-new-15-99202", "1.10", "commercial-default", em(None, em_minutes=15, new_patient=True),
      p("NP"), (("99202", 1),), rules=("EM-LEVEL-TIME",), note="[K]"),
    C("mm-time-new-30-99203", "1.10", "commercial-default", em(None, em_minutes=30, new_patient=True),
      p("MD"), (("99203", 1),), rules=("EM-LEVEL-TIME",), note="[K]"),
    # §5: E/M is prescriber-only; psychologists and social workers may not bill it.
    C("mm-mcare-psyd-refused", "5", "medicare", em("99213"), p("PSYD"), (), rules=("CRED-NOT-ALLOWED",)),
    C("mm-mcare-lcsw-refused", "5", "medicare", em("99214"), p("LCSW"), (), rules=("CRED-NOT-ALLOWED",)),
    C("em-psy-lcsw-no-em", "5", "commercial-default", em("99214", 45), p("LCSW"), None, also=("1.2",),
      absent=F({"99214", "90836"}), rules=("CRED-NOT-ALLOWED",),
      note="E/M + add-on needs a prescriber; what replaces it is not fixed by the reference"),
    # §1.1 diagnostic evaluation; 90792 prescribers only.
    C("eval-90791-lcsw", "1.1", "commercial-default", s("intake_evaluation"), p("LCSW"), (("90791", 1),),
      pos="11", mods=F()),
    C("eval-90791-mcare-psyd", "1.1", "medicare", s("intake_evaluation"), p("PSYD"), (("90791", 1),)),
    C("eval-90791-mcare-lmft", "1.1", "medicare", s("intake_evaluation"), p("LMFT"), (("90791", 1),),
      also=("5",), note="MFT/MHC enroll in Medicare since 1 Jan 2024"),
    C("eval-90792-md", "1.1", "commercial-default", s("intake_evaluation_medical"), p("MD"),
      (("90792", 1),)),
    C("eval-90792-mcare-pmhnp", "1.1", "medicare", s("intake_evaluation_medical"), p("PMHNP"),
      (("90792", 1),), also=("5",)),
    C("eval-90792-pa", "1.1", "commercial-default", s("intake_evaluation_medical"), p("PA"), (("90792", 1),)),
    C("eval-90792-lcsw-to-90791", "1.1", "commercial-default", s("intake_evaluation_medical"), p("LCSW"),
      (("90791", 1),), rules=("EVAL-PRESCRIBER",), absent=F({"90792"})),
    C("eval-90792-psyd-to-90791", "1.1", "medicare", s("intake_evaluation_medical"), p("PSYD"),
      (("90791", 1),), also=("5",), rules=("EVAL-PRESCRIBER",)),
    C("eval-90792-lpc-mcaid-to-90791", "1.1", "medicaid-example", s("intake_evaluation_medical"), p("LPC"),
      (("90791", 1),), rules=("EVAL-PRESCRIBER",)),
    C("sud-mcare-assessment-cpt", "2", "medicare", s("sud_assessment", diagnoses=("F10.20",)), p("LCSW"),
      (("90791", 1),), also=("1.1",), absent=F({"H0001"}),
      note="[K] Medicare generally does not pay H-codes"),
    # §1.3 interactive complexity +90785: allowed primaries, refused elsewhere.
    C("ic-90791", "1.3", "commercial-default", s("intake_evaluation", interactive_complexity=IC), p("LCSW"),
      (("90791", 1), ("90785", 1)), rules=("IC-ADDON",)),
    C("ic-90792", "1.3", "commercial-default", s("intake_evaluation_medical", interactive_complexity=IC),
      p("MD"), (("90792", 1), ("90785", 1)), rules=("IC-ADDON",)),
    C("ic-90832", "1.3", "commercial-default", psy(20, interactive_complexity=IC), p("LCSW"),
      (("90832", 1), ("90785", 1)), rules=("IC-ADDON",)),
    C("ic-90834", "1.3", "commercial-default", psy(45, interactive_complexity=IC), p("LCSW"),
      (("90834", 1), ("90785", 1)), rules=("IC-ADDON", "PSY-TIME")),
    C("ic-90837", "1.3", "medicare", psy(55, interactive_complexity=IC), p("PSYD"),
      (("90837", 1), ("90785", 1)), rules=("IC-ADDON",)),
    C("ic-90853", "1.3", "commercial-default",
      s("group", m_group=60, group_size=6, interactive_complexity=IC), p("LCSW"),
      (("90853", 1), ("90785", 1)), also=("1.5",), rules=("IC-ADDON", "GRP-UNIT")),
    C("ic-em-90836", "1.3", "commercial-default", em("99214", 40, interactive_complexity=IC), p("MD"),
      (("99214", 1), ("90836", 1), ("90785", 1)), rules=("IC-ADDON", "PSY-ADDON")),
    C("ic-90792-lcsw-to-90791", "1.3", "commercial-default",
      s("intake_evaluation_medical", interactive_complexity=IC), p("LCSW"), (("90791", 1), ("90785", 1)),
      also=("1.1",), rules=("IC-ADDON", "EVAL-PRESCRIBER")),
    C("ic-crisis-refused", "1.3", "commercial-default", s("crisis", m_crisis=60, interactive_complexity=IC),
      p("LCSW"), (("90839", 1),), also=("1.4",), rules=("IC-NOT-ALLOWED",)),
    C("ic-90847-refused", "1.3", "commercial-default",
      s("family_with_patient", m_family=50, interactive_complexity=IC), p("LMFT"), (("90847", 1),),
      also=("1.5",), rules=("IC-NOT-ALLOWED",)),
    C("ic-90846-refused", "1.3", "commercial-default",
      s("family_without_patient", m_family=45, interactive_complexity=IC), p("LMFT"), (("90846", 1),),
      rules=("IC-NOT-ALLOWED",)),
    C("ic-em-alone-refused", "1.3", "commercial-default", em("99213", interactive_complexity=IC), p("MD"),
      (("99213", 1),), rules=("IC-NOT-ALLOWED",)),
    C("ic-em-psy10-refused", "1.3", "commercial-default", em("99213", 10, interactive_complexity=IC),
      p("MD"), (("99213", 1),), rules=("IC-NOT-ALLOWED",),
      note="10 therapy minutes: no add-on, so this is E/M alone"),
    C("ic-none-documented", "1.3", "commercial-default", psy(45), p("LCSW"), (("90834", 1),),
      rules_absent=("IC-ADDON",)),
    # §1.4 crisis: total crisis minutes on the date.
    C("crisis-15-none", "1.4", "commercial-default", s("crisis", m_crisis=15), p("LCSW"), (),
      also=("1.2",), note="< 30 is psychotherapy, and psychotherapy < 16 is not reportable"),
    C("crisis-29-90832", "1.4", "commercial-default", s("crisis", m_crisis=29), p("LCSW"), (("90832", 1),),
      rules=("CRISIS-TIME",), absent=F({"90839"})),
    C("crisis-30-90839", "1.4", "commercial-default", s("crisis", m_crisis=30), p("LCSW"), (("90839", 1),),
      pos="11", rules=("CRISIS-TIME",)),
    C("crisis-74-90839", "1.4", "commercial-default", s("crisis", m_crisis=74), p("PSYD"), (("90839", 1),),
      rules=("CRISIS-TIME",)),
    C("crisis-75-90840x1", "1.4", "commercial-default", s("crisis", m_crisis=75), p("LCSW"),
      (("90839", 1), ("90840", 1)), rules=("CRISIS-TIME",)),
    C("crisis-104-90840x1", "1.4", "commercial-default", s("crisis", m_crisis=104), p("LCSW"),
      (("90839", 1), ("90840", 1)), note="[C] the '>= 16 extra minutes' tool would give 2; CPT table wins"),
    C("crisis-105-90840x2", "1.4", "commercial-default", s("crisis", m_crisis=105), p("LCSW"),
      (("90839", 1), ("90840", 2)), note="[K] CPT table extrapolation"),
    C("crisis-134-90840x2", "1.4", "commercial-default", s("crisis", m_crisis=134), p("MD"),
      (("90839", 1), ("90840", 2)), note="[K]"),
    C("crisis-135-90840x3", "1.4", "commercial-default", s("crisis", m_crisis=135), p("LCSW"),
      (("90839", 1), ("90840", 3)), note="[K] each further 30 minutes"),
    C("crisis-25-em-90833", "1.4", "commercial-default", s("crisis", m_crisis=25, em_code="99214"), p("MD"),
      (("99214", 1), ("90833", 1)), also=("1.2",), absent=F({"90839", "90832"}),
      note="< 30 crisis minutes: 90832, or +90833 when an E/M is done"),
    C("crisis-mcaid-60", "1.4", "medicaid-example", s("crisis", m_crisis=60), p("LPC"), (("90839", 1),),
      mods_in=F({"HO"}), also=("3.2",)),
    C("crisis-mcare-office-75", "1.4", "medicare", s("crisis", m_crisis=75), p("LCSW"),
      (("90839", 1), ("90840", 1)), pos="11", absent=F({"G0017", "G0018"}),
      note="office crisis still uses 90839/90840"),
    C("crisis-mcare-home-60-g0017", "1.4", "medicare", s("crisis", m_crisis=60, location_pos="12"),
      p("LCSW"), (("G0017", 1),), also=("4.1",), pos="12", rules=("CRISIS-G-CODE",)),
    C("crisis-mcare-home-90-g0018", "1.4", "medicare", s("crisis", m_crisis=90, location_pos="12"),
      p("PSYD"), (("G0017", 1), ("G0018", 1)), pos="12", rules=("CRISIS-G-CODE",),
      note="60 + 30; [K] G0017/G0018 thresholds assumed to mirror 90839/90840 (90 is 1 add-on either way)"),
    C("crisis-mcare-home-120-g0018x2", "1.4", "medicare", s("crisis", m_crisis=120, location_pos="12"),
      p("LCSW"), (("G0017", 1), ("G0018", 2)), rules=("CRISIS-G-CODE",), note="[K] as above"),
    C("crisis-mcare-home-29-90832", "1.4", "medicare", s("crisis", m_crisis=29, location_pos="12"),
      p("LCSW"), (("90832", 1),), pos="12", absent=F({"G0017"}),
      note="under 30 minutes it is not a crisis service, so no G-code"),
    C("crisis-mcare-video-home-g0017", "1.4", "medicare", s("crisis", m_crisis=60, **VIDEO_HOME),
      p("LCSW"), (("G0017", 1),), also=("4.1", "4.2"), pos="10", rules=("CRISIS-G-CODE",),
      note="POS 10 is non-office and non-facility rate since 2024 (§4.1), so §1.4's G-code applies"),
    C("crisis-mcare-video-other-90839", "1.4", "medicare", s("crisis", m_crisis=60, **VIDEO_OTHER),
      p("LCSW"), (("90839", 1),), also=("4.1",), pos="02",
      note="POS 02 pays the facility rate, so the non-facility G-code rule does not apply"),
    C("crisis-mcare-cmhc-90839", "1.4", "medicare", s("crisis", m_crisis=60, location_pos="53"),
      p("LCSW"), (("90839", 1),), also=("4.1",), pos="53", note="POS 53 is a facility-rate place"),
    C("crisis-commercial-home-90839", "1.4", "commercial-default",
      s("crisis", m_crisis=60, location_pos="12"), p("LCSW"), (("90839", 1),), pos="12",
      note="G0017/G0018 are Medicare-only"),
    # §1.5 family (26-minute floor, no 90785) and group (one unit per patient).
    C("fam-90847-25-none", "1.5", "commercial-default", s("family_with_patient", m_family=25), p("LMFT"), (),
      rules=("FAM-TIME",)),
    C("fam-90847-26", "1.5", "commercial-default", s("family_with_patient", m_family=26), p("LMFT"),
      (("90847", 1),), rules=("FAM-TIME",), note="[C] vendor 38-52/50+ claims rejected; CPT midpoint 26"),
    C("fam-90847-50", "1.5", "commercial-default", s("family_with_patient", m_family=50), p("LCSW"),
      (("90847", 1),)),
    C("fam-90846-25-none", "1.5", "commercial-default", s("family_without_patient", m_family=25), p("LMFT"),
      (), rules=("FAM-TIME",)),
    C("fam-90846-26", "1.5", "commercial-default", s("family_without_patient", m_family=26), p("LMFT"),
      (("90846", 1),), rules=("FAM-TIME",)),
    C("fam-mcare-90847-30", "1.5", "medicare", s("family_with_patient", m_family=30), p("LCSW"),
      (("90847", 1),), pos="11"),
    C("grp-90853-8", "1.5", "commercial-default", s("group", m_group=90, group_size=8), p("LCSW"),
      (("90853", 1),), pos="11", rules=("GRP-UNIT",), note="one unit per patient, whatever the minutes"),
    C("grp-90853-mcare", "1.5", "medicare", s("group", m_group=60, group_size=10), p("PSYD"),
      (("90853", 1),), rules=("GRP-UNIT",)),
    C("grp-90853-mcaid-lpc", "1.5", "medicaid-example", s("group", m_group=60, group_size=6), p("LPC"),
      (("90853", 1),), mods_in=F({"HO"}), also=("3.2",)),
    C("grp-90853-video", "1.5", "commercial-default", s("group", m_group=60, group_size=5, **VIDEO_HOME),
      p("LCSW"), (("90853", 1),), also=("3.1", "4.1"), pos="10", mods=F({"95"})),
    # §1.6 96127: one unit per standardized instrument; cap per payer.
    C("scr-1", "1.6", "commercial-default", s("screening", instruments=("PHQ-9",)), p("LCSW"),
      (("96127", 1),), rules=("SCR-UNITS",)),
    C("scr-2", "1.6", "commercial-default", s("screening", instruments=("PHQ-9", "GAD-7")), p("LCSW"),
      (("96127", 2),), rules=("SCR-UNITS",), note="PHQ-9 + GAD-7 = 2 units"),
    C("scr-3", "1.6", "medicare", s("screening", instruments=("PHQ-9", "GAD-7", "PCL-5")), p("PSYD"),
      (("96127", 3),), rules=("SCR-UNITS",)),
    C("scr-5-uncapped", "1.6", "commercial-default",
      s("screening", instruments=("PHQ-9", "GAD-7", "PCL-5", "AUDIT", "MDQ")), p("LCSW"), (("96127", 5),),
      profile_overrides={"screening_max_units": None}),
    C("scr-5-cap-4", "1.6", "commercial-default",
      s("screening", instruments=("PHQ-9", "GAD-7", "PCL-5", "AUDIT", "MDQ")), p("LCSW"), (("96127", 4),),
      rules=("SCR-UNITS",), profile_overrides={"screening_max_units": 4},
      note="[C] cap 4 (vendor) vs 3 (Medicare MUE, [K]); cap set on the profile here"),
    C("scr-3-cap-2", "1.6", "medicaid-example", s("screening", instruments=("PHQ-9", "GAD-7", "PCL-5")),
      p("LPC"), (("96127", 2),), rules=("SCR-UNITS",), profile_overrides={"screening_max_units": 2}),
    C("scr-0-none", "1.6", "commercial-default", s("screening"), p("LCSW"), ()),
    # §1.7 testing: evaluation hours (first >= 31 min, each further >= 31 more); admin 30-min units.
    C("test-eval-30-none", "1.7", "commercial-default", s("psychological_testing", m_evaluation=30),
      p("PSYD"), (), rules=("TEST-UNITS",)),
    C("test-eval-31-96130", "1.7", "commercial-default", s("psychological_testing", m_evaluation=31),
      p("PSYD"), (("96130", 1),), rules=("TEST-UNITS",)),
    C("test-eval-90-96130", "1.7", "commercial-default", s("psychological_testing", m_evaluation=90),
      p("PHD"), (("96130", 1),), note="60 + 30: the second hour needs 31 more minutes"),
    C("test-eval-91-96131", "1.7", "commercial-default", s("psychological_testing", m_evaluation=91),
      p("PHD"), (("96130", 1), ("96131", 1)), rules=("TEST-UNITS",)),
    C("test-eval-151-96131x2", "1.7", "medicare", s("psychological_testing", m_evaluation=151),
      p("PSYD"), (("96130", 1), ("96131", 2))),
    C("test-admin-15-none", "1.7", "commercial-default", s("psychological_testing", m_testing=15),
      p("PSYD"), (), rules=("TEST-UNITS",)),
    C("test-admin-16-96136", "1.7", "commercial-default", s("psychological_testing", m_testing=16),
      p("PSYD"), (("96136", 1),), rules=("TEST-UNITS",)),
    C("test-admin-45-96136", "1.7", "commercial-default", s("psychological_testing", m_testing=45),
      p("PSYD"), (("96136", 1),), note="[K] 15 extra minutes: below the midpoint of the next 30 (§1.2 rule)"),
    C("test-admin-46-96137", "1.7", "commercial-default", s("psychological_testing", m_testing=46),
      p("PSYD"), (("96136", 1), ("96137", 1)), note="[K] midpoint of the next 30 reached"),
    C("test-admin-90-96137x2", "1.7", "commercial-default", s("psychological_testing", m_testing=90),
      p("PHD"), (("96136", 1), ("96137", 2))),
    C("test-both", "1.7", "medicare", s("psychological_testing", m_evaluation=120, m_testing=120),
      p("PSYD"), (("96130", 1), ("96131", 1), ("96136", 1), ("96137", 3)),
      note="evaluation and administration are separate line items"),
    C("test-neuro-eval-60", "1.7", "commercial-default", s("neuropsychological_testing", m_evaluation=60),
      p("PHD"), (("96132", 1),), rules=("TEST-UNITS",)),
    C("test-neuro-eval-100", "1.7", "commercial-default", s("neuropsychological_testing", m_evaluation=100),
      p("PHD"), (("96132", 1), ("96133", 1))),
    # §2.1 SUD H-codes where the payer uses them; CPT otherwise.
    C("sud-mcaid-h0001", "2.1", "medicaid-example", s("sud_assessment", diagnoses=("F10.20",)), p("LCSW"),
      (("H0001", 1),), rules=("SUD-HCODE",)),
    C("sud-mcaid-h0004-15", "2.1", "medicaid-example", s("sud_individual", m_counseling=15,
      diagnoses=("F10.20",)), p("LPC"), (("H0004", 1),), rules=("SUD-HCODE",)),
    C("sud-mcaid-h0004-60", "2.1", "medicaid-example", s("sud_individual", m_counseling=60,
      diagnoses=("F11.20",)), p("LPC"), (("H0004", 4),), rules=("SUD-HCODE",),
      charges={"H0004": Decimal("100.00")}, note="4 x 15 min; 4 x $25.00"),
    C("sud-mcaid-h0004-90", "2.1", "medicaid-example", s("sud_individual", m_counseling=90,
      diagnoses=("F10.20",)), p("LCSW"), (("H0004", 6),), note="within every cited cap (6/8/12 a day)"),
    C("sud-mcaid-h0004-7-none", "2.1", "medicaid-example", s("sud_individual", m_counseling=7,
      diagnoses=("F10.20",)), p("LPC"), (), note="below a unit under both the 8-minute and full-15 rules"),
    C("sud-mcaid-h0005", "2.1", "medicaid-example", s("sud_group", m_group=60, group_size=8,
      diagnoses=("F10.20",)), p("LPC"), (("H0005", None),), rules=("SUD-HCODE",),
      note="[C] units per session or per 15 min, state-defined"),
    C("sud-mco-h0001", "2.1", "medicaid-mco-example", s("sud_assessment", diagnoses=("F12.20",)), p("LPC"),
      (("H0001", 1),), rules=("SUD-HCODE",)),
    C("sud-mco-h0004-30", "2.1", "medicaid-mco-example", s("sud_individual", m_counseling=30,
      diagnoses=("F10.20",)), p("LPC"), (("H0004", 2),)),
    C("sud-comm-assessment-cpt", "2", "commercial-default", s("sud_assessment", diagnoses=("F10.20",)),
      p("LCSW"), (("90791", 1),), also=("1.1",), absent=F({"H0001"}),
      note="[K] CPT equivalent: H-codes are Medicaid/state codes"),
    C("sud-comm-individual-cpt", "2", "commercial-default", s("sud_individual", m_counseling=45,
      diagnoses=("F10.20",)), p("LCSW"), (("90834", 1),), also=("1.2",), absent=F({"H0004"}), note="[K]"),
    C("sud-comm-group-cpt", "2", "commercial-default", s("sud_group", m_group=60, group_size=8,
      diagnoses=("F10.20",)), p("LCSW"), (("90853", 1),), also=("1.5",), absent=F({"H0005"}), note="[K]"),
    C("sud-mcare-individual-cpt", "2", "medicare", s("sud_individual", m_counseling=53,
      diagnoses=("F11.20",)), p("LCSW"), (("90837", 1),), absent=F({"H0004"}),
      note="[K] Medicare generally does not pay H-codes"),
    # §3.1 / §4.1 / §4.2 telehealth: POS 10 home / 02 elsewhere, payer-specific modifiers.
    C("th-comm-video-home", "3.1", "commercial-default", psy(45, **VIDEO_HOME), p("LCSW"), (("90834", 1),),
      also=("4.1",), pos="10", mods=F({"95"}), rules=("TH-POS", "TH-MOD")),
    C("th-comm-video-other", "3.1", "commercial-default", psy(45, **VIDEO_OTHER), p("LCSW"),
      (("90834", 1),), also=("4.1",), pos="02", mods=F({"95"}), rules=("TH-POS", "TH-MOD")),
    C("th-comm-audio-home", "3.1", "commercial-default", psy(45, **AUDIO_HOME), p("LCSW"), (("90834", 1),),
      also=("4.1",), pos="10", mods=F({"93"}), rules=("TH-AUDIO",)),
    C("th-comm-video-em-addon", "3.1", "commercial-default", em("99214", 40, **VIDEO_HOME), p("MD"),
      (("99214", 1), ("90836", 1)), pos="10", mods=F({"95"})),
    C("th-gt02-video-home", "3.1", "commercial-gt-02", psy(45, **VIDEO_HOME), p("LCSW"), (("90834", 1),),
      also=("4.1",), pos="02", mods=F({"GT"}), rules=("TH-POS", "TH-MOD")),
    C("th-gt02-video-other", "3.1", "commercial-gt-02", psy(53, **VIDEO_OTHER), p("LPC"), (("90837", 1),),
      pos="02", mods=F({"GT"})),
    C("th-gt02-audio-refused", "3.1", "commercial-gt-02", psy(45, **AUDIO_HOME), p("LCSW"), (),
      rules=("TH-AUDIO",), profile_overrides={"telehealth": {"audio_only_allowed": False}},
      note="a payer that does not accept audio-only: no line"),
    C("th-comm-audio-code-refused", "3.1", "commercial-default", s("crisis", m_crisis=60, **AUDIO_HOME),
      p("LCSW"), (), rules=("TH-AUDIO",),
      profile_overrides={"telehealth": {"audio_only_codes": frozenset({"90832", "90834", "90837"})}}),
    C("th-95pos11-video-home", "3.1", "commercial-95-pos11", psy(45, **VIDEO_HOME), p("LCSW"),
      (("90834", 1),), also=("4.1",), pos="11", mods=F({"95"}), rules=("TH-POS", "TH-MOD")),
    C("th-95pos11-video-other", "3.1", "commercial-95-pos11", psy(30, **VIDEO_OTHER), p("LCSW"),
      (("90832", 1),), pos="11", mods=F({"95"})),
    C("th-mcare-video-home", "4.2", "medicare", psy(45, **VIDEO_HOME), p("LCSW"), (("90834", 1),),
      also=("3.1", "4.1"), pos="10", mods_out=F({"GT", "93"}) | CREDENTIAL_MODS, rules=("TH-POS",),
      note="[C] §3.1: whether Medicare wants 95 with POS 10 is unsettled, so 95 is not asserted; "
           "GT is only for CAH method II"),
    C("th-mcare-video-other", "4.2", "medicare", psy(53, **VIDEO_OTHER), p("PSYD"), (("90837", 1),),
      also=("4.1",), pos="02", mods_out=F({"GT"}), note="[C] 95 not asserted"),
    C("th-mcare-audio-home", "4.2", "medicare", psy(45, **AUDIO_HOME), p("LCSW"), (("90834", 1),),
      also=("3.1",), pos="10", mods_in=F({"93"}), rules=("TH-AUDIO",),
      note="audio-only MH to the home is allowed with 93"),
    C("th-mcaid-video-lpc", "3.2", "medicaid-example", psy(45, **VIDEO_HOME), p("LPC"), (("90834", 1),),
      mods_in=F({"HO"}), note="telehealth modifier/POS scheme for this Medicaid not fixed by the reference"),
    C("th-selfpay-video", "4.1", "self-pay", psy(45, **VIDEO_HOME), p("LCSW"), (("90834", 1),), mods=F(),
      note="self-pay: no claim modifiers"),
    C("th-selfpay-office", "1.2", "self-pay", psy(53), p("LCSW"), (("90837", 1),), pos="11", mods=F()),
    C("pos-in-person-cmhc", "4.1", "commercial-default", psy(45, location_pos="53"), p("LCSW"),
      (("90834", 1),), pos="53", mods=F()),
    C("pos-in-person-home-12", "4.1", "commercial-default", psy(45, location_pos="12"), p("LCSW"),
      (("90834", 1),), pos="12", mods=F(), note="in-person at home is POS 12, not telehealth POS 10"),
    # §3.2 credential modifiers: a Medicaid/MCO requirement, not Medicare's or most commercial plans'.
    C("cred-mcaid-lpc-ho", "3.2", "medicaid-example", psy(45), p("LPC"), (("90834", 1),), pos="11",
      mods_in=F({"HO"}), rules=("CRED-MOD",), note="HO: master's level (LPC/LCSW/LMFT)"),
    C("cred-mcaid-lmft-ho", "3.2", "medicaid-example", psy(53), p("LMFT"), (("90837", 1),),
      mods_in=F({"HO"}), rules=("CRED-MOD",)),
    C("cred-mcaid-lcsw", "3.2", "medicaid-example", psy(45), p("LCSW"), (("90834", 1),),
      mods_one_of=F({"HO", "AJ"}), rules=("CRED-MOD",),
      note="reference allows HO (master's) or AJ (clinical social worker): the profile picks"),
    C("cred-mcaid-psyd", "3.2", "medicaid-example", psy(45), p("PSYD"), (("90834", 1),),
      mods_one_of=F({"HP", "AH"}), rules=("CRED-MOD",), note="HP doctoral or AH clinical psychologist"),
    C("cred-mcaid-phd-eval", "3.2", "medicaid-example", s("intake_evaluation"), p("PHD"), (("90791", 1),),
      mods_one_of=F({"HP", "AH"}), rules=("CRED-MOD",)),
    C("cred-mco-lpc-ho", "3.2", "medicaid-mco-example", psy(45), p("LPC"), (("90834", 1),),
      mods_in=F({"HO"}), rules=("CRED-MOD",), note="MCOs layer the same state modifiers"),
    C("cred-mcare-none", "3.2", "medicare", psy(45), p("LPC"), (("90834", 1),), mods=F(),
      also=("5",), note="Medicare uses none of the H-series credential modifiers"),
    C("cred-mcare-lcsw-none", "3.2", "medicare", psy(38), p("LCSW"), (("90834", 1),),
      mods_out=CREDENTIAL_MODS),
    C("cred-comm-none", "3.2", "commercial-default", psy(45), p("LPC"), (("90834", 1),), mods=F(),
      note="most commercial plans do not require them"),
    C("cred-mcare-ladc-refused", "5", "medicare", psy(45, diagnoses=("F10.20",)), p("LADC"), (),
      rules=("CRED-NOT-ALLOWED",), note="addiction counselors enroll only when they meet every MHC test"),
    # §5 / §3.2: pre-licensed associates.
    C("sup-mcaid-associate", "5", "medicaid-example", psy(45), p("ASSOCIATE", "LCSW"), (("90834", 1),),
      also=("3.2",), under_supervisor=True, rules=("SUP-BILLING",),
      note="billed under the supervisor; supervision modifiers are the profile's choice"),
    C("sup-mcaid-associate-eval", "5", "medicaid-example", s("intake_evaluation"), p("ASSOCIATE", "PSYD"),
      (("90791", 1),), under_supervisor=True, rules=("SUP-BILLING",)),
    C("sup-mcaid-associate-no-supervisor", "5", "medicaid-example", psy(45), p("ASSOCIATE"), (),
      rules_any=("SUP-BILLING", "CRED-NOT-ALLOWED")),
    C("sup-comm-associate-refused", "5", "commercial-default", psy(45), p("ASSOCIATE", "LCSW"), (),
      rules_any=("SUP-BILLING", "CRED-NOT-ALLOWED")),
    C("sup-mcare-associate-refused", "5", "medicare", psy(45), p("ASSOCIATE", "LCSW"), (),
      rules_any=("SUP-BILLING", "CRED-NOT-ALLOWED"),
      note="[C] no claim in the associate's name; incident-to billing is disputed in §5"),
    # §7.3 / §7.4 diagnoses.
    C("dx-zcode-primary-mcaid", "7.4", "medicaid-example", psy(45, diagnoses=("Z63.0", "F43.23")), p("LPC"),
      (("90834", 1),), rules=("DX-ZCODE-PRIMARY",)),
    C("dx-zcode-primary-mcare", "7.4", "medicare", psy(45, diagnoses=("Z63.0", "F43.23")), p("LCSW"),
      (("90834", 1),), rules=("DX-ZCODE-PRIMARY",), note="§7.4 names Medicare among payers that deny"),
    C("dx-zcode-secondary-ok", "7.4", "medicaid-example", psy(45, diagnoses=("F43.23", "Z63.0")), p("LPC"),
      (("90834", 1),), rules_absent=("DX-ZCODE-PRIMARY",)),
    C("dx-six-pointers", "7.3", "commercial-default",
      psy(45, diagnoses=("F33.1", "F41.1", "F43.10", "F90.0", "F17.210", "Z63.0")), p("LCSW"),
      (("90834", 1),), also=("8.3",), rules=("DX-POINTER",), note="[K] each line points to at most 4"),
    # Session status, signature, fees (issue 3) and the four-modifier limit (§8.3).
    C("status-no-show", "1.2", "commercial-default", psy(0, status="no_show"), p("LCSW"), (),
      rules=("NOT-COMPLETED",)),
    C("status-cancelled", "1.2", "medicare", psy(45, status="cancelled"), p("LCSW"), (),
      rules=("NOT-COMPLETED",)),
    C("status-scheduled", "1.2", "commercial-default", psy(45, status="scheduled"), p("LCSW"), (),
      rules=("NOT-COMPLETED",)),
    C("note-unsigned", "1.2", "commercial-default", psy(45, note_signed=False), p("LCSW"), (("90834", 1),),
      rules=("NOTE-UNSIGNED",)),
    C("fee-missing", "1.2", "commercial-default", psy(45), p("LCSW"), (("90834", 1),),
      rules=("FEE-MISSING",), drop_fees=("90834",), charges={"90834": None}),
    C("fee-present", "1.2", "commercial-default", psy(53), p("LCSW"), (("90837", 1),),
      charges={"90837": Decimal("100.00")}, rules_absent=("FEE-MISSING",)),
    C("mod-limit", "8.3", "medicaid-example", psy(45, **AUDIO_HOME), p("LCSW"), (("90834", 1),),
      also=("3.1", "3.2"), mods_ordered=("FQ", "93", "AJ", "HO"), rules=("MOD-LIMIT",),
      profile_overrides={
          "telehealth": {"audio_only_allowed": True, "audio_modifiers": ("FQ", "93"), "pos_override": None,
                         "audio_only_codes": None},
          "credential_modifiers": {"LCSW": ("AJ", "HO", "HE")},
          "modifier_order": ("telehealth", "credential", "program", "supervision", "procedure"),
      },
      note="5 modifiers (Alaska-style FQ+93, three credential/program marks): first 4 in payer order kept"),
]
