"""Write-off kinds: stored as a reason prefix; bad debt and collections go to 4300."""

from bhbilling.domain import ledger as dl
from bhbilling.domain.denials.writeoffs import WriteOffKind, account_for, format_reason, parse_reason


def test_reason_round_trip_and_accounts():
    stored = format_reason(WriteOffKind.BAD_DEBT, "  no answer to 3 statements ")
    assert stored == "[bad_debt] no answer to 3 statements"
    assert parse_reason(stored) == (WriteOffKind.BAD_DEBT, "no answer to 3 statements")
    assert parse_reason("free text") == (WriteOffKind.ADMINISTRATIVE, "free text")
    assert parse_reason("[nonsense] x") == (WriteOffKind.ADMINISTRATIVE, "[nonsense] x")
    assert account_for(WriteOffKind.COLLECTIONS) == dl.BAD_DEBT
    assert account_for(WriteOffKind.BAD_DEBT) == dl.BAD_DEBT
    assert account_for(WriteOffKind.TIMELY_FILING) == dl.OTHER_ADJUSTMENTS
    assert account_for(WriteOffKind.SMALL_BALANCE) == dl.OTHER_ADJUSTMENTS
