"""Django application config for the persistence adapter (models, tenancy, audit, accounts)."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "bhbilling.app"
    label = "billing"
    verbose_name = "Billing"
    default_auto_field = "django.db.models.BigAutoField"
