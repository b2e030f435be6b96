"""Parsers for one import cell each: return the typed value or raise `Bad(expected)`.

Model:
- A parser sees the raw value (text from CSV, or any JSON value from JSON Lines) and either
  returns the clean value or raises `Bad` with what was *expected*. It never puts the value
  itself in the message: the caller decides whether the field may be echoed (codes may,
  PHI such as dates of birth, SSNs, member ids and names may not; HIPAA 45 CFR 164.514(b)).
- Value sets mirror the Django choices (sex, relationship SBR02/PAT01, SBR01 priority,
  service types, modality, patient location, status); a test keeps them in step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from bhbilling.domain.parties import Modality, Relationship, ServiceType
from bhbilling.kernel.ids import is_valid_npi

SEX = ("F", "M", "U")
# Patient to subscriber, SBR02/PAT01: 18 self, 01 spouse, 19 child, 53 life partner, G8 other.
RELATIONSHIPS = tuple(r.value for r in Relationship)
PRIORITIES = (1, 2, 3)  # SBR01 P, S, T
# Service types and modalities are the domain's own enums (bhbilling.domain.parties.services).
SERVICE_TYPES = tuple(t.value for t in ServiceType)
MODALITIES = tuple(m.value for m in Modality)
PATIENT_LOCATIONS = ("clinic", "home", "other")
STATUSES = ("scheduled", "completed", "no_show", "cancelled")
# Office E/M levels a prescriber may document (new 99202-99205, established 99211-99215).
EM_CODES = ("99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215")
_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP"
)
US_STATES = frozenset(_STATES.split(" "))
MAX_DIAGNOSES = 12  # 837P HI: one ABK principal + up to 11 ABF

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ACTIVITY = re.compile(r"^[a-z][a-z_]{0,29}$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


class Bad(ValueError):
    """The value does not fit; `expected` says what would."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


Parser = Callable[[Any], Any]


def text(max_len: int) -> Parser:
    def parse(v: Any) -> str:
        if isinstance(v, bool) or not isinstance(v, str | int):
            raise Bad(f"text of at most {max_len} characters")
        s = str(v).strip()
        if len(s) > max_len:
            raise Bad(f"at most {max_len} characters")
        return s
    return parse


def date(v: Any) -> dt.date:
    if isinstance(v, str) and _DATE.match(v.strip()):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise Bad("a date YYYY-MM-DD")


def time(v: Any) -> dt.time:
    if isinstance(v, str) and _TIME.match(v.strip()):
        return dt.time.fromisoformat(v.strip())
    raise Bad("a 24-hour time HH:MM")


def choice(values: Iterable[str], *, upper: bool = False) -> Parser:
    allowed = tuple(values)

    def parse(v: Any) -> str:
        s = str(v).strip() if isinstance(v, str | int) and not isinstance(v, bool) else None
        s = (s.upper() if upper else s.lower()) if s is not None else None
        if s not in allowed:
            raise Bad(f"one of {', '.join(allowed)}")
        return s
    return parse


def relationship(v: Any) -> str:
    s = str(v).strip().upper() if isinstance(v, str | int) and not isinstance(v, bool) else ""
    if s.isdigit() and len(s) == 1:  # spreadsheets drop the leading zero of "01"
        s = s.zfill(2)
    if s not in RELATIONSHIPS:
        raise Bad("one of " + ", ".join(f"{r.value} ({r.name.lower().replace('_', ' ')})"
                                      for r in Relationship))
    return s


def integer(lo: int, hi: int) -> Parser:
    def parse(v: Any) -> int:
        if isinstance(v, bool):
            raise Bad(f"a whole number from {lo} to {hi}")
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        if not isinstance(v, int) or not lo <= v <= hi:
            raise Bad(f"a whole number from {lo} to {hi}")
        return v
    return parse


def priority(v: Any) -> int:
    try:
        return integer(1, 3)(v)
    except Bad:
        raise Bad("1 (primary), 2 (secondary) or 3 (tertiary)") from None


def boolean(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower() if isinstance(v, str | int) else None
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise Bad("true or false")


def npi(v: Any) -> str:
    s = str(v).strip() if isinstance(v, str | int) and not isinstance(v, bool) else ""
    if not is_valid_npi(s):
        raise Bad("a 10-digit NPI with a valid check digit")
    return s


def state(v: Any) -> str:
    s = v.strip().upper() if isinstance(v, str) else ""
    if s not in US_STATES:
        raise Bad("a two-letter USPS state code (e.g. NY)")
    return s


def postal_code(v: Any) -> str:
    s = str(v).strip().replace("-", "") if isinstance(v, str | int) else ""
    if not (s.isdigit() and len(s) in (5, 9)):
        raise Bad("a 5- or 9-digit ZIP code (12207 or 12207-1234)")
    return s


def phone(v: Any) -> str:
    s = "".join(c for c in str(v) if c.isdigit()) if isinstance(v, str | int) else ""
    if len(s) == 11 and s.startswith("1"):
        s = s[1:]
    if len(s) != 10:
        raise Bad("a 10-digit US phone number")
    return s


def email(v: Any) -> str:
    s = v.strip() if isinstance(v, str) else ""
    if len(s) > 254 or not _EMAIL.match(s):
        raise Bad("an email address")
    return s


def ssn(v: Any) -> str:
    """SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    s = v.strip().replace("-", "") if isinstance(v, str) else ""
    if (len(s) != 9 or not s.isdigit() or s[:3] in ("000", "666") or s[0] == "9"
            or s[3:5] == "00" or s[5:] == "0000"):
        raise Bad("a 9-digit SSN (123-45-6789)")
    return s


def member_id(v: Any) -> str:
    s = str(v).strip() if isinstance(v, str | int) and not isinstance(v, bool) else ""
    if not s or len(s) > 80 or not all(c.isalnum() or c == "-" for c in s):
        raise Bad("letters, digits or dashes, at most 80 characters (2010BA NM109)")
    return s


def items(v: Any) -> list[str]:
    """A JSON list of strings, or text separated by semicolons."""
    if isinstance(v, list):
        if not all(isinstance(x, str) for x in v):
            raise Bad("a list of texts")
        parts = v
    elif isinstance(v, str):
        parts = v.split(";")
    else:
        raise Bad("a semicolon-separated list")
    return [p.strip() for p in parts if p.strip()]


def minutes(v: Any) -> dict[str, int]:
    """`psychotherapy=53;em=20` (CSV) or {"psychotherapy": 53, "em": 20} (JSON)."""
    expected = "activity=minutes pairs separated by semicolons (psychotherapy=53;em=20)"
    if isinstance(v, dict):
        pairs = list(v.items())
    elif isinstance(v, str):
        pairs = []
        for part in (p.strip() for p in v.split(";")):
            if part:
                key, sep, num = part.partition("=")
                if not sep:
                    raise Bad(expected)
                pairs.append((key.strip(), num.strip()))
    else:
        raise Bad(expected)
    out: dict[str, int] = {}
    count = integer(1, 1440)
    for key, num in pairs:
        if not isinstance(key, str) or not _ACTIVITY.match(key) or key in out:
            raise Bad(expected + "; activity names lower-case, each once")
        try:
            out[key] = count(num)
        except Bad:
            raise Bad(f"{key} minutes as a whole number from 1 to 1440") from None
    return out
