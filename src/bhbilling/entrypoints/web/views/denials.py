"""Denial workbench pages: the priority queue with filters and assignment, a denial's page
with the advice and the actions, and the write-off approval queue.

Pages show PHI and need VIEW_PHI; assigning and acting need WORK_DENIALS; the write-off
queue and its decisions need APPROVE_WRITEOFFS. Everything goes through ``app.denials`` /
``app.writeoffs`` (same checks and audit as the API and CLI).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.denials.assignment import assign, workers
from bhbilling.app.denials.perform import ACTION_LABELS, perform
from bhbilling.app.denials.queue import QueueFilters, item_for, workbench
from bhbilling.app.models import Denial, DenialStatus, Payer, WriteOff, WriteOffStatus
from bhbilling.app.writeoffs import approve, reject
from bhbilling.domain.access import Permission
from bhbilling.domain.denials import Category
from bhbilling.domain.denials.writeoffs import WriteOffKind
from bhbilling.entrypoints.web.views.guards import phi_page, practice_page
from bhbilling.kernel.errors import BhBillingError

work_page = practice_page(Permission.WORK_DENIALS)
approve_page = practice_page(Permission.APPROVE_WRITEOFFS)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def filters_from(request: HttpRequest) -> tuple[QueueFilters, dict]:
    """Queue filters from the query string (the API and the page read the same names)."""
    g = request.GET
    assignee = g.get("assignee", "")
    assignee_id = (request.user.pk if assignee == "me" else 0 if assignee == "none"
                   else _int(assignee))
    status = g.get("status", "")
    if status not in ("", "all", *DenialStatus.values):
        status = ""
    category = g.get("category", "")
    if category not in {c.value for c in Category}:
        category = ""
    chosen = {"category": category, "payer": g.get("payer", ""), "assignee": assignee,
              "status": status}
    return QueueFilters(category=category, payer_id=_int(g.get("payer")), assignee_id=assignee_id,
                        status=status), chosen


@phi_page
def denial_list(request: HttpRequest) -> HttpResponse:
    filters, chosen = filters_from(request)
    today = timezone.localdate()
    items = workbench(request.practice_id, filters, today=today, actor=request.user)
    return render(request, "web/denials.html", {
        "items": items, "chosen": chosen, "today": today,
        "categories": [(c.value, c.label) for c in Category],
        "payers": Payer.objects.filter(claims__practice_id=request.practice_id).distinct()
        .order_by("name"),
        "statuses": DenialStatus.choices, "workers": workers(request.practice_id),
        "can_work": request.access.can(Permission.WORK_DENIALS, request.practice_id),
        "can_approve": request.access.can(Permission.APPROVE_WRITEOFFS, request.practice_id),
        "total": sum((it.denial.amount for it in items), start=0),
    })


def _denial(pk: int) -> Denial:
    return get_object_or_404(Denial.objects.select_related(
        "claim__patient", "claim__payer", "assigned_to", "payment__remittance"), pk=pk)


@phi_page
def denial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    denial = _denial(pk)
    audit.record("read", denial, actor=request.user)
    item = item_for(denial, timezone.localdate())
    return render(request, "web/denial.html", {
        "item": item, "denial": denial, "claim": denial.claim,
        "actions": ACTION_LABELS, "kinds": [(k.value, k.label) for k in WriteOffKind],
        "workers": workers(request.practice_id),
        "appeals": denial.appeals.order_by("level", "id"),
        "write_offs": denial.write_offs.order_by("-requested_at"),
        "open": denial.status in (DenialStatus.OPEN, DenialStatus.IN_PROGRESS),
        "can_work": request.access.can(Permission.WORK_DENIALS, request.practice_id),
    })


def _back(request: HttpRequest, fallback: str = "") -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback or "web:denials")


@work_page
@require_POST
def denial_assign(request: HttpRequest) -> HttpResponse:
    ids = [int(x) for x in request.POST.getlist("denial") if x.isdigit()]
    who = request.POST.get("assignee", "")
    user = None
    if who == "me":
        user = request.user
    elif who.isdigit():
        user = next((u for u in workers(request.practice_id) if u.pk == int(who)), None)
        if user is None:
            messages.error(request, "Pick a user who may work denials in this practice.")
            return _back(request)
    elif who != "none":
        messages.error(request, "Choose who gets the denials (me, a biller, or nobody).")
        return _back(request)
    rows = list(Denial.objects.filter(pk__in=ids))
    if not rows:
        messages.error(request, "Tick at least one denial to assign.")
        return _back(request)
    try:
        count = assign(rows, user, actor=request.user)
    except BhBillingError as exc:
        messages.error(request, str(exc))
    else:
        name = user.get_username() if user else "nobody"
        messages.info(request, f"{count} denial{'s' if count != 1 else ''} assigned to {name}.")
    return _back(request)


@work_page
@require_POST
def denial_act(request: HttpRequest, pk: int) -> HttpResponse:
    denial = _denial(pk)
    p = request.POST
    try:
        outcome = perform(denial, p.get("action", ""), actor=request.user, now=timezone.now(),
                          today=timezone.localdate(), reason=p.get("reason", ""),
                          amount=p.get("amount", ""), kind=p.get("kind", ""),
                          waiver_on_file=p.get("waiver") == "1", late_ok=p.get("late_ok") == "1",
                          late_reason=p.get("late_reason", ""))
    except BhBillingError as exc:
        messages.error(request, str(exc))
        return redirect("web:denial", pk=denial.pk)
    messages.info(request, outcome.message)
    if outcome.appeal_id:
        return redirect("web:appeal", pk=outcome.appeal_id)
    if outcome.claim_id:
        return redirect("web:claim", pk=outcome.claim_id)
    return redirect("web:denial", pk=denial.pk)


@approve_page
def writeoff_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", WriteOffStatus.PENDING)
    if status not in (*WriteOffStatus.values, "all"):
        status = WriteOffStatus.PENDING
    rows = WriteOff.objects.select_related("claim", "patient", "requested_by", "decided_by", "denial")
    if status != "all":
        rows = rows.filter(status=status)
    rows = list(rows[:500])
    audit.record("list", actor=request.user, object_type="writeoff",
                 practice_id=request.practice_id, detail={"count": len(rows)})
    return render(request, "web/writeoffs.html", {
        "rows": rows, "status": status,
        "statuses": [*WriteOffStatus.choices, ("all", "All")],
    })


@approve_page
@require_POST
def writeoff_decide(request: HttpRequest, pk: int) -> HttpResponse:
    wo = get_object_or_404(WriteOff.objects.all(), pk=pk)
    decision = request.POST.get("decision", "")
    note = request.POST.get("note", "")
    try:
        if decision == "approve":
            approve(wo, approver=request.user, now=timezone.now(), note=note)
            messages.info(request, f"Write-off {wo.pk} approved and posted.")
        elif decision == "reject":
            reject(wo, approver=request.user, now=timezone.now(), note=note)
            messages.info(request, f"Write-off {wo.pk} rejected; nothing was posted.")
        else:
            messages.error(request, "Choose approve or reject.")
    except BhBillingError as exc:
        messages.error(request, str(exc))
    return redirect("web:writeoffs")
