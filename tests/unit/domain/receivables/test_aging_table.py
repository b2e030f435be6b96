"""The aging table: where each claim's insurance and patient balance lands, counts, totals,
and that a cell's drill-down adds up to the cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.domain.receivables.aging_table import (
    NOT_SUBMITTED,
    PATIENT_ROW,
    Basis,
    GroupBy,
    OpenClaim,
    aging_table,
    cell_claims,
    column_keys,
    parse_row,
    row_token,
)

AS_OF = dt.date(2026, 6, 30)
ACME, SECOND = 11, 12
DR_A, DR_B = 21, 22


def claim(pk, *, dos_age, sent_age=None, payer=ACME, provider=DR_A, practice=1, ins="0", pat="0"):
    sent = AS_OF - dt.timedelta(days=sent_age) if sent_age is not None else None
    return OpenClaim(pk, f"P1-S{pk}", practice, payer, provider, "accepted",
                     AS_OF - dt.timedelta(days=dos_age), sent, D(ins), D(pat))


CLAIMS = [
    claim(1, dos_age=30, sent_age=25, ins="100.00", pat="20.00"),
    claim(2, dos_age=31, sent_age=30, ins="50.00"),
    claim(3, dos_age=121, sent_age=90, payer=SECOND, provider=DR_B, ins="75.50", pat="-5.00"),
    claim(4, dos_age=61, sent_age=None, payer=SECOND, practice=2, ins="10.00"),  # never sent
    claim(5, dos_age=91, sent_age=91, payer=None, provider=DR_B, pat="40.00"),  # self-pay
]


def _cells(table):
    return {row.key: {c: (cell.insurance, cell.patient, cell.claims) for c, cell in row.cells.items()
                      if cell.claim_ids} for row in table.rows}


def test_by_payer_on_dos_insurance_to_payers_and_patient_to_one_row():
    table = aging_table(CLAIMS, basis=Basis.DOS, group=GroupBy.PAYER, as_of=AS_OF)
    assert table.columns == ("0_30", "31_60", "61_90", "91_120", "120_plus")
    assert _cells(table) == {
        ACME: {"0_30": (D("100.00"), D("0"), 1), "31_60": (D("50.00"), D("0"), 1)},
        PATIENT_ROW: {"0_30": (D("0"), D("20.00"), 1), "120_plus": (D("0"), D("-5.00"), 1),
                      "91_120": (D("0"), D("40.00"), 1)},
        SECOND: {"120_plus": (D("75.50"), D("0"), 1), "61_90": (D("10.00"), D("0"), 1)},
    }
    total = table.totals.total
    assert (total.insurance, total.patient, total.amount, total.claims) == (
        D("235.50"), D("55.00"), D("290.50"), 5)  # claim 1 counted once though in two rows
    assert sum((r.total.amount for r in table.rows), D(0)) == total.amount


def test_by_submission_has_a_not_submitted_column_and_edges_move():
    table = aging_table(CLAIMS, basis=Basis.SUBMISSION, group=GroupBy.PAYER, as_of=AS_OF)
    assert table.columns == column_keys(Basis.SUBMISSION)
    cells = _cells(table)
    assert cells[ACME] == {"0_30": (D("150.00"), D("0"), 2)}  # sent 25 and 30 days ago
    assert cells[SECOND] == {"61_90": (D("75.50"), D("0"), 1), NOT_SUBMITTED: (D("10.00"), D("0"), 1)}
    assert cells[PATIENT_ROW]["91_120"] == (D("0"), D("40.00"), 1)


def test_by_provider_and_by_practice_keep_the_split_on_one_row():
    by_provider = _cells(aging_table(CLAIMS, basis=Basis.DOS, group=GroupBy.PROVIDER, as_of=AS_OF))
    assert by_provider[DR_A] == {"0_30": (D("100.00"), D("20.00"), 1), "31_60": (D("50.00"), D("0"), 1),
                                 "61_90": (D("10.00"), D("0"), 1)}
    assert by_provider[DR_B] == {"120_plus": (D("75.50"), D("-5.00"), 1),
                                 "91_120": (D("0"), D("40.00"), 1)}
    by_practice = aging_table(CLAIMS, basis=Basis.DOS, group=GroupBy.PRACTICE, as_of=AS_OF)
    assert {r.key: (r.total.amount, r.total.claims) for r in by_practice.rows} == {
        1: (D("280.50"), 4), 2: (D("10.00"), 1)}


def test_every_cell_drills_down_to_claims_that_add_up_to_it():
    for basis in Basis:
        for group in GroupBy:
            table = aging_table(CLAIMS, basis=basis, group=group, as_of=AS_OF)
            for row in table.rows:
                for col, cell in row.cells.items():
                    found = cell_claims(CLAIMS, basis=basis, group=group, as_of=AS_OF,
                                        row_key=row.key, column=col)
                    assert sum((c.amount for c in found), D(0)) == cell.amount
                    assert {c.claim.claim_id for c in found} == cell.claim_ids
                whole = cell_claims(CLAIMS, basis=basis, group=group, as_of=AS_OF, row_key=row.key,
                                    column=None)
                assert sum((c.amount for c in whole), D(0)) == row.total.amount


def test_drill_down_lists_oldest_first():
    found = cell_claims(CLAIMS, basis=Basis.DOS, group=GroupBy.PAYER, as_of=AS_OF, row_key=PATIENT_ROW,
                        column=None)
    assert [c.claim.claim_id for c in found] == [3, 5, 1]


def test_row_tokens_round_trip_and_bad_ones_are_named():
    for key in (ACME, PATIENT_ROW, None):
        assert parse_row(row_token(key)) == key
    with pytest.raises(ValueError, match="row: expected an id, 'patient' or 'none', got 'x1'"):
        parse_row("x1")
