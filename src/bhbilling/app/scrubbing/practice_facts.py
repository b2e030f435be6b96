"""Facts shared by every claim of one practice, loaded once per scrub batch.

What is read here, in a fixed number of queries whatever the batch size:
- the practice: 837P 2010AA billing provider (NPI, EIN, taxonomy, the *street* address --
  never the pay-to address, which is loop 2010AB) and its 42 CFR Part 2 program flag;
- its clinicians (2310B) with state licences and payer enrollments;
- the company's payers (2010BB), their payer profiles in force on each date of service,
  and the practice's fee schedules, overlaid as ``app.coding.fees_for`` does it.

Decisions (docs/scrubbing.md lists the fields; these are the app's readings):
- Timely filing: ``Payer.timely_filing_days`` is passed to the scrubber only when it differs
  from the column's default (365). The default means "nobody set a contract value", and
  passing it would replace the rule pack's per-kind limits (Medicare's 12 calendar months,
  90 days for commercial plans) with a flat 365 days. A payer that really allows 365 days
  and is not Medicare-like needs a ``[params.payer.NAME]`` table in the pack.
- Licence: the ``ProviderLicense`` of the state where the service was given (the session's
  location, else the practice's state): the one in force on the date, else the one that
  expires last. No licence row for that state leaves the dates unknown (PROV-LIC-002).
- Enrollment: ``ProviderEnrollment`` rows with status "enrolled" whose dates include the
  date of service; the snapshot lists those payers' electronic ids.
- Associates: a credential that needs a supervisor (``Credential.needs_supervisor``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from django.conf import settings

from bhbilling.app.coding import profile_name_for
from bhbilling.app.models import (
    FeeSchedule,
    FeeScheduleRate,
    Location,
    Payer,
    Practice,
    Provider,
    ProviderEnrollment,
    ProviderLicense,
)
from bhbilling.domain.parties import Credential
from bhbilling.domain.scrubbing import Address, BillingProvider, PayerRules, RenderingProvider
from bhbilling.payers import load_profile

__all__ = ["DEFAULT_TIMELY_FILING_DAYS", "PracticeFacts"]

DEFAULT_TIMELY_FILING_DAYS = Payer._meta.get_field("timely_filing_days").default
_EMPTY_FEES: Mapping[str, Decimal] = MappingProxyType({})


def _in_force(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def _needs_supervisor(credential: str) -> bool:
    try:
        return Credential(credential).needs_supervisor
    except ValueError:
        return False


class PracticeFacts:
    """One practice's billing provider, clinicians, payers and fees, with per-day caches."""

    def __init__(self, practice_id: int) -> None:
        practice = Practice.objects.get(pk=practice_id)
        self.practice_id = practice_id
        self.state = practice.state
        self.part2_program = practice.part2_program
        street = tuple(x for x in (practice.address_line1, practice.address_line2) if x.strip())
        self.billing = BillingProvider(
            npi=practice.npi, tin=practice.tin, taxonomy=practice.taxonomy,
            address=Address(street, practice.city, practice.state, practice.postal_code))
        self.providers = {row["id"]: row for row in Provider.objects.values(
            "id", "npi", "credential", "taxonomy", "supervisor_id")}
        self.licences: dict[int, list[tuple]] = defaultdict(list)
        for row in ProviderLicense.objects.values_list("provider_id", "state", "issued_on", "expires_on"):
            self.licences[row[0]].append(row[1:])
        self.enrollments: dict[int, list[tuple]] = defaultdict(list)
        for row in (ProviderEnrollment.objects.filter(status=ProviderEnrollment.Status.ENROLLED)
                    .values_list("provider_id", "payer__payer_id", "effective_from", "effective_to")):
            self.enrollments[row[0]].append(row[1:])
        self.payers = {row["id"]: row for row in Payer.objects.values(
            "id", "payer_id", "name", "kind", "timely_filing_days", "profile")}
        self.payer_names = tuple((p["payer_id"], p["name"]) for p in self.payers.values())
        self.location_states = dict(Location.objects.values_list("id", "state"))
        self._schedules = list(FeeSchedule.objects.values_list(
            "id", "payer_id", "effective_from", "effective_to"))
        self._rates: dict[int, dict[str, Decimal]] = defaultdict(dict)
        for schedule_id, code, mods, charge in FeeScheduleRate.objects.values_list(
                "schedule_id", "code", "modifiers", "charge"):
            key = "-".join((code, *sorted(m for m in mods.split(":") if m)))
            self._rates[schedule_id][key] = charge
        self._rendering: dict[tuple, RenderingProvider] = {}
        self._payer_rules: dict[tuple[int, dt.date], PayerRules] = {}
        self._fees: dict[tuple[int | None, dt.date], Mapping[str, Decimal]] = {}

    # -- clinicians ---------------------------------------------------------------------------
    def npi_of(self, provider_id: int) -> str:
        row = self.providers.get(provider_id)
        return row["npi"] if row else ""

    def _licence(self, provider_id: int, state: str, day: dt.date) -> tuple[dt.date | None, dt.date | None]:
        rows = [r for r in self.licences.get(provider_id, ()) if r[0] == state]
        if not rows:
            return None, None
        current = [r for r in rows if _in_force(r[1], r[2], day)]
        best = max(current or rows, key=lambda r: r[2])
        return best[1], best[2]

    def rendering(self, provider_id: int, day: dt.date, state: str, depth: int = 0) -> RenderingProvider:
        """The clinician as loop 2310B sees them on ``day``, with their supervisor."""
        key = (provider_id, day, state, depth)
        found = self._rendering.get(key)
        if found is not None:
            return found
        row = self.providers[provider_id]
        start, end = self._licence(provider_id, state, day)
        enrolled = frozenset(pid for pid, s, e in self.enrollments.get(provider_id, ())
                             if _in_force(s, e, day))
        supervisor = None
        if row["supervisor_id"] and depth == 0 and row["supervisor_id"] in self.providers:
            supervisor = self.rendering(row["supervisor_id"], day, state, depth + 1)
        found = self._rendering[key] = RenderingProvider(
            npi=row["npi"], credential=row["credential"], taxonomy=row["taxonomy"],
            licence_from=start, licence_to=end, enrolled_payer_ids=enrolled,
            is_associate=_needs_supervisor(row["credential"]), supervisor=supervisor)
        return found

    # -- payers -------------------------------------------------------------------------------
    def payer_rules(self, payer_pk: int | None, day: dt.date) -> PayerRules:
        """The payer's rules on ``day``: its row plus the payer profile in force then.

        Raises the payers ring's ``ProfileError`` (a BhBillingError) when the profile named
        on the payer cannot be loaded; the caller turns it into a blocking finding.
        """
        if payer_pk is None:
            return PayerRules(payer_id="", name="self-pay", kind="self_pay")
        key = (payer_pk, day)
        rules = self._payer_rules.get(key)
        if rules is not None:
            return rules
        row = self.payers[payer_pk]
        profile = load_profile(profile_name_for(Payer(profile=row["profile"], kind=row["kind"])), on=day,
                               extra_dirs=getattr(settings, "BHBILLING_PAYER_PROFILE_DIRS", ()))
        tf = row["timely_filing_days"]
        rules = self._payer_rules[key] = PayerRules(
            payer_id=row["payer_id"], name=profile.name, kind=row["kind"], telehealth=profile.telehealth,
            z_code_primary_allowed=profile.z_code_primary_allowed,
            timely_filing_days=None if tf == DEFAULT_TIMELY_FILING_DAYS else tf,
            allowed_credentials=profile.allowed_credentials,
            excluded_credentials=profile.excluded_credentials,
            associate_billing=profile.associate_billing)
        return rules

    def payer_id_of(self, payer_pk: int | None) -> str:
        return self.payers[payer_pk]["payer_id"] if payer_pk in self.payers else ""

    def is_self_pay(self, payer_pk: int | None) -> bool:
        return payer_pk is None or self.payers.get(payer_pk, {}).get("kind") == "self_pay"

    # -- fees -----------------------------------------------------------------------------------
    def _schedule(self, payer_pk: int | None, day: dt.date) -> int | None:
        rows = [s for s in self._schedules if s[1] == payer_pk and _in_force(s[2], s[3], day)]
        return max(rows, key=lambda s: (s[2], s[0]))[0] if rows else None

    def fees(self, payer_pk: int | None, day: dt.date) -> Mapping[str, Decimal]:
        """Charge per unit by "CODE" / "CODE-MOD-MOD": the standard schedule in force on the
        day overlaid code by code by the payer's own (``app.coding.fees_for``)."""
        key = (payer_pk, day)
        fees = self._fees.get(key)
        if fees is None:
            merged: dict[str, Decimal] = {}
            for schedule in (self._schedule(None, day),
                             self._schedule(payer_pk, day) if payer_pk is not None else None):
                if schedule is not None:
                    merged.update(self._rates.get(schedule, {}))
            fees = self._fees[key] = MappingProxyType(merged) if merged else _EMPTY_FEES
        return fees
