"""CARC, RARC, CAS group and CLP02 code lists: lookups, dates, unknown codes.

Ring: reference (pure). Row counts pin the shipped files (see data/SOURCES.md).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.reference import adjustments
from bhbilling.reference._files import read_csv_rows
from bhbilling.reference.adjustments import carc, claim_status, group, rarc


def test_files_have_the_documented_rows() -> None:
    assert len(read_csv_rows(adjustments.CARC_FILE)) == 405
    assert len(read_csv_rows(adjustments.RARC_FILE)) == 1171
    assert len(read_csv_rows(adjustments.GROUP_FILE)) == 5
    assert len(read_csv_rows(adjustments.CLAIM_STATUS_FILE)) == 17


def test_carc_with_dates() -> None:
    code = carc("45")
    assert code is not None and code.description.startswith("Charge exceeds fee schedule")
    assert code.start_date == dt.date(1995, 1, 1) and code.last_modified == dt.date(2017, 7, 1)
    assert code.stop_date is None and code.is_active(dt.date(2026, 6, 1))
    assert carc(" 2 ").description == "Coinsurance Amount"  # type: ignore[union-attr]
    assert carc("a2") == carc("A2") is not None


def test_a_retired_carc_is_still_known_but_not_active() -> None:
    retired = [c for c in (carc(str(n)) for n in range(1, 300)) if c and c.stop_date]
    assert retired, "the list keeps deactivated codes"
    code = retired[0]
    assert not code.is_active(code.stop_date)  # type: ignore[arg-type]
    assert code.is_active(code.stop_date - dt.timedelta(days=1))  # type: ignore[operator]
    assert not code.is_active(dt.date(1990, 1, 1))


def test_rarc_group_and_status() -> None:
    assert rarc("n130") is not None and rarc("MA02").description.startswith("Alert:")  # type: ignore[union-attr]
    assert group("CO") == "Contractual Obligations" and group("pr") == "Patient Responsibility"
    reversal = claim_status("22")
    assert reversal is not None and reversal.description == "Reversal of Previous Payment"
    assert reversal.valid_in_005010x221a1
    pended = claim_status("5")
    assert pended is not None and not pended.valid_in_005010x221a1


@pytest.mark.parametrize("code", ["", "ZZZ9", "N99999", "45 X", None, 45])
def test_unknown_codes_return_none(code) -> None:
    assert carc(code) is None and rarc(code) is None
    assert group(code) is None and claim_status(code) is None
