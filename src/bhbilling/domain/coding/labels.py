"""Our own short labels for the codes the engine proposes, used in reasons and the UI.

CPT descriptors are AMA property: these labels are the team's paraphrases (reference §0),
never descriptor text. A code missing here is shown by its number alone.
"""

from __future__ import annotations

from types import MappingProxyType

CODE_LABELS: MappingProxyType[str, str] = MappingProxyType({
    "90791": "diagnostic evaluation",
    "90792": "diagnostic evaluation, medical",
    "90785": "interactive complexity add-on",
    "90832": "psychotherapy, 30 min",
    "90834": "psychotherapy, 45 min",
    "90837": "psychotherapy, 60 min",
    "90833": "psychotherapy add-on with E/M, 30 min",
    "90836": "psychotherapy add-on with E/M, 45 min",
    "90838": "psychotherapy add-on with E/M, 60 min",
    "90839": "crisis psychotherapy, first hour",
    "90840": "crisis psychotherapy, each further 30 min",
    "G0017": "crisis psychotherapy away from the office, first hour (Medicare)",
    "G0018": "crisis psychotherapy away from the office, each further 30 min (Medicare)",
    "90846": "family psychotherapy, patient absent",
    "90847": "family psychotherapy, patient present",
    "90853": "group psychotherapy, per patient",
    "96127": "screening instrument, per instrument",
    "96130": "testing evaluation, first hour",
    "96131": "testing evaluation, each further hour",
    "96132": "neuropsych testing evaluation, first hour",
    "96133": "neuropsych testing evaluation, each further hour",
    "96136": "test administration by clinician, first 30 min",
    "96137": "test administration by clinician, each further 30 min",
    "96138": "test administration by technician, first 30 min",
    "96139": "test administration by technician, each further 30 min",
    "99202": "office visit, new patient, level 2",
    "99203": "office visit, new patient, level 3",
    "99204": "office visit, new patient, level 4",
    "99205": "office visit, new patient, level 5",
    "99212": "office visit, established patient, level 2",
    "99213": "office visit, established patient, level 3",
    "99214": "office visit, established patient, level 4",
    "99215": "office visit, established patient, level 5",
    "H0001": "alcohol/drug assessment",
    "H0004": "BH counseling, per 15 min",
    "H0005": "alcohol/drug group counseling",
    "H0015": "alcohol/drug intensive outpatient",
    "H0038": "peer support, per 15 min",
    "H2019": "therapeutic behavioral services, per 15 min",
    "T1016": "case management, per 15 min",
})


def label(code: str) -> str:
    """``"90834 (psychotherapy, 45 min)"``, or the bare code when we have no label."""
    text = CODE_LABELS.get(code)
    return f"{code} ({text})" if text else code
