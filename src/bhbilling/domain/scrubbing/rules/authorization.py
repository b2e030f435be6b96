"""Prior authorization: present when the payer requires it, covering the code and date,
with units left after counting earlier claims (reference §9; CARC 197 absent, 198
exceeded; RARC N54).

- ``PayerRules.auth_required_codes`` lists the codes that need one (contract data).
- An authorization covers a line when the date is within its dates (inclusive) and its codes
  include the line's code (no codes = any service). Its number goes in 2300 REF*G1.
- Units: ``units_used`` (other claims, counted by the app) plus this claim's lines, in
  order, must stay within ``units_approved``; a warning once the share used reaches the
  pack's ``auth_warn_ratio`` (80 % by default [K]).
"""

from __future__ import annotations

from decimal import Decimal

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("authorization", "authorization")
_SELF_PAY = ("self_pay",)


def _missing(c, line) -> str | None:
    auths = c.authorizations
    day = line.date_of_service
    for a in auths:
        if a.covers(line.code, day):
            return None if a.number.strip() else f"the authorization covering {line.code} has no number"
    for a in auths:
        if not a.codes or line.code in a.codes:
            return (f"authorization {a.number} covers {line.code} from {a.start.isoformat()} to "
                    f"{a.end.isoformat()}, not {day.isoformat()}")
    if auths:
        return f"no authorization on file covers {line.code}"
    return f"{line.code} needs prior authorization from payer {c.payer.payer_id}; none on file"


def _usage(c):
    """Per authorization with a unit cap: [auth, units after this claim, first line over cap]."""
    usage: dict[int, list] = {}
    for i, line in enumerate(c.lines, 1):
        for k, a in enumerate(c.authorizations):
            if a.units_approved is not None and a.covers(line.code, line.date_of_service):
                entry = usage.setdefault(k, [a, a.units_used, None])
                entry[1] += line.units
                if entry[2] is None and entry[1] > a.units_approved:
                    entry[2] = i
                break
    return usage.values()


@RULES.rule("AUTH-001", ERROR, "authorization missing", element="2300 REF*G1",
            fix="get the authorization (or a retro-authorization) and record its number, codes and dates",
            reference=f"{REF}9 (CARC 197)", skip_payers=_SELF_PAY)
def authorization_present(c, p):
    required = c.payer.auth_required_codes
    if not required:
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code in required:
            problem = _missing(c, line)
            if problem:
                hits = hits or []
                hits.append((problem, i))
    return hits


@RULES.rule("AUTH-002", ERROR, "authorized units used up", element="2300 REF*G1, 2400 SV1-04",
            fix="ask the payer to extend the authorization before billing these units",
            reference=f"{REF}9 (CARC 198, RARC N54)", skip_payers=_SELF_PAY)
def authorization_units(c, p):
    if not c.authorizations:
        return None
    hits = None
    for a, total, over in _usage(c):
        if over is not None:
            hits = hits or []
            hits.append((f"authorization {a.number}: {a.units_approved} units approved, {a.units_used} "
                         f"used by other claims, {total - a.units_used} on this claim", over))
    return hits


@RULES.rule("AUTH-003", WARNING, "authorization nearly used", element="2300 REF*G1",
            fix="request an extension now so later sessions stay covered",
            reference=f"{REF}9 (warn at about 80 % [K])", skip_payers=_SELF_PAY)
def authorization_nearly_used(c, p):
    if not c.authorizations:
        return None
    hits = None
    for a, total, over in _usage(c):
        if over is None and a.units_approved and total / a.units_approved >= p.auth_warn_ratio:
            share = (total * 100 / a.units_approved).quantize(Decimal(1))
            hits = hits or []
            hits.append((f"authorization {a.number}: {total} of {a.units_approved} units used ({share} %) "
                         f"after this claim; ends {a.end.isoformat()}", None))
    return hits
