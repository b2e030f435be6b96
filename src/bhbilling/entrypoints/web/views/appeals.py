"""Appeals: the list by deadline (reminders highlighted), the appeal page with its letter,
enclosure checklist and actions, the letter PDF, and "Start appeal" from a claim's denial.

Pages show PHI and need VIEW_PHI; every action and the letter PDF need WORK_DENIALS and go
through ``app.appeals.service`` (the same checks and audit as the API and CLI).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.appeals import service
from bhbilling.app.appeals.letters import letter_pdf
from bhbilling.app.appeals.queries import FILTERS, appeal_rows, next_level_offer, row_for
from bhbilling.app.models import Appeal, AppealStatus, Denial
from bhbilling.domain.access import Permission
from bhbilling.domain.appeals import Letter, LetterFormatError, reminder_dates
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.kernel.errors import BhBillingError

work_page = practice_page(Permission.WORK_DENIALS)


@phi_page
def appeal_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in FILTERS:
        status = "open"
    today = timezone.localdate()
    rows = appeal_rows(request.practice_id, today, status)
    audit.record("list", None, actor=request.user, object_type="appeal",
                 practice_id=request.practice_id, detail={"ids": [r.appeal.pk for r in rows]})
    return render(request, "web/appeals.html", {
        "rows": rows, "status": status, "filters": list(FILTERS), "today": today,
        "reminders": sum(1 for r in rows if r.reminder_on)})


def _appeal(pk: int) -> Appeal:
    return get_object_or_404(Appeal.objects.select_related(
        "claim__patient", "claim__payer", "denial__payment__remittance", "created_by"), pk=pk)


@phi_page
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(pk)
    audit.record("read", appeal, actor=request.user)
    today = timezone.localdate()
    try:
        letter = Letter.from_text(appeal.letter)
    except LetterFormatError:
        letter = None
    return render(request, "web/appeal.html", {
        "appeal": appeal, "row": row_for(appeal, today), "letter": letter, "today": today,
        "reminder_dates": reminder_dates(appeal.deadline), "offer": next_level_offer(appeal),
        "outcomes": [(v, label) for v, label in AppealStatus.choices
                     if v not in (AppealStatus.DRAFT, AppealStatus.SENT)],
        "others": Appeal.objects.filter(denial_id=appeal.denial_id).exclude(pk=appeal.pk)
        .order_by("level") if appeal.denial_id else [],
    })


@work_page
def appeal_letter(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(pk)
    pdf = letter_pdf(appeal, actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}-level{appeal.level}.pdf"'
    return response


def _late(request: HttpRequest) -> dict:
    return {"late_ok": request.POST.get("late_ok") == "1",
            "late_reason": request.POST.get("late_reason", "")}


@work_page
@require_POST
def appeal_start(request: HttpRequest, denial_pk: int) -> HttpResponse:
    denial = get_object_or_404(Denial.objects.select_related("claim"), pk=denial_pk)
    try:
        appeal = service.start_appeal(denial, actor=request.user, today=timezone.localdate(),
                                      **_late(request))
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:claim", pk=denial.claim_id)
    messages.info(request, f"Appeal {appeal.pk} drafted: deadline {appeal.deadline:%m/%d/%Y}.")
    return redirect("web:appeal", pk=appeal.pk)


@work_page
@require_POST
def appeal_sent(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(pk)
    ticked = set(request.POST.getlist("enclosure"))
    missing = [a for i, a in enumerate(appeal.attachments) if str(i) not in ticked]
    if missing:
        messages.error(request, f"Tick each enclosure before marking the appeal sent; not ticked: "
                                f"{', '.join(missing)}.")
        return redirect("web:appeal", pk=appeal.pk)
    try:
        service.mark_sent(appeal, actor=request.user, today=timezone.localdate(), **_late(request))
    except BhBillingError as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, f"Appeal {appeal.pk} marked sent; the claim is now appealed.")
    return redirect("web:appeal", pk=appeal.pk)


@work_page
@require_POST
def appeal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(pk)
    decided_on = parse_date(request.POST.get("decided_on", "") or "")
    try:
        recovered = Decimal(request.POST.get("recovered") or "0")
    except InvalidOperation:
        messages.error(request, "Recovered must be an amount such as 120.00.")
        return redirect("web:appeal", pk=appeal.pk)
    if decided_on is None:
        messages.error(request, "Decided on must be a date (YYYY-MM-DD).")
        return redirect("web:appeal", pk=appeal.pk)
    try:
        result = service.record_decision(appeal, outcome=request.POST.get("outcome", ""),
                                         decided_on=decided_on, recovered=recovered,
                                         actor=request.user, note=request.POST.get("note", ""))
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:appeal", pk=appeal.pk)
    text = f"Appeal {appeal.pk}: {result.appeal.get_status_display()}."
    if result.next_level:
        text += (f" Next: {result.next_level.name} by {result.next_level.deadline:%m/%d/%Y}.")
    messages.info(request, text)
    return redirect("web:appeal", pk=appeal.pk)


@work_page
@require_POST
def appeal_next_level(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _appeal(pk)
    try:
        new = service.start_next_level(appeal, actor=request.user, today=timezone.localdate(),
                                       **_late(request))
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:appeal", pk=appeal.pk)
    messages.info(request, f"Level {new.level} appeal {new.pk} drafted: deadline "
                           f"{new.deadline:%m/%d/%Y}.")
    return redirect("web:appeal", pk=new.pk)
