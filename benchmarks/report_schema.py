"""The tables the report benchmark world writes and the columns each generator fills."""

from __future__ import annotations

from benchmarks.report_tables import Table


class Tables:
    def __init__(self) -> None:
        from bhbilling.app import models as m

        T = Table
        self.patient = T(
            m.Patient, ("id", "practice_id", "account_number", "first_name", "last_name", "date_of_birth")
        )
        self.coverage = T(
            m.Coverage,
            ("id", "practice_id", "patient_id", "payer_id", "member_id", "member_id_index", "starts_on"),
        )
        self.auth = T(
            m.Authorization,
            (
                "id",
                "practice_id",
                "patient_id",
                "payer_id",
                "coverage_id",
                "number",
                "codes",
                "units_approved",
                "starts_on",
                "ends_on",
                "created_at",
            ),
        )
        self.session = T(
            m.ClinicalSession,
            (
                "id",
                "practice_id",
                "patient_id",
                "provider_id",
                "location_id",
                "date_of_service",
                "service_type",
                "diagnoses",
                "note_signed",
                "total_minutes",
            ),
        )
        self.claim = T(
            m.Claim,
            (
                "id",
                "practice_id",
                "patient_id",
                "coverage_id",
                "payer_id",
                "rendering_provider_id",
                "session_id",
                "patient_control_number",
                "payer_claim_number",
                "state",
                "total_charge",
                "diagnoses",
                "prior_authorization",
                "created_at",
                "updated_at",
            ),
        )
        self.line = T(
            m.ClaimLine,
            (
                "id",
                "practice_id",
                "claim_id",
                "line_number",
                "code",
                "charge",
                "date_of_service",
                "line_control_number",
                "diagnosis_pointers",
            ),
        )
        self.history = T(
            m.ClaimStateChange, ("id", "practice_id", "claim_id", "from_state", "to_state", "at", "reason")
        )
        self.batch = T(
            m.Batch,
            (
                "id",
                "practice_id",
                "clearinghouse_id",
                "interchange_number",
                "group_number",
                "transaction_number",
                "usage_indicator",
                "file_name",
                "claim_count",
                "total_charge",
                "created_at",
                "sent_at",
                "ack_status",
            ),
        )
        self.batch_claim = T(m.BatchClaim, ("id", "practice_id", "batch_id", "claim_id", "position"))
        self.file = T(
            m.RemittanceFile,
            (
                "id",
                "practice_id",
                "file_name",
                "sha256",
                "status",
                "imported_at",
                "transaction_count",
                "claim_count",
            ),
        )
        self.remittance = T(
            m.Remittance,
            (
                "id",
                "practice_id",
                "file_id",
                "payer_id",
                "payer_name",
                "trace_number",
                "trace_originator",
                "amount",
                "method",
                "payment_date",
                "control_number",
                "posted_at",
            ),
        )
        self.payment = T(
            m.ClaimPayment,
            (
                "id",
                "practice_id",
                "remittance_id",
                "claim_id",
                "position",
                "patient_control_number",
                "payer_claim_number",
                "status_code",
                "charge",
                "paid",
                "patient_responsibility",
                "lines",
                "service_date",
                "match_method",
                "entry_id",
            ),
        )
        self.denial = T(
            m.Denial,
            (
                "id",
                "practice_id",
                "claim_id",
                "payment_id",
                "line_control_number",
                "procedure_code",
                "amount",
                "group_code",
                "reason_codes",
                "remark_codes",
                "status",
                "created_at",
                "category",
                "appeal_deadline",
                "resolution",
                "resolved_at",
            ),
        )
        self.appeal = T(
            m.Appeal,
            (
                "id",
                "practice_id",
                "claim_id",
                "denial_id",
                "status",
                "category",
                "deadline",
                "sent_on",
                "created_at",
            ),
        )
        self.writeoff = T(
            m.WriteOff,
            (
                "id",
                "practice_id",
                "claim_id",
                "patient_id",
                "denial_id",
                "source",
                "amount",
                "kind",
                "reason",
                "status",
                "requested_at",
                "decided_at",
                "entry_id",
            ),
        )
        self.entry = T(
            m.JournalEntry,
            (
                "id",
                "practice_id",
                "entry_key",
                "effective_date",
                "posted_at",
                "memo",
                "claim_id",
                "patient_id",
            ),
        )
        self.jline = T(
            m.JournalLine,
            ("id", "practice_id", "entry_id", "account_id", "debit", "credit", "claim_line_id", "claim_id"),
        )
        self.patient_payment = T(
            m.PatientPayment,
            (
                "id",
                "practice_id",
                "patient_id",
                "kind",
                "method",
                "amount",
                "received_on",
                "claim_id",
                "entry_id",
                "recorded_at",
            ),
        )
