"""Pick the gateway for a clearinghouse connection from its settings."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from bhbilling.app.models import Clearinghouse, ConnectionKind
from bhbilling.kernel.errors import BhBillingError

__all__ = ["GatewayNotConfigured", "gateway_for"]


class GatewayNotConfigured(BhBillingError):
    """The connection lacks what its kind needs (paths, host, host key...)."""


def _folder(ch: Clearinghouse, path: str, default: str) -> Path:
    base = Path(settings.DATA_DIR) / "clearinghouses" / f"{ch.pk}"
    return Path(path) if path else base / default


def gateway_for(ch: Clearinghouse):
    if ch.kind == ConnectionKind.FOLDER:
        from bhbilling.app.gateways.folder import FolderGateway

        return FolderGateway(_folder(ch, ch.outbox_path, "outbox"),
                             _folder(ch, ch.inbox_path, "inbox"))
    if ch.kind == ConnectionKind.SFTP:
        from bhbilling.app.gateways.sftp import SftpGateway

        if not (ch.host and ch.username and ch.host_key):
            raise GatewayNotConfigured(f"{ch.name}: SFTP needs a host, a username and the "
                                       "server's host key")
        key_path = os.environ.get(f"BHBILLING_SFTP_KEY_{ch.pk}", "")
        if not (ch.password or key_path):
            raise GatewayNotConfigured(f"{ch.name}: SFTP needs a password or a key file "
                                       f"(BHBILLING_SFTP_KEY_{ch.pk})")
        return SftpGateway(host=ch.host, port=ch.port, username=ch.username,
                           host_key=ch.host_key, password=ch.password, key_path=key_path,
                           outbox=ch.outbox_path or "outbox", inbox=ch.inbox_path or "inbox")
    if ch.kind == ConnectionKind.SIMULATOR:
        from bhbilling.app.gateways.simulated import SimulatorGateway

        return SimulatorGateway(ch, _folder(ch, ch.outbox_path, "outbox"),
                                _folder(ch, ch.inbox_path, "inbox"))
    raise GatewayNotConfigured(f"{ch.name}: unknown connection kind {ch.kind!r}")
