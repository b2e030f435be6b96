"""``generate_world``: the whole demo world from a seed, with no clock and no database.

Determinism: one ``random.Random(seed)`` drives every choice in a fixed order, and
"today" is passed in (``DEMO_TODAY`` by default), so the same arguments always give equal
worlds; tests and the README can rely on the numbers.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random

from bhbilling.domain.demo import catalog as c
from bhbilling.domain.demo import organisations as org
from bhbilling.domain.demo.people import consents, patients
from bhbilling.domain.demo.records import DemoCompany, DemoUser, DemoWorld
from bhbilling.domain.demo.sessions import sessions

__all__ = [
    "DEFAULT_PATIENTS", "DEFAULT_SEED", "DEFAULT_SESSIONS", "DEMO_PASSWORD", "DEMO_TODAY",
    "demo_totp_key_hex", "demo_totp_secret_base32", "demo_users", "generate_world",
]

DEMO_TODAY = dt.date(2026, 11, 27)
DEFAULT_SEED = 2026
DEFAULT_SESSIONS = 8000
DEFAULT_PATIENTS = 600
DEMO_PASSWORD = "bhbilling-demo-2026"  # noqa: S105 - a published demo-only password
"""Demo-only: printed by ``bhbilling serve`` and the README; never use it for real data."""


def demo_totp_key_hex(seed: int) -> str:
    """The 20-byte TOTP key (hex, as django-otp stores it) shared by every demo user.

    Derived from the seed so the README can print the secret; one key for all demo users
    means one authenticator entry opens every demo login.
    """
    return hashlib.sha256(f"bhbilling-demo-totp:{seed}".encode()).digest()[:20].hex()


def demo_totp_secret_base32(seed: int) -> str:
    """The same key as an authenticator app wants it (RFC 4648 base32, 32 characters)."""
    return base64.b32encode(bytes.fromhex(demo_totp_key_hex(seed))).decode("ascii")


def demo_users() -> tuple[DemoUser, ...]:
    """One login per role; ``owner`` is the group practice's owner reading its reports."""
    return (
        DemoUser("admin", "company_admin", None, "Avery", "Admin", True),
        DemoUser("biller", "biller", None, "Blake", "Biller", False),
        DemoUser("coder", "coder", None, "Casey", "Coder", False),
        DemoUser("ar", "ar_specialist", None, "Ari", "Receivables", False),
        DemoUser("auditor", "auditor", None, "Addison", "Auditor", False),
        DemoUser("owner", "client_viewer", "group", "Olivia", "Owner", False),
    )


def generate_world(seed: int = DEFAULT_SEED, *, today: dt.date = DEMO_TODAY,
                   sessions_total: int = DEFAULT_SESSIONS,
                   patients_total: int = DEFAULT_PATIENTS) -> DemoWorld:
    """Build every demo record; counts scale with ``sessions_total``/``patients_total``."""
    if sessions_total < 0 or patients_total < 3:
        raise ValueError("the demo needs at least 3 patients and a non-negative session count")
    rng = random.Random(seed)
    npis: set[str] = set()
    practice_rows = org.practices(rng, npis)
    payer_rows = org.payers()
    provider_rows = org.providers(rng, npis)
    schedules, rates = org.fee_schedules(practice_rows, payer_rows, today)
    patient_rows, coverage_rows, profiles = patients(rng, patients_total, today)
    return DemoWorld(
        seed=seed, today=today, company=DemoCompany(*c.COMPANY),
        practices=practice_rows, locations=org.locations(practice_rows), payers=payer_rows,
        providers=provider_rows, licenses=org.licenses(rng, provider_rows, today),
        enrollments=org.enrollments(rng, provider_rows, payer_rows, today),
        fee_schedules=schedules, fee_rates=rates, patients=patient_rows,
        coverages=coverage_rows, consents=consents(rng, profiles, today),
        sessions=sessions(rng, profiles, sessions_total, today), users=demo_users(),
        totp_key_hex=demo_totp_key_hex(seed),
    )
