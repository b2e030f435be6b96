"""Import an 835 file: check it whole, then post it in one database transaction.

Order of checks, before anything is posted:
1. the same bytes were imported before (SHA-256 per practice) -> "already imported";
2. the file reads as X12 835 (``x12.remit835``); a read error quarantines it, naming the
   segment, element and what was expected;
3. every transaction balances (BPR02, CLP04, SVC03 rules); the first difference is kept;
4. every payee (1000B NPI or TIN) is this practice;
5. each payment trace (TRN02 + TRN03) is new, or was posted with the same amount (then
   that transaction is skipped as already posted); the same trace with another amount
   quarantines the file.
A quarantined file is stored with its reason and nothing is posted. Otherwise all its
transactions post inside ONE ``transaction.atomic()``: a crash or a kill leaves nothing.
Two imports racing on PostgreSQL meet the unique constraints (file hash, trace): the
loser rolls back and reports the file as already imported.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.remittance.posting import PostingTotals, post_remittance
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.errors import X12Error
from bhbilling.x12.remit835 import Remittance, balance_report, read_835

__all__ = ["ImportReport", "find_practice_for", "find_practices_for", "import_remittance_file"]

MAX_PROBLEMS = 50  # kept with the file; the reason says how many there were


@dataclass(slots=True)
class ImportReport:
    file_name: str
    status: str  # posted | quarantined | duplicate
    reason: str = ""
    problems: list[dict[str, str]] = field(default_factory=list)
    transactions: int = 0
    skipped_transactions: int = 0
    other_payees: int = 0  # transactions for other practices, left to their own import
    totals: PostingTotals = field(default_factory=PostingTotals)
    file_id: int | None = None

    @property
    def posted(self) -> bool:
        return self.status == m.FileStatus.POSTED


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def _read(data: bytes, name: str) -> list[Remittance]:
    return list(read_835(io.BytesIO(data), file_name=name))


def find_practice_for(data: bytes, name: str) -> m.Practice:
    """The practice whose NPI (or TIN) is the payee of the file's first transaction."""
    try:
        first = next(iter(read_835(io.BytesIO(data), file_name=name)))
    except (X12Error, StopIteration) as exc:
        raise BhBillingError(f"{name}: cannot tell the practice: {exc or 'no transaction'}") from None
    payee = first.header.payee
    rows = m.Practice.unscoped.filter(npi=payee.npi) if payee.npi else m.Practice.unscoped.filter(
        tin=payee.tin)
    found = list(rows[:2]) if (payee.npi or payee.tin) else []
    if len(found) != 1:
        raise BhBillingError(f"{name}: no single practice has the payee's NPI/TIN; give --practice")
    return found[0]


def _is_payee(practice: m.Practice, rem: Remittance) -> bool:
    """1000B names this practice: its NPI, else its TIN (a file for a billing company may
    hold payments for several of its practices, one transaction each)."""
    payee = rem.header.payee
    if payee.npi:
        return payee.npi == practice.npi
    return not payee.tin or payee.tin == practice.tin


def find_practices_for(data: bytes, name: str) -> list[m.Practice]:
    """Every practice named as payee by a transaction of the file (by NPI, else TIN)."""
    try:
        rems = list(read_835(io.BytesIO(data), file_name=name))
    except X12Error as exc:
        raise BhBillingError(f"{name}: cannot tell the practice: {exc}") from None
    found: dict[int, m.Practice] = {}
    for rem in rems:
        payee = rem.header.payee
        rows = (m.Practice.unscoped.filter(npi=payee.npi) if payee.npi
                else m.Practice.unscoped.filter(tin=payee.tin) if payee.tin else [])
        for p in rows:
            found[p.pk] = p
    return list(found.values())


