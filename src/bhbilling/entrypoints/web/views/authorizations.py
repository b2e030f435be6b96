"""Authorizations: the list with usage bars, the alerts worklist, and the add/edit form.

Pages show PHI (patient names) and need VIEW_PHI; adding and editing need EDIT_PHI and go
through ``app.authorizations.records`` (the same validation and audit as the API and CLI).
Balances come from ``app.authorizations.usage``: used = billed, pending = scheduled or
done but not billed, and a voided claim gives its units back.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bhbilling.app import audit
from bhbilling.app.authorizations.records import create_authorization, update_authorization
from bhbilling.app.authorizations.usage import alert_rows, session_ids, thresholds, usage_of
from bhbilling.app.models import Authorization, Patient, Payer, Provider, UnitType
from bhbilling.domain.access import Permission
from bhbilling.domain.authorizations import CODE_GROUPS
from bhbilling.entrypoints.web.views import home
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page

DATE = forms.DateInput(attrs={"type": "date"})


class AuthorizationForm(forms.Form):
    patient = forms.ModelChoiceField(queryset=None)
    payer = forms.ModelChoiceField(queryset=None)
    number = forms.CharField(max_length=50, help_text="sent on the claim as REF*G1")
    codes = forms.CharField(help_text="codes or groups, comma-separated, e.g. 90837, group:psychotherapy")
    unit_type = forms.ChoiceField(choices=UnitType.choices)
    units_approved = forms.IntegerField(min_value=0, max_value=99999, label="Units approved")
    starts_on = forms.DateField(widget=DATE)
    ends_on = forms.DateField(widget=DATE)
    per_week_limit = forms.IntegerField(min_value=1, required=False, label="At most per week")
    provider = forms.ModelChoiceField(queryset=None, required=False,
                                      empty_label="Any provider of the practice")
    notes = forms.CharField(max_length=300, required=False)
    active = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["patient"].queryset = Patient.objects.order_by("last_name", "first_name")
        self.fields["payer"].queryset = Payer.objects.filter(active=True)
        self.fields["provider"].queryset = Provider.objects.filter(active=True)

    def service_data(self) -> dict[str, Any]:
        cd = self.cleaned_data
        return {"patient_id": cd["patient"].pk, "payer_id": cd["payer"].pk,
                "provider_id": cd["provider"].pk if cd["provider"] else None,
                "number": cd["number"], "codes": cd["codes"], "unit_type": cd["unit_type"],
                "units_approved": cd["units_approved"], "starts_on": cd["starts_on"],
                "ends_on": cd["ends_on"], "per_week_limit": cd["per_week_limit"],
                "notes": cd["notes"], "active": cd["active"]}

    def add_service_errors(self, exc: ValidationError) -> None:
        for name, msgs in exc.message_dict.items():
            field = name.removesuffix("_id")
            for msg in msgs:
                self.add_error(field if field in self.fields else None, msg)


@phi_page
def authorization_list(request: HttpRequest) -> HttpResponse:
    rows = Authorization.objects.select_related("patient", "payer").order_by("ends_on", "id")
    show_all = request.GET.get("all") == "1"
    if not show_all:
        rows = rows.filter(active=True)
    patient_id = request.GET.get("patient", "")
    if patient_id.isdigit():
        rows = rows.filter(patient_id=int(patient_id))
    usage = list(usage_of(rows[:500]).values())
    audit.record("list", None, actor=request.user, object_type="authorization",
                 practice_id=request.practice_id,
                 detail={"ids": [u.authorization.pk for u in usage]})
    return render(request, "web/authorizations.html", {"rows": usage, "show_all": show_all,
                                                       "alerts": len(alert_rows(home.CLOCK.today()))})


@phi_page
def authorization_alerts(request: HttpRequest) -> HttpResponse:
    today = home.CLOCK.today()
    limits = thresholds()
    rows = alert_rows(today, limits)
    audit.record("list", None, actor=request.user, object_type="authorization_alert",
                 practice_id=request.practice_id, detail={"count": len(rows)})
    return render(request, "web/authorization_alerts.html", {
        "rows": rows, "sessions": session_ids(rows), "today": today, "limits": limits,
        "percent": int(limits.percent_used * 100)})


def _form_page(request: HttpRequest, form: AuthorizationForm, row: Authorization | None) -> HttpResponse:
    return render(request, "web/authorization_form.html", {
        "form": form, "row": row, "groups": sorted(CODE_GROUPS)})


@practice_page(Permission.EDIT_PHI)
def authorization_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = AuthorizationForm(request.POST)
        if form.is_valid():
            try:
                row = create_authorization(form.service_data(), practice_id=request.practice_id,
                                           actor=request.user)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.info(request, f"Authorization {row.number} recorded.")
                return redirect("web:patient", pk=row.patient_id)
        return _form_page(request, form, None)
    initial: dict[str, Any] = {"unit_type": UnitType.VISIT, "active": True}
    patient = request.GET.get("patient", "")
    if patient.isdigit():
        initial["patient"] = get_object_or_404(Patient.objects.all(), pk=int(patient))
    return _form_page(request, AuthorizationForm(initial=initial), None)


@practice_page(Permission.EDIT_PHI)
def authorization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Authorization.objects.select_related("patient"), pk=pk)
    if request.method == "POST":
        form = AuthorizationForm(request.POST)
        if form.is_valid():
            try:
                update_authorization(row, form.service_data(), actor=request.user)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.info(request, f"Authorization {row.number} saved.")
                return redirect("web:authorizations")
        return _form_page(request, form, row)
    audit.record("read", row, actor=request.user)
    form = AuthorizationForm(initial={
        "patient": row.patient, "payer": row.payer_id, "number": row.number,
        "codes": ", ".join(row.codes), "unit_type": row.unit_type,
        "units_approved": int(row.units_approved), "starts_on": row.starts_on,
        "ends_on": row.ends_on, "per_week_limit": row.per_week_limit,
        "provider": row.provider_id, "notes": row.notes, "active": row.active})
    return _form_page(request, form, row)
