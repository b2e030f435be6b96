"""The dashboard: this practice's patients, providers and this month's sessions at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bhbilling.app.models import ClinicalSession, Patient, Provider
from bhbilling.entrypoints.web.views.guards import reference_page
from bhbilling.kernel.clock import Clock, SystemClock

# "This month" depends on today; tests replace this with a FixedClock.
CLOCK: Clock = SystemClock()


@reference_page
def home(request: HttpRequest) -> HttpResponse:
    today = CLOCK.today()
    first = today.replace(day=1)
    sessions = ClinicalSession.objects.filter(date_of_service__range=(first, today))
    return render(request, "web/home.html", {
        "month_start": first,
        "today": today,
        "patient_count": Patient.objects.filter(active=True).count(),
        "provider_count": Provider.objects.filter(active=True).count(),
        "session_count": sessions.count(),
        "unsigned_count": sessions.filter(note_signed=False).count(),
    })
