"""Tenant isolation over every API route, discovered from the API itself.

For every operation whose path carries an id, a caller of one tenant uses the id of
another tenant's row: each method must answer 404 and leave that row exactly as it was.
The routes are read from the NinjaAPI object, not listed by hand, and every discovered
resource must have a factory in ``RESOURCES``: a new endpoint with an id parameter makes
this file fail until it is covered. List endpoints must never show the other tenant's rows.

Two boundaries are checked: practice B of the same company (for a practice admin of A)
and a second billing company (for a company admin of the first), which is the boundary of
company-level records such as payers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models

from bhbilling.app import models as m
from bhbilling.app.accounts.tokens import issue_token
from bhbilling.entrypoints.api.root import api as ninja_api
from tests import builders as b
from tests.e2e.apiclient import session_api, token_api

pytestmark = pytest.mark.django_db

PARAM = re.compile(r"\{(?:[^}:]+:)?([^}]+)\}")


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # e.g. /api/v1/patients/{patient_id}

    @property
    def resource(self) -> str:
        return self.path.split("/v1/", 1)[1].split("/", 1)[0]

    @property
    def has_id(self) -> bool:
        return bool(PARAM.search(self.path))

    def url(self, object_id: int) -> str:
        return PARAM.sub(str(object_id), self.path)


def discover_routes() -> list[Route]:
    """Every (method, path) the API serves, including operations hidden from the schema."""
    routes = set()
    for bound in ninja_api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            full = "/api/" + "/".join(p.strip("/") for p in (bound.prefix, path) if p.strip("/"))
            for op in path_view.operations:
                routes.update(Route(method.upper(), full) for method in op.methods)
    return sorted(routes, key=lambda r: (r.path, r.method))


ROUTES = discover_routes()


class World:
    """Company 1 with practices A and B, company 2 with practice C; one of each row."""

    def __init__(self, tenant) -> None:
        self.company1, self.a, self.b = tenant.company, tenant.a, tenant.b
        self.company2 = b.company("Other Billing")
        self.c = b.practice(self.company2, name="Practice C")
        self.payer1 = b.payer(self.company1)
        self.payer2 = b.payer(self.company2)
        self.rows = {p.id: self._rows(p, self.payer1 if p.company_id == self.company1.id
                                      else self.payer2) for p in (self.a, self.b, self.c)}
        self.practice_admin_a = b.user(self.company1, "practice_admin", self.a)
        self.company_admin_1 = b.user(self.company1, "company_admin")
        self.user_b = b.user(self.company1, "biller", self.b)
        self.user_c = b.user(self.company2, "company_admin")

    @staticmethod
    def _rows(practice: m.Practice, payer: m.Payer) -> dict[str, models.Model]:
        patient = b.patient(practice)
        provider = b.provider(practice)
        claim = m.Claim.unscoped.create(practice=practice, patient=patient, payer=payer,
                                        rendering_provider=provider,
                                        patient_control_number=f"ISO-{practice.pk}",
                                        total_charge=180, diagnoses=["F41.1"], state="paid",
                                        payer_claim_number=f"ICN-ISO-{practice.pk}")
        m.ClaimLine.unscoped.create(practice=practice, claim=claim, line_number=1, code="90837",
                                    charge=180, date_of_service=dt.date(2026, 3, 2),
                                    line_control_number=f"ISO-{practice.pk}.1")
        channel = (m.Clearinghouse.unscoped.filter(company_id=practice.company_id).first()
                   or b.clearinghouse(practice.company))
        batch = m.Batch.unscoped.create(
            practice=practice, clearinghouse=channel, payer=payer,
            interchange_number=practice.pk, group_number=practice.pk,
            transaction_number=practice.pk, usage_indicator="T", file_name=f"iso-{practice.pk}.x12",
            content="ISA*...~", sha256="0" * 64, claim_count=1, total_charge=180,
            created_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC))
        m.BatchClaim.unscoped.create(practice=practice, batch=batch, claim=claim, position=1)
        file = m.RemittanceFile.unscoped.create(
            practice=practice, file_name="era.835", sha256=f"{practice.pk:064d}", content="ISA",
            status="posted", imported_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
        remittance = m.Remittance.unscoped.create(
            practice=practice, file=file, payer_name="Acme", trace_number=f"T{practice.pk}",
            amount=100, method="ACH", payment_date=dt.date(2026, 3, 9), control_number="0001",
            posted_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
        return {
            "remittances": remittance,
            "claims": claim,
            "batches": batch,
            "practices": practice,
            "locations": b.location(practice),
            "providers": provider,
            "patients": patient,
            "coverages": b.coverage(patient, payer),
            "sessions": b.session(patient, provider),
            # Ends within 14 days, so it is also on the alerts worklist (/authorizations/alerts).
            "authorizations": m.Authorization.unscoped.create(
                practice=practice, patient=patient, payer=payer, number=f"ISO-{practice.pk}",
                codes=["90837"], units_approved=10, starts_on=dt.date.today() - dt.timedelta(days=30),
                ends_on=dt.date.today() + dt.timedelta(days=5)),
            "eligibility": m.EligibilityCheck.unscoped.create(
                practice=practice, patient=patient, payer=payer, service_date=dt.date(2026, 3, 9),
                checked_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC), status="active",
                summary={"checked_on": "2026-03-09", "level": "subscriber", "status": "active"}),
            # a draft appeal of its own denied claim (deadline 60 days ahead, so sending works)
            "appeals": b.appeal(remittance, patient, provider, payer),
            "denials": b.denial(remittance, claim),
            "writeoffs": b.write_off(claim),
            "statements": b.statement(patient),
            "estimates": _estimate(practice, patient, provider),
        }


def _estimate(practice: m.Practice, patient: m.Patient, provider: m.Provider) -> m.GoodFaithEstimate:
    """A draft estimate whose first service is ahead, priced from a self-pay schedule, so that
    issuing, voiding and drafting a replacement all work on the caller's own row."""
    b.fee_schedule(practice, None, {("90834", ""): "150.00"}, effective_from=dt.date(2020, 1, 1))
    start = dt.date.today() + dt.timedelta(days=30)
    return b.estimate(patient, provider, number=f"GFE-ISO-{practice.pk}", requested_on=dt.date.today(),
                      first_service_on=start, period_start=start,
                      period_end=start + dt.timedelta(days=300), due_on=dt.date.today())


