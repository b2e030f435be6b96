"""/api/v1/tokens: the caller's own personal access tokens.

Only a browser session that passed MFA may mint a token: a token that could mint tokens
would let a leaked token outlive its own revocation.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from bhbilling.app.accounts.tokens import issue_token, revoke_token
from bhbilling.app.models import ApiToken
from bhbilling.entrypoints.api.auth import authenticated_by_token
from bhbilling.entrypoints.api.schemas.tokens import TokenCreated, TokenIn, TokenOut

router = Router(tags=["tokens"])


def _mine(request: HttpRequest):
    return ApiToken.objects.filter(user_id=request.auth.pk)


@router.get("", response=list[TokenOut])
def list_tokens(request: HttpRequest):
    return list(_mine(request).order_by("-created_at", "-id"))


@router.get("/{int:token_id}", response=TokenOut)
def get_token(request: HttpRequest, token_id: int):
    return get_object_or_404(_mine(request), pk=token_id)


@router.post("", response={201: TokenCreated})
def post_token(request: HttpRequest, payload: TokenIn):
    if authenticated_by_token(request):
        raise HttpError(403, "Create tokens from a signed-in browser session.")
    expires = timezone.now() + dt.timedelta(days=payload.days) if payload.days else None
    token, plaintext = issue_token(request.auth, payload.name, expires_at=expires)
    out = TokenOut.from_orm(token).model_dump()
    return Status(201, {**out, "token": plaintext})


@router.delete("/{int:token_id}", response={204: None})
def delete_token(request: HttpRequest, token_id: int):
    token = get_object_or_404(_mine(request), pk=token_id)
    revoke_token(token.pk)
    return Status(204, None)
