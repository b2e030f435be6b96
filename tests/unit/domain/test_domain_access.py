"""Domain ring: roles, permissions and who may do what."""

import pytest

from bhbilling.domain.access import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    has_permission,
    permissions_for,
)

P = Permission


def test_every_role_has_a_label_and_permissions():
    assert set(ROLE_PERMISSIONS) == set(Role)
    for role in Role:
        assert role.label
        assert permissions_for(role) == role.permissions


def test_company_admin_is_company_wide_and_holds_everything():
    assert Role.COMPANY_ADMIN.is_company_wide
    assert permissions_for(Role.COMPANY_ADMIN) == frozenset(Permission)
    assert not any(role.is_company_wide for role in Role if role is not Role.COMPANY_ADMIN)


def test_practice_admin_manages_practice_not_reference_data():
    assert has_permission(Role.PRACTICE_ADMIN, P.MANAGE_PRACTICE)
    assert has_permission(Role.PRACTICE_ADMIN, P.MANAGE_USERS)
    assert has_permission(Role.PRACTICE_ADMIN, P.APPROVE_WRITEOFFS)
    assert not has_permission(Role.PRACTICE_ADMIN, P.MANAGE_REFERENCE)
    assert not has_permission(Role.PRACTICE_ADMIN, P.MANAGE_COMPANY)


def test_client_viewer_reads_reports_and_phi_only():
    assert permissions_for(Role.CLIENT_VIEWER) == {P.VIEW_PHI, P.VIEW_REPORTS}
    assert Role.CLIENT_VIEWER.is_read_only


def test_auditor_reads_everything_including_audit_and_edits_nothing():
    assert has_permission(Role.AUDITOR, P.VIEW_AUDIT)
    assert has_permission(Role.AUDITOR, P.VIEW_PHI)
    assert has_permission(Role.AUDITOR, P.VIEW_REPORTS)
    assert Role.AUDITOR.is_read_only
    read_permissions = {p for p in Permission if p.is_read}
    assert permissions_for(Role.AUDITOR) == read_permissions


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.CLIENT_VIEWER])
@pytest.mark.parametrize("permission", [p for p in Permission if not p.is_read])
def test_read_only_roles_hold_no_write(role, permission):
    assert not has_permission(role, permission)


def test_working_roles():
    assert has_permission(Role.AR_SPECIALIST, P.POST_PAYMENTS)
    assert not has_permission(Role.AR_SPECIALIST, P.APPROVE_WRITEOFFS)
    assert has_permission(Role.CODER, P.OVERRIDE_FINDINGS)
    assert not has_permission(Role.CODER, P.POST_PAYMENTS)
    assert has_permission(Role.BILLER, P.SUBMIT_CLAIMS)
    assert has_permission(Role.BILLER, P.IMPORT_DATA)
    assert not has_permission(Role.BILLER, P.MANAGE_USERS)
    for role in (Role.BILLER, Role.CODER, Role.AR_SPECIALIST):
        assert not role.is_read_only
        assert not has_permission(role, P.VIEW_AUDIT)


def test_permission_labels():
    assert P.VIEW_PHI.label == "View PHI"
    assert P.APPROVE_WRITEOFFS.label == "Approve writeoffs"
