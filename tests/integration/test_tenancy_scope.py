"""Tenant scoping: one queryset layer filters every PHI query by the current practice."""

from __future__ import annotations

import pytest
from django.apps import apps

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.app.tenancy.managers import CompanyScopedManager, PracticeScopedManager
from bhbilling.kernel.errors import TenantScopeError
from tests import builders as b


@pytest.mark.django_db
def test_a_query_without_a_scope_is_refused_not_answered_with_every_tenant(tenant):
    b.patient(tenant.a)
    with pytest.raises(TenantScopeError):
        list(m.Patient.objects.all())


def test_each_practice_sees_only_its_own_rows(tenant):
    payer = b.payer(tenant.company)
    pat_a = b.patient(tenant.a)
    pat_b = b.patient(tenant.b)
    b.coverage(pat_a, payer)
    b.coverage(pat_b, payer)
    with scoped_to(tenant.company.id, tenant.a.id):
        assert list(m.Patient.objects.values_list("id", flat=True)) == [pat_a.id]
        assert m.Coverage.objects.count() == 1
        assert not m.Patient.objects.filter(id=pat_b.id).exists()
        # related managers go through the scoped default manager too
        assert list(pat_b.coverages.all()) == []
    with scoped_to(tenant.company.id, tenant.b.id):
        assert list(m.Patient.objects.values_list("id", flat=True)) == [pat_b.id]


def test_company_records_are_scoped_to_the_company(tenant):
    other_company = b.company("Elsewhere Billing")
    mine = b.payer(tenant.company)
    b.payer(other_company)
    with scoped_to(tenant.company.id, None):
        assert list(m.Payer.objects.values_list("id", flat=True)) == [mine.id]
        assert set(m.Practice.objects.values_list("id", flat=True)) == {tenant.a.id, tenant.b.id}
        with pytest.raises(TenantScopeError):
            m.Patient.objects.count()  # PHI needs a practice, not just a company


def test_scope_is_restored_after_the_block(tenant):
    with scoped_to(tenant.company.id, tenant.a.id):
        with scoped_to(tenant.company.id, tenant.b.id):
            pass
        b.patient(tenant.a)
        assert m.Patient.objects.count() == 1
    with pytest.raises(TenantScopeError):
        m.Patient.objects.count()


def test_every_model_with_phi_or_tenant_data_carries_the_practice_and_a_scoped_manager():
    """A new model holding tenant data must join PRACTICE_SCOPED_MODELS (and be scoped)."""
    company_level = {"Practice", "Payer", "Clearinghouse", "InboundFile"}
    # The company itself, who-may-act-for-whom, and the audit trail (which spans tenants and
    # holds ids only) are read by the access layer and system jobs, never by tenant queries.
    global_tables = {"BillingCompany", "Membership", "ApiToken", "AuditEvent", "AuditChainHead"}
    for model in apps.get_app_config("billing").get_models():
        name = model.__name__
        if name in company_level:
            assert isinstance(model._default_manager, CompanyScopedManager), name
            continue
        if name in global_tables:
            continue
        assert model in m.PRACTICE_SCOPED_MODELS, f"{name} is not registered as practice-scoped"
        field_names = {f.name for f in model._meta.get_fields()}
        assert "practice" in field_names, f"{name} has no practice column"
        assert isinstance(model._default_manager, PracticeScopedManager), name
        assert hasattr(model, "unscoped"), name
