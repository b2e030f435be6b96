"""Patients: a searchable list (HTMX search-as-you-type) and the patient chart summary.

Both pages show PHI, so they need Permission.VIEW_PHI and every view is audited (HIPAA
45 CFR 164.312(b)); the audit detail holds row ids and counts, never the search text,
which is often a patient's name.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers

from bhbilling.app import audit
from bhbilling.app.models import Patient
from bhbilling.entrypoints.web.views.eligibility import benefits_context
from bhbilling.entrypoints.web.views.estimates import estimates_context
from bhbilling.entrypoints.web.views.guards import phi_page
from bhbilling.entrypoints.web.views.patient_billing import billing_context

PAGE_SIZE = 50
RECENT_SESSIONS = 10


def search(query: str):
    """Patients of the current practice matching a name, 'Last, First' or account number."""
    patients = Patient.objects.all()
    query = query.strip()
    if not query:
        return patients
    if "," in query:
        last, _, first = (part.strip() for part in query.partition(","))
        return patients.filter(last_name__istartswith=last, first_name__istartswith=first)
    return patients.filter(
        Q(last_name__istartswith=query) | Q(first_name__istartswith=query)
        | Q(account_number__iexact=query)
    )


@phi_page
def patient_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    page = Paginator(search(query), PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record("list", None, actor=request.user, object_type="Patient",
                 practice_id=request.practice_id,
                 detail={"ids": [p.pk for p in page], "page": page.number,
                         "searched": bool(query.strip())})
    context = {"page": page, "q": query}
    # htmx asks for the full page (not the partial) when restoring history after a cache miss.
    partial = (request.headers.get("HX-Request") == "true"
               and request.headers.get("HX-History-Restore-Request") != "true")
    response = render(request, "web/_patient_results.html" if partial else "web/patients.html",
                      context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@phi_page
def patient_detail(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    audit.record("read", patient, actor=request.user)
    return render(request, "web/patient.html", {
        "patient": patient,
        "ssn_last4": patient.ssn[-4:] if patient.ssn else "",
        "coverages": patient.coverages.select_related("payer"),
        "consents": patient.consents.all(),
        "sessions": patient.sessions.select_related("provider")[:RECENT_SESSIONS],
        **benefits_context(request, patient),
        **estimates_context(request, patient),
        **billing_context(request, patient),
    })
