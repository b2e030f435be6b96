"""Reading a run's 835s back in tests: pyx12-valid, balanced, indexed by our claim number."""

from __future__ import annotations

from pathlib import Path

from bhbilling.simulator import CycleSummary
from bhbilling.x12.remit835 import ClaimPayment, Remittance, balance_report, read_835
from tests.unit.simulator.builders import outputs
from tests.unit.x12.pyx12check import pyx12_errors


def remittances(tmp: Path, summary: CycleSummary) -> list[Remittance]:
    """Every 835 transaction the run wrote, each checked: zero pyx12 errors, balanced."""
    out: list[Remittance] = []
    for path in outputs(tmp, summary, ".835"):
        assert pyx12_errors(path.read_text()) == []
        for remit in read_835(path):
            report = balance_report(remit)
            assert report.balanced, [str(i) for i in report.imbalances]
            out.append(remit)
    return out


def claims_by_pcn(tmp: Path, summary: CycleSummary) -> dict[str, list[ClaimPayment]]:
    found: dict[str, list[ClaimPayment]] = {}
    for remit in remittances(tmp, summary):
        for claim in remit.claims:
            found.setdefault(claim.patient_control_number, []).append(claim)
    return found


def cas(line_or_claim) -> list[tuple[str, str, str]]:
    """(group, reason, amount) of every CAS triplet, amounts as text with cents."""
    return [(a.group, a.reason, f"{a.amount:.2f}") for a in line_or_claim.adjustments]


def remarks(line) -> list[str]:
    return [r.code for r in line.remarks]
