"""ISA/GS/ST envelopes and their trailers' counts (005010 control segments)."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.x12 import envelope
from bhbilling.x12.syntax import Delimiters
from bhbilling.x12.values import X12WriteError

CREATED = dt.datetime(2026, 3, 25, 9, 30)


def _isa(**kw) -> str:
    args = dict(sender_id="NWB0001", receiver_id="EXCH01", control_number=42, created=CREATED, test=True)
    return envelope.isa(**{**args, **kw})


def test_isa_is_fixed_width_106_with_terminator():
    text = _isa() + "~"
    assert len(text) == 106
    assert text[3] == "*" and text[104] == ":" and text[105] == "~"
    fields = text[:-1].split("*")
    assert fields[6] == "NWB0001".ljust(15) and fields[8] == "EXCH01".ljust(15)
    assert fields[9:16] == ["260325", "0930", "^", "00501", "000000042", "0", "T"]


def test_isa_production_flag_and_custom_delimiters():
    delims = Delimiters(element="|", component=">", repetition="!", segment="\n")
    text = _isa(test=False, delimiters=delims)
    assert len(text) == 105
    fields = text.split("|")
    assert fields[11] == "!" and fields[15] == "P" and fields[16] == ">"


@pytest.mark.parametrize("kw", [{"sender_id": "X" * 16}, {"control_number": 0},
                                {"control_number": 1_000_000_000}, {"receiver_id": "A*B"}])
def test_isa_refuses_bad_fields(kw):
    with pytest.raises(X12WriteError):
        _isa(**kw)


def test_gs_and_ge():
    assert envelope.gs(functional_id="HC", sender_code="NWB0001", receiver_code="EXCH01", created=CREATED,
                       control_number=7, version="005010X222A1") == (
        "GS*HC*NWB0001*EXCH01*20260325*0930*7*X*005010X222A1")
    assert envelope.ge(3, 7) == "GE*3*7"


def test_st_se_and_iea_control_numbers():
    assert envelope.st("837", 1, "005010X222A1") == "ST*837*0001*005010X222A1"
    assert envelope.se(25, 1) == "SE*25*0001"
    assert envelope.se(25, 123456) == "SE*25*123456"
    assert envelope.iea(1, 42) == "IEA*1*000000042"


def test_control_numbers_must_be_passed_in_range():
    with pytest.raises(X12WriteError):
        envelope.st("837", 0, "005010X222A1")
    with pytest.raises(X12WriteError):
        envelope.ge(1, True)  # type: ignore[arg-type]
