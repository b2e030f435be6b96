"""One 837P file in: the 999, the front-end edits, the 277CA, and the claims queued.

Steps: `intake.judge_837p` checks structure and writes the 999 (`ack_writer`); every claim
of an accepted set (IK5 A or E, in a group not rejected) becomes `ClaimFacts` and meets
`front_end.front_end_edits`; accepted claims get a payer claim number and wait in the
state until their due date (the payer's adjudication delay, plus the mix's late days),
rejected ones are remembered (a 276 about them is answered with the rejection). The
277CA (`claim_ack`) acknowledges every claim, one ST per 837P set and payer.
"""

from __future__ import annotations

import datetime as dt

from bhbilling.simulator.ack_writer import write_999
from bhbilling.simulator.adjudication.mix import chance
from bhbilling.simulator.claim_ack import AckGroup, Verdict, write_277ca
from bhbilling.simulator.facts import Envelope, facts_from_837p
from bhbilling.simulator.front_end import front_end_edits
from bhbilling.simulator.intake import IntakeResult, judge_837p
from bhbilling.simulator.summary import CycleContext

__all__ = ["receive_837p"]


def _verdicts(ctx: CycleContext, result: IntakeResult) -> list[AckGroup]:
    book, state, today = ctx.book, ctx.state, ctx.today
    groups: list[AckGroup] = []
    for group in result.groups:
        if group.status == "R":
            continue
        for accepted in group.sets:
            tx = accepted.transaction
            if tx is None:
                continue
            by_payer: dict[str, list[Verdict]] = {}
            for billing in tx.billing_groups:
                for claim in billing.claims:
                    env = Envelope(result.sender_id, result.sender_qualifier, tx.submitter.id,
                                   tx.submitter.name,
                                   result.usage, tx.reference_id, result.file)
                    facts = facts_from_837p(claim, tx, billing.billing_provider, received=today, envelope=env)
                    rejections = front_end_edits(facts, book, state)
                    record = {"pcn": facts.pcn, "payer": facts.payer_id, "received": today.isoformat(),
                              "facts": facts.to_dict(), "outcome": None}
                    if rejections:
                        state.add_claim(f"R{state.next('claim'):011d}", {
                            **record, "icn": "", "status": "rejected",
                            "rejections": [[r.category, r.code, r.entity, r.reason] for r in rejections]})
                        ctx.summary.claims_rejected += 1
                        for r in rejections:
                            ctx.summary.count_reason(f"277CA {r.category}:{r.code} {r.reason}")
                        verdict = Verdict(facts, "", tuple(rejections))
                    else:
                        icn = ctx.new_icn()
                        rules = book.payer(facts.payer_id).rules
                        late = chance(book.mix.late_payment, ctx.seed, "late", icn)
                        due = today + dt.timedelta(days=rules.adjudication_delay_days
                                                   + (book.mix.late_days if late else 0))
                        state.add_claim(icn, {**record, "icn": icn, "status": "pending",
                                              "due": due.isoformat()})
                        ctx.summary.claims_accepted += 1
                        verdict = Verdict(facts, icn)
                    by_payer.setdefault(facts.payer_id, []).append(verdict)
            for payer_id, verdicts in by_payer.items():
                payer = book.payer(payer_id)
                if payer is not None:
                    groups.append(AckGroup(payer.name, payer.payer_id, True, tuple(verdicts)))
                else:
                    groups.append(AckGroup(book.clearinghouse_name, book.clearinghouse_id, False,
                                           tuple(verdicts)))
    return groups


def receive_837p(ctx: CycleContext, name: str, data: bytes) -> None:
    """Judge one 837P file and write its 999 and 277CA (see the module steps)."""
    result = judge_837p(data, file_name=name)
    if result.error or not result.groups:
        ctx.summary.problems.append((name, result.error or "no functional group in the file"))
        return
    book = ctx.book
    ctx.write(f"{name}.999", write_999(result, sender_id=book.clearinghouse_id,
                                       control_number=ctx.state.next("interchange"), today=ctx.today))
    for group in result.groups:
        for s in group.sets:
            ok = s.status in ("A", "E") and group.status != "R"
            ctx.summary.sets_accepted += ok
            ctx.summary.sets_rejected += not ok
            if not ok and s.message:
                ctx.summary.problems.append((name, s.message))
    groups = _verdicts(ctx, result)
    if groups:
        ctx.write(f"{name}.277ca", write_277ca(
            groups, sender_id=book.clearinghouse_id, receiver_id=result.sender_id,
            receiver_qualifier=result.sender_qualifier, test=result.usage != "P",
            control_number=ctx.state.next("interchange"), today=ctx.today))
