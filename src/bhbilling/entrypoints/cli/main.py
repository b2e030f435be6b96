"""The ``bhbilling`` console command.

Each feature module in this package exposes ``register(subparsers)`` and adds its own
subcommand; the command sets up Django once, then dispatches. Errors from bad input are
printed as one clear line and exit with status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from bhbilling.kernel.errors import BhBillingError

_SKIP = {"main", "console"}


def _command_modules():
    package = importlib.import_module("bhbilling.entrypoints.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in _SKIP:
            continue
        module = importlib.import_module(f"bhbilling.entrypoints.cli.{info.name}")
        if hasattr(module, "register"):
            yield module


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bhbilling",
        description="Behavioral-health billing: records, demo data, imports, audit and more.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in _command_modules():
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhbilling.app.settings")
    import django

    django.setup()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except BhBillingError as exc:
        print(f"bhbilling {args.command}: {exc}", file=sys.stderr)
        return 2
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
