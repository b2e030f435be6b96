"""Domain ring: double-entry postings, entries, reversal and trial balance (examples)."""

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bhbilling.domain.ledger import (
    ACCOUNTS_BY_CODE,
    CASH_CLEARING,
    CONTRACTUAL_ADJUSTMENTS,
    GROSS_CHARGES,
    INSURANCE_AR,
    PATIENT_AR,
    STANDARD_ACCOUNTS,
    AccountKind,
    JournalEntry,
    Posting,
    Side,
    balances,
    credit,
    debit,
    make_entry,
    reverse,
)
from bhbilling.kernel.errors import InvalidMoney, UnbalancedEntry

D = Decimal
DOS = date(2026, 3, 2)


def charge_entry(key: str = "charge:1") -> JournalEntry:
    """A 90837 billed at $200.00 to insurance."""
    return make_entry(
        key, DOS, "90837 billed",
        [debit(INSURANCE_AR, D("200.00"), "line-1"), credit(GROSS_CHARGES, D("200.00"), "line-1")],
    )


def payment_entry() -> JournalEntry:
    """835: paid 120.00, CO-45 50.00, PR-2 coinsurance 30.00."""
    return make_entry(
        "835:T1:C1:1", date(2026, 4, 1), "ERA posting",
        [
            debit(CASH_CLEARING, D("120.00")),
            debit(CONTRACTUAL_ADJUSTMENTS, D("50.00")),
            debit(PATIENT_AR, D("30.00")),
            credit(INSURANCE_AR, D("200.00")),
        ],
    )


def test_account_kinds_have_normal_sides():
    assert AccountKind.ASSET.normal_balance is Side.DEBIT
    assert AccountKind.EXPENSE.normal_balance is Side.DEBIT
    assert AccountKind.CONTRA_INCOME.normal_balance is Side.DEBIT
    assert AccountKind.LIABILITY.normal_balance is Side.CREDIT
    assert AccountKind.INCOME.normal_balance is Side.CREDIT
    assert AccountKind.EQUITY.normal_balance is Side.CREDIT
    assert {kind.value for kind in AccountKind} == {
        "asset", "liability", "income", "contra_income", "expense", "equity"
    }


def test_standard_chart():
    codes = [account.code for account in STANDARD_ACCOUNTS]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert set(codes) == {
        "1000", "1100", "1200", "2100", "2200", "4000", "4100", "4200", "4300", "4400"
    }
    assert ACCOUNTS_BY_CODE["1100"].name == "Insurance A/R"
    assert ACCOUNTS_BY_CODE["4100"].kind is AccountKind.CONTRA_INCOME
    assert ACCOUNTS_BY_CODE["2100"].kind is AccountKind.LIABILITY
    assert ACCOUNTS_BY_CODE["4400"].kind is AccountKind.INCOME
    assert all(account.name and account.description for account in STANDARD_ACCOUNTS)


def test_posting_normalises_and_guards_sides():
    posting = Posting("1100", D("5"), D("0"))
    assert str(posting.debit) == "5.00"
    assert posting.net == D("5.00")
    assert posting.swapped() == Posting("1100", D("0"), D("5"))
    with pytest.raises(ValueError, match="exactly one positive side"):
        Posting("1100", D("1.00"), D("1.00"))
    with pytest.raises(ValueError, match="exactly one positive side"):
        Posting("1100", D("0.00"), D("0.00"))
    with pytest.raises(ValueError, match="must not be negative"):
        Posting("1100", D("-1.00"), D("0.00"))
    with pytest.raises(ValueError, match="account code"):
        Posting(" ", D("1.00"), D("0.00"))


@pytest.mark.parametrize("bad", [1.5, 1, "1.00", None])
def test_posting_amounts_are_decimal_only(bad):
    with pytest.raises(TypeError, match="must be a Decimal"):
        Posting("1100", bad, D("0.00"))


@pytest.mark.parametrize("bad", [D("0.001"), D("NaN"), D("Infinity")])
def test_posting_amounts_are_whole_finite_cents(bad):
    with pytest.raises(InvalidMoney):
        Posting("1100", bad, D("0.00"))


def test_posting_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        debit("1100", D("1.00")).debit = D("2.00")


def test_make_entry_builds_balanced_entries():
    entry = payment_entry()
    assert entry.is_balanced
    assert entry.total_debits == entry.total_credits == D("200.00")
    assert entry.check() == []
    assert entry.check(ACCOUNTS_BY_CODE) == []
    assert isinstance(entry.postings, tuple)


def test_make_entry_reports_exact_difference():
    with pytest.raises(UnbalancedEntry, match=r"difference 0\.01") as info:
        make_entry("e1", DOS, "typo", [debit("1100", D("100.01")), credit("4000", D("100.00"))])
    assert info.value.difference == D("0.01")


def test_make_entry_needs_two_postings():
    with pytest.raises(UnbalancedEntry, match="at least 2 postings"):
        make_entry("e1", DOS, "lonely", [debit("1100", D("1.00"))])
    with pytest.raises(UnbalancedEntry, match="at least 2 postings"):
        make_entry("e1", DOS, "empty", [])


def test_make_entry_refuses_other_findings():
    legs = [debit("1100", D("1.00")), credit("4000", D("1.00"))]
    with pytest.raises(ValueError, match="has no entry key"):
        make_entry("", DOS, "no key", legs)
    with pytest.raises(ValueError, match="reverses itself"):
        make_entry("e1", DOS, "loop", legs, reverses="e1")
    with pytest.raises(ValueError, match="effective date"):
        make_entry("e1", datetime(2026, 1, 1, tzinfo=UTC), "datetime", legs)


def test_check_returns_located_findings_for_stored_entries():
    entry = JournalEntry("e9", DOS, "bad", (debit("1100", D("5.00")),))
    codes = [finding.code for finding in entry.check()]
    assert codes == ["LEDGER-TOO-FEW-POSTINGS", "LEDGER-UNBALANCED"]
    assert "difference 5.00" in str(entry.check()[1])
    unknown = JournalEntry("e10", DOS, "", (debit("9999", D("1.00")), credit("4000", D("1.00"))))
    assert [f.code for f in unknown.check(ACCOUNTS_BY_CODE)] == ["LEDGER-UNKNOWN-ACCOUNT"]
    assert "'9999'" in str(unknown.check(ACCOUNTS_BY_CODE)[0])


def test_reverse_swaps_sides_and_links_original():
    original = payment_entry()
    correction = reverse(original, "835:T1:C1:1:rev", date(2026, 4, 5))
    assert correction.reverses == original.entry_key
    assert correction.effective_date == date(2026, 4, 5)
    assert correction.memo.startswith("Reversal of 835:T1:C1:1")
    assert [p.net for p in correction.postings] == [-p.net for p in original.postings]
    assert all(v == 0 for v in balances([original, correction]).values())
    assert reverse(original, "k", DOS, memo="Payer recouped").memo == "Payer recouped"


def test_reverse_keeps_claim_line_refs():
    correction = reverse(charge_entry(), "charge:1:rev", DOS)
    assert [p.claim_line_ref for p in correction.postings] == ["line-1", "line-1"]


def test_trial_balance_follows_the_claim():
    entries = [charge_entry(), payment_entry()]
    totals = balances(entries)
    assert totals == {
        INSURANCE_AR: D("0.00"),
        GROSS_CHARGES: D("-200.00"),
        CASH_CLEARING: D("120.00"),
        CONTRACTUAL_ADJUSTMENTS: D("50.00"),
        PATIENT_AR: D("30.00"),
    }
    assert sum(totals.values()) == 0
    assert balances([]) == {}
