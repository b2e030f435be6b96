"""The tamper-evident audit trail (HIPAA 45 CFR 164.312(b)).

Use:
    from bhbilling.app import audit
    audit.record("read", patient)                 # detail page, API read
    audit.record("list", object_type="patient", practice_id=pid, detail={"count": 25})
    audit.record_many("export", claims)           # one chained event per object
    with audit.acting_as("job:835-import"): ...   # CLI and jobs name themselves
    findings = audit.verify()                     # [] when the chain is intact

Writes of PHI models are recorded by signals (``signals``); callers record reads, lists,
exports, imports and authentication events. ``detail`` never holds PHI values.
"""

from bhbilling.app.audit.actor import AuditActorMiddleware, acting_as, current_actor
from bhbilling.app.audit.recorder import ACTIONS, record, record_many
from bhbilling.app.audit.verify import verify

__all__ = [
    "ACTIONS",
    "AuditActorMiddleware",
    "acting_as",
    "current_actor",
    "record",
    "record_many",
    "verify",
]
