"""The double-entry ledger: accounts and journal entries whose lines must balance.

Entries are append-only; a correction is a new entry that ``reverses`` the old one. The
balance is checked in Python before writing (``domain.ledger``) and, on PostgreSQL, by a
deferred constraint trigger at commit (migration 0002).
"""

from __future__ import annotations

from django.db import models

from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager


class LedgerAccount(models.Model):
    class Kind(models.TextChoices):
        ASSET = "asset", "Asset"
        LIABILITY = "liability", "Liability"
        EQUITY = "equity", "Equity"
        INCOME = "income", "Income"
        CONTRA_INCOME = "contra_income", "Contra-income"
        EXPENSE = "expense", "Expense"

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    code = models.CharField(max_length=10)
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=15, choices=Kind.choices)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "code"], name="account_code_unique_in_practice")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class JournalEntry(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    entry_key = models.CharField(max_length=120,
                                 help_text="idempotency key: the same source never posts twice")
    effective_date = models.DateField()
    posted_at = models.DateTimeField()
    memo = models.CharField(max_length=200, blank=True)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by")
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="journal_entries")
    patient = models.ForeignKey("billing.Patient", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="journal_entries")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["posted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "entry_key"], name="entry_key_unique_in_practice")
        ]
        # reports: A/R as of a date, charges and payments in a period, per claim
        indexes = [models.Index(fields=["practice", "effective_date"], name="entry_practice_effective"),
                   models.Index(fields=["claim", "effective_date"], name="entry_claim_effective")]


class JournalLine(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="lines")
    debit = money_field(default=0)
    credit = money_field(default=0)
    claim_line = models.ForeignKey("billing.ClaimLine", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="journal_lines")
    # The claim this line's money counts for: its claim line's claim, else its entry's claim.
    # Usually the entry's claim; not for an entry that moves a balance between two claims
    # (next payer, coordination of benefits), whose legs sit on different claims. Stored so
    # balances and reports group by it without joining entry and claim line (migration 0014).
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="ledger_lines")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["entry", "id"]
        # reports: lines of an account (A/R, charges, cash) joined to their entries
        indexes = [models.Index(fields=["account", "entry"], name="journalline_account_entry")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gt=0, credit=0) | models.Q(credit__gt=0, debit=0)),
                name="journal_line_one_side_positive",
            )
        ]
