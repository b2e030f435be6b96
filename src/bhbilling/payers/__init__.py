"""Payer profiles: per-payer coding rules kept as versioned TOML data files.

Public API: ``load_profile(name, on, extra_dirs=())`` returns the domain ``PayerProfile``
version in force on a date of service; ``available_profiles(extra_dirs=())`` lists names;
``load_profile_file`` / ``check_file`` read or check one file; ``appeal_window_for(name)``
gives the profile's first-level appeal window (``[appeals]`` table); ``ProfileError`` (a
``BhBillingError``) names the file, the key and what was expected. File format and how a
biller adds a payer: docs/payer-profiles.md.
"""

from bhbilling.payers.loader import (
    ProfileError,
    ProfileFile,
    appeal_window_for,
    available_profiles,
    check_file,
    load_profile,
    load_profile_file,
    profile_path,
)
from bhbilling.payers.schema import Problem

__all__ = [
    "Problem",
    "ProfileError",
    "ProfileFile",
    "appeal_window_for",
    "available_profiles",
    "check_file",
    "load_profile",
    "load_profile_file",
    "profile_path",
]
