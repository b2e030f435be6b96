"""Eligibility code lists the benefit summary reads (X12 005010X279A1 code sources).

Why here: which service types mean "mental health" and how a time period is worded are
business decisions the summary depends on, so they are data next to the rules, not in
the X12 codec. Labels are short paraphrases of the X12 code names.

- Service type codes (element 1365). Mental-health codes: MH mental health, A4
  psychiatric, A5 psychiatric room and board, A6 psychotherapy, A7 psychiatric inpatient,
  A8 psychiatric outpatient, AI substance abuse, AJ alcoholism, AK drug addiction, BB
  partial hospitalization (psychiatric), BC day care (psychiatric), CE/CF mental health
  provider inpatient/outpatient, CG/CH mental health facility inpatient/outpatient, CI/CJ
  substance abuse facility inpatient/outpatient, RT residential psychiatric treatment.
  Outpatient sessions read their cost sharing from the outpatient codes, most specific
  first (`OUTPATIENT_PREFERENCE`); the inpatient/facility codes still count as
  mental-health benefits (coverage, carve-outs, messages) but never price a session.
- Time period qualifiers (element 615) and EB01 information codes (element 1390).
"""

from __future__ import annotations

__all__ = [
    "COVERAGE_ACTIVE", "COVERAGE_INACTIVE", "HEALTH_PLAN", "INFO_LABELS",
    "MENTAL_HEALTH_SERVICE_TYPES", "OUTPATIENT_PREFERENCE", "REMAINING_PERIODS",
    "SERVICE_TYPE_LABELS", "SUBSTANCE_USE_PREFERENCE", "TIME_PERIOD_LABELS", "TOTAL_PERIODS",
    "YEAR_TO_DATE_PERIODS",
]

HEALTH_PLAN = "30"  # Health Benefit Plan Coverage: the generic answer every payer gives

SERVICE_TYPE_LABELS: dict[str, str] = {
    "30": "health benefit plan coverage",
    "1": "medical care",
    "98": "professional (physician) office visit",
    "MH": "mental health",
    "A4": "psychiatric",
    "A5": "psychiatric room and board",
    "A6": "psychotherapy",
    "A7": "psychiatric inpatient",
    "A8": "psychiatric outpatient",
    "AI": "substance abuse",
    "AJ": "alcoholism",
    "AK": "drug addiction",
    "BB": "partial hospitalization (psychiatric)",
    "BC": "day care (psychiatric)",
    "CE": "mental health provider inpatient",
    "CF": "mental health provider outpatient",
    "CG": "mental health facility inpatient",
    "CH": "mental health facility outpatient",
    "CI": "substance abuse facility inpatient",
    "CJ": "substance abuse facility outpatient",
    "RT": "residential psychiatric treatment",
}

# Most specific first for an outpatient therapy session.
OUTPATIENT_PREFERENCE: tuple[str, ...] = ("A6", "CF", "A8", "MH", "A4", "CH", "AI", "AK", "AJ", "CJ")
# For a substance-use program: SUD codes first, then the mental-health ones.
SUBSTANCE_USE_PREFERENCE: tuple[str, ...] = ("AI", "AK", "AJ", "CJ", "A8", "MH", "CF", "A6", "A4", "CH")
_INPATIENT = ("A5", "A7", "BB", "BC", "CE", "CG", "CI", "RT")
MENTAL_HEALTH_SERVICE_TYPES = frozenset(OUTPATIENT_PREFERENCE) | frozenset(_INPATIENT)

COVERAGE_ACTIVE = frozenset({"1", "2", "3", "4", "5"})
COVERAGE_INACTIVE = frozenset({"6", "7", "8"})

INFO_LABELS: dict[str, str] = {
    "1": "active coverage", "2": "active - full risk capitation",
    "3": "active - services capitated", "4": "active - services capitated to PCP",
    "5": "active - pending investigation", "6": "inactive",
    "7": "inactive - pending eligibility update", "8": "inactive - pending investigation",
    "A": "co-insurance", "B": "co-payment", "C": "deductible", "CB": "coverage basis",
    "D": "benefit description", "E": "exclusions", "F": "limitations",
    "G": "out of pocket (stop loss)", "H": "unlimited", "I": "non-covered",
    "J": "cost containment", "K": "reserve", "L": "primary care provider",
    "M": "pre-existing condition", "MC": "managed care coordinator",
    "N": "services restricted to following provider", "O": "not deemed a medical necessity",
    "P": "benefit disclaimer", "Q": "second surgical opinion required",
    "R": "other or additional payor", "S": "prior year(s) history",
    "T": "card(s) reported lost/stolen",
    "U": "contact following entity for eligibility or benefit information",
    "V": "cannot process", "W": "other source of data", "X": "health care facility",
    "Y": "spend down",
}

TIME_PERIOD_LABELS: dict[str, str] = {
    "6": "hour", "7": "day", "13": "24 hours", "21": "years", "22": "service year",
    "23": "calendar year", "24": "year to date", "25": "contract", "26": "episode",
    "27": "visit", "28": "outlier", "29": "remaining", "30": "exceeded", "31": "not exceeded",
    "32": "lifetime", "33": "lifetime remaining", "34": "month", "35": "week", "36": "admission",
}
# EB06 values that state a plan amount (the whole deductible, the whole visit limit).
TOTAL_PERIODS = frozenset({"", "21", "22", "23", "25", "26", "32", "34", "35", "36"})
REMAINING_PERIODS = frozenset({"29", "33"})
YEAR_TO_DATE_PERIODS = frozenset({"24"})
