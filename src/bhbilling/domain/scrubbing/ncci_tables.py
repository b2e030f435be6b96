"""NCCI procedure-to-procedure (PTP) edits and Medically Unlikely Edits (MUE), keyed by date.

Model (reference §6.1, §6.3; files and sources in data/ncci/SOURCES.md):
- An *edition* is one quarterly CMS release: a PTP file and an MUE file, in force from its
  ``effective_from``. ``data/ncci/editions.toml`` lists the shipped editions; the newest
  edition in force on the date of service is used (the oldest one for earlier dates, with
  its deleted rows still telling what was in force then).
- PTP rows: column 1 / column 2 codes, effective and deletion dates, modifier indicator
  (0 never bypassed, 1 bypassed by an NCCI-associated modifier, 9 not applicable) and the
  CMS rationale. A row is in force when ``effective <= DOS < deletion``. The 2024Q3 file has
  no effective dates, so they are inferred: a pair's later row starts where its earlier row
  was deleted (CMS replaces an edit that way); the first row of a pair is in force from the
  start [K: CMS deletion-date convention].
- MUE rows: the unit cap per code, its adjudication indicator (1 per line, 2 per date of
  service -- policy, 3 per date of service -- clinical) and rationale.
- Refreshable: drop the new quarter's CSVs in data/ncci/ and add an ``[[edition]]``, or let
  the app install its own editions with ``use_editions`` (docs/scrubbing.md, "NCCI data").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "NCCI_MODIFIERS",
    "Edition",
    "MueEdit",
    "NcciDataError",
    "PtpEdit",
    "edition_on",
    "editions_from_directory",
    "load_edition",
    "shipped_editions",
    "use_editions",
]

# CMS NCCI-associated modifiers that may bypass an indicator-1 PTP edit (NCCI policy manual,
# ch. I; reference §3.3). 59/X{EPSU} are the ones used in behavioral health; 25 for E/M.
NCCI_MODIFIERS = frozenset({
    "24", "25", "27", "57", "58", "59", "78", "79", "91", "XE", "XP", "XS", "XU",
    "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
    "LC", "LD", "LM", "LT", "RC", "RI", "RT", "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7",
    "T8", "T9",
})
_PTP_COLUMNS = ("column_1", "column_2", "deletion_date", "modifier_indicator", "ptp_edit_rationale")
_MUE_COLUMNS = ("hcpcs_code", "mue_value", "mai", "mue_rationale")


@dataclass(frozen=True, slots=True)
class PtpEdit:
    column_1: str  # paid
    column_2: str  # denied unless bypassed
    indicator: str  # "0" | "1" | "9"
    rationale: str
    effective: dt.date | None = None
    deleted: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        return (self.effective is None or self.effective <= day) and (
            self.deleted is None or day < self.deleted)


@dataclass(frozen=True, slots=True)
class MueEdit:
    code: str
    value: int
    mai: int  # 1 line, 2 date of service (policy), 3 date of service (clinical)
    rationale: str

    @property
    def per_day(self) -> bool:
        return self.mai != 1


@dataclass(frozen=True, slots=True)
class Edition:
    name: str
    effective_from: dt.date
    ptp: Mapping[tuple[str, str], tuple[PtpEdit, ...]]
    mue: Mapping[str, MueEdit]
    ptp_codes: frozenset[str]  # every code in some PTP pair: a fast "no edit" answer

    def pair(self, a: str, b: str, day: dt.date) -> PtpEdit | None:
        """The PTP edit in force between two codes (either column order), or None."""
        for key in ((a, b), (b, a)):
            rows = self.ptp.get(key)
            if rows:
                for row in rows:
                    if row.in_force(day) and row.indicator != "9":
                        return row
        return None


class NcciDataError(ValueError):
    """An NCCI data file is malformed; the message names file, row and column."""


def _date(text: str, where: str) -> dt.date | None:
    text = text.strip()
    if text in ("", "*"):
        return None
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise NcciDataError(f"{where}: expected a date YYYYMMDD, YYYY-MM-DD or '*', got {text!r}") from None


def _rows(text: str, name: str, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise NcciDataError(f"{name}: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}")
    yield from enumerate(reader, start=2)


def parse_ptp(text: str, name: str) -> dict[tuple[str, str], tuple[PtpEdit, ...]]:
    pairs: dict[tuple[str, str], list[PtpEdit]] = {}
    for number, row in _rows(text, name, _PTP_COLUMNS):
        where = f"{name} row {number}"
        indicator = row["modifier_indicator"].strip()
        if indicator not in ("0", "1", "9"):
            raise NcciDataError(f"{where}, column modifier_indicator: expected 0, 1 or 9, got {indicator!r}")
        edit = PtpEdit(row["column_1"].strip(), row["column_2"].strip(), indicator,
                       row["ptp_edit_rationale"].strip(), _date(row.get("effective_date") or "", where),
                       _date(row["deletion_date"], where))
        pairs.setdefault((edit.column_1, edit.column_2), []).append(edit)
    out = {}
    far = dt.date.max
    for key, rows in pairs.items():
        rows.sort(key=lambda e: e.deleted or far)
        chained = [rows[0]]
        for edit in rows[1:]:
            if edit.effective is None and chained[-1].deleted is not None:
                edit = PtpEdit(edit.column_1, edit.column_2, edit.indicator, edit.rationale,
                               chained[-1].deleted, edit.deleted)
            chained.append(edit)
        out[key] = tuple(chained)
    return out


def parse_mue(text: str, name: str) -> dict[str, MueEdit]:
    out = {}
    for number, row in _rows(text, name, _MUE_COLUMNS):
        where = f"{name} row {number}"
        try:
            value, mai = int(row["mue_value"]), int(row["mai"])
        except ValueError:
            raise NcciDataError(f"{where}: expected whole numbers in mue_value and mai") from None
        if mai not in (1, 2, 3):
            raise NcciDataError(f"{where}, column mai: expected 1, 2 or 3, got {mai}")
        code = row["hcpcs_code"].strip()
        out[code] = MueEdit(code, value, mai, row["mue_rationale"].strip())
    return out


def load_edition(name: str, effective_from: dt.date, ptp_text: str, mue_text: str,
                 ptp_name: str = "ptp.csv", mue_name: str = "mue.csv") -> Edition:
    ptp = parse_ptp(ptp_text, ptp_name)
    codes = frozenset(c for pair in ptp for c in pair)
    return Edition(name, effective_from, ptp, parse_mue(mue_text, mue_name), codes)


def _editions_from(manifest: str, read, source: str) -> tuple[Edition, ...]:
    doc = tomllib.loads(manifest)
    out = []
    for i, entry in enumerate(doc.get("edition", [])):
        where = f"{source} edition[{i}]"
        try:
            name, start, ptp, mue = entry["name"], entry["effective_from"], entry["ptp"], entry["mue"]
        except KeyError as exc:
            raise NcciDataError(f"{where}: missing key {exc.args[0]!r}") from None
        if not isinstance(start, dt.date):
            raise NcciDataError(f"{where}, key effective_from: expected a TOML date like 2024-07-01")
        out.append(load_edition(name, start, read(ptp), read(mue), ptp, mue))
    if not out:
        raise NcciDataError(f"{source}: expected at least one [[edition]]")
    return tuple(sorted(out, key=lambda e: e.effective_from))


_shipped: tuple[Edition, ...] | None = None
_installed: tuple[Edition, ...] | None = None


def shipped_editions() -> tuple[Edition, ...]:
    """The editions in ``data/ncci`` (read once)."""
    global _shipped
    if _shipped is None:
        folder = resources.files("bhbilling.domain.scrubbing").joinpath("data", "ncci")
        _shipped = _editions_from(folder.joinpath("editions.toml").read_text(encoding="utf-8"),
                                  lambda f: folder.joinpath(f).read_text(encoding="utf-8"),
                                  "data/ncci/editions.toml")
    return _shipped


def editions_from_directory(path: Path) -> tuple[Edition, ...]:
    """Editions from a folder holding an ``editions.toml`` and its CSVs (a user's CMS files)."""
    return _editions_from((path / "editions.toml").read_text(encoding="utf-8"),
                          lambda f: (path / f).read_text(encoding="utf-8"), str(path / "editions.toml"))


_by_day: dict[dt.date, Edition] = {}


def use_editions(editions: tuple[Edition, ...] | None) -> None:
    """Install the app's editions (None restores the shipped ones)."""
    global _installed
    _installed = tuple(sorted(editions, key=lambda e: e.effective_from)) if editions else None
    _by_day.clear()


def edition_on(day: dt.date) -> Edition:
    """The newest edition in force on ``day``; the oldest for earlier dates."""
    chosen = _by_day.get(day)
    if chosen is None:
        editions = _installed or shipped_editions()
        chosen = editions[0]
        for edition in editions:
            if edition.effective_from <= day:
                chosen = edition
        _by_day[day] = chosen
    return chosen
