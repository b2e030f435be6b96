"""Checks for the values of a payer-profile file, each problem kept with its key path.

Model:
- A file holds one payer profile: top-level ``name`` (must equal the file name without
  ``.toml``), ``label``, ``payer_kind``, ``reference`` and one ``[[version]]`` table per
  period of rules, each with ``effective_from`` / optional ``effective_to`` (inclusive TOML
  dates). Keys left out of a version take the documented defaults of ``PayerProfile``;
  nothing is inherited between versions, so each version reads on its own.
- Every value is checked against the code sets it names (credentials, service types, CMS
  place-of-service codes, two-character modifiers, payer kinds) and every problem is
  collected with its key path and what was expected, so ``bhbilling payers check`` can list
  them all at once. Version date ranges must not overlap: the version for a date of
  service has to be unique (reference doc §0 rule 1: tables keyed by date of service).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bhbilling.domain.coding.profile import HCodeRule, PayerProfile, TelehealthRules
from bhbilling.domain.parties import Credential, PayerKind, ServiceType
from bhbilling.reference.place_of_service import is_valid_pos

__all__ = [
    "ASSOCIATE_BILLING", "MODIFIER_KINDS", "NAME_RE", "PAYER_KINDS", "Checker", "Problem",
    "allowed_credentials", "credential_list", "credential_modifiers", "is_modifier",
    "modifier_list", "modifier_order", "positive", "sud_hcodes", "telehealth",
]

MODIFIER_KINDS = ("procedure", "credential", "program", "supervision", "telehealth")
ASSOCIATE_BILLING = ("supervisor", "self", "not_covered")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MODIFIER_RE = re.compile(r"^[A-Z0-9]{2}$")
# CPT (5 digits, or 4 digits + F/T/U category letter) or HCPCS Level II (letter + 4 digits).
_CODE_RE = re.compile(r"^(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4})$")
_CREDENTIALS = tuple(c.value for c in Credential)
_SERVICE_TYPES = tuple(s.value for s in ServiceType)
PAYER_KINDS = tuple(k.value for k in PayerKind)


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad value: where it is and what was expected (no PHI: profiles hold none)."""

    file: str
    key: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.expected}"


class Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def bad(self, key: str, expected: str) -> None:
        self.problems.append(Problem(self.file, key, expected))

    def keys(self, table: Mapping[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                self.bad(_join(path, key), f"unknown key; expected one of {', '.join(allowed)}")

    def typed(self, table: Mapping[str, Any], path: str, key: str, kind: type, what: str,
              default: Any = None) -> Any:
        if key not in table:
            return default
        value = table[key]
        # bool is an int subclass in Python; TOML true/false must not pass as a number.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)) or (
            kind is dt.date and isinstance(value, dt.datetime)
        ):
            self.bad(_join(path, key), f"expected {what}, got {_describe(value)}")
            return default
        return value

    def choice(self, table: Mapping[str, Any], path: str, key: str, allowed: tuple[str, ...],
               default: str | None = None) -> str | None:
        value = self.typed(table, path, key, str, "a string", default)
        if value is not default and value not in allowed:
            self.bad(_join(path, key), f"{value!r} is not one of {', '.join(allowed)}")
            return default
        return value

    def strings(self, table: Mapping[str, Any], path: str, key: str,
                valid: Callable[[str], bool], what: str) -> tuple[str, ...] | None:
        """A list of strings each passing ``valid``; None when the key is absent or bad."""
        if key not in table:
            return None
        items = table[key]
        if not isinstance(items, list):
            self.bad(_join(path, key), f"expected a list of {what}, got {_describe(items)}")
            return None
        good = True
        for i, item in enumerate(items):
            if not isinstance(item, str) or not valid(item):
                self.bad(f"{_join(path, key)}[{i}]", f"expected {what}, got {_describe(item)}")
                good = False
        return tuple(items) if good else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"string {value!r}"
    if isinstance(value, dt.datetime):
        return f"date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def is_modifier(text: str) -> bool:
    return bool(_MODIFIER_RE.match(text))


def modifier_list(c: Checker, table: Mapping[str, Any], path: str, key: str,
                   default: tuple[str, ...]) -> tuple[str, ...]:
    got = c.strings(table, path, key, is_modifier, 'a two-character modifier such as "95" or "HO"')
    return default if got is None else got


def credential_list(c: Checker, table: Mapping[str, Any], path: str, key: str) -> frozenset[str]:
    got = c.strings(table, path, key, lambda s: s in _CREDENTIALS,
                    f"a credential ({', '.join(_CREDENTIALS)})")
    return frozenset(got or ())


_TELEHEALTH_KEYS = ("video_modifiers", "audio_modifiers", "audio_only_allowed", "pos_home",
                    "pos_other", "pos_override", "audio_only_codes")


def telehealth(c: Checker, table: Any, path: str) -> TelehealthRules:
    base = TelehealthRules()
    if not isinstance(table, dict):
        c.bad(path, f"expected a table [{path}], got {_describe(table)}")
        return base
    c.keys(table, path, _TELEHEALTH_KEYS)
    pos: dict[str, str | None] = {}
    for key in ("pos_home", "pos_other", "pos_override"):
        value = c.typed(table, path, key, str, 'a place-of-service code string such as "10"',
                        getattr(base, key))
        if value is not None and not is_valid_pos(value):
            c.bad(_join(path, key), f"{value!r} is not an assigned CMS place-of-service code "
                                    '(two digits, e.g. "02", "10", "11")')
            value = getattr(base, key)
        pos[key] = value
    codes = c.strings(table, path, "audio_only_codes", lambda s: bool(_CODE_RE.match(s)),
                      'a CPT/HCPCS code such as "90834" or "H0004"')
    return TelehealthRules(
        video_modifiers=modifier_list(c, table, path, "video_modifiers", base.video_modifiers),
        audio_modifiers=modifier_list(c, table, path, "audio_modifiers", base.audio_modifiers),
        audio_only_allowed=c.typed(table, path, "audio_only_allowed", bool, "true or false",
                                   base.audio_only_allowed),
        pos_home=pos["pos_home"] or base.pos_home,
        pos_other=pos["pos_other"] or base.pos_other,
        pos_override=pos["pos_override"],
        audio_only_codes=None if codes is None else frozenset(codes),
    )


def credential_modifiers(c: Checker, table: Any, path: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        c.bad(path, f"expected a table [{path}], got {_describe(table)}")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for cred in table:
        if cred not in _CREDENTIALS:
            c.bad(_join(path, cred), f"unknown credential; expected one of {', '.join(_CREDENTIALS)}")
            continue
        out[cred] = modifier_list(c, table, path, cred, ())
    return out


def allowed_credentials(c: Checker, table: Any, path: str) -> dict[str, frozenset[str]]:
    if not isinstance(table, dict):
        c.bad(path, f"expected a table [{path}], got {_describe(table)}")
        return {}
    out: dict[str, frozenset[str]] = {}
    for code in table:
        if not _CODE_RE.match(code):
            c.bad(_join(path, code), 'expected a CPT/HCPCS code key such as "90834" or "G0323"')
            continue
        out[code] = credential_list(c, table, path, code)
    return out


def sud_hcodes(c: Checker, table: Any, path: str) -> dict[str, HCodeRule]:
    if not isinstance(table, dict):
        c.bad(path, f"expected a table [{path}], got {_describe(table)}")
        return {}
    out: dict[str, HCodeRule] = {}
    for stype, rule in table.items():
        rpath = _join(path, stype)
        if stype not in _SERVICE_TYPES:
            c.bad(rpath, f"unknown service type; expected one of {', '.join(_SERVICE_TYPES)}")
            continue
        if not isinstance(rule, dict):
            c.bad(rpath, f"expected a table [{rpath}] with code, unit_minutes, max_units, "
                         f"modifiers; got {_describe(rule)}")
            continue
        c.keys(rule, rpath, ("code", "unit_minutes", "max_units", "modifiers"))
        code = c.typed(rule, rpath, "code", str, 'a HCPCS code string such as "H0004"')
        if code is None:
            if "code" not in rule:
                c.bad(_join(rpath, "code"), 'missing; expected a HCPCS code such as "H0004"')
            continue
        if not _CODE_RE.match(code):
            c.bad(_join(rpath, "code"), f'{code!r} is not a CPT/HCPCS code (e.g. "H0004")')
            continue
        minutes = positive(c, rule, rpath, "unit_minutes")
        out[stype] = HCodeRule(code=code, unit_minutes=minutes,
                               max_units=positive(c, rule, rpath, "max_units"),
                               modifiers=modifier_list(c, rule, rpath, "modifiers", ()))
    return out


def positive(c: Checker, table: Mapping[str, Any], path: str, key: str) -> int | None:
    value = c.typed(table, path, key, int, "a whole number of at least 1")
    if value is not None and value < 1:
        c.bad(_join(path, key), f"expected a whole number of at least 1, got {value}")
        return None
    return value


def modifier_order(c: Checker, table: Mapping[str, Any], path: str) -> tuple[str, ...]:
    got = c.strings(table, path, "modifier_order", lambda s: s in MODIFIER_KINDS,
                    f"a modifier kind ({', '.join(MODIFIER_KINDS)})")
    if got is None:
        return PayerProfile.__dataclass_fields__["modifier_order"].default
    if sorted(got) != sorted(MODIFIER_KINDS):
        c.bad(_join(path, "modifier_order"),
              f"expected each of {', '.join(MODIFIER_KINDS)} exactly once, in payer order")
    return got
