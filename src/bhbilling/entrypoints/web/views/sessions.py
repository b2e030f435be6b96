"""Clinical sessions: a filterable list (date range, provider, patient) and the detail page.

Sessions name patients and diagnoses, so both pages need Permission.VIEW_PHI and are
audited; the audit detail holds ids and counts, never filter text. The detail page carries
the "Proposed coding" panel (``views.coding``).
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bhbilling.app import audit
from bhbilling.app.models import ClinicalSession, Patient, Provider
from bhbilling.entrypoints.web.views.coding import panel_context
from bhbilling.entrypoints.web.views.guards import phi_page

PAGE_SIZE = 50


class SessionFilter(forms.Form):
    """GET filters; querysets are set per request because they need the tenant scope."""

    date_from = forms.DateField(required=False, label="From",
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To",
                              widget=forms.DateInput(attrs={"type": "date"}))
    provider = forms.ModelChoiceField(queryset=Provider.unscoped.none(), required=False,
                                      empty_label="All providers")
    patient = forms.ModelChoiceField(queryset=Patient.unscoped.none(), required=False,
                                     widget=forms.HiddenInput)
    last_name = forms.CharField(required=False, label="Patient last name", max_length=60)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.all()
        self.fields["patient"].queryset = Patient.objects.all()

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return data

    def apply(self, sessions):
        data = self.cleaned_data
        if data.get("date_from"):
            sessions = sessions.filter(date_of_service__gte=data["date_from"])
        if data.get("date_to"):
            sessions = sessions.filter(date_of_service__lte=data["date_to"])
        if data.get("provider"):
            sessions = sessions.filter(provider=data["provider"])
        if data.get("patient"):
            sessions = sessions.filter(patient=data["patient"])
        if data.get("last_name"):
            sessions = sessions.filter(patient__last_name__istartswith=data["last_name"].strip())
        return sessions


@phi_page
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionFilter(request.GET or None)
    sessions = ClinicalSession.objects.select_related("patient", "provider")
    if form.is_bound:
        sessions = form.apply(sessions) if form.is_valid() else sessions.none()
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record("list", None, actor=request.user, object_type="ClinicalSession",
                 practice_id=request.practice_id,
                 detail={"ids": [s.pk for s in page], "page": page.number,
                         "filtered": form.is_bound})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/sessions.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })


def session_page_context(session: ClinicalSession) -> dict:
    """The encounter and claims parts of the session page (the coding panel adds its own)."""
    return {
        "session": session,
        "minutes": sorted(session.minutes.items()) if isinstance(session.minutes, dict) else [],
        "claims": session.claims.select_related("payer").order_by("-created_at"),
    }


@phi_page
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ClinicalSession.objects.select_related("patient", "provider__supervisor", "location"),
        pk=pk,
    )
    audit.record("read", session, actor=request.user)
    return render(request, "web/session.html", {
        **session_page_context(session), **panel_context(request, session),
    })
