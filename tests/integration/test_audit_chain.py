"""The audit hash chain: appends link up, and every kind of tampering is found by verify()."""

from __future__ import annotations

import itertools
import threading
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, transaction

from bhbilling.app import audit
from bhbilling.app.audit.chain import GENESIS, ChainFields, event_hash
from bhbilling.app.models import AuditChainHead, AuditEvent
from tests import builders as b

pytestmark = pytest.mark.django_db


@contextmanager
def tampering():
    """Raw SQL access to the trail as an attacker with table rights would have.

    On PostgreSQL the append-only trigger (migration 0002) must be disabled first, which is
    what a real attacker would also have to do; the test transaction rolls it back.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE billing_auditevent DISABLE TRIGGER "
                           "billing_auditevent_append_only")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE billing_auditevent ENABLE TRIGGER "
                           "billing_auditevent_append_only")


@pytest.fixture
def chain(tenant):
    """Ten events appended after whatever the fixtures recorded; returns their seqs."""
    events = [audit.record("read", object_type="report", object_id=i,
                           practice_id=tenant.a.id, detail={"n": i}) for i in range(10)]
    assert audit.verify() == []
    return [e.seq for e in events]


def codes_at(findings, seq):
    return {f.code for f in findings if f.row == seq}


def test_events_link_from_genesis_with_consecutive_seq(chain):
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    head = AuditChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (events[-1].seq, events[-1].hash)


def test_stored_hash_is_sha256_of_prev_hash_and_canonical_fields(chain):
    e = AuditEvent.objects.get(seq=chain[3])
    fields = ChainFields(e.seq, e.at, e.actor_id, e.actor, e.company_id, e.practice_id,
                         e.patient_id, e.action, e.object_type, e.object_id, e.detail)
    assert e.hash == event_hash(e.prev_hash, fields)
    assert '"detail":{"n":3}' in fields.canonical()


def test_record_derives_ids_from_a_model_instance(tenant):
    patient = b.patient(tenant.a)
    event = audit.record("read", patient)
    assert (event.object_type, event.object_id) == ("patient", str(patient.pk))
    assert (event.practice_id, event.patient_id) == (tenant.a.id, patient.pk)
    assert event.company_id == tenant.company.id
    assert (event.actor_id, event.actor) == (None, "system")
    coverage = b.coverage(patient, b.payer(tenant.company))
    assert audit.record("read", coverage).patient_id == patient.pk
    practice_event = audit.record("update", tenant.b)
    assert (practice_event.practice_id, practice_event.company_id) == (tenant.b.id,
                                                                       tenant.company.id)


def test_actor_is_explicit_then_context_then_system(tenant):
    user = b.user(tenant.company, "biller", tenant.a)
    assert audit.record("login", object_type="user", actor=user).actor_id == user.pk
    with audit.acting_as("job:835-import"):
        assert audit.record("import", object_type="remittance").actor == "job:835-import"
        with audit.acting_as(user):
            assert audit.record("export", object_type="claim").actor == user.username
    assert audit.record("list", object_type="patient").actor == "system"


def test_bad_action_and_non_json_detail_are_refused_before_writing(tenant):
    count = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("peek", object_type="patient")
    with pytest.raises(TypeError):
        audit.record("read", object_type="patient", detail={"when": object()})
    with pytest.raises(ValueError, match="object_type"):
        audit.record("read")
    assert AuditEvent.objects.count() == count


def test_record_many_writes_one_chained_event_per_object(tenant):
    patients = [b.patient(tenant.a) for _ in range(5)]
    before = AuditChainHead.objects.get().last_seq
    assert audit.record_many("export", patients, actor="job:statements") == 5
    events = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq"))
    assert [e.patient_id for e in events] == [p.pk for p in patients]
    assert {e.actor for e in events} == {"job:statements"}
    assert audit.verify() == []


def test_edited_row_is_a_hash_mismatch_at_its_seq(chain):
    target = chain[4]
    with tampering() as cursor:
        cursor.execute("UPDATE billing_auditevent SET detail = %s WHERE seq = %s",
                       ['{"n": 999}', target])
    findings = audit.verify()
    assert codes_at(findings, target) == {"AUDIT-HASH-MISMATCH"}
    assert all(f.row == target for f in findings)


def test_deleted_middle_row_is_a_gap_and_a_broken_link(chain):
    target = chain[5]
    with tampering() as cursor:
        cursor.execute("DELETE FROM billing_auditevent WHERE seq = %s", [target])
    findings = audit.verify()
    assert codes_at(findings, target + 1) == {"AUDIT-SEQ-GAP", "AUDIT-LINK-BROKEN"}
    assert "after seq" in str(findings[0])


def test_swapped_rows_are_found(chain):
    first, second = chain[2], chain[3]
    with tampering() as cursor:
        cursor.execute("UPDATE billing_auditevent SET seq = -1 WHERE seq = %s", [first])
        cursor.execute("UPDATE billing_auditevent SET seq = %s WHERE seq = %s", [first, second])
        cursor.execute("UPDATE billing_auditevent SET seq = %s WHERE seq = -1", [second])
    findings = audit.verify()
    assert codes_at(findings, first) == {"AUDIT-LINK-BROKEN", "AUDIT-HASH-MISMATCH"}
    assert codes_at(findings, second) == {"AUDIT-LINK-BROKEN", "AUDIT-HASH-MISMATCH"}


def test_truncated_tail_disagrees_with_the_head(chain):
    with tampering() as cursor:
        cursor.execute("DELETE FROM billing_auditevent WHERE seq = %s", [chain[-1]])
    findings = audit.verify()
    assert [f.code for f in findings] == ["AUDIT-HEAD-MISMATCH"]
    assert findings[0].row == chain[-1]


def test_progress_callback_reports_the_final_count(chain):
    seen = []
    assert audit.verify(on_progress=seen.append) == []
    assert seen[-1] == AuditEvent.objects.count()


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers exist only on PostgreSQL (migration 0002)")


@pytest.mark.parametrize("sql", [
    "UPDATE billing_auditevent SET actor = 'mallory' WHERE seq = %s",
    "DELETE FROM billing_auditevent WHERE seq = %s",
])
def test_postgres_refuses_to_change_an_audit_row(postgres_only, chain, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute(sql, [chain[0]])
    assert audit.verify() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgres_do_not_fork_the_chain(postgres_only):
    """Writers in separate connections queue on the locked head row (SELECT ... FOR UPDATE)."""
    workers, each = 4, 25
    start = threading.Barrier(workers)
    errors = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(each):
                audit.record("read", object_type="report", object_id=f"{n}-{i}")
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, workers * each + 1))
    assert audit.verify() == []
