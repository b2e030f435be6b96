"""What the report benchmark world is made of: fees, visit shapes, payers, denial reasons, the plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
COMPANY_SLUG = "bench-reports"
FEES = {
    "90791": Decimal("200.00"),
    "90832": Decimal("95.00"),
    "90834": Decimal("150.00"),
    "90837": Decimal("190.00"),
    "90785": Decimal("30.00"),
    "99214": Decimal("160.00"),
    "90836": Decimal("110.00"),
    "90847": Decimal("165.00"),
    "H0004": Decimal("25.00"),
}
SHAPES = (
    (("90834",), "psychotherapy", 30),
    (("90837",), "psychotherapy", 25),
    (("90832",), "psychotherapy", 12),
    (("99214", "90836"), "psychotherapy", 10),
    (("90791", "90785"), "intake_evaluation", 8),
    (("90847",), "family_psychotherapy", 10),
    (("H0004",), "sud_individual", 5),
)
SHAPE_WEIGHTS = [s[2] for s in SHAPES]
# name, payer id, kind, allowed share of charge, patient share rule, denial rate, weekday paid
PAYERS = (
    ("Medicare", "MCR01", "medicare", "0.55", "coins20", 0.07, 1),
    ("State Medicaid", "MCD01", "medicaid", "0.45", "none", 0.12, 2),
    ("Acme Health", "ACME1", "commercial", "0.72", "copay25", 0.08, 3),
    ("Blue Plan", "BLUE1", "commercial", "0.78", "copay30", 0.06, 4),
    ("Evergreen Health", "EVG01", "commercial", "0.68", "coins20", 0.09, 0),
    ("Harbor Care", "HBR01", "commercial", "0.80", "copay20", 0.05, 3),
)
PAYER_WEIGHTS = (18, 22, 20, 18, 12, 10)
# category, group, CARC, RARC, weight (reference §11 CARC/RARC families)
DENIAL_REASONS = (
    ("eligibility", "CO", "27", "N30", 25),
    ("authorization", "CO", "197", "N54", 20),
    ("coding", "CO", "4", "M20", 12),
    ("medical_necessity", "CO", "50", "N115", 10),
    ("timely_filing", "CO", "29", "", 6),
    ("duplicate", "OA", "18", "N522", 10),
    ("coordination_of_benefits", "CO", "22", "MA04", 8),
    ("credentialing", "CO", "B7", "N290", 5),
    ("other", "CO", "16", "MA130", 4),
)
DENIAL_WEIGHTS = [r[4] for r in DENIAL_REASONS]
APPEALABLE = {"authorization", "medical_necessity", "coding", "eligibility"}
WRITE_OFF = {"timely_filing", "duplicate"}
ACCOUNTS = ("1000", "1100", "1200", "4000", "4100", "4200")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


@dataclass
class Plan:
    claims: int
    today: dt.date = dt.date(2026, 6, 30)
    practices: int = 20
    providers: int = 12
    months: int = 18
    seed: int = 7

    @property
    def first_dos(self) -> dt.date:
        return self.today - dt.timedelta(days=round(self.months * 30.4))
