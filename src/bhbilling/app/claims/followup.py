"""Claims nobody answered: the follow-up list and automatic 276 status inquiries.

A claim sent and not acknowledged by a 277CA within ``no_ack_days`` (default 5), or
accepted and not paid or denied by an 835 within ``no_payment_days`` (default 30), is due
for follow-up: a 276 (005010X212) asks the payer about it, the claim's next-action date
moves a week on, and the payer's 277 answer is recorded on the claim when it comes back
(``app.inbound.acks``). The 276 carries our CLM01 as the trace (TRN*1), so the 277 names
the claim it answers, and the payer's claim number (REF*1K) when we have it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Prefetch, Q

from bhbilling.app import models as m
from bhbilling.app.gateways import gateway_for
from bhbilling.app.submission.control_numbers import allocate
from bhbilling.app.submission.mapping import delimiters_of
from bhbilling.application.ports import Outbound
from bhbilling.x12.claim837p.parties import PersonName
from bhbilling.x12.status276 import (
    ClaimInquiry,
    Dependent,
    InformationReceiver,
    Payer,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
    write_276,
)

__all__ = ["FollowUpRun", "due_for_follow_up", "send_status_inquiries"]


def due_for_follow_up(practice_id: int, today: dt.date, *, no_ack_days: int = 5,
                      no_payment_days: int = 30) -> list[m.Claim]:
    """Claims waiting too long for a 277CA or an 835, and those whose next-action date came."""
    last = (m.Claim.unscoped.filter(practice_id=practice_id)  # a service given its practice
            .annotate(moved=Max("history__at")))
    waiting_ack = Q(state__in=["submitted", "acknowledged"],
                    moved__date__lte=today - dt.timedelta(days=no_ack_days))
    waiting_pay = Q(state="accepted", moved__date__lte=today - dt.timedelta(days=no_payment_days))
    next_action = Q(follow_up_on__isnull=False, follow_up_on__lte=today,
                    state__in=["submitted", "acknowledged", "accepted"])
    return list(last.filter((waiting_ack & Q(follow_up_on__isnull=True)) | waiting_pay
                            & Q(follow_up_on__isnull=True) | next_action)
                .select_related("payer", "coverage", "patient", "practice")
                .prefetch_related(Prefetch("lines", queryset=m.ClaimLine.unscoped.all()))
                .order_by("payer_id", "id"))


def _inquiry(claim: m.Claim) -> StatusInquiry:
    cov, patient = claim.coverage, claim.patient
    days = [ln.date_of_service for ln in claim.lines.all()]
    me = PersonName(last=patient.last_name, first=patient.first_name)
    if cov.relationship == "18":
        subscriber, dependent = Subscriber(cov.member_id, me, patient.date_of_birth,
                                           patient.sex or ""), None
    else:
        subscriber = Subscriber(cov.member_id, PersonName(last=cov.subscriber_last_name,
                                                          first=cov.subscriber_first_name))
        dependent = Dependent(me, patient.date_of_birth, patient.sex or "")
    practice = claim.practice
    return StatusInquiry(
        provider=ServiceProvider(practice.npi, organization_name=practice.legal_name or practice.name),
        subscriber=subscriber, dependent=dependent,
        claim=ClaimInquiry(trace_number=claim.patient_control_number, charge=claim.total_charge,
                           service_start=min(days), service_end=max(days),
                           payer_claim_number=claim.payer_claim_number,
                           patient_control_number=claim.patient_control_number))


@dataclass(slots=True)
class FollowUpRun:
    asked: list[str] = field(default_factory=list)
    file_name: str = ""
    delivered: bool = False


def send_status_inquiries(ch: m.Clearinghouse, claims: Sequence[m.Claim], *, today: dt.date,
                          now: dt.datetime, gateway=None) -> FollowUpRun:
    """One 276 interchange (a transaction per payer) through the connection."""
    run = FollowUpRun()
    if not claims:
        return run
    by_payer: dict[int, list[m.Claim]] = defaultdict(list)
    for claim in claims:
        by_payer[claim.payer_id].append(claim)
    with transaction.atomic():
        _ch, isa13, gs06, first_st = allocate(ch.pk, len(by_payer))
        txs = [Transaction276(first_st + i, f"FU{isa13:09d}{i:02d}",
                              Payer(group[0].payer.name, group[0].payer.payer_id),
                              InformationReceiver(ch.submitter_name, ch.submitter_id),
                              tuple(_inquiry(c) for c in group))
               for i, group in enumerate(by_payer.values())]
        text = write_276(txs, sender_id=ch.sender_id, receiver_id=ch.receiver_id,
                         interchange_control_number=isa13, group_control_number=gs06,
                         created=now, test=ch.usage_indicator == "T", delimiters=delimiters_of(ch),
                         sender_qualifier=ch.sender_qualifier,
                         receiver_qualifier=ch.receiver_qualifier, line_break=ch.line_breaks)
        m.Claim.unscoped.filter(pk__in=[c.pk for c in claims]).update(
            follow_up_on=today + dt.timedelta(days=7))
    run.file_name = f"276-{isa13:09d}.x12"
    [result] = (gateway or gateway_for(ch)).send([Outbound(run.file_name, text.encode("ascii"))])
    run.delivered = result.delivered
    run.asked = [c.patient_control_number for c in claims]
    return run
