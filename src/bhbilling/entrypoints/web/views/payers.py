"""Payers of the billing company, with this practice's fee schedules and enrollments.

Payers are company-level (CompanyScopedManager); fee schedules and enrollments shown on the
detail page are the current practice's only (PracticeScopedManager).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bhbilling.app.models import Coverage, FeeSchedule, Payer, ProviderEnrollment
from bhbilling.documents.addresses import mailing_lines, phone_display
from bhbilling.entrypoints.web.views.guards import reference_page


@reference_page
def payer_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/payers.html", {"payers": Payer.objects.all()})


@reference_page
def payer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    payer = get_object_or_404(Payer.objects.all(), pk=pk)
    schedules = FeeSchedule.objects.filter(payer=payer).prefetch_related("rates")
    return render(request, "web/payer.html", {
        "payer": payer,
        "claims_address": mailing_lines(payer), "appeals_address": mailing_lines(payer, "appeals_"),
        "phone": phone_display(payer.phone),
        "schedules": [(s, sorted(s.rates.all(), key=lambda r: (r.code, r.modifiers)))
                      for s in schedules],
        "enrollments": ProviderEnrollment.objects.filter(payer=payer).select_related("provider"),
        "covered_patients": Coverage.objects.filter(payer=payer)
        .values("patient_id").distinct().count(),
    })
