"""What payers paid: 835 files, their payments, claim payments, PLB items, denials, EFTs.

One ``RemittanceFile`` per imported file (its SHA-256 makes a re-import a no-op); one
``Remittance`` per 835 transaction (BPR/TRN: the payment, posted once per trace and payer:
a unique constraint holds even against concurrent imports); one ``ClaimPayment`` per CLP
(matched to our claim, or waiting in the unmatched queue with suggestions); one
``ProviderAdjustment`` per PLB reason/amount pair; ``Denial`` rows for zero-pay lines and
claims with their CARC/RARC codes; ``Deposit`` rows for bank EFTs and checks, reassociated
with their ERA by the trace number (TRN02).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bhbilling.app.models.common import money_field
from bhbilling.app.tenancy.managers import PracticeScopedManager


class FileStatus(models.TextChoices):
    POSTED = "posted", "Posted"
    QUARANTINED = "quarantined", "Quarantined"
    DUPLICATE = "duplicate", "Already imported"


class RemittanceFile(models.Model):
    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="remittance_files")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.TextField(help_text="the X12 text as received (PHI)")
    status = models.CharField(max_length=12, choices=FileStatus.choices)
    reason = models.TextField(blank=True, help_text="why the file was quarantined")
    problems = models.JSONField(default=list, blank=True,
                                help_text="imbalances/conflicts: where, expected, found, difference")
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT)
    transaction_count = models.PositiveIntegerField(default=0)
    claim_count = models.PositiveIntegerField(default=0)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["practice", "sha256"],
                                               name="remittance_file_once")]

    def __str__(self) -> str:
        return self.file_name


class Deposit(models.Model):
    """A bank deposit (EFT or check) the ERA is reassociated with by trace number (TRN02)."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    trace_number = models.CharField(max_length=50)
    amount = money_field()
    deposited_on = models.DateField()
    method = models.CharField(max_length=3, default="ACH", help_text="ACH, CHK, ...")
    note = models.CharField(max_length=200, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-deposited_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["practice", "trace_number"],
                                               name="deposit_trace_once")]


class Remittance(models.Model):
    """One 835 transaction: a payment (BPR) identified by its trace (TRN02 + TRN03)."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT,
                                 related_name="remittances")
    file = models.ForeignKey(RemittanceFile, on_delete=models.PROTECT, related_name="remittances")
    payer = models.ForeignKey("billing.Payer", null=True, blank=True, on_delete=models.PROTECT)
    payer_name = models.CharField(max_length=60)
    payer_identifier = models.CharField(max_length=80, blank=True)
    trace_number = models.CharField(max_length=50)
    trace_originator = models.CharField(max_length=10, blank=True)
    amount = money_field(help_text="BPR02 signed: negative for a debit")
    method = models.CharField(max_length=3)
    payment_date = models.DateField()
    control_number = models.CharField(max_length=9)
    deposit = models.ForeignKey(Deposit, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="remittances")
    posted_at = models.DateTimeField()

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-payment_date", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["practice", "trace_originator", "trace_number"], name="remittance_trace_once")]
        # reports: claim payments and denials by payment date
        indexes = [models.Index(fields=["practice", "payment_date"], name="remittance_practice_paid_on")]

    def __str__(self) -> str:
        return f"{self.payer_name} {self.trace_number}"


class ClaimPayment(models.Model):
    """One CLP: matched to our claim, or unmatched (claim empty) with suggested claims."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    remittance = models.ForeignKey(Remittance, on_delete=models.PROTECT, related_name="claims")
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="payments")
    position = models.PositiveIntegerField(help_text="order of the CLP in the transaction")
    patient_control_number = models.CharField(max_length=38)
    payer_claim_number = models.CharField(max_length=50, blank=True)
    status_code = models.CharField(max_length=2, help_text="CLP02")
    charge = money_field()
    paid = money_field()
    patient_responsibility = money_field(default=0)
    adjustments = models.JSONField(default=list, help_text="claim-level CAS: group, reason, amount")
    lines = models.JSONField(default=list, help_text="SVC lines with their CAS, REF*6R, remarks")
    remarks = models.JSONField(default=list, blank=True, help_text="MOA/MIA/LQ remark codes")
    patient_name = models.CharField(max_length=120, blank=True)
    service_date = models.DateField(null=True, blank=True)
    match_method = models.CharField(max_length=20, blank=True,
                                    help_text="pcn, payer_claim_number, patient_date_amount, manual")
    suggestions = models.JSONField(default=list, blank=True,
                                   help_text="claim ids that might be this payment")
    entry = models.ForeignKey("billing.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    crossover_to = models.CharField(max_length=60, blank=True, help_text="NM1*TT: forwarded to")
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["remittance", "position"]
        indexes = [models.Index(fields=["practice", "claim"])]

    @property
    def is_reversal(self) -> bool:
        return self.status_code == "22"


class ProviderAdjustment(models.Model):
    """One PLB reason/amount pair; positive amounts were taken back from the provider."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    remittance = models.ForeignKey(Remittance, on_delete=models.PROTECT,
                                   related_name="provider_adjustments")
    reason = models.CharField(max_length=2)
    reference = models.CharField(max_length=50, blank=True)
    amount = money_field()
    claim = models.ForeignKey("billing.Claim", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="provider_adjustments")
    entry = models.ForeignKey("billing.JournalEntry", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")

    objects = PracticeScopedManager()
    unscoped = models.Manager()


class DenialStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"
    WRITTEN_OFF = "written_off", "Written off"


class Denial(models.Model):
    """A zero-pay claim or line with the payer's reasons, for the denial workbench."""

    practice = models.ForeignKey("billing.Practice", on_delete=models.PROTECT)
    claim = models.ForeignKey("billing.Claim", on_delete=models.PROTECT, related_name="denials")
    payment = models.ForeignKey(ClaimPayment, on_delete=models.PROTECT, related_name="denials")
    line_control_number = models.CharField(max_length=50, blank=True)
    procedure_code = models.CharField(max_length=5, blank=True)
    amount = money_field(help_text="charge denied")
    group_code = models.CharField(max_length=2)
    reason_codes = models.JSONField(default=list, help_text="CARC codes")
    remark_codes = models.JSONField(default=list, blank=True, help_text="RARC codes")
    status = models.CharField(max_length=12, choices=DenialStatus.choices,
                              default=DenialStatus.OPEN)
    created_at = models.DateTimeField()
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=30, blank=True,
                                help_text="root cause (domain.denials.Category), set at posting")
    appeal_deadline = models.DateField(null=True, blank=True,
                                       help_text="from the payer profile's appeal window")
    resolution = models.CharField(max_length=30, blank=True,
                                  help_text="corrected, voided, appealed, written_off, moved_to_patient, "
                                            "moved_to_next_payer")
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = PracticeScopedManager()
    unscoped = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["practice", "status"]),
                   models.Index(fields=["practice", "category"])]
