"""Decoding JSON values into snapshot dataclasses, driven by their type hints.

Why generated: the reader follows the dataclasses' fields and types (str, int, bool,
Decimal, date, tuples, frozensets, mappings, optional and nested dataclasses), so the JSON
format and ``snapshot`` cannot drift apart. Money fields (``charge``, ``total_charge``,
``fee_schedule``) go through ``kernel.money.to_money`` (at most two decimal places).
A mismatch raises ``DecodeProblem`` with the field path; ``jsonl`` adds file and line.
Values are echoed only for code-like fields; ids, dates and the rest are described (a
string, a number), so an error cannot leak PHI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from bhbilling.domain.scrubbing.snapshot import MODALITIES
from bhbilling.kernel.errors import InvalidMoney
from bhbilling.kernel.money import to_money

__all__ = ["DecodeProblem", "decoder", "describe"]

_ECHO = frozenset({"code", "codes", "modifiers", "place_of_service", "frequency_code", "kind", "modality",
                   "credential", "relationship", "state", "associate_billing", "pos_home", "pos_other",
                   "pos_override", "video_modifiers", "audio_modifiers", "audio_only_codes",
                   "auth_required_codes", "excluded_credentials", "schema"})
_MONEY = frozenset({"charge", "total_charge", "fee_schedule"})
_CHOICES = {"modality": MODALITIES}


class DecodeProblem(Exception):
    """Where a value does not fit: the field path, what was expected, what was found."""

    def __init__(self, path: str, expected: str, got: str = "") -> None:
        self.path, self.expected, self.got = path, expected, got


def describe(value: Any, path: str) -> str:
    leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if leaf in _ECHO and isinstance(value, str | int) and len(str(value)) <= 20:
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return "a number"
    return {str: "a string", list: "an array", dict: "an object"}.get(type(value), type(value).__name__)


Decoder = Callable[[Any, str], Any]


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise DecodeProblem(path, "a string", describe(value, path))
    choices = _CHOICES.get(path.rsplit(".", 1)[-1])
    if choices is not None and value not in choices:
        raise DecodeProblem(path, "one of " + ", ".join(sorted(choices)), describe(value, path))
    return value


def _integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DecodeProblem(path, "a whole number", describe(value, path))
    return value


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise DecodeProblem(path, "true or false", describe(value, path))
    return value


_A_DECIMAL = 'a decimal as a string ("1.5") or a number'


def _decimal(value: Any, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise DecodeProblem(path, _A_DECIMAL, describe(value, path))
    try:
        number = Decimal(value) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise DecodeProblem(path, _A_DECIMAL, describe(value, path)) from None
    if not number.is_finite():
        raise DecodeProblem(path, "a finite decimal", describe(value, path))
    return number


def _money(value: Any, path: str) -> Decimal:
    number = _decimal(value, path)
    try:
        return to_money(number)
    except InvalidMoney:
        raise DecodeProblem(path, "an amount with at most 2 decimal places", "more decimal places") from None


def _date(value: Any, path: str) -> dt.date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    got = "a string that is not one" if isinstance(value, str) else describe(value, path)
    raise DecodeProblem(path, "a date YYYY-MM-DD", got)


_SCALARS: dict[Any, Decoder] = {str: _string, int: _integer, bool: _boolean, Decimal: _decimal,
                                 dt.date: _date}
_cache: dict[Any, Decoder] = {}


def decoder(tp: Any, money: bool = False) -> Decoder:
    key = (tp, money)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = _build(tp, money)
    return found


def _build(tp: Any, money: bool) -> Decoder:
    if tp is Decimal and money:
        return _money
    if tp in _SCALARS:
        return _SCALARS[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = decoder(next(a for a in args if a is not type(None)), money)
        return lambda v, p: None if v is None else inner(v, p)
    if origin in (tuple, frozenset):
        item = decoder(args[0], money)
        make = tuple if origin is tuple else frozenset

        def sequence(value: Any, path: str) -> Any:
            if not isinstance(value, list):
                raise DecodeProblem(path, "an array", describe(value, path))
            return make(item(v, f"{path}[{i}]") for i, v in enumerate(value))
        return sequence
    if origin in (Mapping, dict):
        item = decoder(args[1], money)

        def mapping(value: Any, path: str) -> dict:
            if not isinstance(value, dict):
                raise DecodeProblem(path, "an object", describe(value, path))
            return {k: item(v, f"{path}.{k}") for k, v in value.items()}
        return mapping
    if dataclasses.is_dataclass(tp):
        return _record(tp)
    raise TypeError(f"no JSON decoder for {tp!r}")  # a snapshot field of a new type: add it here


def _record(cls: type) -> Decoder:
    spec: list[tuple[str, Decoder, bool]] = []

    def fields() -> list[tuple[str, Decoder, bool]]:
        if not spec:
            hints = typing.get_type_hints(cls)
            for f in dataclasses.fields(cls):
                required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                spec.append((f.name, decoder(hints[f.name], f.name in _MONEY), required))
        return spec

    def record(value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise DecodeProblem(path, "an object", describe(value, path))
        spec_ = fields()
        names = {name for name, _, _ in spec_}
        for key in value:
            if key not in names and not (key == "schema" and not path):
                raise DecodeProblem(f"{path}.{key}" if path else key, "one of " + ", ".join(sorted(names)),
                           "an unknown field")
        kwargs = {}
        for name, decode, required in spec_:
            sub = f"{path}.{name}" if path else name
            if name in value:
                kwargs[name] = decode(value[name], sub)
            elif required:
                raise DecodeProblem(sub, "this field (required)", "nothing")
        return cls(**kwargs)
    return record
