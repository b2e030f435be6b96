"""What payers did with the benchmark's claims: 835 payments, denials and their follow-up,
patients paying their share (a mixin of ``report_practice.PracticeRun``)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from benchmarks.report_catalog import (
    APPEALABLE,
    DENIAL_REASONS,
    DENIAL_WEIGHTS,
    PAYERS,
    WRITE_OFF,
    ZERO,
)
from benchmarks.report_catalog import at as _at
from benchmarks.report_catalog import money as _money


class Outcomes:
    """Adjudication, denials and patient payments of one practice's run."""

    def adjudicate(self, claim_id, patient_id, payer_index, pcn, dos, paid_on, charge, lines):
        t, w, rng, pid = self.t, self.w, self.rng, self.pid
        spec = PAYERS[payer_index]
        icn = f"ICN{claim_id:011d}"
        denied = rng.random() < spec[5]
        partial = not denied and len(lines) > 1 and rng.random() < 0.12
        share = Decimal(spec[3]) * (Decimal("0.9") if rng.random() < 0.02 else 1)  # 2 % underpaid
        out, postings, paid_total, pr_total = [], [], ZERO, ZERO
        rule = spec[4]
        pr_left = Decimal(rule[5:]) if rule.startswith("copay") else None
        for k, (line_id, code, fee, lcn) in enumerate(lines):
            if denied or (partial and k == len(lines) - 1):
                out.append(
                    {
                        "ref": lcn,
                        "code": code,
                        "charge": str(fee),
                        "paid": "0.00",
                        "allowed": "0.00",
                        "adjustments": [],
                        "remarks": [],
                    }
                )
                continue
            allowed = _money(fee * share)
            if rule == "coins20":
                pr = _money(allowed * Decimal("0.2"))
            elif pr_left is not None:
                pr, pr_left = min(pr_left, allowed), pr_left - min(pr_left, allowed)
            else:
                pr = ZERO
            paid = allowed - pr
            paid_total, pr_total = paid_total + paid, pr_total + pr
            adj = [{"group": "CO", "reason": "45", "amount": str(fee - allowed)}]
            if pr:
                adj.append({"group": "PR", "reason": "3" if rule != "coins20" else "2", "amount": str(pr)})
            out.append(
                {
                    "ref": lcn,
                    "code": code,
                    "charge": str(fee),
                    "paid": str(paid),
                    "allowed": str(allowed),
                    "adjustments": adj,
                    "remarks": [],
                }
            )
            postings += [
                ("1000", paid, ZERO, line_id),
                ("1100", ZERO, paid, line_id),
                ("4100", fee - allowed, ZERO, line_id),
                ("1100", ZERO, fee - allowed, line_id),
            ]
            if pr:
                postings += [("1200", pr, ZERO, line_id), ("1100", ZERO, pr, line_id)]
        rem_id, position, trace = self.remittance_for(payer_index, paid_on, paid_total)
        payment_id = self.ids.take(t.payment)
        entry_id = None
        if postings:
            entry_id = self.entry(
                f"era:1{spec[1][:9]}:{trace}:clp{position}",
                paid_on,
                _at(paid_on, 14),
                f"835 {trace}: claim {pcn}",
                claim_id,
                patient_id,
                [p for p in postings if p[1] or p[2]],
            )
        w.add(
            t.payment,
            (
                payment_id,
                pid,
                rem_id,
                claim_id,
                position,
                pcn,
                icn,
                "4" if denied else "1",
                charge,
                paid_total,
                pr_total,
                json.dumps(out),
                dos,
                "pcn",
                entry_id,
            ),
        )
        if pr_total and rng.random() < 0.66:
            self.patient_paid(
                claim_id, patient_id, pr_total, paid_on + dt.timedelta(days=rng.randrange(7, 60))
            )
        if not (denied or partial):
            state = "paid"
            self.move(claim_id, "accepted", state, _at(paid_on, 14), f"835 trace {trace}, CLP02 1")
            return state, icn
        state = "denied" if denied else "partially_paid"
        self.move(claim_id, "accepted", state, _at(paid_on, 14), f"835 trace {trace}")
        if partial:
            reason = ("bundling", "CO", "97", "M15")
            denied_lines = [lines[-1]]
        else:
            reason = rng.choices(DENIAL_REASONS, DENIAL_WEIGHTS)[0]
            denied_lines = lines
        return self.denial(claim_id, patient_id, payment_id, reason, denied_lines, paid_on, state, icn)

    def denial(self, claim_id, patient_id, payment_id, reason, lines, paid_on, state, icn):
        t, w, rng, pid, today = self.t, self.w, self.rng, self.pid, self.plan.today
        category, group, carc, rarc = reason[:4]
        age = (today - paid_on).days
        amount = sum((ln[2] for ln in lines), ZERO)
        denial_id = self.ids.take(t.denial)
        status, resolution, resolved_at = "open", "", None
        if age > 30 and category in WRITE_OFF:
            status, resolution, resolved_at = (
                "written_off",
                "written_off",
                _at(paid_on + dt.timedelta(days=20), 11),
            )
            entry_id = self.entry(
                f"writeoff:{denial_id}",
                resolved_at.date(),
                resolved_at,
                "Denial written off",
                claim_id,
                patient_id,
                [("4200", amount, ZERO, None), ("1100", ZERO, amount, None)],
            )
            w.add(
                t.writeoff,
                (
                    self.ids.take(t.writeoff),
                    pid,
                    claim_id,
                    patient_id,
                    denial_id,
                    "insurance",
                    amount,
                    "timely_filing" if category == "timely_filing" else "administrative",
                    f"{category.replace('_', ' ')} denial",
                    "approved",
                    resolved_at,
                    resolved_at,
                    entry_id,
                ),
            )
            if state == "denied":
                self.move(claim_id, "denied", "closed", resolved_at, "written off")
                state = "closed"
        elif age > 30 and category in APPEALABLE and rng.random() < 0.45:
            status, resolution = "in_progress", "appealed"
            sent = paid_on + dt.timedelta(days=rng.randrange(7, 25))
            w.add(
                t.appeal,
                (
                    self.ids.take(t.appeal),
                    pid,
                    claim_id,
                    denial_id,
                    "sent",
                    category,
                    paid_on + dt.timedelta(days=120),
                    sent,
                    _at(sent, 10),
                ),
            )
            if state == "denied":
                self.move(claim_id, "denied", "appealed", _at(sent, 10), "appeal sent")
                state = "appealed"
        elif age > 14 and rng.random() < 0.4:
            status = "in_progress"
        w.add(
            t.denial,
            (
                denial_id,
                pid,
                claim_id,
                payment_id,
                lines[0][3] if len(lines) == 1 else "",
                lines[0][1] if len(lines) == 1 else "",
                amount,
                group,
                json.dumps([carc]),
                json.dumps([rarc] if rarc else []),
                status,
                _at(paid_on, 14),
                category,
                paid_on + dt.timedelta(days=120),
                resolution,
                resolved_at,
            ),
        )
        return state, icn

    def patient_paid(self, claim_id: int, patient_id: int, amount: Decimal, on: dt.date) -> None:
        if on > self.plan.today:
            return
        pp_id = self.ids.take(self.t.patient_payment)
        entry_id = self.entry(
            f"patient-payment:{pp_id}",
            on,
            _at(on, 12),
            "Patient payment",
            claim_id,
            patient_id,
            [("1000", amount, ZERO, None), ("1200", ZERO, amount, None)],
        )
        self.w.add(
            self.t.patient_payment,
            (pp_id, self.pid, patient_id, "payment", "card", amount, on, claim_id, entry_id, _at(on, 12)),
        )
