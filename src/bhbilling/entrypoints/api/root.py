"""The JSON API: ``/api/v1/<resource>``, OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``.

Every operation needs a caller (personal token or MFA-verified session, see ``auth``) and
runs inside ``release_token_scope``, so a tenant scope set for a token never outlives
its request.
"""

from __future__ import annotations

from ninja import NinjaAPI

from bhbilling.entrypoints.api import (
    appeals,
    authorizations,
    batches,
    claims,
    coding,
    coverages,
    denials,
    eligibility,
    errors,
    estimates,
    locations,
    paper,
    patient_billing,
    patients,
    payers,
    practices,
    providers,
    receivables,
    remittances,
    reports,
    scrubbing,
    sessions,
    tokens,
)
from bhbilling.entrypoints.api.auth import TokenAuth, VerifiedSessionAuth, release_token_scope

api = NinjaAPI(
    title="bhbilling API",
    version="1",
    description="Practices, providers, payers, patients, coverages, clinical sessions and "
    "their coding, claims and 837P batches.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # Token first: a request carrying a token is judged by it, with no CSRF check.
    auth=[TokenAuth(), VerifiedSessionAuth()],
)
api.add_decorator(release_token_scope, mode="view")
errors.install(api)

ROUTERS = {
    "v1/practices": practices.router,
    "v1/locations": locations.router,
    "v1/providers": providers.router,
    "v1/payers": payers.router,
    "v1/patients": patients.router,
    "v1/coverages": coverages.router,
    "v1/sessions": sessions.router,
    "v1/tokens": tokens.router,
    "v1/claims": claims.router,
    "v1/batches": batches.router,
    "v1/remittances": remittances.router,
    "v1/authorizations": authorizations.router,
    "v1/eligibility": eligibility.router,
    "v1/statements": patient_billing.router,
    "v1/appeals": appeals.router,
    "v1/denials": denials.router,
    "v1/writeoffs": denials.writeoffs_router,
    "v1/reports": reports.router,
    "v1/ar": receivables.router,
    "v1/estimates": estimates.router,
}
# Coding lives under a session (/v1/sessions/{id}/coding...) but in its own feature router.
EXTRA_ROUTERS = [("v1/sessions", coding.router)]
# Eligibility answers of a patient (/v1/patients/{id}/eligibility...), in their own router.
EXTRA_ROUTERS.append(("v1/patients", eligibility.patients_router))
# Ledger and payments of a patient (/v1/patients/{id}/ledger|payments), in their own router.
EXTRA_ROUTERS.append(("v1/patients", patient_billing.patients_router))
# Scrubber findings and overrides of a claim (/v1/claims/{id}/scrub|findings|overrides).
EXTRA_ROUTERS.append(("v1/claims", scrubbing.router))
# Paper documents: a claim's CMS-1500 and a patient's superbill, as PDF.
EXTRA_ROUTERS += [("v1/claims", paper.claims_router), ("v1/patients", paper.patients_router)]
# A/R follow-up notes of a claim (/v1/claims/{id}/notes), in the receivables router.
EXTRA_ROUTERS.append(("v1/claims", receivables.claims_router))
for prefix, router in [*ROUTERS.items(), *EXTRA_ROUTERS]:
    api.add_router(prefix, router)
