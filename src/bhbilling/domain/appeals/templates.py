"""Appeal letter templates, kept as data: one TOML file per denial category plus one file of
per-payer-kind frames (``templates/_payers.toml``).

Why data: wording changes with payers and with experience, and a biller or compliance
reviewer can read and edit a TOML file without touching code. A template for (category,
payer kind) is the frame's opening for the appeal level, the category's argument
paragraphs (plus any ``[kind.<payer kind>]`` extra paragraphs and attachments), and the
frame's closing. A category without its own file uses ``other.toml`` (the documented
fallback; every category known today has its own file, and a test checks that). Every
category file combines with every payer-kind frame, so each category x payer kind pair has
a template; self-pay has no frame on purpose (there is no payer to appeal to) and asking
for it raises ``NoTemplate``.

Placeholders are checked when the files load: a name outside ``PLACEHOLDERS`` is an error,
so a template can never pull in a fact the appeal facts do not hold.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bhbilling.domain.denials import Category
from bhbilling.domain.parties.coverage import PayerKind
from bhbilling.kernel.errors import BhBillingError

__all__ = ["PLACEHOLDERS", "Frame", "LetterTemplate", "NoTemplate", "TemplateError", "frame_for",
           "template_for"]

#: every name a template may use; compose() supplies exactly these (see docs/appeals.md)
PLACEHOLDERS = frozenset({
    "level_name", "practice_name", "practice_phone", "payer_name", "member_id", "claim_number",
    "payer_claim_number", "service_date", "line_summary", "total_charge", "denied_service",
    "denied_amount", "denial_codes", "remark_codes", "remittance_date", "prior_decision_date",
    "deadline", "start_time", "end_time", "modality", "total_minutes", "diagnoses",
    "assessments", "treatment_plan", "provider_name", "provider_credential", "provider_npi",
    "authorization_number",
})
FRAMES_FILE = "_payers.toml"


class TemplateError(BhBillingError):
    """A template file is malformed (names the file, the key and what was expected)."""


class NoTemplate(BhBillingError):
    """No template for this category and payer kind (self-pay claims are not appealed)."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What one payer kind's letters share: addressee unit, level names, windows, framing."""

    payer_kind: str
    label: str
    unit: str
    level_names: tuple[str, ...]
    later_level_days: tuple[int, ...]  # level 2, 3...: days from the previous decision
    openings: tuple[str, ...]  # one per level
    closing: str


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    name: str  # "<category>/<payer kind>", stored on the appeal
    category: str
    frame: Frame
    subject: str
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields a template string uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _text(path: str, value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{path}: {key} must be a non-empty string")
    unknown = placeholders(value) - PLACEHOLDERS
    if unknown:
        raise TemplateError(f"{path}: {key} uses unknown placeholders {sorted(unknown)}; "
                            f"expected only names listed in docs/appeals.md")
    return " ".join(value.split())


def _texts(path: str, table: dict, key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise TemplateError(f"{path}: {key} must be a list of strings")
    return tuple(_text(path, v, f"{key}[{i}]") for i, v in enumerate(value))


def _read(name: str) -> dict:
    source = resources.files("bhbilling.domain.appeals").joinpath("templates", name)
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"templates/{name}: not valid TOML ({exc})") from None


@cache
def frames() -> dict[str, Frame]:
    out = {}
    for kind, t in _read(FRAMES_FILE).items():
        path = f"templates/{FRAMES_FILE} [{kind}]"
        names = _texts(path, t, "level_names")
        days = t.get("later_level_days", [])
        if (not names or not isinstance(days, list) or len(days) != len(names) - 1
                or not all(isinstance(d, int) and d > 0 for d in days)):
            raise TemplateError(f"{path}: later_level_days must hold one positive day count per "
                                f"level after the first")
        openings = tuple(_text(path, t.get(f"opening_{i}"), f"opening_{i}")
                         for i in range(1, len(names) + 1))
        out[kind] = Frame(payer_kind=kind, label=_text(path, t.get("label"), "label"),
                          unit=_text(path, t.get("unit"), "unit"), level_names=names,
                          later_level_days=tuple(days), openings=openings,
                          closing=_text(path, t.get("closing"), "closing"))
    return out


FALLBACK_CATEGORY = "other"


def _has_file(name: str) -> bool:
    return resources.files("bhbilling.domain.appeals").joinpath("templates", name).is_file()


@cache
def _category(category: str) -> dict:
    name = f"{category}.toml"
    if not _has_file(name):  # a category added later without its own file yet
        return _category(FALLBACK_CATEGORY)
    t = _read(name)
    path = f"templates/{name}"
    if t.get("category") != category:
        raise TemplateError(f"{path}: category must be {category!r}")
    kinds = t.get("kind", {})
    extras = {k: (_texts(f"{path} [kind.{k}]", v, "paragraphs"),
                  _texts(f"{path} [kind.{k}]", v, "attachments")) for k, v in kinds.items()}
    return {"subject": _text(path, t.get("subject"), "subject"),
            "paragraphs": _texts(path, t, "paragraphs"),
            "attachments": _texts(path, t, "attachments"), "extras": extras}


def frame_for(payer_kind: str) -> Frame:
    try:
        return frames()[payer_kind]
    except KeyError:
        known = ", ".join(sorted(frames()))
        raise NoTemplate(f"no appeal frame for payer kind {payer_kind!r}; expected one of {known} "
                         f"(self-pay claims have no payer to appeal to)") from None


def template_for(category: str, payer_kind: str) -> LetterTemplate:
    """The letter template for a denial category and payer kind (NoTemplate if none)."""
    try:
        Category(category)
    except ValueError:
        raise NoTemplate(f"unknown denial category {category!r}; expected a "
                         f"bhbilling.domain.denials.Category value") from None
    frame = frame_for(payer_kind)
    data = _category(category)
    extra_paragraphs, extra_attachments = data["extras"].get(payer_kind, ((), ()))
    return LetterTemplate(
        name=f"{category}/{payer_kind}", category=category, frame=frame, subject=data["subject"],
        paragraphs=data["paragraphs"][:-1] + extra_paragraphs + data["paragraphs"][-1:],
        attachments=data["attachments"] + extra_attachments)


def all_pairs() -> list[tuple[str, str]]:
    """Every (category, payer kind) with a template: all categories x every framed kind."""
    return [(c.value, k.value) for c in Category for k in PayerKind if k.value in frames()]
