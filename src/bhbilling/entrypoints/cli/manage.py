"""``bhbilling manage ...``: Django's own management commands (migrate, createsuperuser...)."""

from __future__ import annotations

import argparse


def register(sub) -> None:
    p = sub.add_parser("manage", help="run a Django management command (e.g. migrate)")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bhbilling manage", *args.args])
    return 0
