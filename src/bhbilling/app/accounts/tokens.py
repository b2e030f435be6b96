"""Personal API tokens: issue once, store only a digest, check on every API call.

- The plaintext ("bhb_" + 32 random bytes, URL-safe) is shown once; the database keeps the
  SHA-256 digest and a short prefix for people to recognise a token in lists. A stolen
  database therefore yields no usable token (HIPAA 45 CFR 164.312(d), person or entity
  authentication).
- Revoked and expired tokens fail exactly like unknown ones; the caller learns nothing
  about which it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.utils import timezone

from bhbilling.app.models import ApiToken

TOKEN_PREFIX = "bhb_"  # noqa: S105 -- a public marker that makes tokens greppable, not a secret
PREFIX_LENGTH = 12

__all__ = ["TOKEN_PREFIX", "authenticate_token", "digest", "issue_token", "revoke_token"]


def digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def issue_token(user, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the plaintext (never stored)."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plaintext[:PREFIX_LENGTH], digest=digest(plaintext),
        expires_at=expires_at,
    )
    return token, plaintext


def authenticate_token(plaintext: str):
    """The active user owning ``plaintext``, or None (unknown, revoked, expired, inactive)."""
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX):
        return None
    wanted = digest(plaintext)
    token = (ApiToken.objects.select_related("user")
             .filter(digest=wanted, revoked_at__isnull=True).first())
    if token is None or not hmac.compare_digest(token.digest, wanted):
        return None
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(token_id: int) -> ApiToken:
    """Mark a token revoked (idempotent: the first revocation time is kept)."""
    token = ApiToken.objects.get(pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