def _problems(practice: m.Practice, remittances: list[Remittance]) -> tuple[str, list[dict]]:
    for rem in remittances:
        report = balance_report(rem)
        if not report.balanced:
            rows = [{"where": i.location, "element": i.element, "stated": str(i.stated),
                     "expected": str(i.expected), "difference": str(i.difference)}
                    for i in report.imbalances]
            first = report.imbalances[0]
            more = f" ({len(rows)} differences in all)" if len(rows) > 1 else ""
            return (f"transaction {rem.control_number} does not balance: {first}{more}",
                    rows[:MAX_PROBLEMS])
        h = rem.header
        same = m.Remittance.unscoped.filter(practice=practice, trace_number=h.trace.number,
                                            trace_originator=h.trace.originator).first()
        if same is not None and same.amount != h.payment.signed_amount:
            return (f"transaction {rem.control_number}: trace {h.trace.number} was posted "
                    f"before with {same.amount}, this file says {h.payment.signed_amount}",
                    [{"where": f"TRN02 {h.trace.number}", "element": "BPR02",
                      "stated": str(h.payment.signed_amount), "expected": str(same.amount),
                      "difference": str(h.payment.signed_amount - same.amount)}])
    return "", []


def _store(practice, name, sha, text, status, actor, reason="", problems=None, count=0):
    return m.RemittanceFile.unscoped.create(
        practice=practice, file_name=name[:255], sha256=sha, content=text, status=status,
        reason=reason, problems=problems or [], imported_at=timezone.now(),
        imported_by=_user(actor), transaction_count=count)


def import_remittance_file(practice: m.Practice, data: bytes, file_name: str, *,
                           actor: Any = None) -> ImportReport:
    sha = hashlib.sha256(data).hexdigest()
    report = ImportReport(file_name=file_name, status=m.FileStatus.DUPLICATE)
    earlier = m.RemittanceFile.unscoped.filter(practice=practice, sha256=sha).first()
    if earlier is not None:
        report.reason = f"already imported on {earlier.imported_at:%Y-%m-%d %H:%M} ({earlier.status})"
        report.file_id = earlier.pk
        return report
    text = data.decode("utf-8", errors="replace")
    try:
        everything = _read(data, file_name)
        remittances = [r for r in everything if _is_payee(practice, r)]
        report.other_payees = len(everything) - len(remittances)
        reason, problems = _problems(practice, remittances)
        if everything and not remittances:
            reason = f"no transaction in the file is for {practice.name} (1000B payee)"
    except X12Error as exc:
        remittances, reason, problems = [], str(exc), []
    report.transactions = len(remittances)
    try:
        with transaction.atomic():
            if reason:
                row = _store(practice, file_name, sha, text, m.FileStatus.QUARANTINED, actor,
                             reason, problems, len(remittances))
                report.status, report.reason, report.problems = m.FileStatus.QUARANTINED, reason, problems
            else:
                row = _store(practice, file_name, sha, text, m.FileStatus.POSTED, actor,
                             count=len(remittances))
                _post_all(practice, row, remittances, report, actor)
            report.file_id = row.pk
            audit.record("create", row, actor=actor, detail={"status": row.status})
    except IntegrityError:
        report.status = m.FileStatus.DUPLICATE
        report.reason = "imported by another worker at the same time"
        report.totals = PostingTotals()
    return report


def _post_all(practice, row, remittances, report: ImportReport, actor) -> None:
    fresh = []
    for rem in remittances:
        h = rem.header
        if m.Remittance.unscoped.filter(practice=practice, trace_number=h.trace.number,
                                        trace_originator=h.trace.originator).exists():
            report.skipped_transactions += 1
            continue
        fresh.append(rem)
    if not fresh:
        row.status = m.FileStatus.DUPLICATE
        row.reason = "every payment trace in it was posted from another file"
        row.save(update_fields=["status", "reason"])
        report.status, report.reason = row.status, row.reason
        return
    claims = 0
    for rem in fresh:
        report.totals.add(post_remittance(practice, row, rem, actor=actor))
        claims += len(rem.claims)
    row.claim_count = claims
    row.save(update_fields=["claim_count"])
    report.status = m.FileStatus.POSTED


