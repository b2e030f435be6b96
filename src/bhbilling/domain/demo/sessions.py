"""Six months of demo sessions, shaped so every coding rule has something to show.

- Individual psychotherapy minutes cluster around the CPT time thresholds (16 / 38 / 53
  minutes: 90832 / 90834 / 90837) and ~3 % sit at exactly 52 minutes, one minute short of
  90837, which the coding warning points out.
- E/M visits with psychotherapy split the minutes into ``em`` and ``psychotherapy`` because
  only the psychotherapy time counts for the add-on (90833 / 90836 / 90838).
- Psychological testing splits ``evaluation`` (96130/96131) from ``testing`` (test
  administration, 96136/96137). Screening lists its instruments (96127, one unit each).
- Telehealth sessions say where the patient was (home -> POS 10, other -> POS 02).
- Notes of the last week are often unsigned (not yet billable); a few sessions are
  no-shows or cancellations with no minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import replace

from bhbilling.domain.demo import catalog as c
from bhbilling.domain.demo.people import CareProfile
from bhbilling.domain.demo.records import DemoSession

WINDOW_DAYS = 182
PSYCHOLOGISTS = frozenset({"group-phd", "group-psyd"})

_THERAPY_MIX = {
    "solo": (("psychotherapy", 84), ("family_with_patient", 5), ("family_without_patient", 2),
             ("crisis", 2), ("screening", 7)),
    "group": (("psychotherapy", 70), ("family_with_patient", 6), ("family_without_patient", 2),
              ("group", 9), ("crisis", 2), ("screening", 5)),
    "sud": (("sud_individual", 46), ("sud_group", 48), ("screening", 4), ("crisis", 2)),
}


def _pick(rng: random.Random, pairs) -> str:
    return rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]


def psychotherapy_minutes(rng: random.Random) -> int:
    """Mostly 30/45/60-minute sessions; some on the exact thresholds and some at 52."""
    r = rng.random()
    if r < 0.03:
        return 52
    if r < 0.07:
        return rng.choice((16, 37, 38, 53))
    if r < 0.075:
        return rng.randint(10, 15)  # too short to bill a psychotherapy code
    bucket = rng.choices(("30", "45", "60"), weights=(25, 45, 30))[0]
    return {"30": rng.randint(26, 35), "45": rng.randint(40, 50), "60": rng.randint(53, 60)}[bucket]


def _minutes(rng: random.Random, service: str) -> tuple[tuple[str, int], ...]:
    if service in ("intake_evaluation", "intake_evaluation_medical", "sud_assessment"):
        return (("evaluation", rng.randint(50, 90)),)
    if service == "psychotherapy":
        return (("psychotherapy", psychotherapy_minutes(rng)),)
    if service == "em_with_psychotherapy":
        addon = rng.choices(((16, 37), (38, 52), (53, 60)), weights=(60, 35, 5))[0]
        return (("em", rng.randint(10, 20)), ("psychotherapy", rng.randint(*addon)))
    if service == "medication_management":
        return (("em", rng.randint(15, 35)),)
    if service == "crisis":
        return (("crisis", rng.randint(35, 110)),)
    if service in ("family_with_patient", "family_without_patient"):
        return (("family", rng.randint(45, 60)),)
    if service == "group":
        return (("group", rng.randint(60, 90)),)
    if service == "sud_group":
        return (("group", rng.choice((60, 90, 180))),)
    if service == "sud_individual":
        return (("counseling", rng.randint(30, 60)),)
    if service == "psychological_testing":
        return (("evaluation", rng.randint(60, 150)), ("testing", rng.randint(30, 120)))
    if service == "screening":
        return (("screening", rng.randint(5, 15)),)
    raise ValueError(f"no minutes rule for service type {service!r}")


def _service(rng: random.Random, prof: CareProfile, first: bool, seen_prescriber: bool,
             ) -> tuple[str, str]:
    """(service type, provider key) for the patient's next visit."""
    if first and prof.new_in_window:
        intake = "sud_assessment" if prof.practice_key == "sud" else "intake_evaluation"
        return intake, prof.therapist_key
    if prof.prescriber_key and rng.random() < 0.3:
        if not seen_prescriber and prof.new_in_window:
            return "intake_evaluation_medical", prof.prescriber_key
        if prof.practice_key != "sud" and rng.random() < 0.35:
            return "em_with_psychotherapy", prof.prescriber_key
        return "medication_management", prof.prescriber_key
    mix = _THERAPY_MIX[prof.practice_key]
    if prof.therapist_key in PSYCHOLOGISTS:
        mix = (*mix, ("psychological_testing", 8))
    if prof.therapist_key == "group-lmft":
        mix = (*mix, ("family_with_patient", 20))
    return _pick(rng, mix), prof.therapist_key


def _delivery(rng: random.Random, service: str) -> tuple[str, str]:
    """(modality, patient_location): testing and most groups happen in the office."""
    in_person_share = {"psychological_testing": 1.0, "sud_group": 0.85, "group": 0.7,
                       "crisis": 0.7}.get(service, 0.6)
    if rng.random() < in_person_share:
        return "in_person", "clinic"
    modality = "video" if rng.random() < 0.8 else "audio_only"
    return modality, "home" if rng.random() < 0.85 else "other"


def _weekday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday() - 4) if day.weekday() >= 5 else day


