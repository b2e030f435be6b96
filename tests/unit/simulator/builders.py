"""Builders for simulator tests: a payer book from the example, crafted 837P files, runs.

Ring: simulator. The book starts from the shipped example (so its documented rules are
the ones tested), with the denial mix switched off unless a test turns it on, and with
members generated from the claims a test sends (`book_for`), so each test states only
the rule it is about.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from decimal import Decimal as D
from importlib import resources
from pathlib import Path
from typing import Any

from bhbilling.simulator import CycleSummary, payerbook_from_dict, run_cycle
from bhbilling.simulator.payerbook import PayerBook
from bhbilling.x12.claim837p import (
    BillingGroup,
    Claim,
    Patient,
    PersonName,
    ServiceLine,
    Subscriber,
    Transaction837P,
)
from tests.unit.x12.samples_837p import (
    CLINIC,
    COMMERCIAL,
    HOME,
    MEDICAID,
    RECEIVER,
    SUBMITTER,
    write_samples,
)

DOS = dt.date(2026, 3, 2)
RECEIVED = dt.date(2026, 3, 26)
NO_MIX = {"medical_necessity": "0", "documentation_request": "0", "late_payment": "0", "reversal": "0",
          "recoupment": "0", "late_days": 45}


def example_dict() -> dict[str, Any]:
    text = resources.files("bhbilling.simulator").joinpath("data",
                                                           "example_payerbook.toml").read_text("utf-8")
    return tomllib.loads(text)


def subscriber(member: str = "MEM900001", *, filing: str = "CI", first: str = "Pat",
               dob: dt.date | None = dt.date(1980, 5, 5), resp: str = "P") -> Subscriber:
    return Subscriber(resp, member, filing, PersonName("Rivera", first), HOME, dob, "F", "GRP1")


def line(code: str = "90837", charge: str = "180.00", *, n: int = 1, mods: tuple[str, ...] = (),
         units: str = "1", dos: dt.date = DOS, ptr: tuple[int, ...] = (1,), pos: str = "") -> ServiceLine:
    return ServiceLine(code, D(charge), D(units), dos, ptr, f"LC{n}", mods, pos)


def claim(pcn: str, *lines: ServiceLine, sub: Subscriber | None = None, payer=COMMERCIAL,
          dx: tuple[str, ...] = ("F33.1",), pos: str = "11", **kw) -> Claim:
    return Claim(pcn, sub or subscriber(), payer, pos, dx, lines or (line(),), **kw)


def medicaid_claim(pcn: str, *lines: ServiceLine, member: str = "MEM900002", **kw) -> Claim:
    return claim(pcn, *lines, sub=subscriber(member, filing="MC"), payer=MEDICAID, **kw)


def child(first: str = "Sam") -> Patient:
    return Patient("19", PersonName("Rivera", first), HOME, dt.date(2015, 6, 1), "M")


def file_837(*claims: Claim, control: int = 1, billing=CLINIC) -> bytes:
    tx = Transaction837P(control, SUBMITTER, RECEIVER, (BillingGroup(billing, tuple(claims)),))
    return write_samples([tx], interchange_control_number=100 + control, group_control_number=200 + control
                         ).encode()


def _plan(**kw: Any) -> dict[str, Any]:
    return {"name": "Test Plan", "start": "2026-01-01", **kw}


def book_for(*claims: Claim, plan: dict[str, Any] | None = None, mix: dict[str, Any] | None = None,
             rules: dict[str, dict[str, Any]] | None = None, members: list[dict] | None = None,
             authorizations: list[dict] | None = None) -> PayerBook:
    """The example book with one member per subscriber of `claims` (same name and birth
    date, dependents from 2000C), `plan` fields for all of them, and rule overrides."""
    data = copy.deepcopy(example_dict())
    data["denial_mix"] = {**NO_MIX, **(mix or {})}
    gen: dict[str, dict[str, Any]] = {}
    for c in claims:
        s = c.subscriber
        m = gen.setdefault(s.member_id, {
            "id": s.member_id, "payer": c.payer.payer_id, "last_name": s.name.last,
            "first_name": s.name.first,
            "plan": _plan(**(plan or {})), "dependents": []})
        if s.date_of_birth is not None:
            m["birth_date"] = s.date_of_birth.isoformat()
        if c.patient is not None and all(d["first_name"] != c.patient.name.first for d in m["dependents"]):
            m["dependents"].append({"last_name": c.patient.name.last, "first_name": c.patient.name.first,
                                    "birth_date": c.patient.date_of_birth.isoformat()})
    data["members"] = list(gen.values()) + (members or [])
    data["authorizations"] = authorizations or []
    for payer in data["payers"]:
        payer["rules"] = {**payer["rules"], "adjudication_delay_days": 0, **(rules or {}).get(payer["id"],
                                                                                              {})}
    return payerbook_from_dict(data, source="test book")


def run(tmp: Path, book: PayerBook, *files: bytes, today: dt.date = RECEIVED, seed: int = 7,
        name: str = "in") -> CycleSummary:
    """One cycle with `files` (written to tmp/<name>) in the inbox; answers go to tmp/out."""
    inbox = tmp / name
    inbox.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, data in enumerate(files, start=1):
        path = inbox / f"{today:%Y%m%d}-{n:02d}.x12"
        path.write_bytes(data)
        paths.append(path)
    return run_cycle(paths, book, tmp / "state.json", tmp / "out", seed=seed, today=today)


def outputs(tmp: Path, summary: CycleSummary, suffix: str) -> list[Path]:
    return [tmp / "out" / name for name in summary.outputs if name.endswith(suffix)]