def _token_of(user) -> m.ApiToken:
    return issue_token(user, "isolation")[0]


@dataclass(frozen=True)
class Resource:
    """How to get another tenant's row, the caller's own row, and a valid PATCH body."""

    other: Any  # (world, scenario) -> model instance
    own: Any  # (world, actor) -> model instance
    patch: dict
    boundary: str = "practice"  # "company": shared by a company's practices


RESOURCES: dict[str, Resource] = {
    "practices": Resource(lambda w, s: s.other_practice(w), lambda w, u: w.a,
                          {"phone": "5185559999"}),
    "locations": Resource(lambda w, s: s.row(w, "locations"),
                          lambda w, u: w.rows[w.a.id]["locations"], {"name": "Hijacked"}),
    "providers": Resource(lambda w, s: s.row(w, "providers"),
                          lambda w, u: w.rows[w.a.id]["providers"], {"last_name": "Hijacked"}),
    # PATCH reads last_name; POST /patients/{id}/payments reads amount, method, received_on
    "patients": Resource(lambda w, s: s.row(w, "patients"),
                         lambda w, u: w.rows[w.a.id]["patients"],
                         {"last_name": "Hijacked", "amount": "10.00", "method": "cash",
                          "received_on": "2026-03-09"}),
    # /sent reads sent_on (default today: after the statement date)
    "statements": Resource(lambda w, s: s.row(w, "statements"),
                           lambda w, u: w.rows[w.a.id]["statements"], {}),
    "coverages": Resource(lambda w, s: s.row(w, "coverages"),
                          lambda w, u: w.rows[w.a.id]["coverages"], {"group_number": "HIJACK"}),
    # One body serves every /sessions/{id} route: PATCH reads note_signed, the coding
    # decision (/sessions/{id}/coding/decision) reads lines and reason; each ignores the rest.
    "sessions": Resource(lambda w, s: s.row(w, "sessions"),
                         lambda w, u: w.rows[w.a.id]["sessions"],
                         {"note_signed": False, "lines": [], "reason": "isolation check"}),
    "payers": Resource(lambda w, s: w.payer2, lambda w, u: w.payer1, {"name": "Hijacked"},
                       boundary="company"),
    # POST /claims/{id}/notes reads text (a follow-up note)
    "claims": Resource(lambda w, s: s.row(w, "claims"), lambda w, u: w.rows[w.a.id]["claims"],
                       {"date_from": "2026-01-01", "reason": "isolation check",
                        "rule_id": "CMP-SUB-001",  # the claim has no coverage: that finding
                        "text": "isolation check"}),
    "batches": Resource(lambda w, s: s.row(w, "batches"),
                        lambda w, u: w.rows[w.a.id]["batches"], {}),
    "remittances": Resource(lambda w, s: s.row(w, "remittances"),
                            lambda w, u: w.rows[w.a.id]["remittances"], {}),
    "tokens": Resource(lambda w, s: _token_of(s.other_user(w)), lambda w, u: _token_of(u),
                       {"name": "Hijacked"}),
    "authorizations": Resource(lambda w, s: s.row(w, "authorizations"),
                               lambda w, u: w.rows[w.a.id]["authorizations"], {"notes": "Hijacked"}),
    "eligibility": Resource(lambda w, s: s.row(w, "eligibility"),
                            lambda w, u: w.rows[w.a.id]["eligibility"], {}),
    # /sent reads late_ok/late_reason, /decision reads outcome/decided_on (withdrawn: a draft)
    "appeals": Resource(lambda w, s: s.row(w, "appeals"), lambda w, u: w.rows[w.a.id]["appeals"],
                        {"outcome": "withdrawn", "decided_on": "2026-03-20", "note": "Hijacked"}),
    # /assign reads to_me, /actions a correction (the claim is paid with a payer claim number)
    "denials": Resource(lambda w, s: s.row(w, "denials"), lambda w, u: w.rows[w.a.id]["denials"],
                        {"to_me": True, "action": "correct", "reason": "isolation check"}),
    # /approve and /reject read the note; the write-off was requested by nobody, so any
    # approver may decide it
    "writeoffs": Resource(lambda w, s: s.row(w, "writeoffs"),
                          lambda w, u: w.rows[w.a.id]["writeoffs"], {"note": "isolation check"}),
    # /issue, /supersede (a replacement drafted from the row's own facts) and /void take {}
    "estimates": Resource(lambda w, s: s.row(w, "estimates"),
                          lambda w, u: w.rows[w.a.id]["estimates"], {}),
}


