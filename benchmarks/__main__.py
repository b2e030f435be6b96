"""`make bench`: run every benchmarks/bench_*.py ``run()`` and print its figures.

Each benchmark times our path and, in the same run, a lower bound on the same input (for
example a plain ``csv`` pass over the file), so a figure always reads against what the
machine could do at best. Timings are reported, never asserted.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table


def _flatten(figures: dict, prefix: str = ""):
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhbilling.app.settings")
    here = Path(__file__).resolve().parent
    wanted = set(argv)
    console = Console()
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if not info.name.startswith("bench_") or (wanted and info.name not in wanted):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        started = time.perf_counter()
        figures = module.run()
        table = Table(title=f"{info.name} ({time.perf_counter() - started:.1f} s)")
        table.add_column("measure")
        table.add_column("value", justify="right")
        for key, value in _flatten(figures):
            table.add_row(key, f"{value:,.3f}" if isinstance(value, float) else str(value))
        console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
