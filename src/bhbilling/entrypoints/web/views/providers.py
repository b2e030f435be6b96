"""Rendering providers of the current practice: licences and payer enrollments.

Provider data is not PHI (NPIs are public in NPPES), so any member of the practice may read
it; patient names never appear on these pages.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bhbilling.app.models import Provider
from bhbilling.entrypoints.web.views import home
from bhbilling.entrypoints.web.views.guards import reference_page


@reference_page
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.select_related("supervisor")
    return render(request, "web/providers.html", {"providers": providers})


@reference_page
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider.objects.select_related("supervisor"), pk=pk)
    today = home.CLOCK.today()
    return render(request, "web/provider.html", {
        "provider": provider,
        "today": today,
        "licenses": provider.licenses.all(),
        "enrollments": provider.enrollments.select_related("payer").order_by("payer__name"),
        "supervisees": provider.supervisees.all(),
        "sessions_this_month": provider.sessions.filter(
            date_of_service__range=(today.replace(day=1), today)
        ).count(),
    })
