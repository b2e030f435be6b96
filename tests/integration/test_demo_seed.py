"""Seeding the demo world: counts, tenant isolation, demo logins with MFA, --if-empty."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app import models as m
from bhbilling.app.demo import NotADemoUser, current_totp, seed_demo, totp_secret_base32
from bhbilling.app.demo.loader import DemoAlreadySeeded
from bhbilling.app.fields import blind_index
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain.demo import DEMO_PASSWORD, demo_totp_secret_base32, generate_world
from bhbilling.entrypoints.cli.main import main as cli
from tests import builders as b

pytestmark = pytest.mark.django_db

SMALL = {"sessions_total": 300, "patients_total": 60}


@pytest.fixture
def world():
    return generate_world(11, **SMALL)


@pytest.fixture
def seeded(world):
    return seed_demo(world)


def test_domain_values_are_model_choices():
    w = generate_world(3, **SMALL)
    assert {s.service_type for s in w.sessions} <= set(m.ServiceType.values)
    assert {s.modality for s in w.sessions} <= set(m.Modality.values)
    assert {s.patient_location for s in w.sessions} <= set(m.PatientLocation.values)
    assert {s.status for s in w.sessions} <= set(m.SessionStatus.values)
    assert {p.kind for p in w.payers} <= set(m.PayerKind.values)
    assert {p.credential for p in w.providers} <= set(m.Credential.values)
    assert {c.relationship for c in w.coverages} <= set(m.Relationship.values)
    assert {p.kind for p in w.practices} <= set(m.Practice.Kind.values)
    assert {u.role for u in w.users} <= set(m.Role.values)
    assert {e.status for e in w.enrollments} <= set(m.ProviderEnrollment.Status.values)


def test_counts_match_the_generated_world(world, seeded):
    assert m.Practice.unscoped.count() == 3
    assert m.Provider.unscoped.count() == len(world.providers)
    assert m.Patient.unscoped.count() == 60
    assert m.ClinicalSession.unscoped.count() == 300
    assert m.Coverage.unscoped.count() == len(world.coverages)
    assert m.Consent.unscoped.count() == len(world.consents)
    assert m.FeeScheduleRate.unscoped.count() == len(world.fee_rates)
    assert seeded.counts["sessions"] == 300
    assert m.Provider.unscoped.exclude(supervisor=None).count() == 1
    # every insurer has a paper-claims address (validated: 2-letter state, 5/9-digit ZIP);
    # self-pay has none
    for payer in m.Payer.unscoped.all():
        payer.full_clean(validate_constraints=False)
    assert set(m.Payer.unscoped.filter(address_line1="").values_list("kind", flat=True)) == {"self_pay"}
    assert m.Payer.unscoped.exclude(appeals_line1="").count() == 4


def test_blind_index_and_encryption_are_filled_by_bulk_create(world, seeded):
    first = world.coverages[0]
    row = m.Coverage.unscoped.get(member_id_index=blind_index(first.member_id))
    assert row.member_id == first.member_id
    patient = m.Patient.unscoped.get(account_number=world.patients[0].account_number,
                                     practice_id=seeded.practice_ids["solo"])
    assert patient.date_of_birth == world.patients[0].date_of_birth


def test_each_practice_sees_only_its_own_rows(world, seeded):
    for key, practice_id in seeded.practice_ids.items():
        with scoped_to(seeded.company_id, practice_id):
            accounts = set(m.Patient.objects.values_list("account_number", flat=True))
            sessions = m.ClinicalSession.objects.count()
            providers = set(m.Provider.objects.values_list("npi", flat=True))
        assert accounts == {p.account_number for p in world.patients if p.practice_key == key}
        assert sessions == sum(1 for s in world.sessions if s.practice_key == key)
        assert providers == {p.npi for p in world.providers if p.practice_key == key}


def test_sud_consents_stay_in_the_sud_program(seeded):
    with scoped_to(seeded.company_id, seeded.practice_ids["group"]):
        assert m.Consent.objects.count() == 0
    with scoped_to(seeded.company_id, seeded.practice_ids["sud"]):
        assert m.Consent.objects.filter(kind="part2_tpo").exists()


def test_memberships_give_each_role_its_reach(seeded):
    owner = m.Membership.objects.get(user__username="owner")
    assert owner.role == "client_viewer" and owner.practice_id == seeded.practice_ids["group"]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert m.Membership.objects.get(user=admin).practice_id is None
    assert TOTPDevice.objects.filter(confirmed=True).count() == 6


@pytest.mark.parametrize("username", ["admin", "owner"])
def test_demo_user_signs_in_with_password_and_totp(client, seeded, username):
    response = client.post(reverse("web:login"), {"username": username,
                                                  "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:verify")
    response = client.post(reverse("web:verify"), {"code": current_totp(username)})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


def test_totp_secret_is_the_documented_one(seeded):
    assert totp_secret_base32("biller") == demo_totp_secret_base32(11)


def test_totp_is_refused_for_real_users(tenant):
    real = b.user(tenant.company, role="biller")
    with pytest.raises(NotADemoUser):
        current_totp(real.username)
    with pytest.raises(NotADemoUser):
        current_totp("no-such-user")


def test_seeding_twice_is_refused(world, seeded):
    with pytest.raises(DemoAlreadySeeded):
        seed_demo(world)


def test_if_empty_does_nothing_the_second_time(capsys, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the demo's simulator folders, never the project's var/
    assert cli(["demo", "--if-empty", "--sessions", "200", "--patients", "30"]) == 0
    assert m.ClinicalSession.unscoped.count() == 200
    assert cli(["demo", "--if-empty", "--sessions", "200", "--patients", "30"]) == 0
    assert m.ClinicalSession.unscoped.count() == 200
    assert m.BillingCompany.objects.count() == 1
    assert "Demo skipped" in capsys.readouterr().out


def test_cli_rejects_bad_counts(capsys):
    assert cli(["demo", "--patients", "1"]) == 2
    assert "--patients" in capsys.readouterr().err


def test_serve_panel_shows_url_logins_secret_and_code(seeded):
    from bhbilling.entrypoints.cli.serve import login_help

    text = login_help("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000" in text
    assert DEMO_PASSWORD in text
    assert demo_totp_secret_base32(11) in text
    assert "bhbilling demo totp" in text
    assert "admin, biller, coder, ar, auditor, owner" in text


def test_serve_panel_without_demo_data_says_how_to_load_it():
    from bhbilling.entrypoints.cli.serve import login_help

    assert "bhbilling demo" in login_help("127.0.0.1", 8000)
