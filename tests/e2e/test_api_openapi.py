"""The OpenAPI document and the docs page: every resource, both auth schemes."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

RESOURCES = ("practices", "locations", "providers", "payers", "patients", "coverages",
             "sessions")


def test_openapi_lists_every_route():
    resp = Client().get("/api/openapi.json")
    assert resp.status_code == 200
    schema = resp.json()
    assert schema["info"]["title"] == "bhbilling API"
    paths = schema["paths"]
    for name in RESOURCES:
        singular = name[:-1]
        assert set(paths[f"/api/v1/{name}"]) == {"get", "post"}, name
        assert set(paths[f"/api/v1/{name}/{{{singular}_id}}"]) == {"get", "patch"}, name
    assert set(paths["/api/v1/tokens"]) == {"get", "post"}
    assert set(paths["/api/v1/tokens/{token_id}"]) == {"get", "delete"}
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_patient_schema_has_masked_ssn_and_filters():
    schema = Client().get("/api/openapi.json").json()
    params = {p["name"] for p in schema["paths"]["/api/v1/sessions"]["get"]["parameters"]}
    assert {"patient", "provider", "date_from", "date_to", "limit", "offset"} <= params
    params = {p["name"] for p in schema["paths"]["/api/v1/patients"]["get"]["parameters"]}
    assert "q" in params


def test_docs_page_is_served():
    resp = Client().get("/api/docs")
    assert resp.status_code == 200
    assert b"openapi.json" in resp.content
