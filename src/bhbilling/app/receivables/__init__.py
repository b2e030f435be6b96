"""Accounts receivable work: aging of open balances and the follow-up work list."""
