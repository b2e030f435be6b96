"""Root-cause categories of a denial (reference §11), shared by the mapping, models and reports.

Every CARC/RARC combination maps to exactly one of these (``domain.denials.mapping``); the
category decides the recommended action, whether the denial is corrected or appealed, and
how reports group denial dollars.
"""

from __future__ import annotations

from enum import Enum


class Category(Enum):
    ELIGIBILITY = "eligibility"
    AUTHORIZATION = "authorization"
    CODING = "coding"
    MEDICAL_NECESSITY = "medical_necessity"
    TIMELY_FILING = "timely_filing"
    DUPLICATE = "duplicate"
    COORDINATION_OF_BENEFITS = "coordination_of_benefits"
    BUNDLING = "bundling"
    CREDENTIALING = "credentialing"
    PATIENT_RESPONSIBILITY = "patient_responsibility"
    # Added with the workbench: services the plan does not cover (CO-96/204, benefit
    # maximums), and payment adjustments that are no denial at all (CO-45, sequestration).
    NON_COVERED = "non_covered"
    CONTRACTUAL = "contractual"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Category.ELIGIBILITY: "Eligibility",
    Category.AUTHORIZATION: "Authorization",
    Category.CODING: "Coding",
    Category.MEDICAL_NECESSITY: "Documentation / medical necessity",
    Category.TIMELY_FILING: "Timely filing",
    Category.DUPLICATE: "Duplicate",
    Category.COORDINATION_OF_BENEFITS: "Coordination of benefits",
    Category.BUNDLING: "Bundling (NCCI)",
    Category.CREDENTIALING: "Credentialing / enrollment",
    Category.PATIENT_RESPONSIBILITY: "Patient responsibility",
    Category.NON_COVERED: "Non-covered service / benefit limit",
    Category.CONTRACTUAL: "Contractual adjustment (not a denial)",
    Category.OTHER: "Other / unclassified",
}
