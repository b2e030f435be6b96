"""Rule packs as TOML data: which rule modules run, per-payer parameters, per-rule changes.

Model (format in docs/scrubbing.md, "Rule packs"):
- ``data/packs/NAME.toml`` holds one versioned pack: ``name``, ``version``, ``modules``
  (names from ``rules.MODULES``), ``[params]`` defaults with ``[params.kind.KIND]`` and
  ``[params.payer.NAME_OR_ID]`` layers, and ``[rules."RULE-ID"]`` tables that change a
  rule's severity, payers, skipped payers, effective dates, or turn it off.
- Why data: timely-filing windows, eligibility windows and where a rule applies are payer
  facts a biller maintains (reference §0 rule 3 layers: code set, Medicare, payer), and a
  pack's version is stamped on every result so a finding can be traced to its rules.
- The app may pass its own directories (``load_pack(name, directories)``); the domain reads
  only what it is given and its own package data.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, Pack, Rule
from bhbilling.domain.scrubbing.params import PARAM_NAMES, Params, coerce
from bhbilling.domain.scrubbing.rules import MODULES, rule_set
from bhbilling.kernel.errors import BhBillingError

__all__ = ["DEFAULT_PACK", "PackError", "build_pack", "load_pack", "pack_from_document"]

DEFAULT_PACK = "bh-core"
_TOP_KEYS = {"schema", "name", "version", "label", "reference", "modules", "params", "rules"}
_RULE_KEYS = {"severity", "payers", "skip_payers", "effective_from", "effective_to", "enabled"}


class PackError(BhBillingError, ValueError):
    """A rule pack file is missing or malformed; the message names the file and key."""


def _fail(source: str, key: str, expected: str) -> PackError:
    return PackError(f"{source}, key {key}: expected {expected}")


def _strings(value: Any, source: str, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(source, key, "a list of non-empty strings")
    return frozenset(value)


def _params(table: Any, source: str, key: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise _fail(source, key, "a table of parameters")
    out = {}
    for name, value in table.items():
        if name not in PARAM_NAMES:
            raise _fail(source, f"{key}.{name}", f"one of {', '.join(sorted(PARAM_NAMES))}")
        try:
            out[name] = coerce(name, value)
        except ValueError as exc:
            raise _fail(source, f"{key}.{name}", str(exc).removeprefix("expected ")) from None
    return out


def _change_rule(rule: Rule, table: Any, source: str, key: str) -> Rule | None:
    if not isinstance(table, dict):
        raise _fail(source, key, "a table")
    unknown = set(table) - _RULE_KEYS
    if unknown:
        raise _fail(source, f"{key}.{sorted(unknown)[0]}", f"one of {', '.join(sorted(_RULE_KEYS))}")
    if table.get("enabled", True) is False:
        return None
    changes: dict[str, Any] = {}
    if "severity" in table:
        if table["severity"] not in (ERROR, WARNING):
            raise _fail(source, f"{key}.severity", '"error" or "warning"')
        changes["severity"] = table["severity"]
    if "payers" in table:
        changes["payers"] = _strings(table["payers"], source, f"{key}.payers")
    if "skip_payers" in table:
        changes["skip_payers"] = _strings(table["skip_payers"], source, f"{key}.skip_payers")
    for name in ("effective_from", "effective_to"):
        if name in table:
            if not isinstance(table[name], dt.date) or isinstance(table[name], dt.datetime):
                raise _fail(source, f"{key}.{name}", "a TOML date without quotes, e.g. 2026-01-01")
            changes[name] = table[name]
    if "enabled" in table and not isinstance(table["enabled"], bool):
        raise _fail(source, f"{key}.enabled", "true or false")
    return replace(rule, **changes) if changes else rule


def build_pack(name: str, version: str, modules: Iterable[str] = MODULES, *,
               params: Mapping[str, Any] | None = None,
               layers: Mapping[str, Mapping[str, Any]] | None = None,
               rule_changes: Mapping[str, Mapping[str, Any]] | None = None,
               label: str = "", source: str = "<pack>") -> Pack:
    """A pack from Python values (tests, or a document already parsed)."""
    rules: list[Rule] = []
    for module in modules:
        try:
            rules.extend(rule_set(module))
        except KeyError:
            expected = f"module names from {', '.join(MODULES)}; got {module!r}"
            raise _fail(source, "modules", expected) from None
    known = {r.id for r in rules}
    changes = dict(rule_changes or {})
    for rule_id in changes:
        if rule_id not in known:
            raise _fail(source, f"rules.{rule_id}", "the id of a rule in the pack's modules")
    kept: list[Rule] = []
    for rule in rules:
        changed = rule
        if rule.id in changes:
            changed = _change_rule(rule, changes[rule.id], source, f"rules.{rule.id}")
        if changed is not None:
            kept.append(changed)
    base = replace(Params(), **_params(dict(params or {}), source, "params"))
    table = {sel: _params(dict(values), source, f"params.{sel.replace(':', '.', 1)}")
             for sel, values in (layers or {}).items()}
    return Pack(name, version, tuple(kept), base, table, label)


def pack_from_document(doc: Mapping[str, Any], source: str) -> Pack:
    """Check a parsed pack document and build its pack; PackError names file and key."""
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise _fail(source, sorted(unknown)[0], f"one of {', '.join(sorted(_TOP_KEYS))}")
    for key in ("name", "version"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise _fail(source, key, "a non-empty string")
    if doc.get("schema", 1) != 1:
        raise _fail(source, "schema", "1")
    modules = doc.get("modules", list(MODULES))
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise _fail(source, "modules", "a list of module names")
    params = dict(doc.get("params", {}))
    layers: dict[str, Any] = {}
    for group, prefix in (("kind", "kind:"), ("payer", "payer:")):
        tables = params.pop(group, {})
        if not isinstance(tables, dict):
            raise _fail(source, f"params.{group}", "tables keyed by payer kind or payer name/id")
        layers.update({prefix + sel: values for sel, values in tables.items()})
    rules = doc.get("rules", {})
    if not isinstance(rules, dict):
        raise _fail(source, "rules", 'tables keyed by rule id, e.g. [rules."TF-002"]')
    return build_pack(doc["name"], doc["version"], modules, params=params, layers=layers,
                      rule_changes=rules, label=str(doc.get("label", "")), source=source)


def _read(name: str, directories: tuple[str, ...]) -> tuple[str, str]:
    filename = f"{name}.toml"
    for folder in directories:
        path = Path(folder) / filename
        if path.is_file():
            return path.read_text(encoding="utf-8"), str(path)
    shipped = resources.files("bhbilling.domain.scrubbing").joinpath("data", "packs", filename)
    if not shipped.is_file():
        raise PackError(f"rule pack {name!r} not found: expected data/packs/{filename} or one of "
                        f"{', '.join(directories) or 'no extra directories'}")
    return shipped.read_text(encoding="utf-8"), f"data/packs/{filename}"


@lru_cache(maxsize=16)
def load_pack(name: str = DEFAULT_PACK, directories: tuple[str, ...] = ()) -> Pack:
    """The named pack: the first ``directories`` entry holding NAME.toml, else the shipped one."""
    text, source = _read(name, directories)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{source}: not valid TOML ({exc})") from None
    return pack_from_document(doc, source)
