"""ICD-10-CM titles for the diagnoses printed on superbills (public CDC/NCHS text).

Chapters F and Z, which behavioral health bills, come from the code list shipped with us
(``reference/data/icd10cm_fy2026apr_F_Z_codes.csv``, see its SOURCES.md); any other code is
looked up in simple-icd-10-cm (the same FY2026 release, loaded only when needed). A code
neither knows is printed with an empty title rather than a guess.
"""

from __future__ import annotations

import warnings
from functools import cache

from bhbilling.reference._files import read_csv_rows
from bhbilling.reference.icd10cm import normalize

__all__ = ["diagnosis_title"]

F_Z_FILE = "icd10cm_fy2026apr_F_Z_codes.csv"


@cache
def _f_z_titles() -> dict[str, str]:
    return {row["code_dotted"]: row["description"] for row in read_csv_rows(F_Z_FILE)}


@cache
def _other_title(dotted: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as icd

    return icd.get_description(dotted) if icd.is_valid_item(dotted) else ""


def diagnosis_title(code: str) -> str:
    """The ICD-10-CM title of ``code`` (dotted or not); "" when the code is unknown."""
    dotted = normalize(code)
    title = _f_z_titles().get(dotted)
    if title is not None:
        return title
    return _other_title(dotted) if dotted[:1] not in ("F", "Z") else ""
