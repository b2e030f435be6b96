"""Where claims go and what was sent: clearinghouse connections and 837P batches.

Control numbers (ISA13 interchange, GS06 group, ST02 transaction) come from counters on the
``Clearinghouse`` row, which is locked (SELECT ... FOR UPDATE) while a batch is written; the
counters move in the same database transaction that stores the ``Batch``. A crash rolls back
both, so a number is never handed out twice, and unique constraints make a second use of
one impossible even if that lock were bypassed (X12.5/X12.6: ISA13 must be unique per sender
for a long period, GS06 per sender, ST02 within the group).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.fields import EncryptedTextField
from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import CompanyScopedManager, PracticeScopedManager

ID_QUALIFIERS = [("ZZ", "ZZ mutually defined"), ("01", "01 DUNS"), ("27", "27 Medicare carrier"),
                 ("28", "28 fiscal intermediary"), ("30", "30 federal tax id"),
                 ("33", "33 NAIC")]


class ConnectionKind(models.TextChoices):
    FOLDER = "folder", "Folder drop"
    SFTP = "sftp", "SFTP"
    SIMULATOR = "simulator", "Payer simulator"


class UsageIndicator(models.TextChoices):
    TEST = "T", "Test (ISA15 T)"
    PRODUCTION = "P", "Production (ISA15 P)"


class Clearinghouse(models.Model):
    """A connection a company submits through: envelope ids, delimiters, counters.

    Not PHI and shared by the company's practices (like payers). The submitter (1000A) is
    the billing company, identified by ``submitter_id`` (the ETIN the clearinghouse gave).
    """

    company = models.ForeignKey("billing.BillingCompany", on_delete=models.PROTECT,
                                related_name="clearinghouses")
    name = models.CharField(max_length=60)
    sender_qualifier = models.CharField("ISA05", max_length=2, choices=ID_QUALIFIERS, default="ZZ")
    sender_id = models.CharField("ISA06 / GS02 sender id", max_length=15)
    receiver_qualifier = models.CharField("ISA07", max_length=2, choices=ID_QUALIFIERS,
                                          default="ZZ")
    receiver_id = models.CharField("ISA08 / GS03 receiver id", max_length=15)
    receiver_name = models.CharField("1000B receiver name", max_length=60)
    submitter_id = models.CharField("1000A submitter id (ETIN)", max_length=80)
    submitter_name = models.CharField("1000A submitter name", max_length=60)
    contact_name = models.CharField(max_length=60)
    contact_phone = models.CharField(max_length=15, blank=True)
    contact_email = models.EmailField(blank=True)
    usage_indicator = models.CharField(max_length=1, choices=UsageIndicator.choices,
                                       default=UsageIndicator.TEST)
    element_separator = models.CharField(max_length=1, default="*")
    component_separator = models.CharField(max_length=1, default=":")
    repetition_separator = models.CharField(max_length=1, default="^")
    segment_terminator = models.CharField(max_length=1, default="~")
    line_breaks = models.BooleanField(default=True, help_text="a newline after each segment")
    max_claims_per_file = models.PositiveIntegerField(default=5000)
    kind = models.CharField(max_length=10, choices=ConnectionKind.choices,
                            default=ConnectionKind.FOLDER)
    host = models.CharField(max_length=255, blank=True)
    port = models.PositiveIntegerField(default=22)
    username = models.CharField(max_length=120, blank=True)
    password = EncryptedTextField(blank=True, default="",
                                  help_text="SFTP password (sealed at rest); or use a key file "
                                            "named by BHBILLING_SFTP_KEY_<ID> in the environment")
    host_key = models.TextField(blank=True, help_text="the server's public host key "
                                                      "(known_hosts line); required for SFTP")
    outbox_path = models.CharField(max_length=255, blank=True,
                                   help_text="where files go: a folder, or a remote SFTP path")
    inbox_path = models.CharField(max_length=255, blank=True,
                                  help_text="where answers arrive: a folder, or a remote path")
    is_default = models.BooleanField(default=False)
    last_interchange_number = models.PositiveIntegerField(default=0)
    last_group_number = models.PositiveIntegerField(default=0)
    last_transaction_number = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = CompanyScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="clearinghouse_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Batch(models.Model):
    """One 837P file as written and sent: its control numbers, contents and claims."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="batches")
    clearinghouse = models.ForeignKey(Clearinghouse, on_delete=models.PROTECT,
                                      related_name="batches")
    payer = models.ForeignKey("billing.Payer", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="batches")
    interchange_number = models.PositiveIntegerField("ISA13")
    group_number = models.PositiveIntegerField("GS06")
    transaction_number = models.PositiveIntegerField("ST02")
    usage_indicator = models.CharField(max_length=1, choices=UsageIndicator.choices)
    file_name = models.CharField(max_length=120)
    content = models.TextField(help_text="the X12 text exactly as written (PHI)")
    sha256 = models.CharField(max_length=64)
    claim_count = models.PositiveIntegerField()
    total_charge = money_field()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT)
    claims = models.ManyToManyField("billing.Claim", through="BatchClaim", related_name="batches")
    sent_at = models.DateTimeField(null=True, blank=True)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    ack_status = models.CharField(max_length=1, blank=True,
                                  help_text="999 IK5/AK9: A accepted, E with errors, R rejected")
    ack_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["clearinghouse", "interchange_number"],
                                    name="batch_isa13_unique"),
            models.UniqueConstraint(fields=["clearinghouse", "group_number"],
                                    name="batch_gs06_unique"),
            models.UniqueConstraint(fields=["clearinghouse", "transaction_number"],
                                    name="batch_st02_unique"),
        ]

    def __str__(self) -> str:
        return self.file_name


class BatchClaim(models.Model):
    """A claim as sent in a batch; a claim resubmitted after a rejection is in two batches."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="entries")
    claim = models.ForeignKey("billing.Claim", on_delete=models.PROTECT,
                              related_name="batch_entries")
    position = models.PositiveIntegerField(help_text="order of the claim in the file")

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "claim"], name="batch_claim_once"),
        ]


class InboundStatus(models.TextChoices):
    PROCESSED = "processed", "Processed"
    FAILED = "failed", "Could not be processed"
    IGNORED = "ignored", "Not for us"


class InboundFile(models.Model):
    """A file collected from a clearinghouse (999, 277CA, 835, 277, 271): processed once,
    by its SHA-256, whatever its name."""

    company = models.ForeignKey("billing.BillingCompany", on_delete=models.PROTECT)
    clearinghouse = models.ForeignKey(Clearinghouse, on_delete=models.PROTECT,
                                      related_name="inbound_files")
    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, help_text="999, 277CA, 277, 835, 271 or unknown")
    received_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=InboundStatus.choices)
    detail = models.TextField(blank=True)
    content = models.TextField(help_text="as received (PHI)")

    objects = CompanyScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["clearinghouse", "sha256"],
                                               name="inbound_file_once")]


class ClaimStatusReport(models.Model):
    """What a 277CA (front-end acknowledgement) or 277 (status answer) said about a claim:
    STC01 category (A1 received, A2 accepted, A3/A7 rejected, F1 finalized...), status
    code, entity, amount and the payer's claim number (REF*1K)."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.CASCADE,
                              related_name="status_reports")
    source = models.CharField(max_length=6, help_text="277CA or 277")
    file_name = models.CharField(max_length=255)
    category = models.CharField(max_length=3)
    status_code = models.CharField(max_length=5, blank=True)
    entity = models.CharField(max_length=3, blank=True)
    message = models.CharField(max_length=300, blank=True)
    payer_claim_number = models.CharField(max_length=50, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    received_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-received_at", "-id"]
