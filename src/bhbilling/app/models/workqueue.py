"""Working the money: appeals, write-offs that need a second user's approval, follow-up notes.

A ``Denial`` (remittance.py) is the work item; these rows record what a biller did with it.
Nothing here moves money by itself: a write-off posts its journal entry only when a second
user with the approve-write-offs right approves it (``entry`` is then set).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager
from bhbilling.domain.denials.writeoffs import WriteOffKind


class AppealStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent, waiting for the payer"
    WON = "won", "Won (overturned)"
    PARTIAL = "partial", "Partly overturned"
    LOST = "lost", "Upheld (lost)"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Appeal(models.Model):
    """One appeal (redetermination/reconsideration) of a denied claim, with its letter."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.PROTECT, related_name="appeals")
    denial = models.ForeignKey("billing.Denial", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="appeals")
    level = models.PositiveSmallIntegerField(default=1, help_text="1 first-level, 2 second...")
    status = models.CharField(max_length=10, choices=AppealStatus.choices,
                              default=AppealStatus.DRAFT)
    category = models.CharField(max_length=30, blank=True, help_text="denial category at filing")
    template = models.CharField(max_length=60, blank=True, help_text="letter template used")
    deadline = models.DateField(help_text="last day the payer accepts this appeal")
    sent_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    recovered = money_field(default=0)
    attachments = models.JSONField(default=list, blank=True,
                                   help_text="what goes with the letter (names, not files)")
    letter = models.TextField(blank=True, help_text="the letter text as sent (PHI)")
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["practice", "status", "deadline"])]


class WriteOffStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved and posted"
    REJECTED = "rejected", "Rejected"


class WriteOff(models.Model):
    """A request to write off a balance; a different user with the right approves it."""

    class Source(models.TextChoices):
        INSURANCE = "insurance", "Insurance A/R"
        PATIENT = "patient", "Patient A/R"

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="write_offs")
    patient = models.ForeignKey("billing.Patient", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="write_offs")
    denial = models.ForeignKey("billing.Denial", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="write_offs")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.INSURANCE)
    amount = money_field()
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in WriteOffKind],
                            default=WriteOffKind.ADMINISTRATIVE.value,
                            help_text="why the balance is given up; picks the account (4200 or 4300)")
    reason = models.CharField(max_length=200)
    rule = models.CharField(max_length=40, blank=True,
                            help_text="set when a rule (e.g. small balance) made the request")
    status = models.CharField(max_length=10, choices=WriteOffStatus.choices,
                              default=WriteOffStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)
    entry = models.ForeignKey("billing.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="write_off_amount_positive")]

    @property
    def write_off_kind(self) -> WriteOffKind:
        return WriteOffKind(self.kind)


class FollowUpNote(models.Model):
    """A biller's note on a claim in A/R follow-up, with the next action date it set."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.CASCADE,
                              related_name="follow_up_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    action = models.CharField(max_length=30, blank=True,
                              help_text="called payer, portal check, status inquiry, ...")
    text = models.TextField()
    next_action_on = models.DateField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-at", "-id"]
