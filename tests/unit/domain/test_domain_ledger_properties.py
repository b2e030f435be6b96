"""Domain ring: ledger invariants as Hypothesis properties."""

from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bhbilling.domain.ledger import (
    STANDARD_ACCOUNTS,
    JournalEntry,
    Posting,
    balances,
    credit,
    debit,
    make_entry,
    reverse,
)
from bhbilling.kernel.errors import UnbalancedEntry
from bhbilling.kernel.money import ZERO, from_cents

CODES = [account.code for account in STANDARD_ACCOUNTS]
account_codes = st.sampled_from(CODES)


@st.composite
def split_cents(draw, total: int) -> list[int]:
    """`total` cents cut into 1..5 positive parts."""
    pieces = draw(st.integers(min_value=1, max_value=min(5, total)))
    cuts: list[int] = []
    if pieces > 1:
        chosen = st.sets(st.integers(1, total - 1), min_size=pieces - 1, max_size=pieces - 1)
        cuts = sorted(draw(chosen))
    edges = [0, *cuts, total]
    return [b - a for a, b in pairwise(edges)]


@st.composite
def balanced_entries(draw, key: str = "e") -> JournalEntry:
    debits = draw(st.lists(st.integers(1, 10**9), min_size=1, max_size=5))
    credits = draw(split_cents(sum(debits)))
    postings = [debit(draw(account_codes), from_cents(c)) for c in debits]
    postings += [credit(draw(account_codes), from_cents(c)) for c in credits]
    order = draw(st.permutations(range(len(postings))))
    when = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
    return make_entry(key, when, "generated", [postings[i] for i in order])


@given(balanced_entries())
def test_every_built_entry_balances(entry):
    assert entry.is_balanced
    assert entry.total_debits == entry.total_credits
    assert entry.check() == []
    assert sum(balances([entry]).values(), ZERO) == 0


@given(balanced_entries(), st.data())
def test_perturbing_one_posting_raises_unbalanced(entry, data):
    index = data.draw(st.integers(0, len(entry.postings) - 1))
    target = entry.postings[index]
    amount = target.debit or target.credit
    delta_cents = data.draw(
        st.integers(min_value=-(int(amount * 100) - 1), max_value=10**6).filter(bool)
    )
    changed = amount + from_cents(delta_cents)
    if target.debit:
        replacement = Posting(target.account_code, changed, ZERO)
        expected_difference = from_cents(delta_cents)
    else:
        replacement = Posting(target.account_code, ZERO, changed)
        expected_difference = -from_cents(delta_cents)
    postings = list(entry.postings)
    postings[index] = replacement
    with pytest.raises(UnbalancedEntry) as info:
        make_entry(entry.entry_key, entry.effective_date, entry.memo, postings)
    assert info.value.difference == expected_difference


@given(balanced_entries(), st.dates())
def test_reverse_of_reverse_nets_to_zero(entry, on):
    once = reverse(entry, "e:rev", on)
    twice = reverse(once, "e:rev:rev", on)
    assert all(v == 0 for v in balances([entry, once]).values())
    assert all(v == 0 for v in balances([once, twice]).values())
    assert balances([twice]) == balances([entry])
    assert [(p.account_code, p.debit, p.credit) for p in twice.postings] == [
        (p.account_code, p.debit, p.credit) for p in entry.postings
    ]
    assert twice.reverses == "e:rev"


@given(st.lists(balanced_entries(), max_size=6))
def test_trial_balance_always_sums_to_zero(entries):
    assert sum(balances(entries).values(), Decimal(0)) == 0
