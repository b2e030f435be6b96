"""SFTP to a clearinghouse (asyncssh), with the server's host key pinned.

Exactly-once delivery over a connection that may drop: before uploading, the remote
outbox is listed; a file already there (same name and size) counts as delivered and is
not sent again. An upload goes to ``name.part`` and is renamed into place only when
complete, so a dropped transfer leaves no file the clearinghouse would pick up, and the
retry (a new connection, up to ``attempts`` times with a short back-off) starts over.
Credentials come from the connection row (password sealed at rest) or a private key
file named by the environment, never from code.
"""

from __future__ import annotations

import asyncio
import posixpath
from collections.abc import Sequence

import asyncssh

from bhbilling.application.ports import Collected, Outbound, SendResult

__all__ = ["SftpGateway"]
PROCESSED = "processed"


class SftpGateway:
    def __init__(self, *, host: str, port: int, username: str, host_key: str,
                 password: str = "", key_path: str = "", outbox: str = "outbox",
                 inbox: str = "inbox", attempts: int = 3, backoff: float = 0.2,
                 timeout: float = 20.0) -> None:
        self.host, self.port, self.username = host, port, username
        self.password, self.key_path = password, key_path
        self.known_hosts = asyncssh.import_known_hosts(f"[{host}]:{port} {host_key.strip()}\n"
                                                       if port != 22 else
                                                       f"{host} {host_key.strip()}\n")
        self.outbox, self.inbox = outbox, inbox
        self.attempts, self.backoff, self.timeout = attempts, backoff, timeout

    def _connect(self):
        return asyncssh.connect(
            self.host, port=self.port, username=self.username, known_hosts=self.known_hosts,
            password=self.password or None,
            client_keys=[self.key_path] if self.key_path else None,
            connect_timeout=self.timeout)

    async def _send_one(self, f: Outbound) -> bool:
        """True when newly sent, False when it was already there."""
        async with self._connect() as conn, conn.start_sftp_client() as sftp:
            await sftp.makedirs(self.outbox, exist_ok=True)
            target = posixpath.join(self.outbox, f.name)
            if await sftp.exists(target):
                if (await sftp.stat(target)).size == len(f.content):
                    return False
                raise OSError(f"{f.name}: a different file of that name is already at the "
                              "clearinghouse")
            part = target + ".part"
            async with sftp.open(part, "wb") as fh:
                await fh.write(f.content)
            await sftp.rename(part, target)
            return True

    async def _send(self, files: Sequence[Outbound]) -> list[SendResult]:
        results = []
        for f in files:
            last = ""
            for attempt in range(1, self.attempts + 1):
                try:
                    fresh = await self._send_one(f)
                    results.append(SendResult(f.name, True, already_there=not fresh,
                                              attempts=attempt))
                    break
                except (OSError, asyncssh.Error) as exc:
                    last = f"{type(exc).__name__}: {exc}"
                    await asyncio.sleep(self.backoff * attempt)
            else:
                results.append(SendResult(f.name, False, attempts=self.attempts, error=last))
        return results

    def send(self, files: Sequence[Outbound]) -> list[SendResult]:
        return asyncio.run(self._send(files))

    async def _collect(self) -> list[Collected]:
        async with self._connect() as conn, conn.start_sftp_client() as sftp:
            if not await sftp.exists(self.inbox):
                return []
            out = []
            for name in sorted(await sftp.listdir(self.inbox)):
                path = posixpath.join(self.inbox, name)
                if name in (".", "..") or name.endswith(".part") or not await sftp.isfile(path):
                    continue
                async with sftp.open(path, "rb") as fh:
                    out.append(Collected(name, await fh.read()))
            return out

    def collect(self) -> list[Collected]:
        return asyncio.run(self._collect())

    async def _acknowledge(self, names: Sequence[str]) -> None:
        async with self._connect() as conn, conn.start_sftp_client() as sftp:
            done = posixpath.join(self.inbox, PROCESSED)
            await sftp.makedirs(done, exist_ok=True)
            for name in names:
                source = posixpath.join(self.inbox, name)
                if await sftp.exists(source):
                    await sftp.rename(source, posixpath.join(done, name))

    def acknowledge(self, names: Sequence[str]) -> None:
        asyncio.run(self._acknowledge(names))
