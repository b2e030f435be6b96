"""Django application config for the persistence adapter (models, tenancy, audit, accounts)."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "bhbilling.app"
    label = "billing"
    verbose_name = "Billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connect the audit signals (post_save/post_delete on PHI models) exactly once.
        from bhbilling.app.audit import signals  # noqa: F401
        from bhbilling.app.scrubbing import gate  # noqa: F401  (prepare_claims runs the scrubber)

        # Coding checks diagnoses against the full ICD-10-CM code set (the domain engine
        # only checks the format unless a code-set check is registered).
        from bhbilling.domain.coding.diagnoses import register_diagnosis_check
        from bhbilling.reference.icd10cm import diagnosis_problem

        register_diagnosis_check(diagnosis_problem)

        # Statements are held while a Good Faith Estimate dispute is open (45 CFR 149.620).
        from bhbilling.app.estimates.disputes import patients_in_dispute
        from bhbilling.app.patient_billing.holds import register_dispute_source

        register_dispute_source(patients_in_dispute)
