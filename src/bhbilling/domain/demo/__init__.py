"""A deterministic, fictional demo world: one billing company, three practices, six months.

Pure: no Django, no clock, no environment. ``generate_world(seed)`` returns frozen records
(``records``) that ``bhbilling.app.demo`` bulk-loads into the database.
"""

from bhbilling.domain.demo.records import DemoWorld
from bhbilling.domain.demo.world import (
    DEFAULT_PATIENTS,
    DEFAULT_SEED,
    DEFAULT_SESSIONS,
    DEMO_PASSWORD,
    DEMO_TODAY,
    demo_totp_key_hex,
    demo_totp_secret_base32,
    demo_users,
    generate_world,
)

__all__ = [
    "DEFAULT_PATIENTS", "DEFAULT_SEED", "DEFAULT_SESSIONS", "DEMO_PASSWORD", "DEMO_TODAY",
    "DemoWorld", "demo_totp_key_hex", "demo_totp_secret_base32", "demo_users",
    "generate_world",
]
