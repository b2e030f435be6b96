"""Varied behavioral-health 837P claims as typed objects, shared by the pyx12 test and the benchmark.

Each sample is (kind, Claim). Identifiers are synthetic; NPIs carry valid Luhn check digits.
Secondary claims balance: line charge = 2430 paid + adjustments, and 2320 AMT*D = sum of SVD02.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from bhbilling.kernel.ids import npi_check_digit
from bhbilling.x12.claim837p import (
    Address,
    Adjustment,
    BillingGroup,
    BillingProvider,
    Claim,
    Contact,
    Facility,
    LineAdjudication,
    OtherPayer,
    Patient,
    Payer,
    PersonName,
    Provider,
    Receiver,
    ServiceLine,
    Submitter,
    Subscriber,
    Transaction837P,
    write_837p,
)


def _npi(body: str) -> str:
    return body + str(npi_check_digit(body))


DOS = dt.date(2026, 3, 2)
ADJ_DATE = dt.date(2026, 3, 20)
SUBMITTER = Submitter("Northwind Billing", "NWB0001", Contact("Billing Desk", phone="5035550100",
                                                               email="edi@example.org"))
RECEIVER = Receiver("Example Clearinghouse", "EXCH01")
CLINIC = BillingProvider(npi=_npi("123456789"), ein="931234567", taxonomy="101YM0800X",
                         address=Address("100 Main St", "Portland", "OR", "972011234", "Suite 200"),
                         organization_name="Calm Waters Counseling")
SOLO = BillingProvider(npi=_npi("198765432"), ein="937654321", taxonomy="1041C0700X",
                       address=Address("55 Oak Ave", "Salem", "OR", "973015555"),
                       person=PersonName("Rivera", "Ana", "M"),
                       pay_to_address=Address("PO Box 77", "Salem", "OR", "973080077"))
MEDICAID = Payer("Oregon Medicaid", "OMAP01")
COMMERCIAL = Payer("Cascade Health Plan", "CHP123", Address("1 Plan Way", "Seattle", "WA", "98101"))
MEDICARE = Payer("Medicare Part B", "MCRB01")
ASSOCIATE = Provider(_npi("155555555"), PersonName("Nguyen", "Lee"), "101YP2500X")
SUPERVISOR = Provider(_npi("166666666"), PersonName("Okafor", "Grace", "", "PHD"), "103T00000X")
PSYCHIATRIST = Provider(_npi("177777777"), PersonName("Stein", "Paul"), "2084P0800X")
CLINIC_SITE = Facility("Calm Waters East Clinic", Address("9 River Rd", "Gresham", "OR", "970301234"),
                       _npi("188888888"))
HOME = Address("12 Elm St", "Portland", "OR", "97202")


def _sub(i: int, filing: str = "CI", resp: str = "P", dependent: bool = False) -> Subscriber:
    return Subscriber(resp, f"MEM{i:06d}", filing, PersonName(f"Member{i}", "Pat"),
                      None if dependent else HOME, None if dependent else dt.date(1980, 1, 1 + i % 28),
                      "F" if i % 2 else "M", f"GRP{i % 7:03d}" if filing == "CI" else "")


def _line(n: int, code: str, charge: str, *, mods: tuple[str, ...] = (), units: str = "1",
          ptr: tuple[int, ...] = (1,), pos: str = "", adj: tuple[LineAdjudication, ...] = ()) -> ServiceLine:
    return ServiceLine(code, D(charge), D(units), DOS, ptr, f"L{n}", mods, pos, adj)


def _claim(i: int, lines: list[tuple], *, dx: tuple[str, ...] = ("F33.1",), pos: str = "11",
           sub: Subscriber | None = None, payer: Payer = COMMERCIAL, **kw) -> Claim:
    built = tuple(_line(i * 100 + k, *args[:2], **(args[2] if len(args) > 2 else {}))
                  for k, args in enumerate(lines, start=1))
    return Claim(f"CLM{i:05d}", sub or _sub(i), payer, pos, dx, built, **kw)


def _secondary(i: int, code: str, charge: str, paid: str, pr: str, *, mods: tuple[str, ...] = (),
               line_level: bool = True, resp: str = "S") -> Claim:
    """A claim whose primary (Medicare) paid `paid`; CO-45 contractual and PR-2 coinsurance."""
    co = D(charge) - D(paid) - D(pr)
    adjs = (Adjustment("CO", "45", co), Adjustment("PR", "2", D(pr)))
    svd = (LineAdjudication("MCRB01", D(paid), code, D(1), ADJ_DATE, mods, adjs),) if line_level else ()
    earlier = [OtherPayer("P", "18", "MB", PersonName(f"Member{i}", "Pat"), f"MCR{i:05d}", MEDICARE,
                          D(paid), () if line_level else adjs, adjudication_date=ADJ_DATE)]
    if resp == "T":
        earlier.append(OtherPayer("S", "18", "CI", PersonName(f"Member{i}", "Pat"), f"SEC{i:05d}",
                                  COMMERCIAL, D(0), (Adjustment("OA", "23", D(paid)),),
                                  adjudication_date=ADJ_DATE))
    payer = MEDICAID if resp == "T" else COMMERCIAL
    return _claim(i, [(code, charge, {"mods": mods, "adj": svd})],
                  sub=_sub(i, "MC" if resp == "T" else "CI", resp), payer=payer, other_payers=tuple(earlier))


def _child(i: int) -> Patient:
    return Patient("19", PersonName(f"Child{i}", "Sam"), HOME, dt.date(2014, 5, 1 + i % 28), "M")


def sample_claims() -> list[tuple[str, Claim]]:
    """At least 30 claims covering the behavioral-health kinds the issue lists."""
    mc = dict(sub=None, payer=MEDICAID)
    out: list[tuple[str, Claim]] = [
        ("psychotherapy 90837", _claim(1, [("90837", "180.00")])),
        ("telehealth POS 10 + 95", _claim(2, [("90837", "180.00", {"mods": ("95",)})], pos="10")),
        ("telehealth POS 02 + 95", _claim(3, [("90834", "140.00", {"mods": ("95",)})], pos="02")),
        ("audio-only POS 10 + 93", _claim(4, [("90832", "90.50", {"mods": ("93",)})], pos="10")),
        ("group 90853", _claim(5, [("90853", "60.00")], dx=("F41.1",))),
        ("crisis 90839 + 90840", _claim(6, [("90839", "250.00"), ("90840", "120.00")], pos="12",
                                        dx=("F43.0", "R45.851"))),
        ("crisis with two 90840 units", _claim(7, [("90839", "250.00"), ("90840", "240.00", {"units": "2"})],
                                               pos="23", dx=("F43.0",))),
        ("E/M 99214 + 90836", _claim(8, [("99214", "165.00", {"ptr": (1, 2)}),
                                         ("90836", "130.25", {"ptr": (1,)})],
                                     dx=("F33.1", "F41.1"), rendering_provider=PSYCHIATRIST)),
        ("E/M 99213 + 90833 telehealth", _claim(9, [("99213", "110.00", {"mods": ("95",)}),
                                                   ("90833", "85.00", {"mods": ("95",)})], pos="10",
                                               dx=("F31.81",), rendering_provider=PSYCHIATRIST)),
        ("SUD H0004 HF Medicaid", _claim(10, [("H0004", "88.00", {"mods": ("HF",), "units": "4"})],
                                         dx=("F10.20",), sub=_sub(10, "MC"), payer=MEDICAID)),
        ("SUD H0004 HF HO Medicaid", _claim(11, [("H0004", "88.00", {"mods": ("HF", "HO"), "units": "3"})],
                                            dx=("F11.20", "F10.20"), sub=_sub(11, "MC"), payer=MEDICAID)),
        ("SUD assessment H0001 HF", _claim(12, [("H0001", "150.00", {"mods": ("HF",)})], dx=("F12.20",),
                                          sub=_sub(12, "MC"), payer=MEDICAID)),
        ("Medicaid credential modifier HO", _claim(13, [("90837", "150.00", {"mods": ("HO",)})], **{
            **mc, "sub": _sub(13, "MC")})),
        ("dependent child PAT 19", _claim(14, [("90847", "160.00")], dx=("F90.2",),
                                         sub=_sub(14, dependent=True), patient=_child(14))),
        ("dependent child telehealth", _claim(15, [("90834", "140.00", {"mods": ("95",)})], pos="10",
                                              dx=("F84.0", "F41.1"), sub=_sub(15, dependent=True),
                                              patient=_child(15))),
        ("associate with supervisor", _claim(16, [("90837", "150.00", {"mods": ("HO",)})], dx=("F32.1",),
                                            sub=_sub(16, "MC"), payer=MEDICAID, rendering_provider=ASSOCIATE,
                                            supervising_provider=SUPERVISOR)),
        ("associate supervisor commercial", _claim(17, [("90834", "120.00")], rendering_provider=ASSOCIATE,
                                                  supervising_provider=SUPERVISOR)),
        ("secondary with line COB", _secondary(18, "90837", "180.00", "98.40", "24.60")),
        ("secondary with modifier COB", _secondary(19, "90834", "140.00", "75.00", "18.75", mods=("95",))),
        ("secondary claim-level COB", _secondary(20, "90832", "90.00", "50.00", "12.50", line_level=False)),
        ("tertiary Medicaid", _secondary(21, "90837", "180.00", "98.40", "24.60", resp="T")),
        ("corrected frequency 7", _claim(22, [("90837", "180.00")], frequency_code="7",
                                         original_claim_number="PAYERICN2200001")),
        ("void frequency 8", _claim(23, [("90834", "140.00")], frequency_code="8",
                                    original_claim_number="PAYERICN2300001")),
        ("prior authorization G1", _claim(24, [("96130", "300.00"), ("96131", "150.00", {"units": "2"})],
                                          dx=("F90.0",), prior_authorization="AUTH24-778")),
        ("corrected with prior auth", _claim(25, [("90837", "180.00")], frequency_code="7",
                                             original_claim_number="ICN25", prior_authorization="PA25")),
        ("twelve diagnoses with pointers", _claim(26, [
            ("90791", "250.00", {"ptr": (1, 2, 3, 4)}), ("96127", "10.00", {"ptr": (5, 6), "units": "2"}),
            ("90785", "20.00", {"ptr": (12,)})],
            dx=("F33.1", "F41.1", "F43.10", "F90.0", "F42.2", "F50.01", "F60.3", "F31.81", "F10.20",
                "F12.20", "Z63.0", "Z91.89"))),
        ("intake 90792 psychiatrist", _claim(27, [("90792", "275.00")], dx=("F20.9",),
                                             rendering_provider=PSYCHIATRIST)),
        ("service facility 2310C", _claim(28, [("90837", "180.00")], service_facility=CLINIC_SITE)),
        ("family without patient 90846", _claim(29, [("90846", "150.00")], dx=("F32.1",))),
        ("four modifiers, line POS override", _claim(30, [
            ("90837", "180.00", {"mods": ("95", "HO", "GT", "59"), "pos": "02"})], pos="11")),
        ("testing units 96136/96137", _claim(31, [("96136", "120.00"), ("96137", "300.00", {"units": "3"})],
                                             dx=("F90.2",), service_facility=CLINIC_SITE)),
        ("Medicaid MCO telehealth HN", _claim(32, [("H0004", "66.00", {"mods": ("HF", "HN", "95"),
                                                                         "units": "2"})],
                                              pos="10", dx=("F10.20",), sub=_sub(32, "HM"), payer=MEDICAID)),
        ("screening 96127 two units", _claim(33, [("96127", "20.00", {"units": "2"})], dx=("Z13.31",))),
        ("same subscriber second claim", _claim(34, [("90834", "140.00")], sub=_sub(1))),
        ("same child second claim", _claim(35, [("90832", "90.00")], sub=_sub(14, dependent=True),
                                           patient=_child(14))),
    ]
    return out


def sample_transactions(claims: list[Claim]) -> list[Transaction837P]:
    """Split claims over two transactions: the clinic (with the last two claims, which share a
    subscriber or a dependent patient with earlier ones) and a solo practitioner with pay-to."""
    half = (len(claims) * 2) // 3
    return [
        Transaction837P(1, SUBMITTER, RECEIVER, (BillingGroup(CLINIC, (*claims[:half], *claims[-2:])),)),
        Transaction837P(2, SUBMITTER, RECEIVER, (BillingGroup(SOLO, tuple(claims[half:-2])),
                                                 BillingGroup(CLINIC, (claims[0],))), "BATCH2"),
    ]


CREATED = dt.datetime(2026, 3, 25, 9, 30)


def write_samples(transactions: list[Transaction837P], **kw) -> str:
    """Write transactions with the fixed envelope the X12 tests share (test indicator T)."""
    args = dict(sender_id="NWB0001", receiver_id="EXCH01", interchange_control_number=101,
                group_control_number=201, created=CREATED, test=True)
    return write_837p(transactions, **{**args, **kw})
