"""NCCI tables: editions by date, edits in force by date, MUE values, clear data errors (domain ring)."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.domain.scrubbing import ncci_tables as ncci
from tests.unit.domain.scrubbing.build import claim, ids, line

D = dt.date
PTP_HEADER = "column_1,column_2,effective_date,deletion_date,modifier_indicator,ptp_edit_rationale\n"
MUE_HEADER = "hcpcs_code,mue_value,mai,mai_description,mue_rationale\n"


@pytest.fixture
def own_editions():
    yield
    ncci.use_editions(None)


def test_shipped_edition_and_its_tables():
    edition = ncci.edition_on(D(2026, 6, 15))
    assert edition.name == "2024Q3" and edition.effective_from == D(2024, 7, 1)
    assert edition.mue["90791"].value == 1 and edition.mue["90839"].mai == 2
    assert ncci.edition_on(D(2020, 1, 1)) is edition  # earlier dates use the oldest edition


def test_pair_is_found_in_either_order_with_its_columns():
    edition = ncci.edition_on(D(2026, 6, 15))
    edit = edition.pair("90834", "90853", D(2026, 6, 15))
    assert (edit.column_1, edit.column_2, edit.indicator) == ("90853", "90834", "1")
    assert edition.pair("90834", "90853", D(2026, 6, 15)) == edition.pair("90853", "90834", D(2026, 6, 15))
    assert edition.pair("90834", "90785", D(2026, 6, 15)) is None


def test_deleted_edits_apply_only_before_their_deletion_date():
    edition = ncci.edition_on(D(2026, 6, 15))
    old = edition.pair("90834", "90853", D(2014, 6, 1))
    assert (old.column_1, old.column_2) == ("90834", "90853")  # deleted 2014-09-30, in force before


def test_replacement_rows_start_where_the_earlier_row_was_deleted():
    edition = ncci.edition_on(D(2026, 6, 15))
    assert edition.pair("90785", "96164", D(2019, 12, 31)) is None  # indicator 9 until 2020-01-01
    edit = edition.pair("90785", "96164", D(2020, 1, 1))
    assert edit.indicator == "0" and edit.effective == D(2020, 1, 1)


def test_app_editions_replace_the_shipped_ones_by_date(own_editions):
    spring = ncci.load_edition("T1", D(2026, 1, 1), PTP_HEADER + "90834,90785,,*,0,Test pair\n",
                               MUE_HEADER + "90785,1,1,Line,Test\n")
    ncci.use_editions((spring,))
    snapshot = claim(lines=(line("90834"), line("90785", units=2)))
    assert {"NCCI-PTP-001", "NCCI-MUE-001"} <= ids(snapshot)
    ncci.use_editions(None)
    assert not {"NCCI-PTP-001", "NCCI-MUE-001"} & ids(snapshot)


def test_editions_from_a_directory(tmp_path):
    (tmp_path / "editions.toml").write_text(
        '[[edition]]\nname = "2026Q3"\neffective_from = 2026-07-01\nptp = "p.csv"\nmue = "m.csv"\n')
    (tmp_path / "p.csv").write_text(PTP_HEADER + "90791,90834,20260701,*,0,Test\n")
    (tmp_path / "m.csv").write_text(MUE_HEADER)
    (edition,) = ncci.editions_from_directory(tmp_path)
    assert edition.pair("90791", "90834", D(2026, 6, 30)) is None
    assert edition.pair("90791", "90834", D(2026, 7, 1)).indicator == "0"


@pytest.mark.parametrize(("ptp", "mue", "message"), [
    (PTP_HEADER + "90791,90834,,*,7,x\n", MUE_HEADER,
     "p.csv row 2, column modifier_indicator: expected 0, 1 or 9"),
    (PTP_HEADER + "90791,90834,,2026-13-01,0,x\n", MUE_HEADER, "p.csv row 2: expected a date"),
    ("column_1,column_2\n", MUE_HEADER, "p.csv: missing column(s) deletion_date"),
    (PTP_HEADER, MUE_HEADER + "90791,one,3,x,y\n", "m.csv row 2: expected whole numbers"),
    (PTP_HEADER, MUE_HEADER + "90791,1,4,x,y\n", "m.csv row 2, column mai: expected 1, 2 or 3"),
])
def test_malformed_data_names_file_row_and_column(ptp, mue, message):
    with pytest.raises(ncci.NcciDataError) as err:
        ncci.load_edition("X", D(2026, 1, 1), ptp, mue, "p.csv", "m.csv")
    assert message in str(err.value)
