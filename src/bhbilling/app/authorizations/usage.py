"""Authorization balances and the alerts worklist, for screens, the API and the CLI.

Why here: ``domain.authorizations.allocate`` decides which session draws from which
authorization; this module asks it once per patient (``uses.load_patients`` loads every
patient's rows in a few queries) and hangs the answer on the rows.

- ``usage_of(rows)``: per authorization row, units used (billed), pending (scheduled or
  done, not billed), remaining (negative when overbooked), the share committed and the
  sessions beyond the limit. An inactive row shows its approved units and nothing drawn.
- ``alert_rows(on)``: the worklist of the practice: ``domain.authorizations.alerts`` at the
  thresholds of ``thresholds()`` (setting ``BHBILLING_AUTHORIZATION_THRESHOLDS``, default
  80 % used, 2 units left, 14 days to expiry), blocking ones first, then by end date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from bhbilling.app.authorizations.uses import load_patients
from bhbilling.app.models import Authorization, ClinicalSession, Patient, Payer
from bhbilling.domain import authorizations as da

__all__ = ["AlertRow", "UsageRow", "alert_rows", "session_ids", "thresholds", "usage_of"]


@dataclass(frozen=True, slots=True)
class UsageRow:
    authorization: Authorization
    used: int
    pending: int
    remaining: int
    over_limit: int  # sessions drawn beyond the approved units

    @property
    def approved(self) -> int:
        return int(self.authorization.units_approved)

    @property
    def committed(self) -> int:
        return self.used + self.pending

    @property
    def percent(self) -> int:
        """Share committed, 0-100 (for the usage bar); 100 when nothing was approved."""
        if self.approved <= 0:
            return 100 if self.committed else 0
        return min(100, round(self.committed * 100 / self.approved))

    @property
    def bar_low(self) -> str:
        """HTML <meter> low boundary: at the alert share (80 %) the bar turns to a warning."""
        return str(max(thresholds().percent_used * self.approved - Decimal("0.5"), Decimal(0)))

    @property
    def bar_high(self) -> str:
        """HTML <meter> high boundary: with every unit committed the bar turns to danger."""
        return str(max(Decimal(self.approved) - Decimal("0.5"), Decimal(0)))

    @property
    def used_percent(self) -> int:
        return 0 if self.approved <= 0 else min(100, round(self.used * 100 / self.approved))


@dataclass(frozen=True, slots=True)
class AlertRow:
    kind: str
    message: str
    blocking: bool
    patient: Patient
    authorization: Authorization | None  # None for a session no authorization covers
    payer_name: str
    session_id: int | None = None

    @property
    def label(self) -> str:
        return ALERT_LABELS.get(self.kind, self.kind.replace("_", " "))


ALERT_LABELS = {
    "over_limit": "Over the limit", "unauthorized": "Not authorized", "exhausted": "Used up",
    "units_left": "Few units left", "percent_used": "Mostly used", "expiring": "Expiring",
    "expired": "Expired",
}


def thresholds() -> da.Thresholds:
    """The practice-wide alert thresholds (settings, else the domain defaults)."""
    conf = getattr(settings, "BHBILLING_AUTHORIZATION_THRESHOLDS", {}) or {}
    base = da.Thresholds()
    return da.Thresholds(Decimal(str(conf.get("percent_used", base.percent_used))),
                         int(conf.get("units_left", base.units_left)),
                         int(conf.get("days_to_expiry", base.days_to_expiry)))


def usage_of(rows: Iterable[Authorization]) -> dict[int, UsageRow]:
    """Authorization row id -> its balance (see the module docstring)."""
    rows = list(rows)
    loaded = load_patients({r.patient_id for r in rows if r.active})
    out: dict[int, UsageRow] = {}
    allocations = {pid: p.allocation() for pid, p in loaded.items()}
    for row in rows:
        allocation = allocations.get(row.patient_id)
        if not row.active or allocation is None:
            out[row.pk] = UsageRow(row, 0, 0, int(row.units_approved), 0)
            continue
        usage = allocation.usage(row.number)
        over = sum(1 for u in allocation.over_limit if allocation.drawn_from(u.key) == row.number)
        out[row.pk] = UsageRow(row, usage.used, usage.pending, usage.remaining, over)
    return out


def _session_id(key: str) -> int | None:
    return int(key.split(":", 1)[1]) if key.startswith("session:") else None


def _payer_name(key: str, names: dict[int, str]) -> str:
    head = key.split("/", 1)[0]
    return names.get(int(head), "") if head.isdigit() else key


def alert_rows(on: dt.date, limits: da.Thresholds | None = None) -> list[AlertRow]:
    """The practice's authorization worklist on `on` (see the module docstring)."""
    limits = limits or thresholds()
    patient_ids = set(Authorization.objects.filter(active=True).values_list("patient_id", flat=True))
    loaded = load_patients(patient_ids)
    patients = {p.pk: p for p in Patient.objects.filter(pk__in=loaded)}
    names = dict(Payer.objects.values_list("id", "name"))
    out: list[AlertRow] = []
    for pid, state in loaded.items():
        for alert in da.alerts(state.allocation(), on, limits):
            row = state.row(alert.authorization_number) if alert.authorization_number else None
            payer = row.payer.name if row is not None else _payer_name(alert.payer, names)
            out.append(AlertRow(alert.kind, alert.message, alert.blocking, patients[pid], row, payer,
                                _session_id(alert.session_key)))
    far = dt.date.max
    out.sort(key=lambda a: (not a.blocking, a.authorization.ends_on if a.authorization else far,
                            a.patient.pk, a.kind))
    return out


def session_ids(alerts: Iterable[AlertRow]) -> dict[int, ClinicalSession]:
    """The sessions named by unauthorized alerts, for links and dates."""
    ids = {a.session_id for a in alerts if a.session_id}
    return {s.pk: s for s in ClinicalSession.objects.filter(pk__in=ids)}
