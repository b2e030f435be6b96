"""Who may do what: roles, permissions and the role -> permission table, as data.

Model:
- A user holds one role per practice (a membership); `company_admin` is the one
  company-wide role and sees every practice of the billing company.
- Permissions are coarse, named in the biller's language, and split into reads and
  writes. Read-only roles (`auditor`, `client_viewer`) hold no write permission, which a
  test checks, so adding a write to them is a visible decision.
- Client viewers are the practice owners reading their own reports: they see PHI of
  their practice (reports list patients) but change nothing. Auditors read everything in
  their scope, including the audit log, and change nothing.
- Tenant scope (which practice) is enforced in one place in the app layer; this module
  only answers "may this role do this at all".
"""

from __future__ import annotations

from enum import Enum
from types import MappingProxyType

__all__ = ["ROLE_PERMISSIONS", "Permission", "Role", "has_permission", "permissions_for"]


class Permission(Enum):
    VIEW_PHI = "view_phi"
    EDIT_PHI = "edit_phi"
    EDIT_CLAIMS = "edit_claims"
    SUBMIT_CLAIMS = "submit_claims"
    POST_PAYMENTS = "post_payments"
    WORK_DENIALS = "work_denials"
    OVERRIDE_FINDINGS = "override_findings"
    APPROVE_WRITEOFFS = "approve_writeoffs"
    IMPORT_DATA = "import_data"
    EXPORT_DATA = "export_data"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT = "view_audit"
    MANAGE_PRACTICE = "manage_practice"
    MANAGE_USERS = "manage_users"
    MANAGE_REFERENCE = "manage_reference"
    MANAGE_COMPANY = "manage_company"

    @property
    def is_read(self) -> bool:
        """Only reads data; everything else changes something."""
        return self in _READ_PERMISSIONS

    @property
    def label(self) -> str:
        words = self.value.replace("_", " ").replace("phi", "PHI")
        return words[0].upper() + words[1:]


_READ_PERMISSIONS = frozenset(
    {Permission.VIEW_PHI, Permission.VIEW_REPORTS, Permission.VIEW_AUDIT}
)


class Role(Enum):
    COMPANY_ADMIN = "company_admin"
    PRACTICE_ADMIN = "practice_admin"
    BILLER = "biller"
    CODER = "coder"
    AR_SPECIALIST = "ar_specialist"
    AUDITOR = "auditor"
    CLIENT_VIEWER = "client_viewer"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def is_company_wide(self) -> bool:
        """Acts in every practice of the company without a per-practice membership."""
        return self is Role.COMPANY_ADMIN

    @property
    def is_read_only(self) -> bool:
        return all(permission.is_read for permission in ROLE_PERMISSIONS[self])

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self]


_ROLE_LABELS = MappingProxyType({
    Role.COMPANY_ADMIN: "Company administrator",
    Role.PRACTICE_ADMIN: "Practice administrator",
    Role.BILLER: "Biller",
    Role.CODER: "Coder",
    Role.AR_SPECIALIST: "A/R specialist",
    Role.AUDITOR: "Auditor",
    Role.CLIENT_VIEWER: "Client viewer (practice owner)",
})

P = Permission
ROLE_PERMISSIONS: MappingProxyType[Role, frozenset[Permission]] = MappingProxyType({
    Role.COMPANY_ADMIN: frozenset(Permission),
    # Everything inside the practice; code sets and the company itself stay company-level.
    Role.PRACTICE_ADMIN: frozenset(Permission)
    - {P.MANAGE_REFERENCE, P.MANAGE_COMPANY},
    Role.BILLER: frozenset({
        P.VIEW_PHI, P.EDIT_PHI, P.EDIT_CLAIMS, P.SUBMIT_CLAIMS, P.IMPORT_DATA,
        P.EXPORT_DATA, P.WORK_DENIALS, P.VIEW_REPORTS,
    }),
    # Coders own code selection, so they may override a scrubber finding with a reason.
    Role.CODER: frozenset({
        P.VIEW_PHI, P.EDIT_CLAIMS, P.OVERRIDE_FINDINGS, P.VIEW_REPORTS,
    }),
    # A/R specialists post remittances, work denials and resubmit; write-offs need approval.
    Role.AR_SPECIALIST: frozenset({
        P.VIEW_PHI, P.EDIT_PHI, P.EDIT_CLAIMS, P.SUBMIT_CLAIMS, P.POST_PAYMENTS,
        P.WORK_DENIALS, P.EXPORT_DATA, P.VIEW_REPORTS,
    }),
    Role.AUDITOR: frozenset({P.VIEW_PHI, P.VIEW_REPORTS, P.VIEW_AUDIT}),
    Role.CLIENT_VIEWER: frozenset({P.VIEW_PHI, P.VIEW_REPORTS}),
})
del P


def permissions_for(role: Role) -> frozenset[Permission]:
    """Every permission `role` holds."""
    return ROLE_PERMISSIONS[role]


def has_permission(role: Role, permission: Permission) -> bool:
    """True when `role` may perform `permission` (in a practice it belongs to)."""
    return permission in ROLE_PERMISSIONS[role]
