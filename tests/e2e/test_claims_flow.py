"""Claims and batches from the outside: the CLI, the JSON API and the web pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bhbilling.app import coding
from bhbilling.app.models import AuditEvent, Batch, Claim, ClaimState
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.tenancy import scoped_to
from bhbilling.app.x12_validation import pyx12_findings, validate_file
from bhbilling.entrypoints.cli.main import main
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.apiclient import token_api
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")


@pytest.fixture
def world(tenant, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 3, 20)))  # filing deadlines
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, kind="medicaid", name="State Medicaid")
    b.fee_schedule(tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    provider = b.provider(tenant.a)
    b.scrub_clean(tenant.a, [provider], [w.payer])  # ZIP+4, enrollment: no scrubber error
    w.clearinghouse = b.clearinghouse(tenant.company)
    w.sessions = []
    for day in (2, 3, 4):
        patient = b.patient(tenant.a, **ADDRESS)
        b.coverage(patient, w.payer, relationship="18")
        w.sessions.append(b.session(patient, provider, date_of_service=dt.date(2026, 3, day)))
    w.biller = b.user(tenant.company, "biller", tenant.a)
    w.coder = b.user(tenant.company, "coder", tenant.a)
    return w


def _decide_all(world) -> None:
    with scoped_to(world.tenant.company.pk, world.tenant.a.pk):
        for s in world.sessions:
            coding.decide(s, coding.propose(s, world.coder).proposed["lines"], actor=world.coder)


def test_cli_builds_readies_and_batches_valid_files(world, tmp_path, capsys):
    practice = str(world.tenant.a.pk)
    assert main(["claims", "build", "--practice", practice]) == 0
    assert Claim.unscoped.count() == 0  # proposals are not decisions
    assert main(["claims", "build", "--practice", practice, "--accept-clean"]) == 0
    assert Claim.unscoped.count() == 3
    assert main(["claims", "ready", "--practice", practice]) == 0
    assert main(["claims", "batch", "--practice", practice, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 file(s), 3 claim(s) written" in out
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].name.endswith("-TEST.x12")
    report = validate_file(files[0])
    assert report.ok, report.findings
    assert set(Claim.unscoped.values_list("state", flat=True)) == {ClaimState.SUBMITTED}
    assert main(["claims", "list", "--practice", practice, "--state", "submitted"]) == 0
    assert capsys.readouterr().out.count(f"P{world.tenant.a.pk}-S") == 3


def test_api_builds_readies_batches_and_serves_the_file(world):
    _decide_all(world)
    api = token_api(world.biller, practice_id=world.tenant.a.pk)
    built = api.post("/claims/build", {})
    assert built.status_code == 200, built.content
    assert len(built.json()["built"]) == 3
    assert api.post("/claims/ready", {}).json()["blocked"] == {}
    made = api.post("/batches", {"usage": "T"})
    assert made.status_code == 200, made.content
    [batch] = made.json()["batches"]
    assert (batch["claim_count"], batch["total_charge"], batch["usage_indicator"]) == (3, "540.00", "T")
    detail = api.get(f"/batches/{batch['id']}").json()
    assert len(detail["claims"]) == 3
    file = api.get(f"/batches/{batch['id']}/file")
    assert file.status_code == 200
    assert file["Content-Type"] == "application/edi-x12"
    text = file.content.decode()
    assert text.startswith("ISA*")
    assert pyx12_findings(io.StringIO(text), batch["file_name"]) == []
    assert AuditEvent.objects.filter(action="export", object_type="batch").count() == 1
    claim = api.get(f"/claims/{Claim.unscoped.first().pk}").json()
    assert [h["to_state"] for h in claim["history"]] == ["draft", "ready", "submitted"]
    assert api.get("/claims?state=bogus").status_code == 422


def test_coder_cannot_write_batches(world):
    api = token_api(world.coder, practice_id=world.tenant.a.pk)
    assert api.post("/batches", {}).status_code == 403


def test_web_pages_show_claims_timeline_batches_and_download(world, client):
    _decide_all(world)
    sign_in(client, world.biller)
    assert client.post("/claims/build/").status_code == 302
    assert client.post("/claims/ready/").status_code == 302
    page = client.get("/claims/?state=ready").content.decode()
    assert page.count(f"P{world.tenant.a.pk}-S") == 3
    assert client.post("/batches/send/").status_code == 302
    batch = Batch.unscoped.get()
    listing = client.get("/batches/").content.decode()
    assert batch.file_name in listing and "Download" in listing
    detail = client.get(f"/batches/{batch.pk}/").content.decode()
    assert detail.count(f"P{world.tenant.a.pk}-S") == 3
    download = client.get(f"/batches/{batch.pk}/file/")
    assert download.content.decode() == batch.content
    assert "attachment" in download["Content-Disposition"]
    claim = Claim.unscoped.first()
    timeline = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Submitted" in timeline and batch.file_name in timeline


def test_web_send_without_clearinghouse_says_why(world, client):
    world.clearinghouse.delete()
    sign_in(client, world.biller)
    page = client.post("/batches/send/", follow=True).content.decode()
    assert "no active clearinghouse" in page


def test_other_practice_cannot_open_a_batch(world, client):
    other = b.user(world.tenant.company, "biller", world.tenant.b)
    batch = Batch.unscoped.create(
        practice=world.tenant.a, clearinghouse=world.clearinghouse, interchange_number=1,
        group_number=1, transaction_number=1, usage_indicator="T", file_name="x.x12",
        content="ISA", sha256="0" * 64, claim_count=0, total_charge=0,
        created_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
    sign_in(client, other)
    assert client.get(f"/batches/{batch.pk}/file/").status_code == 404
