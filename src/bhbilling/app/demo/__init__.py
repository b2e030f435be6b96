"""Load the demo world (``bhbilling.domain.demo``) into the database, and its demo logins.

Demo users are marked by their e-mail domain ``demo.bhbilling.invalid`` (RFC 2606 reserves
``.invalid``, so no real user can have it); ``bhbilling demo totp`` serves codes only for
users with that marker.
"""

from bhbilling.app.demo.loader import SeedResult, database_is_empty, seed_demo
from bhbilling.app.demo.users import (
    DEMO_EMAIL_DOMAIN,
    NotADemoUser,
    create_demo_users,
    current_totp,
    is_demo_user,
    totp_secret_base32,
)

__all__ = [
    "DEMO_EMAIL_DOMAIN", "NotADemoUser", "SeedResult", "create_demo_users", "current_totp",
    "database_is_empty", "is_demo_user", "seed_demo", "totp_secret_base32",
]
