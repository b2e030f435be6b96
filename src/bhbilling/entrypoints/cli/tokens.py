"""``bhbilling token create|revoke``: personal API tokens for scripts and integrations.

The plaintext is printed once, on creation; only its digest is kept, so a lost token is
revoked and replaced, never recovered.
"""

from __future__ import annotations

import datetime as dt

from bhbilling.entrypoints.cli.console import console
from bhbilling.kernel.errors import BhBillingError


class TokenCommandError(BhBillingError):
    """Bad input to a token command (unknown user or token, bad duration)."""


def register(subparsers) -> None:
    p = subparsers.add_parser("token", help="create or revoke personal API tokens")
    sub = p.add_subparsers(dest="token_command", metavar="ACTION")
    sub.required = True
    create = sub.add_parser("create", help="issue a token and print it once")
    create.add_argument("--user", required=True, help="username of the token owner")
    create.add_argument("--name", required=True, help="a label, e.g. 'EHR nightly import'")
    create.add_argument("--days", type=int, default=None, help="expire after N days")
    create.set_defaults(handler=create_token)
    revoke = sub.add_parser("revoke", help="revoke a token by id")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=revoke_token)


def create_token(args) -> int:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bhbilling.app.accounts.tokens import issue_token

    user = get_user_model().objects.filter(username=args.user).first()
    if user is None:
        raise TokenCommandError(f"no user named {args.user!r}")
    if args.days is not None and args.days < 1:
        raise TokenCommandError("--days must be at least 1")
    expires = timezone.now() + dt.timedelta(days=args.days) if args.days else None
    token, plaintext = issue_token(user, args.name, expires_at=expires)
    console.print(f"Token {token.id} for {user.username} ({token.name})"
                  + (f", expires {expires:%Y-%m-%d %H:%M} UTC" if expires else ", no expiry"))
    console.print("Copy it now; it will not be shown again:")
    print(plaintext)
    return 0


def revoke_token(args) -> int:
    from bhbilling.app.accounts.tokens import revoke_token as revoke
    from bhbilling.app.models import ApiToken

    try:
        token = revoke(args.id)
    except ApiToken.DoesNotExist:
        raise TokenCommandError(f"no token with id {args.id}") from None
    console.print(f"Token {token.id} ({token.name}) revoked at {token.revoked_at:%Y-%m-%d %H:%M} UTC")
    return 0
