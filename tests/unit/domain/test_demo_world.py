"""The demo world generator: deterministic, sized as documented, and clinically coherent."""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from bhbilling.domain.demo import (
    DEMO_TODAY,
    demo_totp_key_hex,
    demo_totp_secret_base32,
    generate_world,
)
from bhbilling.domain.demo.sessions import WINDOW_DAYS
from bhbilling.domain.parties import Credential
from bhbilling.kernel.ids import is_valid_npi


@pytest.fixture(scope="module")
def world():
    return generate_world()


def test_same_seed_gives_an_identical_world(world):
    assert generate_world() == world


def test_another_seed_gives_another_world(world):
    other = generate_world(7)
    assert other.patients != world.patients
    assert other.sessions != world.sessions


def test_counts_are_within_the_documented_ranges(world):
    assert len(world.practices) == 3
    assert 10 <= len(world.providers) <= 14
    assert len(world.patients) == 600
    assert len(world.sessions) == 8000
    assert {p.kind for p in world.payers} == {
        "medicare", "medicaid", "medicaid_mco", "commercial", "self_pay"}
    assert Counter(p.kind for p in world.payers)["commercial"] == 3
    secondary = {c.patient_key for c in world.coverages if c.priority == 2}
    assert 0.05 <= len(secondary) / len(world.patients) <= 0.11


def test_every_npi_is_valid_and_unique(world):
    npis = [p.npi for p in world.providers] + [p.npi for p in world.practices]
    assert all(is_valid_npi(n) for n in npis)
    assert len(set(npis)) == len(npis)
    assert all(p.npi.startswith("1") for p in world.providers)  # type 1: individuals


def test_credential_mix_per_practice(world):
    creds = {k: {p.credential for p in world.providers if p.practice_key == k}
             for k in ("solo", "group", "sud")}
    assert len(creds["solo"]) == 1 and creds["solo"] <= {"LCSW", "LPC"}
    assert {"MD", "PMHNP", "LCSW", "LMFT", "LPC", "ASSOCIATE"} <= creds["group"]
    assert creds["group"] & {"PHD", "PSYD"}
    assert {"LADC", "LCADC", "MD"} <= creds["sud"]


def test_associate_has_a_licensed_supervisor_in_the_same_practice(world):
    by_key = {p.key: p for p in world.providers}
    associates = [p for p in world.providers if p.credential == "ASSOCIATE"]
    assert associates
    for a in associates:
        boss = by_key[a.supervisor_key]
        assert boss.practice_key == a.practice_key
        assert Credential(boss.credential).is_independently_licensed


def test_taxonomies_match_credentials(world):
    for p in world.providers:
        default = Credential(p.credential).default_taxonomy
        if p.credential in ("PHD", "PSYD"):
            assert p.taxonomy.startswith("103T")
        elif p.credential in ("MD", "DO"):
            assert p.taxonomy.startswith("2084")
        elif default is not None:
            assert p.taxonomy == default


def test_one_licence_expires_within_a_month(world):
    soon = [x for x in world.licenses if x.expires_on <= DEMO_TODAY + dt.timedelta(days=30)]
    assert len(soon) == 1
    assert all(x.expires_on > DEMO_TODAY for x in world.licenses)


def test_fees_are_decimal_for_every_common_code(world):
    codes = {r.code for r in world.fee_rates}
    assert {"90791", "90837", "90853", "96127", "99214", "H0005", "H2019"} <= codes
    assert all(isinstance(r.charge, Decimal) and r.charge > 0 for r in world.fee_rates)
    assert all(r.charge == r.charge.quantize(Decimal("0.01")) for r in world.fee_rates)


def test_sessions_fall_in_the_six_months_before_today(world):
    days = [s.date_of_service for s in world.sessions]
    assert min(days) >= DEMO_TODAY - dt.timedelta(days=WINDOW_DAYS)
    assert max(days) < DEMO_TODAY
    assert all(d.weekday() < 5 for d in days)
    assert len({s.external_id for s in world.sessions}) == len(world.sessions)


