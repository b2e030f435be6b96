"""Domain ring: credential, payer, coverage and service enums and their code tables."""

import pytest

from bhbilling.domain.parties import (
    CoveragePriority,
    Credential,
    Modality,
    PayerKind,
    Relationship,
    ServiceType,
)
from bhbilling.reference.taxonomy import (
    is_known_bh_taxonomy,
    is_valid_taxonomy_format,
    load_crosswalk,
)


def test_every_credential_has_facts_and_label():
    for credential in Credential:
        assert credential.label
        assert isinstance(credential.is_prescriber, bool)


@pytest.mark.parametrize(
    "credential",
    [Credential.MD, Credential.DO, Credential.PMHNP, Credential.NP, Credential.PA, Credential.CNS],
)
def test_prescribers(credential):
    assert credential.is_prescriber


@pytest.mark.parametrize(
    "credential",
    [Credential.PHD, Credential.PSYD, Credential.LCSW, Credential.LMFT, Credential.LPC,
     Credential.LMHC, Credential.LADC, Credential.LCADC, Credential.ASSOCIATE],
)
def test_non_prescribers(credential):
    assert not credential.is_prescriber


def test_associates_need_a_supervisor_and_cannot_enroll_in_medicare():
    assert Credential.ASSOCIATE.needs_supervisor
    assert not Credential.ASSOCIATE.is_independently_licensed
    assert not Credential.ASSOCIATE.medicare_enrollable
    assert Credential.ASSOCIATE.default_taxonomy is None
    others = [c for c in Credential if c is not Credential.ASSOCIATE]
    assert not any(c.needs_supervisor for c in others)


def test_medicare_enrollment_since_2024_for_mft_and_mhc():
    for credential in (Credential.LMFT, Credential.LPC, Credential.LMHC, Credential.LCSW):
        assert credential.medicare_enrollable
    assert not Credential.LADC.medicare_enrollable


@pytest.mark.parametrize(
    ("credential", "taxonomy"),
    [
        (Credential.MD, "2084P0800X"),
        (Credential.PMHNP, "363LP0808X"),
        (Credential.PSYD, "103TC0700X"),
        (Credential.LCSW, "1041C0700X"),
        (Credential.LMFT, "106H00000X"),
        (Credential.LPC, "101YP2500X"),
        (Credential.LMHC, "101YM0800X"),
    ],
)
def test_default_taxonomies_come_from_the_cms_crosswalk(credential, taxonomy):
    assert credential.default_taxonomy == taxonomy
    assert taxonomy in load_crosswalk()


def test_all_default_taxonomies_are_well_formed():
    for credential in Credential:
        code = credential.default_taxonomy
        if code is None:
            continue
        assert is_valid_taxonomy_format(code), credential
    behavioral = [c for c in Credential if c not in (Credential.NP, Credential.PA)]
    for credential in behavioral:
        if credential.default_taxonomy:
            assert is_known_bh_taxonomy(credential.default_taxonomy), credential


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (PayerKind.MEDICARE, "MB"),
        (PayerKind.MEDICAID, "MC"),
        (PayerKind.MEDICAID_MCO, "MC"),
        (PayerKind.MEDICARE_ADVANTAGE, "16"),
        (PayerKind.COMMERCIAL, "CI"),
        (PayerKind.TRICARE, "CH"),
        (PayerKind.SELF_PAY, None),
    ],
)
def test_claim_filing_indicators(kind, code):
    assert kind.claim_filing_indicator == code
    assert kind.label


def test_payer_kind_flags():
    assert not PayerKind.SELF_PAY.bills_insurance
    assert all(kind.bills_insurance for kind in PayerKind if kind is not PayerKind.SELF_PAY)
    assert PayerKind.MEDICAID_MCO.is_government
    assert not PayerKind.COMMERCIAL.is_government


def test_coverage_priority_codes_and_order():
    assert [p.x12_code for p in CoveragePriority] == ["P", "S", "T"]
    assert [p.rank for p in CoveragePriority] == [1, 2, 3]
    assert CoveragePriority("S") is CoveragePriority.SECONDARY


def test_relationship_codes():
    assert Relationship.SELF.x12_code == "18"
    assert Relationship.SPOUSE.x12_code == "01"
    assert Relationship.CHILD.x12_code == "19"
    assert Relationship.OTHER.x12_code == "G8"
    assert Relationship.SELF.is_self
    assert not Relationship.CHILD.is_self
    assert Relationship("G8") is Relationship.OTHER


def test_modalities():
    assert not Modality.IN_PERSON.is_telehealth
    assert Modality.VIDEO.is_telehealth
    assert Modality.AUDIO_ONLY.is_telehealth
    assert Modality.AUDIO_ONLY.label == "Audio only"


def test_service_types_have_codes_as_data():
    for service in ServiceType:
        assert service.label
        assert service.codes
        for code in service.codes:
            assert len(code) == 5
            assert code[0].isdigit() or code[0] in "GHT"
    assert ServiceType.INTAKE_EVALUATION.codes == ("90791",)
    assert ServiceType.INTAKE_EVALUATION_MEDICAL.codes == ("90792",)
    assert ServiceType.PSYCHOTHERAPY.codes == ("90832", "90834", "90837")
    assert "90833" in ServiceType.EM_WITH_PSYCHOTHERAPY.codes
    assert ServiceType.FAMILY_WITHOUT_PATIENT.codes == ("90846",)
    assert ServiceType.FAMILY_WITH_PATIENT.codes == ("90847",)
    assert ServiceType.GROUP.codes == ("90853",)
    assert ServiceType.SCREENING.codes == ("96127",)


def test_prescriber_only_services():
    assert {s for s in ServiceType if s.prescriber_only} == {
        ServiceType.INTAKE_EVALUATION_MEDICAL,
        ServiceType.EM_WITH_PSYCHOTHERAPY,
        ServiceType.MEDICATION_MANAGEMENT,
    }
    assert ServiceType.PSYCHOTHERAPY.time_based
    assert not ServiceType.INTAKE_EVALUATION.time_based
    assert ServiceType.GROUP.is_group
    assert ServiceType.SUD_GROUP.is_group
