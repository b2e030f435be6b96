"""How and what a behavioral-health session delivers: modality and service type.

Model:
- `Modality` is how the clinician met the patient; telehealth modalities drive POS
  02/10 and modifiers 95/93, decided per payer elsewhere (payers ring).
- `ServiceType` is what the clinician says they did, in their own words; coding
  (domain/coding) turns it plus minutes into billing codes. `codes` lists the CPT/HCPCS
  code numbers a type can map to (numbers only, no AMA descriptors); see
  behavioral-health-billing.md sections 1 and 2 for the rules behind each family.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

__all__ = ["Modality", "ServiceType", "ServiceTypeFacts"]


class Modality(Enum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    AUDIO_ONLY = "audio_only"

    @property
    def is_telehealth(self) -> bool:
        return self is not Modality.IN_PERSON

    @property
    def label(self) -> str:
        return {"in_person": "In person", "video": "Video", "audio_only": "Audio only"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class ServiceTypeFacts:
    label: str
    codes: tuple[str, ...]
    time_based: bool
    prescriber_only: bool = False
    is_group: bool = False


class ServiceType(Enum):
    INTAKE_EVALUATION = "intake_evaluation"
    INTAKE_EVALUATION_MEDICAL = "intake_evaluation_medical"
    PSYCHOTHERAPY = "psychotherapy"
    EM_WITH_PSYCHOTHERAPY = "em_with_psychotherapy"
    MEDICATION_MANAGEMENT = "medication_management"
    CRISIS = "crisis"
    FAMILY_WITH_PATIENT = "family_with_patient"
    FAMILY_WITHOUT_PATIENT = "family_without_patient"
    GROUP = "group"
    PSYCHOLOGICAL_TESTING = "psychological_testing"
    NEUROPSYCHOLOGICAL_TESTING = "neuropsychological_testing"
    SCREENING = "screening"
    HEALTH_BEHAVIOR = "health_behavior"
    COLLABORATIVE_CARE = "collaborative_care"
    SUD_ASSESSMENT = "sud_assessment"
    SUD_INDIVIDUAL = "sud_individual"
    SUD_GROUP = "sud_group"
    PEER_SUPPORT = "peer_support"
    CASE_MANAGEMENT = "case_management"
    SUD_INTENSIVE_OUTPATIENT = "sud_intensive_outpatient"
    THERAPEUTIC_BEHAVIORAL = "therapeutic_behavioral"

    @property
    def facts(self) -> ServiceTypeFacts:
        return SERVICE_TYPE_FACTS[self]

    @property
    def label(self) -> str:
        return self.facts.label

    @property
    def codes(self) -> tuple[str, ...]:
        """CPT/HCPCS code numbers this service can be billed with."""
        return self.facts.codes

    @property
    def time_based(self) -> bool:
        """Minutes (or start/stop times) must be captured to pick the code or units."""
        return self.facts.time_based

    @property
    def prescriber_only(self) -> bool:
        """Only prescribers (MD/DO/NP/PA/CNS) may bill it: E/M or 90792 [V: S133]."""
        return self.facts.prescriber_only

    @property
    def is_group(self) -> bool:
        """One unit per participating patient, each on their own claim."""
        return self.facts.is_group


_EM_CODES = ("99202", "99203", "99204", "99205", "99212", "99213", "99214", "99215")
_S = ServiceTypeFacts
SERVICE_TYPE_FACTS: MappingProxyType[ServiceType, ServiceTypeFacts] = MappingProxyType({
    ServiceType.INTAKE_EVALUATION: _S("Intake / diagnostic evaluation", ("90791",), False),
    ServiceType.INTAKE_EVALUATION_MEDICAL: _S(
        "Diagnostic evaluation with medical services", ("90792",), False, prescriber_only=True
    ),
    # Time ("midpoint") rule: 16-37 -> 90832, 38-52 -> 90834, >= 53 -> 90837 (section 1.2).
    ServiceType.PSYCHOTHERAPY: _S("Individual psychotherapy", ("90832", "90834", "90837"), True),
    ServiceType.EM_WITH_PSYCHOTHERAPY: _S(
        "E/M visit with psychotherapy add-on",
        (*_EM_CODES, "90833", "90836", "90838"),
        True,
        prescriber_only=True,
    ),
    ServiceType.MEDICATION_MANAGEMENT: _S(
        "Medication management (E/M)", _EM_CODES, True, prescriber_only=True
    ),
    # 90839 for 30-74 min, +90840 per further 30 min; G0017/G0018 for Medicare crisis at
    # non-office non-facility sites since 2024 (section 1.4).
    ServiceType.CRISIS: _S(
        "Crisis psychotherapy", ("90839", "90840", "G0017", "G0018"), True
    ),
    ServiceType.FAMILY_WITH_PATIENT: _S("Family psychotherapy, patient present", ("90847",), True),
    ServiceType.FAMILY_WITHOUT_PATIENT: _S(
        "Family psychotherapy, patient absent", ("90846",), True
    ),
    ServiceType.GROUP: _S("Group psychotherapy", ("90853",), False, is_group=True),
    ServiceType.PSYCHOLOGICAL_TESTING: _S(
        "Psychological testing",
        ("96130", "96131", "96136", "96137", "96138", "96139", "96146"),
        True,
    ),
    ServiceType.NEUROPSYCHOLOGICAL_TESTING: _S(
        "Neuropsychological testing / neurobehavioral exam",
        ("96132", "96133", "96116", "96121", "96136", "96137", "96138", "96139"),
        True,
    ),
    # One unit per standardized instrument (PHQ-9 + GAD-7 = 2 units), section 1.6.
    ServiceType.SCREENING: _S("Standardized screening instrument", ("96127",), False),
    ServiceType.HEALTH_BEHAVIOR: _S(
        "Health behavior assessment / intervention",
        ("96156", "96158", "96159", "96164", "96165", "96167", "96168", "96170", "96171"),
        True,
    ),
    ServiceType.COLLABORATIVE_CARE: _S(
        "Collaborative care / BH integration (monthly)",
        ("99492", "99493", "99494", "G2214", "99484", "G0323"),
        True,
    ),
    # H-codes are mainly Medicaid/state programs; units and caps are redefined per state
    # (section 2.1), so time_based reflects the national descriptor only.
    ServiceType.SUD_ASSESSMENT: _S("Alcohol/drug assessment", ("H0001",), False),
    ServiceType.SUD_INDIVIDUAL: _S("SUD individual counseling", ("H0004",), True),
    ServiceType.SUD_GROUP: _S("SUD group counseling", ("H0005",), False, is_group=True),
    ServiceType.PEER_SUPPORT: _S("Peer support", ("H0038",), True),
    ServiceType.CASE_MANAGEMENT: _S("Case management", ("T1016", "T1017", "H0006"), True),
    # Intensive outpatient program day (>= 3 h/day, >= 3 days/week), usually per diem; one
    # source counts 1 unit = half a day [C] (section 2.1, S41, S158).
    ServiceType.SUD_INTENSIVE_OUTPATIENT: _S("SUD intensive outpatient (per day)", ("H0015",), False),
    # Therapeutic behavioral services, per 15 minutes (H2019) or per diem (H2020), section 2.1.
    ServiceType.THERAPEUTIC_BEHAVIORAL: _S(
        "Therapeutic behavioral services", ("H2019", "H2020"), True
    ),
})
