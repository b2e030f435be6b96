"""How fast is the coding engine, against the floor of merely picking a code from a dict?

Measures, for n prebuilt, varied contexts (service types, minutes, telehealth, credentials,
supervision, payer rules) on one core:
  (a) lower bound: read the session's minutes and pick a code from a dict -- what any
      coder pays just to look at the input;
  (b) ``code_session`` on every context (lines, modifiers, pointers, charges, reasons).
Profiles are built here as PayerProfile objects so the figure is the domain's alone.

Run: ``python -m benchmarks.bench_coding`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from bhbilling.domain.coding import (
    CodingContext,
    HCodeRule,
    PayerProfile,
    ProviderFacts,
    SessionFacts,
    TelehealthRules,
    code_session,
)

DOS = dt.date(2026, 6, 15)
_PROFILES = (
    PayerProfile("commercial", "Commercial", "1", dt.date(2025, 1, 1), screening_max_units=4,
                 associate_billing="not_covered", z_code_primary_allowed=False),
    PayerProfile("medicare", "Medicare", "1", dt.date(2025, 1, 1), payer_kind="medicare",
                 telehealth=TelehealthRules(video_modifiers=()), crisis_g_codes_outside_office=True,
                 excluded_credentials=frozenset({"LADC"}), associate_billing="not_covered"),
    PayerProfile("medicaid", "Medicaid", "1", dt.date(2025, 1, 1), payer_kind="medicaid",
                 telehealth=TelehealthRules(video_modifiers=("GT",)),
                 credential_modifiers={"LCSW": ("HO",), "LPC": ("HO",), "PSYD": ("HP",)},
                 sud_hcodes={"sud_individual": HCodeRule("H0004", 15, 6, ("HF",)),
                             "sud_assessment": HCodeRule("H0001", modifiers=("HF",))}),
)
_SUPERVISOR = ProviderFacts("1987654328", "LCSW")
_PROVIDERS = (ProviderFacts("1234567893", "LCSW"), ProviderFacts("1234567893", "MD"),
              ProviderFacts("1234567893", "PSYD"), ProviderFacts("1234567893", "ASSOCIATE",
                                                                  supervisor=_SUPERVISOR))
_SESSIONS = (
    ("psychotherapy", {"psychotherapy": 45}, {}),
    ("psychotherapy", {"psychotherapy": 53}, {"modality": "video", "patient_location": "home"}),
    ("psychotherapy", {"psychotherapy": 37}, {"interactive_complexity": ("interpreter",)}),
    ("em_with_psychotherapy", {"psychotherapy": 30, "em": 25}, {"em_code": "99214"}),
    ("medication_management", {"em": 32}, {}),
    ("intake_evaluation", {}, {}),
    ("crisis", {"crisis": 95}, {"location_pos": "12"}),
    ("family_with_patient", {"family": 50}, {}),
    ("group", {"group": 90}, {"group_size": 8}),
    ("screening", {}, {"instruments": ("PHQ-9", "GAD-7")}),
    ("psychological_testing", {"evaluation": 120, "testing": 90}, {}),
    ("sud_individual", {"counseling": 60}, {"diagnoses": ("F10.20",)}),
    ("psychotherapy", {"psychotherapy": 45}, {"modality": "audio_only", "patient_location": "home"}),
    ("psychotherapy", {"psychotherapy": 50}, {"diagnoses": ("Z63.0", "F43.23"), "note_signed": False}),
)
FEES = {(code, ()): Decimal("100.00") for code in (
    "90791", "90792", "90785", "90832", "90833", "90834", "90836", "90837", "90838", "90839", "90840",
    "G0017", "G0018", "90847", "90853", "96127", "96130", "96131", "96136", "96137", "99213", "99214",
    "H0001", "H0004")}


def make_contexts(n: int) -> list[CodingContext]:
    """n varied contexts; minutes shift with i so time bands and boundaries are all hit."""
    out = []
    for i in range(n):
        service_type, minutes, extra = _SESSIONS[i % len(_SESSIONS)]
        minutes = {k: max(0, v + (i % 11) - 5) for k, v in minutes.items()}
        kwargs = {"diagnoses": ("F33.1", "F41.1"), **extra}
        session = SessionFacts(f"S{i}", DOS, service_type, minutes, **kwargs)
        out.append(CodingContext(session, _PROVIDERS[(i // 7) % len(_PROVIDERS)],
                                 _PROFILES[(i // 3) % len(_PROFILES)], FEES))
    return out


_FLOOR = {"psychotherapy": "90834", "crisis": "90839"}


def _lower_bound(contexts: list[CodingContext]) -> int:
    picked = 0
    for ctx in contexts:
        minutes = ctx.session.minutes.get("psychotherapy", 0)
        picked += minutes > 37 and _FLOOR.get(ctx.session.service_type) is not None
    return picked


def _code_all(contexts: list[CodingContext]) -> int:
    return sum(len(code_session(ctx).lines) for ctx in contexts)


def _rate(fn, contexts: list[CodingContext]) -> tuple[float, int]:
    start = time.perf_counter()
    value = fn(contexts)
    return len(contexts) / (time.perf_counter() - start), value


def run(n: int = 50_000) -> dict:
    contexts = make_contexts(n)
    _code_all(contexts[:2000])  # warm the note caches, as a long-running process would be
    floor_rate, _ = _rate(_lower_bound, contexts)
    rate, lines = _rate(_code_all, contexts)
    return {
        "sessions": n,
        "lines proposed": lines,
        "lower bound (read minutes, pick from a dict) sessions/s": round(floor_rate),
        "code_session sessions/s": round(rate),
        "microseconds per session": round(1e6 / rate, 2),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
