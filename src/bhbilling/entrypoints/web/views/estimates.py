"""Good Faith Estimates: the practice's worklist, one estimate, its PDF, and the forms.

Reading needs VIEW_PHI (every page is audited: ids only); creating, issuing, replacing and
voiding need EDIT_PHI and go through ``app.estimates`` (the same rules as the API and CLI).
The patient page shows the patient's estimates with the billed comparison and a create
form (``estimates_context``). "Today" comes from ``home.CLOCK`` so tests can fix it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.coding import code_label, fees_for
from bhbilling.app.estimates import (
    FILTERS,
    create_estimate,
    estimate_pdf,
    estimate_rows,
    filtered,
    issue,
    needs_estimate,
    supersede,
    void,
)
from bhbilling.app.models import EstimateTrigger, GoodFaithEstimate, Patient, Provider
from bhbilling.domain.access import Permission
from bhbilling.domain.estimates import EstimateError, max_period_end
from bhbilling.entrypoints.web.views import home
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page

DATE = forms.DateInput(attrs={"type": "date"})
ROWS = 4


class EstimateForm(forms.Form):
    provider = forms.ModelChoiceField(queryset=None, empty_label=None)
    trigger = forms.ChoiceField(choices=EstimateTrigger.choices)
    requested_on = forms.DateField(widget=DATE, label="Scheduled or requested on")
    first_service_on = forms.DateField(widget=DATE, required=False, label="First scheduled service")
    period_start = forms.DateField(widget=DATE)
    period_end = forms.DateField(widget=DATE, required=False,
                                 help_text="empty: 12 months less a day from the start (the longest allowed)")
    diagnoses = forms.CharField(required=False, max_length=200, help_text="ICD-10-CM, comma-separated")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.filter(active=True)
        for i in range(1, ROWS + 1):
            self.fields[f"code_{i}"] = forms.CharField(
                required=False, max_length=5, label=f"Code {i}",
                widget=forms.TextInput(attrs={"list": "self-pay-codes", "size": 7}))
            self.fields[f"modifiers_{i}"] = forms.CharField(required=False, max_length=11,
                                                            label=f"Modifiers {i}")
            self.fields[f"sessions_{i}"] = forms.IntegerField(required=False, min_value=1, max_value=999,
                                                              label=f"Sessions {i}")

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """(code, modifiers, sessions) fields per row, for the template."""
        return [(self[f"code_{i}"], self[f"modifiers_{i}"], self[f"sessions_{i}"])
                for i in range(1, ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        cd = super().clean()
        expected = []
        for i in range(1, ROWS + 1):
            code = (cd.get(f"code_{i}") or "").strip().upper()
            if not code:
                continue
            if not cd.get(f"sessions_{i}"):
                self.add_error(f"sessions_{i}", f"How many sessions of {code} are expected?")
                continue
            mods = [m for m in (cd.get(f"modifiers_{i}") or "").replace(",", " ").upper().split() if m]
            expected.append((code, mods, cd[f"sessions_{i}"]))
        if not expected and not self.errors:
            self.add_error("code_1", "List at least one expected service (code and sessions).")
        cd["expected"] = expected
        if cd.get("period_start") and not cd.get("period_end"):
            cd["period_end"] = max_period_end(cd["period_start"])
        return cd

    def add_service_error(self, exc: EstimateError) -> None:
        field, _, rest = str(exc).partition(": ")
        self.add_error(field if field in self.fields else None, rest if field in self.fields else str(exc))


def _today():
    return home.CLOCK.today()


def _can_edit(request: HttpRequest) -> bool:
    return request.access.can(Permission.EDIT_PHI, request.practice_id)


def _initial(patient: Patient, old: GoodFaithEstimate | None = None) -> dict[str, Any]:
    today = _today()
    if old is not None:
        out = {"provider": old.provider_id, "trigger": old.trigger, "requested_on": today,
               "first_service_on": old.first_service_on if old.first_service_on and
               old.first_service_on >= today else None,
               "period_start": old.period_start, "period_end": old.period_end,
               "diagnoses": ", ".join(old.diagnoses)}
        for i, item in enumerate(old.items[:ROWS], start=1):
            out |= {f"code_{i}": item["code"], f"modifiers_{i}": " ".join(item.get("modifiers") or []),
                    f"sessions_{i}": item["sessions"]}
        return out
    last = patient.sessions.order_by("-date_of_service", "-id").first()
    return {"trigger": EstimateTrigger.SCHEDULED, "requested_on": today, "period_start": today,
            "provider": last.provider_id if last else None,
            "diagnoses": ", ".join(last.diagnoses[:4]) if last else "", "code_1": "90834",
            "sessions_1": 52}


def _fee_codes(practice_id: int) -> list[tuple[str, str]]:
    """(code, "code modifiers: our label, $fee") for the self-pay schedule in force today."""
    out = []
    for (code, mods), fee in sorted(fees_for(practice_id, None, _today()).items()):
        shown = " ".join((code, *mods))
        out.append((code, f"{shown}: {code_label(code) or 'no label'}, ${fee}"))
    return out


def estimates_context(request: HttpRequest, patient: Patient) -> dict[str, Any]:
    """The patient page's "Good Faith Estimates" section: rows, comparison, need, a create form."""
    today = _today()
    rows = estimate_rows(patient.estimates.select_related("provider", "supersedes"), today)
    return {"estimate_rows": rows, "estimate_need": needs_estimate(patient, today),
            "estimate_form": EstimateForm(initial=_initial(patient)), "estimate_can_edit": _can_edit(request),
            "estimate_codes": _fee_codes(request.practice_id)}