def _dates(rng: random.Random, count: int, today: dt.date, new: bool) -> list[dt.date]:
    """``count`` visit days, weekdays before ``today``, one visit a day while there are
    enough weekdays: two psychotherapy sessions of one patient on one day would be held by
    the scrubber (NCCI mutually exclusive pair, duplicate) and the demo would fill its work
    lists with an artefact of its own dice instead of real billing problems."""
    first_day = today - dt.timedelta(days=WINDOW_DAYS)
    if new:  # the intake falls inside the window; later visits follow it
        first_day += dt.timedelta(days=rng.randrange(0, int(WINDOW_DAYS * 0.8)))
    span = (today - first_day).days - 1
    weekdays = sorted({min(_weekday(first_day + dt.timedelta(days=n)), today - dt.timedelta(days=1))
                       for n in range(span + 1)})
    if count <= len(weekdays):
        return sorted(rng.sample(weekdays, count))
    return sorted(rng.choice(weekdays) for _ in range(count))


def sessions(rng: random.Random, profiles: tuple[CareProfile, ...], total: int,
             today: dt.date) -> tuple[DemoSession, ...]:
    """``total`` sessions over the window before ``today``, split by SESSION_SHARE."""
    rows: list[DemoSession] = []
    by_practice = {k: [p for p in profiles if p.practice_key == k] for k in c.SESSION_SHARE}
    quota = {k: round(total * c.SESSION_SHARE[k]) for k in c.SESSION_SHARE}
    quota["group"] = total - quota["solo"] - quota["sud"]
    for practice, members in by_practice.items():
        if not members:
            continue
        weights = [rng.uniform(0.3, 2.5) for _ in members]
        picks = rng.choices(members, weights, k=quota[practice])
        per_patient = Counter(p.patient_key for p in picks)
        for prof in members:
            seen_prescriber = False
            for i, day in enumerate(_dates(rng, per_patient[prof.patient_key], today,
                                           prof.new_in_window)):
                service, provider = _service(rng, prof, i == 0, seen_prescriber)
                seen_prescriber = seen_prescriber or provider == prof.prescriber_key
                rows.append(_session(rng, prof, service, provider, day, today))
    rows.sort(key=lambda s: (s.date_of_service, s.start_time, s.practice_key, s.patient_key))
    return tuple(
        _with_id(s, f"DEMO-{s.practice_key.upper()}-{n:06d}") for n, s in enumerate(rows, 1)
    )


def _with_id(s: DemoSession, external_id: str) -> DemoSession:
    return replace(s, external_id=external_id)


def _session(rng: random.Random, prof: CareProfile, service: str, provider: str, day: dt.date,
             today: dt.date) -> DemoSession:
    r = rng.random()
    status = "no_show" if r < 0.03 else "cancelled" if r < 0.05 else "completed"
    minutes = _minutes(rng, service)
    modality, where = _delivery(rng, service)
    start = dt.time(rng.randint(8, 17), rng.choice((0, 30)))
    length = sum(m for _, m in minutes) if status == "completed" else 45
    end_dt = dt.datetime.combine(day, start) + dt.timedelta(minutes=length)
    recent = (today - day).days <= 7
    signed = status == "completed" and rng.random() < (0.65 if recent else 0.995)
    group_size = rng.randint(4, 10) if service in ("group", "sud_group") else None
    instruments: tuple[str, ...] = ()
    if service == "screening" or (service == "intake_evaluation" and rng.random() < 0.4):
        instruments = (c.CHILD_INSTRUMENTS if prof.is_child else c.INSTRUMENTS)[
            : rng.choice((1, 2, 2))]
    complexity: tuple[str, ...] = ()
    if prof.is_child and service in ("psychotherapy", "intake_evaluation", "group") and (
            rng.random() < 0.25):
        complexity = (rng.choice(c.INTERACTIVE_FACTORS),)
    return DemoSession(
        external_id="", practice_key=prof.practice_key, patient_key=prof.patient_key,
        provider_key=provider, location_key=f"{prof.practice_key}-main", date_of_service=day,
        start_time=start, end_time=end_dt.time(), service_type=service, status=status,
        minutes=minutes if status == "completed" else (), modality=modality,
        patient_location=where, diagnoses=prof.diagnoses, note_signed=signed,
        interactive_complexity=complexity, group_size=group_size, instruments=instruments,
        treatment_plan=plan_summary(prof.diagnoses) if status == "completed" else "")


#: Plan summaries by diagnosis family, the kind of line a clinician's treatment plan holds
#: (goals, modality, frequency): part of the record, not psychotherapy notes (45 CFR 164.501).
_PLANS = (
    ("F32", "Reduce depressive symptoms (PHQ-9 below 10) with weekly CBT and behavioral activation; "
            "review in 12 weeks."),
    ("F33", "Relapse prevention for recurrent depression: weekly CBT, mood monitoring, medication "
            "coordination with prescriber."),
    ("F41", "Reduce anxiety (GAD-7 below 10): weekly CBT with exposure and relaxation training."),
    ("F43", "Trauma-focused therapy (CPT/TF-CBT) weekly; stabilize sleep and daily functioning."),
    ("F90", "Improve attention and school functioning: parent training, behavioral plan, "
            "coordination with school."),
    ("F1", "Abstinence and relapse prevention: group and individual counseling, MAT coordination."),
    ("F", "Symptom reduction and functional goals per assessment; weekly psychotherapy."),
)


def plan_summary(diagnoses: tuple[str, ...]) -> str:
    """The demo session's treatment-plan summary, chosen from its first diagnosis (no RNG)."""
    first = diagnoses[0] if diagnoses else ""
    return next((text for prefix, text in _PLANS if first.startswith(prefix)), "")
