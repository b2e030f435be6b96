"""Importing what EHRs export: patients, coverages and sessions (CSV or JSON Lines).

Use (inside ``scoped_to(company_id, practice_id)``)::

    from bhbilling.app.imports import import_file
    result = import_file("sessions", "march.csv", practice_id=practice.id, actor="cli:import")

Rules live in the pure ``bhbilling.domain.intake``; this package resolves references in the
current tenant and writes everything in one transaction. Formats: docs/import-formats.md.
"""

from bhbilling.app.imports.service import BATCH_SIZE, ImportResult, import_file
from bhbilling.kernel.errors import ImportRejected

__all__ = ["BATCH_SIZE", "ImportRejected", "ImportResult", "import_file"]