def test_session_mix_covers_every_coding_case(world):
    kinds = Counter(s.service_type for s in world.sessions)
    for needed in ("intake_evaluation", "intake_evaluation_medical", "psychotherapy",
                   "family_with_patient", "group", "crisis", "em_with_psychotherapy",
                   "medication_management", "sud_individual", "sud_group", "screening"):
        assert kinds[needed] > 0, needed
    therapy = [dict(s.minutes)["psychotherapy"] for s in world.sessions
               if s.service_type == "psychotherapy" and s.status == "completed"]
    assert therapy.count(52) >= 50
    em = [dict(s.minutes) for s in world.sessions if s.service_type == "em_with_psychotherapy"
          and s.status == "completed"]
    assert em and all(set(m) == {"em", "psychotherapy"} for m in em)


def test_sud_services_only_in_the_sud_program(world):
    sud = {s.practice_key for s in world.sessions if s.service_type.startswith("sud_")}
    assert sud == {"sud"}


def test_groups_telehealth_and_signing(world):
    groups = [s for s in world.sessions if s.service_type in ("group", "sud_group")]
    assert all(4 <= s.group_size <= 10 for s in groups)
    tele = [s for s in world.sessions if s.modality != "in_person"]
    assert tele and {s.patient_location for s in tele} == {"home", "other"}
    unsigned = [s for s in world.sessions if s.status == "completed" and not s.note_signed]
    assert unsigned and len(unsigned) < 0.05 * len(world.sessions)
    assert Counter(s.status for s in world.sessions)["no_show"] > 0


def test_prescriber_only_services_have_prescribers(world):
    by_key = {p.key: p for p in world.providers}
    for s in world.sessions:
        if s.service_type in ("intake_evaluation_medical", "em_with_psychotherapy",
                              "medication_management"):
            assert Credential(by_key[s.provider_key].credential).is_prescriber


def test_children_with_commercial_plans_name_a_parent_subscriber(world):
    child = [c for c in world.coverages if c.relationship == "19"]
    assert child
    assert all(c.subscriber_first_name and c.subscriber_date_of_birth for c in child)


def test_part2_consents_for_most_sud_patients_some_revoked(world):
    sud_patients = [p for p in world.patients if p.practice_key == "sud"]
    assert all(c.practice_key == "sud" and c.kind == "part2_tpo" for c in world.consents)
    assert len(world.consents) >= 0.7 * len(sud_patients)
    assert any(c.revoked_on for c in world.consents)


def test_totp_secret_is_fixed_by_the_seed():
    assert len(bytes.fromhex(demo_totp_key_hex(2026))) == 20
    assert demo_totp_key_hex(2026) == demo_totp_key_hex(2026) != demo_totp_key_hex(1)
    secret = demo_totp_secret_base32(2026)
    assert base64.b32decode(secret).hex() == demo_totp_key_hex(2026)


def test_a_reduced_world_scales_down():
    small = generate_world(sessions_total=300, patients_total=60)
    assert len(small.sessions) == 300
    assert len(small.patients) == 60
    assert {p.practice_key for p in small.patients} == {"solo", "group", "sud"}


def test_rejects_a_world_too_small_to_hold_every_practice():
    with pytest.raises(ValueError, match="at least 3 patients"):
        generate_world(patients_total=2)


def test_completed_sessions_carry_a_plan_summary_from_their_diagnosis(world):
    from bhbilling.domain.demo.sessions import plan_summary

    completed = [s for s in world.sessions if s.status == "completed"]
    assert completed
    assert all(s.treatment_plan == plan_summary(s.diagnoses) for s in completed)
    assert all(s.treatment_plan for s in completed if s.diagnoses and s.diagnoses[0].startswith("F"))
    assert all(s.treatment_plan == "" for s in world.sessions if s.status != "completed")
    assert plan_summary(("F41.1",)).startswith("Reduce anxiety")
    assert plan_summary(("F10.20",)).startswith("Abstinence")
