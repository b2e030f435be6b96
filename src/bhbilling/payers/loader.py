"""Find, parse and cache payer-profile files; pick the version in force on a date.

Model:
- Profiles are TOML files named ``NAME.toml``: the ones shipped in
  ``bhbilling/payers/profiles/`` (read through importlib.resources) and any in the extra
  directories the caller passes (the app passes ``settings.BHBILLING_PAYER_PROFILE_DIRS``;
  this ring never reads the environment). A file in an extra directory replaces the
  shipped file of the same name as a whole; among extra directories the first listed wins
  (like PATH). A biller adds or changes a payer by dropping a file there: no Python.
- One file holds every version of one profile (``[[version]]`` tables with
  ``effective_from``/``effective_to``), so the rules' history is read and reviewed in one
  place and overlaps are caught inside the file (reference doc §0 rule 1: rules are keyed
  by date of service).
- Parsed files are cached on (path, mtime, size): an edited file is re-read on the next
  call, an unchanged one costs a ``stat``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from bhbilling.domain.coding.profile import PayerProfile
from bhbilling.domain.denials.deadlines import AppealWindow
from bhbilling.kernel.errors import BhBillingError
from bhbilling.payers.document import appeal_window_from_document, profiles_from_document
from bhbilling.payers.schema import Problem

__all__ = [
    "ProfileError",
    "ProfileFile",
    "appeal_window_for",
    "available_profiles",
    "check_file",
    "load_profile",
    "load_profile_file",
    "profile_path",
]

SUFFIX = ".toml"


class ProfileError(BhBillingError):
    """A payer profile is missing, malformed, or has no version for the date asked."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.problems = tuple(problems)
        if self.problems:
            message = message + ":\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class ProfileFile:
    """One profile file and all its versions, oldest first."""

    name: str
    path: Path
    versions: tuple[PayerProfile, ...]
    appeals: AppealWindow | None = None  # the [appeals] table; None: no appeal window

    def version_on(self, day: dt.date) -> PayerProfile:
        for profile in self.versions:
            if profile.in_force_on(day):
                return profile
        spans = ", ".join(_span(p) for p in self.versions)
        raise ProfileError(
            f"{self.path}: no version of payer profile {self.name!r} is in force on "
            f"{day.isoformat()}; expected a [[version]] covering that date (versions: {spans})"
        )


def _span(p: PayerProfile) -> str:
    end = p.effective_to.isoformat() if p.effective_to else "open-ended"
    return f"{p.version} {p.effective_from.isoformat()}..{end}"


@cache
def _shipped_dir() -> Path:
    # A regular (non-zipped) install: the package directory is a real path.
    return Path(str(resources.files("bhbilling.payers").joinpath("profiles")))


def _search_dirs(extra_dirs: Sequence[Path | str]) -> list[Path]:
    return [*(Path(d) for d in extra_dirs), _shipped_dir()]


def profile_path(name: str, extra_dirs: Sequence[Path | str] = ()) -> Path:
    """The file that defines ``name``: the first extra directory holding it, else shipped."""
    for directory in _search_dirs(extra_dirs):
        candidate = directory / f"{name}{SUFFIX}"
        if candidate.is_file():
            return candidate
    raise ProfileError(
        f"no payer profile named {name!r}; expected a file {name}{SUFFIX} in "
        + ", ".join(str(d) for d in _search_dirs(extra_dirs))
        + f" (known: {', '.join(available_profiles(extra_dirs)) or 'none'})"
    )


def available_profiles(extra_dirs: Sequence[Path | str] = ()) -> tuple[str, ...]:
    """Names of every profile file found (extra directories and shipped), sorted."""
    names: set[str] = set()
    for directory in _search_dirs(extra_dirs):
        if directory.is_dir():
            names.update(p.stem for p in directory.glob(f"*{SUFFIX}") if p.is_file())
    return tuple(sorted(names))


def load_profile_file(path: Path | str) -> ProfileFile:
    """Every version in one file; ProfileError listing each problem with file, key, expected."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read payer profile ({exc.strerror})") from None
    return _parse(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _parse(path: str, _mtime_ns: int, _size: int) -> ProfileFile:
    """Parse and check one file; the mtime/size arguments only key the cache."""
    file = Path(path)
    try:
        doc = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{file}: not valid TOML ({exc}); expected TOML syntax, "
                           "see docs/payer-profiles.md") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{file}: cannot read payer profile ({exc})") from None
    versions, problems = profiles_from_document(doc, str(file), file.stem)
    window, appeal_problems = appeal_window_from_document(doc, str(file))
    problems = problems + appeal_problems
    if problems:
        raise ProfileError(f"{file}: payer profile has {len(problems)} problem(s)", problems)
    return ProfileFile(name=file.stem, path=file, versions=versions, appeals=window)


def check_file(path: Path | str) -> tuple[Problem, ...]:
    """Every problem in one file (empty when it is valid); never raises for bad content."""
    try:
        load_profile_file(path)
    except ProfileError as exc:
        return exc.problems or (Problem(str(path), "(file)", str(exc)),)
    return ()


def load_profile(name: str, on: dt.date, extra_dirs: Sequence[Path | str] = ()) -> PayerProfile:
    """The version of payer profile ``name`` in force on date of service ``on``."""
    return load_profile_file(profile_path(name, extra_dirs)).version_on(on)


def appeal_window_for(name: str, extra_dirs: Sequence[Path | str] = ()) -> AppealWindow | None:
    """Payer profile ``name``'s first-level appeal window (None when it has none)."""
    return load_profile_file(profile_path(name, extra_dirs)).appeals
