"""One parsed payer-profile file -> its ``PayerProfile`` versions (see schema.py for checks).

Layout (docs/payer-profiles.md): top-level ``schema``, ``name``, ``label``, ``payer_kind``,
``reference``; then one ``[[version]]`` table per period, each complete on its own (no
inheritance between versions) with optional sub-tables ``telehealth``,
``credential_modifiers``, ``allowed_credentials`` and ``sud_hcodes``; and an optional
top-level ``[appeals]`` table (appeals.py) read by ``appeal_window_from_document``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from bhbilling.domain.coding.profile import PayerProfile
from bhbilling.domain.denials.deadlines import AppealWindow
from bhbilling.payers.appeals import appeal_window
from bhbilling.payers.schema import (
    ASSOCIATE_BILLING,
    NAME_RE,
    PAYER_KINDS,
    Checker,
    Problem,
    allowed_credentials,
    credential_list,
    credential_modifiers,
    modifier_list,
    modifier_order,
    positive,
    sud_hcodes,
    telehealth,
)

__all__ = ["TOP_KEYS", "VERSION_KEYS", "appeal_window_from_document", "profiles_from_document"]

TOP_KEYS = ("schema", "name", "label", "payer_kind", "reference", "version", "appeals")
VERSION_KEYS = (
    "version", "effective_from", "effective_to", "label", "reference", "telehealth",
    "credential_modifiers", "allowed_credentials", "excluded_credentials",
    "associate_billing", "supervised_modifiers", "sud_hcodes", "modifier_order",
    "z_code_primary_allowed", "crisis_g_codes_outside_office", "screening_max_units",
)
_DEFAULTS = PayerProfile.__dataclass_fields__


def _default(key: str) -> Any:
    return _DEFAULTS[key].default


def read_version(c: Checker, t: Mapping[str, Any], path: str,
                 common: Mapping[str, Any]) -> PayerProfile | None:
    """One ``[[version]]`` table; None when its identity (label or dates) is unusable."""
    c.keys(t, path, VERSION_KEYS)
    label = c.typed(t, path, "version", str, 'a version label string such as "2026"')
    if "version" not in t:
        c.bad(f"{path}.version", 'missing; expected a version label such as "2026"')
    start = c.typed(t, path, "effective_from", dt.date, "a TOML date such as 2026-01-01 (no quotes)")
    if "effective_from" not in t:
        c.bad(f"{path}.effective_from", "missing; expected a TOML date such as 2026-01-01")
    end = c.typed(t, path, "effective_to", dt.date, "a TOML date such as 2026-12-31 (no quotes)")
    if start is not None and end is not None and end < start:
        c.bad(f"{path}.effective_to",
              f"expected a date on or after effective_from ({start.isoformat()})")
        end = None
    reference = c.typed(t, path, "reference", str, "a string", "")
    profile = PayerProfile(
        name=common["name"],
        label=c.typed(t, path, "label", str, "a string", common["label"]),
        version=label or "?",
        effective_from=start or dt.date.min,
        effective_to=end,
        payer_kind=common["payer_kind"],
        telehealth=telehealth(c, t["telehealth"], f"{path}.telehealth")
        if "telehealth" in t else _DEFAULTS["telehealth"].default_factory(),
        credential_modifiers=credential_modifiers(
            c, t["credential_modifiers"], f"{path}.credential_modifiers"
        ) if "credential_modifiers" in t else {},
        allowed_credentials=allowed_credentials(
            c, t["allowed_credentials"], f"{path}.allowed_credentials"
        ) if "allowed_credentials" in t else {},
        excluded_credentials=credential_list(c, t, path, "excluded_credentials"),
        associate_billing=c.choice(t, path, "associate_billing", ASSOCIATE_BILLING,
                                   _default("associate_billing")),
        supervised_modifiers=modifier_list(c, t, path, "supervised_modifiers", ()),
        sud_hcodes=sud_hcodes(c, t["sud_hcodes"], f"{path}.sud_hcodes")
        if "sud_hcodes" in t else {},
        modifier_order=modifier_order(c, t, path),
        z_code_primary_allowed=c.typed(t, path, "z_code_primary_allowed", bool, "true or false",
                                       _default("z_code_primary_allowed")),
        crisis_g_codes_outside_office=c.typed(
            t, path, "crisis_g_codes_outside_office", bool, "true or false",
            _default("crisis_g_codes_outside_office"),
        ),
        screening_max_units=positive(c, t, path, "screening_max_units"),
        reference="; ".join(r for r in (common["reference"], reference) if r),
    )
    return profile if label is not None and start is not None else None


def profiles_from_document(doc: Mapping[str, Any], file: str, stem: str
                           ) -> tuple[tuple[PayerProfile, ...], tuple[Problem, ...]]:
    """All versions in one parsed file, oldest first, and every problem found."""
    c = Checker(file)
    c.keys(doc, "", TOP_KEYS)
    schema = c.typed(doc, "", "schema", int, "the whole number 1", 1)
    if schema != 1:
        c.bad("schema", f"expected 1 (the only profile format so far), got {schema}")
    name = c.typed(doc, "", "name", str, "a string")
    if "name" not in doc:
        c.bad("name", f'missing; expected name = "{stem}" (the file name without .toml)')
    elif name is not None and name != stem:
        c.bad("name", f"expected {stem!r} (the file name without .toml), got {name!r}")
    label = c.typed(doc, "", "label", str, "a string", stem)
    if "payer_kind" not in doc:
        c.bad("payer_kind", f"missing; expected one of {', '.join(PAYER_KINDS)}")
    kind = c.choice(doc, "", "payer_kind", PAYER_KINDS, "commercial")
    if not NAME_RE.match(stem):
        c.bad("name", f"file name {stem!r}: expected lower-case letters, digits and hyphens")
    reference = c.typed(doc, "", "reference", str, "a string", "")
    tables = doc.get("version")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        c.bad("version", "expected at least one [[version]] table")
        return (), tuple(c.problems)
    common = {"name": stem, "label": label, "payer_kind": kind, "reference": reference}
    read = [read_version(c, t, f"version[{i}]", common) for i, t in enumerate(tables, 1)]
    found = sorted((v for v in read if v is not None), key=lambda p: p.effective_from)
    for earlier, later in pairwise(found):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            c.bad("version", f"versions {earlier.version!r} and {later.version!r} overlap: "
                             f"expected {earlier.version!r} to end before "
                             f"{later.effective_from.isoformat()}")
    labels = [v.version for v in found]
    for dup in sorted({x for x in labels if labels.count(x) > 1}):
        c.bad("version", f"version label {dup!r} is used twice; expected unique labels")
    return tuple(found), tuple(c.problems)


def appeal_window_from_document(doc: Mapping[str, Any], file: str
                                ) -> tuple[AppealWindow | None, tuple[Problem, ...]]:
    """The file's ``[appeals]`` window (None without one) and its problems."""
    c = Checker(file)
    return appeal_window(c, doc), tuple(c.problems)
