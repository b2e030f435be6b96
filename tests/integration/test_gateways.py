"""Clearinghouse connections: a folder drop, and SFTP against a real SSH server on loopback
(asyncssh), including a connection dropped mid-upload and a retry that must not send twice."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import asyncssh
import pytest

from bhbilling.app.gateways.folder import FolderGateway
from bhbilling.app.gateways.sftp import SftpGateway
from bhbilling.application.ports import Outbound

USER, PASSWORD = "billing", "s3cret-test-only"


class _Server(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return (username, password) == (USER, PASSWORD)


class SftpServer:
    """An SSH/SFTP server in a thread, rooted at ``root``; ``drop_uploads`` breaks that many
    uploads by closing the connection when the client opens a .part file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.drop_uploads = 0
        self.key = asyncssh.generate_private_key("ssh-ed25519")
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _sftp(self, chan):
        server = self

        class Rooted(asyncssh.SFTPServer):
            def __init__(self, chan) -> None:
                super().__init__(chan, chroot=str(server.root).encode())

            def open(self, path, pflags, attrs):
                if path.endswith(b".part") and server.drop_uploads > 0:
                    server.drop_uploads -= 1
                    self.channel.get_connection().abort()
                    raise asyncssh.SFTPFailure("connection dropped")
                return super().open(path, pflags, attrs)

        return Rooted(chan)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def start():
            self.acceptor = await asyncssh.listen(
                "127.0.0.1", 0, server_host_keys=[self.key], server_factory=_Server,
                sftp_factory=self._sftp)
            self.port = self.acceptor.sockets[0].getsockname()[1]
            self.ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    def __enter__(self):
        self.thread.start()
        assert self.ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self.loop.call_soon_threadsafe(self.acceptor.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def gateway(self, **kw) -> SftpGateway:
        return SftpGateway(host="127.0.0.1", port=self.port, username=USER, password=PASSWORD,
                           host_key=self.key.export_public_key().decode(), backoff=0.01, **kw)


@pytest.fixture
def server(tmp_path):
    with SftpServer(tmp_path / "remote") as s:
        (tmp_path / "remote").mkdir(exist_ok=True)
        yield s


FILE = Outbound("837P-0001.x12", b"ISA*00*...~IEA*1*000000001~")


def test_folder_drop_sends_once_collects_and_acknowledges(tmp_path):
    gw = FolderGateway(tmp_path / "out", tmp_path / "in")
    assert [r.already_there for r in gw.send([FILE])] == [False]
    assert [r.already_there for r in gw.send([FILE])] == [True]
    assert (tmp_path / "out" / FILE.name).read_bytes() == FILE.content
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "999-1.x12").write_bytes(b"ISA...")
    (tmp_path / "in" / "half.x12.part").write_bytes(b"IS")
    assert [c.name for c in gw.collect()] == ["999-1.x12"]
    gw.acknowledge(["999-1.x12"])
    assert gw.collect() == []
    assert (tmp_path / "in" / "processed" / "999-1.x12").exists()


def test_sftp_upload_download_and_acknowledge(server, tmp_path):
    gw = server.gateway()
    [result] = gw.send([FILE])
    assert (result.delivered, result.already_there, result.attempts) == (True, False, 1)
    assert (tmp_path / "remote" / "outbox" / FILE.name).read_bytes() == FILE.content
    (tmp_path / "remote" / "inbox").mkdir()
    (tmp_path / "remote" / "inbox" / "835-1.x12").write_bytes(b"ISA*835")
    assert [(c.name, c.content) for c in gw.collect()] == [("835-1.x12", b"ISA*835")]
    gw.acknowledge(["835-1.x12"])
    assert gw.collect() == []


def test_sftp_dropped_connection_is_retried_without_sending_twice(server, tmp_path):
    server.drop_uploads = 1
    gw = server.gateway()
    [result] = gw.send([FILE])
    assert (result.delivered, result.attempts) == (True, 2)
    outbox = tmp_path / "remote" / "outbox"
    assert sorted(p.name for p in outbox.iterdir()) == [FILE.name]  # no .part left behind
    # the process died before recording success: the next run must not deliver it again
    [again] = gw.send([FILE])
    assert (again.delivered, again.already_there) == (True, True)
    assert (outbox / FILE.name).read_bytes() == FILE.content


def test_sftp_gives_up_after_its_attempts_and_reports_why(server):
    server.drop_uploads = 5
    [result] = server.gateway(attempts=2).send([FILE])
    assert not result.delivered and result.attempts == 2
    assert result.error


def test_sftp_refuses_an_unknown_host_key(server):
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode()
    gw = SftpGateway(host="127.0.0.1", port=server.port, username=USER, password=PASSWORD,
                     host_key=other, attempts=1, backoff=0.01)
    [result] = gw.send([FILE])
    assert not result.delivered
    assert result.error.startswith("HostKeyNotVerifiable"), result.error
