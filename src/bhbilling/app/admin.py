"""Django admin for reference data only: billing companies, payers, fee schedules.

- The admin has no tenant scope (it is a superuser's cross-tenant tool), so every admin reads
  through the explicit ``unscoped`` managers and sets foreign-key choices from them; PHI
  models (patients, coverages, sessions, claims) are deliberately not registered.
- Form validation (unique constraints) runs inside the edited row's own tenant scope, so the
  scoped default managers used by Django's constraint checks see the right rows.
- Only active superusers who passed the TOTP step may use it (``OTPAdminSite`` adds the
  code field to the admin login), HIPAA 45 CFR 164.312(a)(1) and (d).
"""

from __future__ import annotations

from contextlib import nullcontext

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django_otp.admin import OTPAdminSite

from bhbilling.app.models import BillingCompany, FeeSchedule, FeeScheduleRate, Payer, Practice
from bhbilling.app.tenancy import scoped_to


class SuperuserOTPAdminSite(OTPAdminSite):
    """OTP-verified, active superusers only; staff without superuser status are refused."""

    site_header = "bhbilling administration"
    site_title = "bhbilling admin"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and request.user.is_superuser


admin.site.__class__ = SuperuserOTPAdminSite


def _unscoped(model: type[models.Model]) -> models.Manager:
    return getattr(model, "unscoped", model._default_manager)


def _scope_of(instance: models.Model):
    """The tenant scope an instance lives in, for validation queries."""
    practice_id = getattr(instance, "practice_id", None)
    if practice_id:
        company_id = (Practice.unscoped.filter(pk=practice_id)
                      .values_list("company_id", flat=True).first())
        if company_id is not None:
            return scoped_to(company_id, practice_id)
    company_id = getattr(instance, "company_id", None)
    if company_id:
        return scoped_to(company_id)
    return nullcontext()


class ScopedValidationForm(forms.ModelForm):
    """Runs uniqueness and constraint checks inside the row's tenant scope."""

    def validate_unique(self) -> None:
        with _scope_of(self.instance):
            super().validate_unique()

    def validate_constraints(self) -> None:
        with _scope_of(self.instance):
            super().validate_constraints()


class UnscopedAdminMixin:
    """Read rows and foreign-key choices through ``unscoped`` managers."""

    form = ScopedValidationForm

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return _unscoped(self.model).all()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", _unscoped(db_field.remote_field.model).all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(BillingCompany)
class BillingCompanyAdmin(UnscopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Payer)
class PayerAdmin(UnscopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "payer_id", "kind", "company", "timely_filing_days", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "payer_id")
    list_select_related = ("company",)


class FeeScheduleRateInline(UnscopedAdminMixin, admin.TabularInline):
    model = FeeScheduleRate
    fields = ("code", "modifiers", "charge", "expected_allowed")
    extra = 1


@admin.register(FeeSchedule)
class FeeScheduleAdmin(UnscopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "practice", "payer", "effective_from", "effective_to")
    search_fields = ("name",)
    list_select_related = ("practice", "payer")
    inlines = [FeeScheduleRateInline]

    def save_formset(self, request, form, formset, change) -> None:
        """Rates belong to their schedule's practice; the inline does not ask for it."""
        for rate_form in formset.forms:
            if rate_form.instance.practice_id is None:
                rate_form.instance.practice_id = form.instance.practice_id
        super().save_formset(request, form, formset, change)
