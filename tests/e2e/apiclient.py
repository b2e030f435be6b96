"""Clients for the JSON API tests: an MFA-verified browser session or a personal token."""

from __future__ import annotations

import json
from typing import Any

import django_otp
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app.accounts.tokens import issue_token

V1 = "/api/v1"


class Api:
    """Thin JSON wrapper around django.test.Client with optional default headers."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.headers = dict(headers or {})

    def _call(self, method: str, path: str, body: Any = None, **headers: str):
        url = path if path.startswith("/api/") else f"{V1}{path}"
        kw: dict[str, Any] = {"headers": {**self.headers, **headers}}
        if body is not None:
            kw.update(data=json.dumps(body, default=str), content_type="application/json")
        return getattr(self.client, method)(url, **kw)

    def get(self, path: str, **headers: str):
        return self._call("get", path, **headers)

    def post(self, path: str, body: Any, **headers: str):
        return self._call("post", path, body, **headers)

    def patch(self, path: str, body: Any, **headers: str):
        return self._call("patch", path, body, **headers)

    def delete(self, path: str, **headers: str):
        return self._call("delete", path, **headers)


def session_api(user, *, verified: bool = True, practice_id: int | None = None,
                enforce_csrf: bool = False) -> Api:
    """A browser session: logged in, and (by default) past the TOTP step."""
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(user)
    if verified:
        device = TOTPDevice.objects.get(user=user)
        session = client.session
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    headers = {"X-Practice": str(practice_id)} if practice_id else {}
    return Api(client, headers)


def token_api(user, *, practice_id: int | None = None, **token_kw: Any) -> Api:
    """A script with a personal token (no cookies at all)."""
    _, plaintext = issue_token(user, "tests", **token_kw)
    headers = {"Authorization": f"Bearer {plaintext}"}
    if practice_id:
        headers["X-Practice"] = str(practice_id)
    return Api(Client(), headers)
