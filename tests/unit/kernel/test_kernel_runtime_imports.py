"""Rings: importing the pure modules pulls in no Django, even transitively.

tests/unit/test_core_purity.py checks import statements; this checks sys.modules after a
real import in a fresh interpreter, which also catches indirect imports.
"""

import subprocess
import sys

PURE_MODULES = [
    "bhbilling.kernel.money",
    "bhbilling.kernel.ids",
    "bhbilling.kernel.clock",
    "bhbilling.kernel.errors",
    "bhbilling.kernel.findings",
    "bhbilling.domain.ledger",
    "bhbilling.domain.parties",
    "bhbilling.domain.access",
    "bhbilling.reference.place_of_service",
    "bhbilling.reference.taxonomy",
]


def test_pure_modules_import_without_django():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in PURE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'ninja', 'django_otp', 'psycopg'})\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
