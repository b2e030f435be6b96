"""Payer edits that deny a claim or a line, each with the CARC/RARC a real payer sends.

Rules (reference doc sections 6, 8.1, 9 and 11), checked in this order:
- whole claim: timely filing (CO-29, received more than the payer's limit after the first
  date of service); rendering/billing provider not credentialed (CO-185, or CO-B7, with
  N95); the denial mix's records request (CO-252 + M127);
- each line: coverage not in force (CO-26 before the plan start, CO-27 after its end);
  exact duplicate of a line already processed for the member, date and code (OA-18: X12
  allows CARC 18 only with group OA outside workers' compensation, N111); modifiers the
  payer does not accept, a telehealth place of service without a telehealth modifier, or
  audio-only on a code the payer does not allow audio-only (CO-4, N822 when missing); no
  pointed diagnosis the payer's diagnosis rule accepts (CO-11); code not on the fee
  schedule (CO-96 + N216); NCCI bundling, column 2 billed with column 1 the same day on
  this claim or on a claim already paid (CO-97 + N20, lifted by 59/XE/XS/XP/XU/25 when the
  pair's modifier indicator is 1);
- authorization (`authorize`): none or an unknown REF*G1 (CO-197, M62 when a number was
  given), a code the authorization does not list (CO-197 + N54), a date outside it or no
  units left (CO-198 + N54); fewer units left than billed pays only those (the rest
  CO-198).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.simulator.adjudication.mix import chance
from bhbilling.simulator.code_lists import NCCI_MODIFIERS, bundling_pairs
from bhbilling.simulator.facts import ClaimFacts, LineFacts
from bhbilling.simulator.payerbook import Member, Payer, PayerBook
from bhbilling.simulator.state import SimulatorState

__all__ = ["Context", "Denial", "authorize", "claim_denial", "line_denial", "line_key"]


@dataclass(frozen=True, slots=True)
class Denial:
    group: str
    reason: str
    remarks: tuple[str, ...] = ()
    note: str = ""


@dataclass(slots=True)
class Context:
    facts: ClaimFacts
    payer: Payer
    member: Member
    book: PayerBook
    state: SimulatorState
    seed: int
    icn: str
    today: dt.date


def line_key(payer_id: str, member_id: str, line: LineFacts) -> str:
    """Identity of a service for duplicate and bundling checks: payer, member, date, code."""
    return f"{payer_id}|{member_id}|{line.service_date.isoformat()}|{line.code}"


def claim_denial(ctx: Context) -> Denial | None:
    f, rules = ctx.facts, ctx.payer.rules
    if (f.received - f.first_date).days > rules.timely_filing_days:
        return Denial("CO", "29", (), "timely filing limit passed")
    provider = f.provider
    prefixes, npis = rules.credential_taxonomy_prefixes, rules.credential_npis
    if (prefixes or npis) and provider.npi not in npis and not (
            provider.taxonomy and provider.taxonomy.startswith(tuple(prefixes))):
        return Denial("CO", rules.credential_reason, ("N95",), "provider not credentialed with the payer")
    if chance(ctx.book.mix.documentation_request, ctx.seed, "records", ctx.icn):
        return Denial("CO", "252", ("M127",), "medical records requested")
    return None


def _modifier_denial(ctx: Context, line: LineFacts) -> Denial | None:
    rules = ctx.payer.rules
    accepted = rules.accepted_modifiers
    if accepted is not None and any(m not in accepted for m in line.modifiers):
        return Denial("CO", "4", (), "modifier not accepted by the payer")
    telehealth = line.place_of_service in rules.telehealth_places
    if telehealth and not set(line.modifiers) & rules.telehealth_modifiers:
        return Denial("CO", "4", ("N822",), "telehealth place of service without a telehealth modifier")
    audio = set(line.modifiers) & rules.audio_only_modifiers
    if audio and rules.audio_only_codes is not None and line.code not in rules.audio_only_codes:
        return Denial("CO", "4", (), "audio-only not allowed for this code")
    return None


def _bundled(ctx: Context, line: LineFacts) -> bool:
    others = {other.code for other in ctx.facts.lines
              if other.number != line.number and other.service_date == line.service_date}
    for pair in bundling_pairs().get(line.code, ()):
        if pair.bypassable and set(line.modifiers) & NCCI_MODIFIERS:
            continue
        if pair.column_1 in others:
            return True
        key = f"{ctx.payer.payer_id}|{ctx.facts.member_id}|{line.service_date.isoformat()}|{pair.column_1}"
        if any(icn != ctx.icn for icn in ctx.state.paid_lines(key)):
            return True
    return False


def line_denial(ctx: Context, line: LineFacts) -> Denial | None:
    plan, rules = ctx.member.plan, ctx.payer.rules
    if line.service_date < plan.start:
        return Denial("CO", "26", (), "service before coverage started")
    if plan.end is not None and line.service_date > plan.end:
        return Denial("CO", "27", (), "service after coverage ended")
    key = line_key(ctx.payer.payer_id, ctx.facts.member_id, line)
    if any(icn != ctx.icn for icn in ctx.state.paid_lines(key)):
        return Denial("OA", "18", ("N111",), "duplicate of a service already processed")
    if (denial := _modifier_denial(ctx, line)) is not None:
        return denial
    for rule in rules.diagnosis_rules:
        if line.code in rule.codes:
            pointed = [ctx.facts.diagnoses[p - 1] for p in line.pointers if p <= len(ctx.facts.diagnoses)]
            if not any(code.upper().startswith(rule.prefixes) for code in pointed):
                return Denial("CO", "11", (), "diagnosis inconsistent with the procedure")
    if ctx.payer.fees.rate(line.code, line.modifiers) is None:
        return Denial("CO", "96", ("N216",), "service not covered by the plan")
    if _bundled(ctx, line):
        return Denial("CO", "97", ("N20",), "bundled into another service the same day")
    return None


def authorize(ctx: Context, line: LineFacts, used_now: dict[str, Decimal]
              ) -> tuple[Denial | None, Decimal, str]:
    """(denial, units payable, authorization number) for a line whose code needs one."""
    f = ctx.facts
    if line.code not in ctx.payer.rules.authorization_codes:
        return None, line.units, ""
    found = [a for a in ctx.book.authorizations_for(ctx.payer.payer_id, f.member_id)
             if a.number == f.prior_authorization] if f.prior_authorization else []
    if not found:
        remarks = ("M62",) if f.prior_authorization else ()
        return Denial("CO", "197", remarks, "no authorization on file"), Decimal(0), ""
    auth = found[0]
    if line.code not in auth.codes:
        return Denial("CO", "197", ("N54",), "service not on the authorization"), Decimal(0), auth.number
    if not auth.start <= line.service_date <= auth.end:
        return Denial("CO", "198", ("N54",),
                      "authorization expired or not yet valid"), Decimal(0), auth.number
    key = f"{ctx.payer.payer_id}|{auth.number}"
    left = auth.units - auth.units_used - ctx.state.amount("auth_units", key) - used_now.get(auth.number, 0)
    if left <= 0:
        return Denial("CO", "198", ("N54",), "authorized units used up"), Decimal(0), auth.number
    return None, min(left, line.units), auth.number
