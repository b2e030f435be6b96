"""Demo patients, their coverages and 42 CFR Part 2 consents.

Each patient also gets a clinical profile (``CareProfile``: diagnoses, clinicians, whether
the intake falls in the six-month window) that the session generator reads; the profile
is not stored, it only keeps a patient's sessions consistent with each other.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from bhbilling.domain.demo import catalog as c
from bhbilling.domain.demo.records import DemoConsent, DemoCoverage, DemoPatient


@dataclass(frozen=True, slots=True)
class CareProfile:
    patient_key: str
    practice_key: str
    is_child: bool
    diagnoses: tuple[str, ...]
    therapist_key: str
    prescriber_key: str | None
    new_in_window: bool
    payer_key: str | None


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]


def _birth_date(rng: random.Random, today: dt.date, min_age: int, max_age: int) -> dt.date:
    age_days = rng.randrange(min_age * 365 + 30, max_age * 365 + 300)
    return today - dt.timedelta(days=age_days)


def _member_id(rng: random.Random, kind: str) -> str:
    """Fictional ids shaped like the real ones (an MBI-like 11 characters for Medicare)."""
    letters = "ACDEFGHJKMNPQRTUVWXY"  # MBI letters exclude S, L, O, I, B, Z
    if kind == "medicare":
        pattern = "NAXNAXNAANN"
        return "".join(str(rng.randrange(1, 10)) if ch == "N" else rng.choice(letters)
                       if ch == "A" else rng.choice(letters + "0123456789") for ch in pattern)
    if kind in ("medicaid", "medicaid_mco"):
        return f"{'VT' if kind == 'medicaid' else 'MV'}{rng.randrange(10**7, 10**8)}"
    prefix = "".join(rng.choice(letters) for _ in range(3))
    return f"{prefix}{rng.randrange(10**8, 10**9)}"


def _diagnoses(rng: random.Random, practice: str, is_child: bool) -> tuple[str, ...]:
    if practice == "sud":
        codes = [_weighted(rng, c.SUD_DIAGNOSES)]
        if rng.random() < 0.25:
            second = _weighted(rng, c.SUD_DIAGNOSES)
            if second[:3] != codes[0][:3]:
                codes.append(second)
        if rng.random() < 0.45:
            codes.append(_weighted(rng, c.SUD_COOCCURRING))
    else:
        table = c.CHILD_DIAGNOSES if is_child else c.ADULT_DIAGNOSES
        codes = [_weighted(rng, table)]
        if rng.random() < 0.35:
            second = _weighted(rng, table)
            if second != codes[0]:
                codes.append(second)
    if rng.random() < 0.15:
        codes.append(rng.choice(c.CHILD_Z_CODES if is_child else c.Z_CODES))
    return tuple(codes)


def _clinicians(rng: random.Random, practice: str, is_child: bool,
                diagnoses: tuple[str, ...]) -> tuple[str, str | None]:
    """Who the patient sees: a therapist (or counselor) and maybe a prescriber."""
    if practice == "solo":
        return "solo-lcsw", None
    if practice == "sud":
        return rng.choice(("sud-ladc", "sud-lcadc")), ("sud-md" if rng.random() < 0.45 else None)
    if is_child:
        therapist = rng.choice(("group-psyd", "group-lmft", "group-lcsw", "group-psyd"))
    else:
        therapist = rng.choice(("group-phd", "group-lcsw", "group-lmft", "group-lpc",
                                "group-assoc", "group-lcsw", "group-lpc"))
    needs_meds = diagnoses[0][:3] in ("F31", "F33", "F90", "F42") or rng.random() < 0.3
    prescriber = rng.choice(("group-md", "group-pmhnp")) if needs_meds else None
    return therapist, prescriber


def patients(rng: random.Random, total: int, today: dt.date
             ) -> tuple[tuple[DemoPatient, ...], tuple[DemoCoverage, ...], tuple[CareProfile, ...]]:
    """``total`` patients split over the practices (PATIENT_SHARE), with coverages."""
    pts, covs, profiles = [], [], []
    practice_keys = list(c.PATIENT_SHARE)
    counts = {k: max(1, round(total * c.PATIENT_SHARE[k])) for k in practice_keys}
    counts["group"] = max(1, total - counts["solo"] - counts["sud"])
    for practice in practice_keys:
        for n in range(1, counts[practice] + 1):
            key = f"{practice}-{n:04d}"
            payer = _weighted(rng, c.PAYER_MIX[practice])
            is_child = payer not in ("medicare",) and rng.random() < c.CHILD_SHARE[practice]
            if payer == "medicare":
                dob = _birth_date(rng, today, 65, 88)
            elif is_child:
                dob = _birth_date(rng, today, 5, 17)
            else:
                dob = _birth_date(rng, today, 18, 64)
            sex = rng.choice("FM") if rng.random() < 0.98 else "U"
            first = rng.choice(c.FEMALE_NAMES if sex == "F" else c.MALE_NAMES)
            last = rng.choice(c.LAST_NAMES)
            city, zip_code = rng.choice(c.CITIES)
            adult = not is_child
            pts.append(DemoPatient(
                key=key, practice_key=practice,
                account_number=f"{practice[0].upper()}{n:05d}",
                first_name=first,
                middle_name=rng.choice(c.MIDDLE_INITIALS) if rng.random() < 0.4 else "",
                last_name=last, date_of_birth=dob, sex=sex,
                ssn=f"9{rng.randrange(10**8):08d}" if adult and rng.random() < 0.3 else "",
                phone=f"802555{rng.randrange(100, 200):04d}",
                email=(f"{first.lower()}.{last.lower()}{n}@example.org"
                       if adult and rng.random() < 0.6 else ""),
                address_line1=f"{rng.randrange(1, 400)} {rng.choice(c.STREETS)}",
                city=city, state=c.STATE, postal_code=zip_code))
            starts = today - dt.timedelta(days=rng.randrange(200, 1500))
            if payer != "selfpay":
                covs.append(_coverage(rng, key, practice, payer, 1, is_child, last, today, starts))
                second = _secondary(payer, rng)
                if second is not None:
                    covs.append(_coverage(rng, key, practice, second, 2, is_child, last, today,
                                          starts))
            diagnoses = _diagnoses(rng, practice, is_child)
            therapist, prescriber = _clinicians(rng, practice, is_child, diagnoses)
            profiles.append(CareProfile(
                patient_key=key, practice_key=practice, is_child=is_child,
                diagnoses=diagnoses, therapist_key=therapist, prescriber_key=prescriber,
                new_in_window=rng.random() < 0.55, payer_key=None if payer == "selfpay" else payer))
    return tuple(pts), tuple(covs), tuple(profiles)


def _secondary(primary: str, rng: random.Random) -> str | None:
    """~12 % of insured patients (~8 % of all): dual eligibles or two commercial plans."""
    if rng.random() >= 0.12:
        return None
    if primary == "medicare":
        return "medicaid"
    if primary in ("medicaid", "mco"):
        return None if rng.random() < 0.5 else "bluestone"
    return rng.choice([k for k in ("bluestone", "evergreen", "summit") if k != primary])


def _coverage(rng: random.Random, patient_key: str, practice: str, payer: str, priority: int,
              is_child: bool, last_name: str, today: dt.date, starts: dt.date) -> DemoCoverage:
    kind = next(k for key, _n, _id, k, *_ in c.PAYERS if key == payer)
    parent_subscriber = is_child and kind == "commercial"
    parent_sex = rng.choice("FM")
    return DemoCoverage(
        patient_key=patient_key, practice_key=practice, payer_key=payer, priority=priority,
        member_id=_member_id(rng, kind),
        group_number=f"G{rng.randrange(10**5, 10**6)}" if kind == "commercial" else "",
        plan_name={"commercial": "PPO", "medicaid_mco": "Community Choice"}.get(kind, ""),
        relationship="19" if parent_subscriber else "18",
        subscriber_first_name=(rng.choice(c.FEMALE_NAMES if parent_sex == "F" else c.MALE_NAMES)
                               if parent_subscriber else ""),
        subscriber_last_name=last_name if parent_subscriber else "",
        subscriber_date_of_birth=(_birth_date(rng, today, 30, 52) if parent_subscriber else None),
        subscriber_sex=parent_sex if parent_subscriber else "",
        starts_on=starts)


def consents(rng: random.Random, profiles: tuple[CareProfile, ...],
             today: dt.date) -> tuple[DemoConsent, ...]:
    """Part 2 TPO consents (42 CFR 2.31, 2.33) for ~85 % of SUD patients; ~8 % revoked."""
    rows = []
    for prof in profiles:
        if prof.practice_key != "sud" or rng.random() >= 0.85:
            continue
        signed = today - dt.timedelta(days=rng.randrange(30, 400))
        revoked = None
        if rng.random() < 0.08:
            revoked = signed + dt.timedelta(days=rng.randrange(1, (today - signed).days))
        rows.append(DemoConsent(
            patient_key=prof.patient_key, practice_key="sud", kind="part2_tpo",
            recipient="Clearwater Billing Services and the patient's health plans",
            purpose="Treatment, payment and health care operations",
            scope="Diagnoses, dates and types of service, and charges needed to bill",
            signed_on=signed, expires_on=signed + dt.timedelta(days=730), revoked_on=revoked))
    return tuple(rows)
