"""A/R pages: the aging table (/ar/), the claims behind a cell (/ar/claims/), the follow-up
work list (/ar/follow-up/) with notes and 276 status inquiries.

- Practice: ``?practice=<id>`` or ``all`` (every practice where the user holds the right:
  a billing company's view); default the current practice. A practice outside that list is
  refused (403), never silently dropped.
- Rights: the aging table is an aggregate (VIEW_REPORTS); the claims behind a cell and the
  work list show PHI (VIEW_PHI); a note needs EDIT_CLAIMS and a 276 SUBMIT_CLAIMS in the
  claim's own practice. Reads of claim lists are audited per practice with counts only.
- Everything goes through ``app.receivables`` (same numbers as the API and the CLI), so a
  cell and its drill-down are filled by the same rule and always agree.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bhbilling.app import audit
from bhbilling.app.models import Claim, FollowUpNote, Practice
from bhbilling.app.receivables.aging import aging_report, column_label, drill_down
from bhbilling.app.receivables.followup import ACTIONS, FollowUpError, add_note, inquire, work_list
from bhbilling.domain.access import Permission
from bhbilling.domain.receivables.aging_table import Basis, GroupBy, column_keys, parse_row, row_token
from bhbilling.entrypoints.web.views.guards import practice_page
from bhbilling.kernel.errors import BhBillingError

ALL = "all"
GROUP_LABELS = {GroupBy.PAYER: "By payer", GroupBy.PROVIDER: "By provider", GroupBy.PRACTICE: "By practice"}
BASIS_LABELS = {Basis.DOS: "Date of service", Basis.SUBMISSION: "Last submission"}


def _visible(request: HttpRequest, permission: Permission) -> list[int]:
    access = request.access
    return sorted(pid for pid in access.practice_ids if access.can(permission, pid))


def chosen_practices(request: HttpRequest, permission: Permission) -> tuple[str, list[int]]:
    """(the practice choice as text, the practice ids) from ``?practice``; 403 outside."""
    raw = request.GET.get("practice", "") or request.POST.get("practice", "")
    visible = _visible(request, permission)
    if raw == ALL:
        if not visible:
            raise PermissionDenied(f"Your role does not allow: {permission.label}.")
        return ALL, visible
    wanted = raw or str(request.practice_id)
    if not wanted.isdigit() or int(wanted) not in visible:
        raise PermissionDenied(f"You may not see that practice ({permission.label}).")
    return wanted, [int(wanted)]


def _choice(request: HttpRequest, name: str, enum, default):
    raw = request.GET.get(name, "")
    try:
        return enum(raw) if raw else default
    except ValueError:
        messages.warning(request, f"{name}: expected one of {', '.join(e.value for e in enum)}; "
                                  f"showing {default.value}.")
        return default


def _practice_options(request: HttpRequest, permission: Permission) -> list[dict]:
    return list(Practice.unscoped.filter(pk__in=_visible(request, permission)).order_by("name")
                .values("id", "name"))


@practice_page(Permission.VIEW_REPORTS)
def aging(request: HttpRequest) -> HttpResponse:
    practice, ids = chosen_practices(request, Permission.VIEW_REPORTS)
    basis = _choice(request, "basis", Basis, Basis.DOS)
    group = _choice(request, "group", GroupBy, GroupBy.PAYER)
    as_of = timezone.localdate()
    report = aging_report(ids, as_of=as_of, basis=basis, group=group)
    base = {"practice": practice, "basis": basis.value, "group": group.value}

    def link(row_key, column=None) -> str:
        q = {**base, "row": row_token(row_key)}
        if column:
            q["col"] = column
        return "/ar/claims/?" + urlencode(q)

    rows = [{"label": report.label(r.key), "key": row_token(r.key),
             "cells": [(c, r.cells[c], link(r.key, c)) for c in report.table.columns],
             "total": r.total, "link": link(r.key)} for r in report.table.rows]
    return render(request, "web/ar_aging.html", {
        "report": report, "rows": rows, "totals": report.table.totals, "as_of": as_of,
        "columns": report.columns, "basis": basis.value, "group": group.value, "practice": practice,
        "tabs": [(g.value, label, "?" + urlencode({**base, "group": g.value}))
                 for g, label in GROUP_LABELS.items()],
        "bases": [(b.value, label, "?" + urlencode({**base, "basis": b.value}))
                  for b, label in BASIS_LABELS.items()],
        "practice_options": _practice_options(request, Permission.VIEW_REPORTS),
        "many_practices": len(_visible(request, Permission.VIEW_REPORTS)) > 1,
    })


def _audit_list(request: HttpRequest, what: str, per_practice: dict[int, int]) -> None:
    for pid, count in per_practice.items():
        audit.record("list", None, object_type=what, object_id="", practice_id=pid,
                     actor=request.user, detail={"rows": count})


@practice_page(Permission.VIEW_PHI)
def aging_claims(request: HttpRequest) -> HttpResponse:
    practice, ids = chosen_practices(request, Permission.VIEW_REPORTS)
    if any(not request.access.can(Permission.VIEW_PHI, pid) for pid in ids):
        raise PermissionDenied("The claims behind a figure are PHI: you need View PHI in every "
                               "practice of the figure.")
    basis = _choice(request, "basis", Basis, Basis.DOS)
    group = _choice(request, "group", GroupBy, GroupBy.PAYER)
    column = request.GET.get("col", "") or None
    if column is not None and column not in column_keys(basis):
        raise Http404("col: not a column of this aging table")
    try:
        row_key = parse_row(request.GET.get("row", ""))
    except ValueError as exc:
        raise Http404(str(exc)) from None
    as_of = timezone.localdate()
    found = drill_down(ids, as_of=as_of, basis=basis, group=group, row_key=row_key, column=column)
    claims = Claim.unscoped.filter(pk__in=[c.claim.claim_id for c in found]).select_related(
        "patient", "payer", "rendering_provider", "practice")
    by_id = {c.pk: c for c in claims}
    counts: dict[int, int] = {}
    for c in found:
        counts[c.claim.practice_id] = counts.get(c.claim.practice_id, 0) + 1
    _audit_list(request, "aging_claims", counts)
    report = aging_report(ids, as_of=as_of, basis=basis, group=group)
    return render(request, "web/ar_claims.html", {
        "items": [(c, by_id[c.claim.claim_id]) for c in found],
        "total": sum((c.amount for c in found), start=0),
        "insurance": sum((c.insurance for c in found), start=0),
        "patient": sum((c.patient for c in found), start=0),
        "row_label": report.label(row_key), "column_label": column_label(column) if column else "All ages",
        "basis_label": BASIS_LABELS[basis], "as_of": as_of,
        "back": "/ar/?" + urlencode({"practice": practice, "basis": basis.value, "group": group.value}),
    })


@practice_page(Permission.VIEW_PHI)
def follow_up(request: HttpRequest) -> HttpResponse:
    practice, ids = chosen_practices(request, Permission.VIEW_PHI)
    today = timezone.localdate()
    items = work_list(ids, today, limit=500)
    counts: dict[int, int] = {}
    for it in items:
        counts[it.claim.practice_id] = counts.get(it.claim.practice_id, 0) + 1
    _audit_list(request, "follow_up_list", counts)
    return render(request, "web/ar_followup.html", {
        "items": items, "today": today, "practice": practice,
        "total": sum((it.balance.insurance for it in items), start=0),
        "can_send": all(request.access.can(Permission.SUBMIT_CLAIMS, pid) for pid in ids),
        "practice_options": _practice_options(request, Permission.VIEW_PHI),
        "many_practices": len(_visible(request, Permission.VIEW_PHI)) > 1,
    })


def _local_path(target: str, fallback: str) -> str:
    return target if target.startswith("/") and not target.startswith("//") else fallback


def _claim_for(request: HttpRequest, pk: int, permission: Permission) -> Claim:
    """The claim if the user holds ``permission`` in its practice; 404 otherwise (another
    tenant's id must look like a missing one)."""
    claim = (Claim.unscoped.filter(pk=pk, practice_id__in=request.access.practice_ids)
             .select_related("patient", "payer", "practice").first())
    if claim is None or not request.access.can(Permission.VIEW_PHI, claim.practice_id):
        raise Http404("No such claim.")
    if not request.access.can(permission, claim.practice_id):
        raise PermissionDenied(f"Your role does not allow: {permission.label}.")
    return claim


@practice_page(Permission.VIEW_PHI)
def claim_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim's follow-up notes and the form for the next one (GET), or a new note (POST)."""
    if request.method == "POST":
        claim = _claim_for(request, pk, Permission.EDIT_CLAIMS)
        raw_next = request.POST.get("next_action_on", "")
        try:
            next_on = dt.date.fromisoformat(raw_next) if raw_next else None
            add_note(claim, request.POST.get("text", ""), request.POST.get("action", ""), next_on,
                     actor=request.user, now=timezone.now())
        except ValueError as exc:  # FollowUpError is a ValueError; so is a bad date
            text = str(exc) if isinstance(exc, FollowUpError) else \
                f"next action date: expected YYYY-MM-DD, got {raw_next[:20]!r}"
            messages.error(request, f"Note not saved: {text}")
            return redirect("web:ar_claim_notes", pk=claim.pk)
        messages.success(request, f"Note saved on claim {claim.patient_control_number}.")
        return redirect(_local_path(request.POST.get("back", ""), f"/ar/follow-up/{claim.pk}/notes/"))
    claim = _claim_for(request, pk, Permission.VIEW_PHI)
    audit.record("read", claim, actor=request.user, patient_id=claim.patient_id,
                 detail={"view": "follow_up_notes"})
    template = "web/_ar_note_form.html" if request.headers.get("HX-Request") else "web/ar_notes.html"
    return render(request, template, {
        "claim": claim, "notes": FollowUpNote.unscoped.filter(claim=claim)  # its practice: checked above
        .select_related("author").order_by("-at", "-id"),
        "actions": ACTIONS, "today": timezone.localdate(),
        "can_edit": request.access.can(Permission.EDIT_CLAIMS, claim.practice_id),
        "back": _local_path(request.GET.get("back", ""), "/ar/follow-up/"),
    })


@practice_page(Permission.VIEW_PHI)
@require_POST
def send_inquiries(request: HttpRequest) -> HttpResponse:
    ids = [int(x) for x in request.POST.getlist("claim") if x.isdigit()]
    claims = [_claim_for(request, pk, Permission.SUBMIT_CLAIMS) for pk in ids]
    back = "/ar/follow-up/?" + urlencode({"practice": request.POST.get("practice", "")})
    if not claims:
        messages.error(request, "Tick at least one claim to ask its payer about.")
        return redirect(back)
    try:
        runs = inquire(claims, actor=request.user, today=timezone.localdate(), now=timezone.now())
    except BhBillingError as exc:
        messages.error(request, f"No status inquiry sent: {exc}")
        return redirect(back)
    for run in runs:
        state = "delivered" if run.delivered else "NOT delivered (the claims are noted; check the connection)"
        messages.success(request, f"276 {run.file_name}: {len(run.asked)} claim(s) asked, {state}.")
    return redirect(back)