@phi_page
def estimate_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "due")
    if show not in FILTERS:
        show = "due"
    today = _today()
    rows = filtered(show, today)
    counts = {k: len(filtered(k, today)) for k in ("due", "due_today", "overdue", "dispute")}
    audit.record("list", None, actor=request.user, object_type="goodfaithestimate",
                 practice_id=request.practice_id, detail={"ids": [r.estimate.pk for r in rows[:200]]})
    return render(request, "web/estimates.html", {"rows": rows, "show": show, "filters": FILTERS,
                                                  "counts": counts, "today": today})


@phi_page
def estimate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(GoodFaithEstimate.objects.select_related("patient", "provider", "supersedes"),
                          pk=pk)
    [row] = estimate_rows([e], _today())
    audit.record("read", e, actor=request.user)
    return render(request, "web/estimate.html", {
        "e": e, "row": row, "replaced_by": e.superseded_by.order_by("-id"), "today": _today(),
        "can_edit": _can_edit(request)})


@phi_page
def estimate_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(GoodFaithEstimate.objects.select_related("patient", "provider", "supersedes"),
                          pk=pk)
    data = estimate_pdf(e)
    audit.record("export", e, actor=request.user, detail={"format": "pdf"})
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{e.number}.pdf"'
    return response


def _form_page(request, patient: Patient, form: EstimateForm, old=None) -> HttpResponse:
    return render(request, "web/estimate_form.html", {
        "patient": patient, "form": form, "old": old, "codes": _fee_codes(request.practice_id)})


@practice_page(Permission.EDIT_PHI)
def estimate_new(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_object_or_404(Patient.objects.all(), pk=pk)
    if request.method != "POST":
        return _form_page(request, patient, EstimateForm(initial=_initial(patient)))
    form = EstimateForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            e = create_estimate(patient, cd["provider"], cd["trigger"], cd["requested_on"],
                                cd["first_service_on"], cd["period_start"], cd["period_end"],
                                cd["expected"], cd["diagnoses"].replace(";", ",").split(","),
                                actor=request.user, now=timezone.now())
        except EstimateError as exc:
            form.add_service_error(exc)
        else:
            messages.info(request, f"Good Faith Estimate {e.number} drafted: due {e.due_on:%m/%d/%Y}.")
            return redirect("web:estimate", pk=e.pk)
    return _form_page(request, patient, form)


@practice_page(Permission.EDIT_PHI)
def estimate_replace(request: HttpRequest, pk: int) -> HttpResponse:
    old = get_object_or_404(GoodFaithEstimate.objects.select_related("patient", "provider"), pk=pk)
    if request.method != "POST":
        return _form_page(request, old.patient, EstimateForm(initial=_initial(old.patient, old)), old)
    form = EstimateForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            if cd["provider"].pk != old.provider_id:
                raise EstimateError("provider: a replacement is from the same provider; draft a new "
                                    "estimate for another provider")
            e = supersede(old, requested_on=cd["requested_on"], trigger=cd["trigger"],
                          first_service_on=cd["first_service_on"], period_start=cd["period_start"],
                          period_end=cd["period_end"], expected=cd["expected"],
                          diagnoses=cd["diagnoses"].replace(";", ",").split(","), actor=request.user,
                          now=timezone.now())
        except EstimateError as exc:
            form.add_service_error(exc)
        else:
            messages.info(request, f"Good Faith Estimate {e.number} drafted to replace {old.number}.")
            return redirect("web:estimate", pk=e.pk)
    return _form_page(request, old.patient, form, old)


@practice_page(Permission.EDIT_PHI)
def estimate_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    e = get_object_or_404(GoodFaithEstimate.objects.all(), pk=pk)
    if request.method != "POST":
        return redirect("web:estimate", pk=pk)
    try:
        if action == "issue":
            field = forms.DateField(required=False)
            try:
                on = field.clean(request.POST.get("issued_on")) or _today()
            except forms.ValidationError:
                raise EstimateError("issued_on: expected a date (YYYY-MM-DD)") from None
            issue(e, on, actor=request.user)
            messages.info(request, f"{e.number} recorded as given to the patient on {on:%m/%d/%Y}.")
        elif action in ("dispute_open", "dispute_close"):
            from bhbilling.app.estimates.disputes import close_dispute, open_dispute

            field = forms.DateField(required=False)
            try:
                on = field.clean(request.POST.get("on")) or _today()
            except forms.ValidationError:
                raise EstimateError("on: expected a date (YYYY-MM-DD)") from None
            if action == "dispute_open":
                open_dispute(e, on=on, actor=request.user)
                messages.info(request, f"Dispute recorded on {e.number}: the patient's statements "
                                       "are held until it is closed.")
            else:
                close_dispute(e, on=on, actor=request.user)
                messages.info(request, f"Dispute on {e.number} closed.")
        else:
            void(e, actor=request.user)
            messages.info(request, f"{e.number} voided.")
    except EstimateError as exc:
        messages.error(request, str(exc))
    return redirect("web:estimate", pk=pk)
