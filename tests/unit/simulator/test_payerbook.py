"""The payer book: the documented example loads; mistakes stop with the file and the key.

Ring: simulator.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.simulator import PayerBookError, load_payerbook, payerbook_from_dict
from tests.unit.simulator.builders import example_dict

SRC = Path(__file__).resolve().parents[3] / "src"
EXAMPLE = SRC / "bhbilling" / "simulator" / "data" / "example_payerbook.toml"


def test_example_book_loads_with_its_documented_rules():
    book = load_payerbook(EXAMPLE)
    assert set(book.payers) == {"CHP123", "OMAP01", "MCRB01"} and book.seed == 20260301
    cascade = book.payer("CHP123")
    assert cascade.fees.rate("90837", ("95",)) == Decimal("200.40")
    assert book.payer("OMAP01").fees.rate("90837", ("HO",)) == Decimal("112.73")
    assert book.payer("MCRB01").fees.rate("90837", ()) == Decimal("167.00")  # CMS CY2026 PFS national
    assert cascade.rules.timely_filing_days == 180 and "96130" in cascade.rules.authorization_codes
    assert cascade.rules.diagnosis_rules[0].prefixes == ("F",)
    member = book.member("CHP123", "MEM000001")
    assert member.plan.covers(dt.date(2026, 3, 2)) and member.plan.coinsurance == Decimal("0.20")
    assert book.member("OMAP01", "MEM000001") is None  # another payer's member is not found
    assert book.authorizations_for("CHP123", "MEM000024")[0].units == 4
    assert book.mix.reversal == Decimal("0.03") and book.payee("1234567893").routing == "123000220"


def test_json_books_load_too(tmp_path: Path):
    path = tmp_path / "book.json"
    path.write_text(json.dumps(example_dict(), default=str))
    assert set(load_payerbook(path).payers) == {"CHP123", "OMAP01", "MCRB01"}


def _broken(change) -> str:
    data = copy.deepcopy(example_dict())
    change(data)
    with pytest.raises(PayerBookError) as err:
        payerbook_from_dict(data, source="book.toml")
    return str(err.value)


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["payers"][0]["fees"].__setitem__("90837", 200.4), "payers[0].fees.90837"),
    (lambda d: d["payers"][0]["fees"].__setitem__("90837", "2.005"), "payers[0].fees.90837"),
    (lambda d: d["payers"][0].__setitem__("tin", "12"), "payers[0].tin"),
    (lambda d: d["payers"][0]["rules"].__setitem__("visit_limit_groop", "PR"),
     "payers[0].rules.visit_limit_groop"),
    (lambda d: d["payers"][0]["rules"].__setitem__("credential_reason", "170"),
     "payers[0].rules.credential_reason"),
    (lambda d: d["members"][0]["plan"].__setitem__("coinsurance", "20"), "members[0].plan.coinsurance"),
    (lambda d: d["members"][0]["plan"].__setitem__("start", "March 1"), "members[0].plan.start"),
    (lambda d: d["members"][0].pop("payer"), "members[0].payer"),
    (lambda d: d["denial_mix"].__setitem__("reversal", "-0.1"), "denial_mix.reversal"),
    (lambda d: d["authorizations"][0].__setitem__("codes", "96130"), "authorizations[0].codes"),
])
def test_mistakes_name_the_file_and_key(change, where):
    message = _broken(change)
    assert message.startswith(f"book.toml: {where}: expected")


def test_cross_references_are_checked():
    assert "'NOPE'" in _broken(lambda d: d["members"][0].__setitem__("payer", "NOPE"))
    assert "twice" in _broken(lambda d: d["members"].append(copy.deepcopy(d["members"][0])))


def test_unreadable_files(tmp_path: Path):
    with pytest.raises(PayerBookError, match="cannot read"):
        load_payerbook(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("seed = [")
    with pytest.raises(PayerBookError, match=r"bad\.toml: not valid TOML"):
        load_payerbook(bad)