@dataclass(frozen=True)
class Scenario:
    name: str
    boundary: str

    def actor(self, w: World):
        return w.practice_admin_a if self.boundary == "practice" else w.company_admin_1

    def other_practice(self, w: World) -> m.Practice:
        return w.b if self.boundary == "practice" else w.c

    def other_user(self, w: World):
        return w.user_b if self.boundary == "practice" else w.user_c

    def row(self, w: World, resource: str) -> models.Model:
        return w.rows[self.other_practice(w).id][resource]


SCENARIOS = [Scenario("other-practice", "practice"), Scenario("other-company", "company")]
#: resources that answer aggregates, not rows with ids: no row to hijack or list; their
#: practice limits are tested where they are built (tests/e2e/test_reports_api.py)
AGGREGATES = {"reports", "ar"}  # ar: aging and the follow-up list, tests/e2e/test_ar_api.py


def snapshot(obj: models.Model) -> dict[str, Any]:
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def test_routes_were_discovered_and_match_openapi():
    schema_paths = {(method.upper(), path) for path, ops in
                    ninja_api.get_openapi_schema()["paths"].items() for method in ops}
    assert {(r.method, PARAM.sub(lambda g: "{" + g.group(1) + "}", r.path)) for r in ROUTES} \
        >= schema_paths
    assert len([r for r in ROUTES if r.has_id]) >= 16


def test_every_id_route_has_a_fixture():
    """Fails the day an endpoint with an id appears for a resource this file cannot build."""
    missing = sorted({r.resource for r in ROUTES if r.has_id} - set(RESOURCES))
    assert missing == []
    unknown_lists = sorted({r.resource for r in ROUTES if not r.has_id} - set(RESOURCES) - AGGREGATES)
    assert unknown_lists == []


def _cases():
    for scenario in SCENARIOS:
        for route in ROUTES:
            if not route.has_id:
                continue
            resource = RESOURCES.get(route.resource)
            applies = resource is None or scenario.boundary == "company" \
                or resource.boundary == "practice"
            if applies:
                yield pytest.param(scenario, route, id=f"{scenario.name}-{route.method}-{route.path}")


def _call(client, route: Route, object_id: int, body: dict):
    url = route.url(object_id)
    if route.method in ("PATCH", "PUT", "POST"):
        return getattr(client, route.method.lower())(url, body)
    return getattr(client, route.method.lower())(url)


@pytest.mark.parametrize("auth", ["session", "token"])
@pytest.mark.parametrize(("scenario", "route"), list(_cases()))
def test_other_tenants_row_is_404_and_unchanged(tenant, scenario, route, auth):
    assert route.resource in RESOURCES, f"no fixture for {route.resource}"
    resource = RESOURCES[route.resource]
    w = World(tenant)
    actor = scenario.actor(w)
    make = session_api if auth == "session" else token_api
    client = make(actor, practice_id=w.a.id)

    target = resource.other(w, scenario)
    before = snapshot(target)
    resp = _call(client, route, target.pk, resource.patch)
    assert resp.status_code == 404, (route, resp.status_code, resp.content)
    assert snapshot(target) == before
    assert b"Hijacked" not in resp.content and b"HIJACK" not in resp.content

    # Control: the same call on the caller's own row works, so the 404 above is isolation,
    # not a broken route or an invalid body.
    own = resource.own(w, actor)
    own_resp = _call(client, route, own.pk, resource.patch)
    assert own_resp.status_code in (200, 204), (route, own_resp.status_code, own_resp.content)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_lists_never_show_other_tenants_rows(tenant, scenario):
    w = World(tenant)
    actor = scenario.actor(w)
    client = session_api(actor, practice_id=w.a.id)
    list_routes = [r for r in ROUTES if r.method == "GET" and not r.has_id
                   and r.resource not in AGGREGATES]
    assert {r.resource for r in list_routes} == set(RESOURCES)
    for route in list_routes:
        resource = RESOURCES[route.resource]
        own = resource.own(w, actor)
        other = resource.other(w, scenario)
        resp = client.get(f"{route.path}?limit=200" if route.resource != "tokens" else route.path)
        assert resp.status_code == 200, (route, resp.content)
        body = resp.json()
        ids = {row["id"] for row in (body["items"] if isinstance(body, dict) else body)}
        assert own.pk in ids, route
        assert other.pk not in ids, route
