"""Load a payer book from TOML or JSON (or a dict built by a caller), checked key by key.

Why strict: the book drives every adjudication, so a typo must stop the run with a
message naming the file and the key ("payers[1].fees.90837: expected a dollar amount
like '150.00'"), not turn into a silent denial. Money, coinsurance and probabilities are
written as strings or integers: TOML floats are refused because a binary float cannot
hold 0.1 exactly. Dates are ISO (2026-01-31) or TOML dates. Unknown keys are refused so a
misspelt rule is not ignored. The documented example is `simulator/data/example_payerbook.toml`.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bhbilling.kernel.errors import BhBillingError
from bhbilling.simulator.payerbook.model import (
    DEFAULT_PAYER_ADDRESS,
    Address,
    Authorization,
    DenialMix,
    Dependent,
    DiagnosisRule,
    FeeSchedule,
    Member,
    Payee,
    Payer,
    PayerBook,
    PayerRules,
    Plan,
)

__all__ = ["PayerBookError", "load_payerbook", "payerbook_from_dict"]


class PayerBookError(BhBillingError, ValueError):
    """A payer book that cannot be used, naming the file and the key."""


class _Node:
    """One table of the book with its path, for located errors; each key read once."""

    def __init__(self, data: object, path: str, source: str) -> None:
        if not isinstance(data, Mapping):
            raise PayerBookError(f"{source}: {path or 'the book'}: expected a table")
        self.data, self.path, self.source = data, path, source
        self.used: set[str] = set()

    def fail(self, key: str, expected: str) -> PayerBookError:
        where = f"{self.path}.{key}" if self.path else key
        return PayerBookError(f"{self.source}: {where}: expected {expected}")

    def get(self, key: str, default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "a value (the key is required)")
            return default
        return self.data[key]

    def child(self, key: str) -> _Node:
        """A sub-table; absent reads as an empty one (its own required keys still apply)."""
        return _Node(self.get(key, {}), self._sub(key), self.source)

    def children(self, key: str) -> list[_Node]:
        items = self.get(key, [])
        if not isinstance(items, list):
            raise self.fail(key, "a list of tables")
        return [_Node(item, f"{self._sub(key)}[{i}]", self.source) for i, item in enumerate(items)]

    def _sub(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def done(self) -> None:
        extra = sorted(set(self.data) - self.used)
        if extra:
            raise self.fail(extra[0], "one of the documented keys (unknown key)")

    def text(self, key: str, default: Any = ...) -> str:
        value = self.get(key, default)
        if not isinstance(value, str) or (default is ... and not value):
            raise self.fail(key, "text")
        return value

    def number(self, key: str, default: Any = ..., what: str = "a dollar amount like '150.00'") -> Decimal:
        value = self.get(key, default)
        if isinstance(value, Decimal):
            return value
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise self.fail(key, f"{what} written as a string (not a float)")
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise self.fail(key, what) from None
        if not result.is_finite() or result < 0:
            raise self.fail(key, what)
        return result

    def money(self, key: str, default: Any = ...) -> Decimal:
        value = self.number(key, default)
        if value != value.quantize(Decimal("0.01")):
            raise self.fail(key, "whole cents")
        return value.quantize(Decimal("0.01"))

    def fraction(self, key: str, default: Any = ...) -> Decimal:
        value = self.number(key, default, "a fraction like '0.20'")
        if value > 1:
            raise self.fail(key, "a fraction from 0 to 1 (0.2 = 20 %)")
        return value

    def integer(self, key: str, default: Any = ...) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "a whole number, 0 or more")
        return value

    def date(self, key: str, default: Any = ...) -> dt.date | None:
        value = self.get(key, default)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else _bad()
        except ValueError:
            raise self.fail(key, "a date YYYY-MM-DD") from None

    def codes(self, key: str, default: Any = ...) -> frozenset[str]:
        value = self.get(key, default)
        if value is None:
            return value
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "a list of codes")
        return frozenset(value)


def _bad() -> dt.date:
    raise ValueError


def _address(node: _Node) -> Address:
    out = Address(node.text("line1"), node.text("city"), node.text("state"), node.text("postal_code"),
                  node.text("line2", ""))
    node.done()
    return out


def _rules(node: _Node) -> PayerRules:
    base = PayerRules()
    diag = []
    for rule in node.children("diagnosis_rules"):
        prefixes = rule.codes("prefixes")
        diag.append(DiagnosisRule(rule.codes("codes"), tuple(sorted(prefixes))))
        rule.done()
    reason = node.text("credential_reason", base.credential_reason)
    if reason not in ("185", "B7"):
        raise node.fail("credential_reason", "'185' or 'B7'")
    group = node.text("visit_limit_group", base.visit_limit_group)
    if group not in ("CO", "PR"):
        raise node.fail("visit_limit_group", "'CO' or 'PR'")
    out = PayerRules(
        node.integer("timely_filing_days", base.timely_filing_days),
        node.codes("authorization_codes", []),
        tuple(sorted(node.codes("credential_taxonomy_prefixes", []))),
        node.codes("credential_npis", []), reason, node.codes("accepted_modifiers", None),
        node.codes("telehealth_places", sorted(base.telehealth_places)),
        node.codes("telehealth_modifiers", sorted(base.telehealth_modifiers)),
        node.codes("audio_only_modifiers", sorted(base.audio_only_modifiers)),
        node.codes("audio_only_codes", None), tuple(diag), node.codes("visit_codes", []), group,
        bool(node.get("front_end_eligibility", False)), node.integer("prompt_pay_days", base.prompt_pay_days),
        node.fraction("interest_rate", str(base.interest_rate)),
        node.integer("adjudication_delay_days", base.adjudication_delay_days),
        node.number("correction_factor", str(base.correction_factor), "a factor like '1.05'"))
    node.done()
    return out


def _digits(node: _Node, key: str, width: int, default: Any = ...) -> str:
    value = node.text(key, default)
    if len(value) != width or not value.isdigit():
        raise node.fail(key, f"{width} digits")
    return value


def _payer(node: _Node) -> Payer:
    fees = node.child("fees")
    rates = {code: fees.money(code) for code in list(fees.data)}
    address = _address(node.child("address")) if "address" in node.data else DEFAULT_PAYER_ADDRESS
    out = Payer(node.text("id"), node.text("name"), node.text("kind"), node.text("claim_filing_code"),
                _digits(node, "tin", 9), FeeSchedule(rates), _rules(node.child("rules")),
                address, node.text("phone", "8005550100"),
                _digits(node, "bank_routing", 9, "021000021"), node.text("bank_account", "000123456"))
    node.done()
    return out


def _plan(node: _Node) -> Plan:
    oop = node.get("oop_max", None)
    limit = node.get("visit_limit", None)
    out = Plan(node.text("name"), node.date("start"), node.date("end", None), node.text("group", ""),
               node.money("deductible", "0"), node.money("deductible_met", "0"), node.money("copay", "0"),
               node.fraction("coinsurance", "0"), node.money("oop_max") if oop is not None else None,
               node.money("oop_met", "0"), node.integer("visit_limit") if limit is not None else None,
               node.integer("visits_used", 0), bool(node.get("in_network", True)))
    node.done()
    return out


def _member(node: _Node) -> Member:
    deps = []
    for dep in node.children("dependents"):
        deps.append(Dependent(dep.text("last_name"), dep.text("first_name"), dep.date("birth_date", None),
                              dep.text("relationship", "19")))
        dep.done()
    out = Member(node.text("id"), node.text("payer"), node.text("last_name"), node.text("first_name"),
                 _plan(node.child("plan")), node.date("birth_date", None), node.text("sex", ""), tuple(deps))
    node.done()
    return out


def _authorization(node: _Node) -> Authorization:
    out = Authorization(node.text("number"), node.text("member"), node.text("payer"), node.codes("codes"),
                        node.number("units", what="a number of units"), node.date("start"), node.date("end"),
                        node.number("units_used", 0, "a number of units"))
    node.done()
    return out


def _mix(node: _Node) -> DenialMix:
    out = DenialMix(*(node.fraction(k, "0") for k in (
        "medical_necessity", "documentation_request", "late_payment", "reversal", "recoupment")),
        node.integer("late_days", 45))
    node.done()
    return out


def _unique(items: list, key: Callable[[Any], str], source: str, what: str) -> dict:
    out: dict = {}
    for item in items:
        if key(item) in out:
            raise PayerBookError(f"{source}: {what} {key(item)!r} is listed twice")
        out[key(item)] = item
    return out


def payerbook_from_dict(data: Mapping[str, Any], *, source: str = "<payer book>") -> PayerBook:
    """A `PayerBook` from plain data (the parsed TOML/JSON, or one built by a caller)."""
    root = _Node(data, "", source)
    ch = root.child("clearinghouse")
    payers = _unique([_payer(n) for n in root.children("payers")], lambda p: p.payer_id, source, "payer")
    members = _unique([_member(n) for n in root.children("members")], lambda m: m.member_id, source, "member")
    auths = tuple(_authorization(n) for n in root.children("authorizations"))
    for m in members.values():
        if m.payer_id not in payers:
            raise PayerBookError(f"{source}: a member names payer {m.payer_id!r}, which is not in the book")
    payees = _unique([Payee(_digits(n, "npi", 10), _digits(n, "routing", 9), n.text("account"))
                      for n in root.children("payees")], lambda p: p.npi, source, "payee")
    book = PayerBook(ch.text("id"), ch.text("name"), payers, members, auths, _mix(root.child("denial_mix")),
                     root.integer("seed", 0), payees, source)
    ch.done()
    root.done()
    return book


def load_payerbook(path: str | Path) -> PayerBook:
    """Read a payer book file: `.toml` or `.json`."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise PayerBookError(f"{file.name}: cannot read the payer book ({exc.strerror})") from None
    try:
        if file.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        kind = "JSON" if file.suffix.lower() == ".json" else "TOML"
        raise PayerBookError(f"{file.name}: not valid {kind} ({exc})") from None
    return payerbook_from_dict(data, source=file.name)
