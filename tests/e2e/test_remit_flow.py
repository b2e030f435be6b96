"""835 from the outside: `bhbilling remit import/show/unmatched/assign`, the API and pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.main import main
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.apiclient import token_api
from tests.e2e.browser import sign_in
from tests.unit.x12.remit835.make835 import PAYEE_NPI, RemitSpec, simple_claim, write_835

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "x12-corpus" / "835"
ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")


@pytest.fixture
def world(tenant, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 20)))  # filing deadlines
    w = type("World", (), {})()
    tenant.a.npi = PAYEE_NPI
    tenant.a.save()
    w.tenant = tenant
    payer = b.payer(tenant.company, payer_id="1512345678")
    b.fee_schedule(tenant.a, None, {("90837", ""): "200.00"})
    b.clearinghouse(tenant.company)
    provider = b.provider(tenant.a)
    b.scrub_clean(tenant.a, [provider], [payer])  # ZIP+4, enrollment: no scrubber error
    coder = b.user(tenant.company, "coder", tenant.a)
    w.biller = b.user(tenant.company, "ar_specialist", tenant.a)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        patient = b.patient(tenant.a, **ADDRESS)
        b.coverage(patient, payer, relationship="18")
        session = b.session(patient, provider, date_of_service=dt.date(2026, 5, 15))
        coding.decide(session, coding.propose(session, coder).proposed["lines"], actor=coder)
        w.claim = build_claim(session)
        prepare_claims([w.claim])
        create_batches(tenant.a)
    return w


def test_cli_import_posts_once_and_reports(world, tmp_path, capsys):
    era = tmp_path / "era.835"
    era.write_bytes(write_835([RemitSpec([simple_claim(world.claim.patient_control_number)])]))
    assert main(["remit", "import", str(era)]) == 0  # practice found by the payee NPI
    out = capsys.readouterr().out
    assert "claims matched" in out and "$140.00" in out
    assert main(["remit", "import", str(era), "--practice", str(world.tenant.a.pk)]) == 0
    assert "files already imported" in capsys.readouterr().out
    assert m.Remittance.unscoped.count() == 1


def test_cli_import_quarantines_an_unbalanced_file_and_exits_1(world, tmp_path, capsys):
    era = tmp_path / "bad.835"
    era.write_bytes(write_835([RemitSpec([simple_claim(world.claim.patient_control_number)],
                                         payment="150")]))
    assert main(["remit", "import", str(era)]) == 1
    err = capsys.readouterr().err
    assert "quarantined bad.835" in err and "difference 10.00" in err


def test_cli_show_json_for_a_corpus_file(capsys):
    path = CORPUS / "badx12__X221-multiple-claims-single-check.edi"
    assert main(["remit", "show", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    [tx] = doc["transactions"]
    assert tx["balanced"] is True
    assert tx["payment"]["amount"] == "810.80"
    assert len(tx["claims"]) == 9


def test_cli_unmatched_and_assign(world, tmp_path, capsys):
    era = tmp_path / "era.835"
    era.write_bytes(write_835([RemitSpec([simple_claim("SOMEONE-ELSE")])]))
    assert main(["remit", "import", str(era)]) == 0
    practice = str(world.tenant.a.pk)
    assert main(["remit", "unmatched", "--practice", practice]) == 0
    assert "1 payment(s) waiting; money held in unapplied payments: $140.00" in (
        capsys.readouterr().out)
    payment = m.ClaimPayment.unscoped.get()
    assert main(["remit", "assign", str(payment.pk), world.claim.patient_control_number,
                 "--practice", practice]) == 0
    world.claim.refresh_from_db()
    assert world.claim.state == "paid"


def test_api_import_and_read(world):
    api = token_api(world.biller, practice_id=world.tenant.a.pk)
    text = write_835([RemitSpec([simple_claim(world.claim.patient_control_number)])]).decode()
    resp = api.post("/remittances", {"file_name": "era.835", "content": text})
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "posted" and resp.json()["paid"] == "140.00"
    again = api.post("/remittances", {"file_name": "era.835", "content": text}).json()
    assert again["status"] == "duplicate"
    [rem] = api.get("/remittances").json()["items"]
    detail = api.get(f"/remittances/{rem['id']}").json()
    assert detail["claims"][0]["claim_id"] == world.claim.pk


def test_web_upload_eob_and_claim_page(world, client):
    sign_in(client, world.biller)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = write_835([RemitSpec([simple_claim(world.claim.patient_control_number)])])
    page = client.post("/remittances/upload/", {"file": SimpleUploadedFile("era.835", data)},
                       follow=True).content.decode()
    assert "posted 1 claim(s), $140.00 paid" in page
    rem = m.Remittance.unscoped.get()
    eob = client.get(f"/remittances/{rem.pk}/").content.decode()
    assert world.claim.patient_control_number in eob
    assert "CO-45" in eob and "Charge exceeds fee schedule" in eob
    claim_page = client.get(f"/claims/{world.claim.pk}/").content.decode()
    assert "What the payer said" in claim_page and "$140.00" in claim_page
    assert client.get("/remittances/unmatched/").status_code == 200
