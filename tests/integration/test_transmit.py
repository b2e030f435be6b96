"""Batches go out through the connection once: marked sent only after delivery."""

from __future__ import annotations

import pytest

from bhbilling.app.models import Batch
from bhbilling.app.submission import batches as batches_mod
from bhbilling.app.submission.transmit import send_pending
from bhbilling.app.tenancy import scoped_to
from bhbilling.application.ports import SendResult
from tests import builders as b
from tests.integration.test_batch_control_numbers import _ready_claims

pytestmark = pytest.mark.django_db


def test_folder_connection_sends_each_batch_once(tenant, tmp_path):
    ch = b.clearinghouse(tenant.company, outbox_path=str(tmp_path / "out"),
                         inbox_path=str(tmp_path / "in"))
    _ready_claims(tenant.company, tenant.a, [b.payer(tenant.company)], 2)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        [batch] = batches_mod.create_batches(tenant.a).batches
    first = send_pending(ch)
    assert first.sent == [batch.file_name]
    assert (tmp_path / "out" / batch.file_name).read_text() == batch.content
    batch.refresh_from_db()
    assert batch.sent_at is not None and batch.send_attempts == 1
    assert send_pending(ch).sent == []  # nothing pending any more


class _Flaky:
    def __init__(self) -> None:
        self.calls = 0

    def send(self, files):
        self.calls += 1
        return [SendResult(f.name, False, attempts=3, error="ConnectionLost: reset")
                for f in files]


def test_failed_delivery_stays_pending_with_attempts_counted(tenant):
    ch = b.clearinghouse(tenant.company)
    _ready_claims(tenant.company, tenant.a, [b.payer(tenant.company)], 1)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        batches_mod.create_batches(tenant.a)
    summary = send_pending(ch, gateway=_Flaky())
    assert summary.failed and summary.failed[0][1] == "ConnectionLost: reset"
    batch = Batch.unscoped.get()
    assert batch.sent_at is None and batch.send_attempts == 3
