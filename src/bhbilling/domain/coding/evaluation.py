"""Psychiatric diagnostic evaluation 90791 / 90792 (reference §1.1).

90792 (with medical services) is for prescribers only -- MD, DO, PMHNP, NP, CNS, PA, or the
credentials a payer lists for it; psychologists and social workers may not report it
[V: S133]. For anyone else the evaluation is proposed as 90791 with a warning, because the
documented service is still a diagnostic evaluation.
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.credentials import may_bill
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

_REF = f"{REF}1.1"
_EVAL = Note("EVAL-CODE", f"diagnostic evaluation: {label('90791')}, untimed, once per day", _REF)
_EVAL_MED = Note("EVAL-CODE", f"diagnostic evaluation with medical services: {label('90792')}, "
                 "untimed, once per day", _REF)


@lru_cache(maxsize=64)
def _not_prescriber(credential: str) -> Note:
    return Note("EVAL-PRESCRIBER", f"90792 is for prescribers only; {credential} is not one, so the "
                "evaluation is proposed as 90791", f"{_REF}, §5")


def code_evaluation(w: Work) -> list[Draft]:
    w.reasons.append(_EVAL)
    return [Draft("90791")]


def code_evaluation_medical(w: Work) -> list[Draft]:
    if may_bill("90792", w.credential, w.profile):
        w.reasons.append(_EVAL_MED)
        return [Draft("90792")]
    w.warnings.append(_not_prescriber(w.credential))
    return [Draft("90791")]
