"""Write-off kinds: bad debt and collections go to 4300, the rest to 4200; every kind has a label."""

from bhbilling.domain import ledger as dl
from bhbilling.domain.denials.writeoffs import WriteOffKind, account_for


def test_accounts():
    assert account_for(WriteOffKind.COLLECTIONS) == dl.BAD_DEBT
    assert account_for(WriteOffKind.BAD_DEBT) == dl.BAD_DEBT
    assert account_for(WriteOffKind.TIMELY_FILING) == dl.OTHER_ADJUSTMENTS
    assert account_for(WriteOffKind.SMALL_BALANCE) == dl.OTHER_ADJUSTMENTS
    assert account_for(WriteOffKind.ADMINISTRATIVE) == dl.OTHER_ADJUSTMENTS


def test_every_kind_has_a_label_that_fits_the_column():
    assert all(k.label and len(k.value) <= 20 for k in WriteOffKind)
