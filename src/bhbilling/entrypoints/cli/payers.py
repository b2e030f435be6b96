"""``bhbilling payers list|check``: see the payer profiles in force and check a new file.

Profiles are TOML data files (docs/payer-profiles.md); billers drop new ones into a
directory listed in ``settings.BHBILLING_PAYER_PROFILE_DIRS``. ``check`` lets them validate
a file before dropping it in, with every problem named by file, key and what was expected.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bhbilling.payers import ProfileError, available_profiles, check_file, load_profile_file
from bhbilling.payers.loader import profile_path


def register(subparsers) -> None:
    p = subparsers.add_parser("payers", help="list payer profiles or check a profile file")
    sub = p.add_subparsers(dest="payers_command", metavar="ACTION")
    sub.required = True
    listing = sub.add_parser("list", help="every profile with its versions and dates")
    listing.set_defaults(handler=list_profiles)
    check = sub.add_parser("check", help="validate a profile file (exit 2 on errors)")
    check.add_argument("file", type=Path, help="a NAME.toml payer-profile file")
    check.set_defaults(handler=check_profile)


def _extra_dirs() -> list[Path]:
    from django.conf import settings

    return [Path(d) for d in getattr(settings, "BHBILLING_PAYER_PROFILE_DIRS", [])]


def list_profiles(args) -> int:
    dirs = _extra_dirs()
    failed = 0
    for name in available_profiles(dirs):
        path = profile_path(name, dirs)
        try:
            profile_file = load_profile_file(path)
        except ProfileError as exc:
            failed += 1
            print(f"{name}: ERROR\n{exc}", file=sys.stderr)
            continue
        first = profile_file.versions[0]
        print(f"{name}  ({first.label}; {first.payer_kind})  {path}")
        for v in profile_file.versions:
            end = v.effective_to.isoformat() if v.effective_to else "open-ended"
            print(f"  version {v.version}: {v.effective_from.isoformat()} .. {end}")
    return 2 if failed else 0


def check_profile(args) -> int:
    problems = check_file(args.file)
    if not problems:
        versions = load_profile_file(args.file).versions
        print(f"OK {args.file}: {len(versions)} version(s)")
        return 0
    for problem in problems:
        print(f"{problem.file}: {problem.key}: {problem.expected}")
    print(f"{len(problems)} problem(s) in {args.file}", file=sys.stderr)
    return 2
