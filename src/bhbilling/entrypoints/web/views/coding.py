"""The "Proposed coding" panel of the session page: propose, accept, or change with a reason.

- The panel shows the current decision, or (before any) a proposal computed for display
  only: opening a page never writes.
- Accept and Change need Permission.EDIT_CLAIMS; both POST and then redirect back to the
  session page (plain POST-redirect-GET). Sent by HTMX they answer the panel alone, which
  replaces itself in place.
- The change form has one row per line (code, modifiers, units) plus an empty row to add a
  line; clearing a row's code removes that line. POS and diagnosis pointers are kept from
  the proposed line. Rules live in ``bhbilling.app.coding``, not here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bhbilling.app import coding as use_cases
from bhbilling.app.models import ClinicalSession
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views.guards import practice_page
from bhbilling.kernel.errors import BhBillingError

PANEL = "web/_coding_panel.html"
MAX_LINES = 20


def _session(pk: int) -> ClinicalSession:
    return get_object_or_404(
        ClinicalSession.objects.select_related("patient", "provider__supervisor", "location"),
        pk=pk,
    )


def panel_context(request: HttpRequest, session: ClinicalSession, *,
                  errors: list[str] | None = None, reason: str = "",
                  form_lines: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What ``_coding_panel.html`` needs; an engine or profile problem becomes a message."""
    history = list(use_cases.decision_history(session))
    current, problem = (history[0] if history else None), None
    if current is None:
        try:
            current = use_cases.preview(session)
        except BhBillingError as exc:
            problem = str(exc)
    proposal = current.proposed if current else {}
    shown = (current.final if current and current.status != "proposed" else
             proposal.get("lines", []))
    if form_lines is None:
        form_lines = [{"code": ln["code"], "modifiers": " ".join(ln["modifiers"]),
                       "units": ln["units"], "place_of_service": ln["place_of_service"],
                       "pointers": " ".join(str(p) for p in ln["diagnosis_pointers"])}
                      for ln in shown]
    pos = shown[0]["place_of_service"] if shown else (
        session.location.default_pos if session.location_id else "11")
    access = getattr(request, "access", None)
    return {
        "session": session, "coding": current, "coding_problem": problem,
        "proposal": proposal, "shown_lines": shown, "history": history,
        "form_lines": [*form_lines, {"code": "", "modifiers": "", "units": "1",
                                     "place_of_service": pos, "pointers": "1"}],
        "coding_errors": errors or [], "change_reason": reason,
        "can_code": bool(access and access.can(Permission.EDIT_CLAIMS, request.practice_id)),
    }


def _posted_lines(post) -> list[dict[str, Any]]:
    """The change form's rows; a row with an empty code is dropped (removes the line)."""
    try:
        count = min(int(post.get("line_count", "0")), MAX_LINES)
    except ValueError:
        count = 0
    rows = []
    for i in range(count):
        code = post.get(f"code_{i}", "").strip().upper()
        if not code:
            continue
        pointers = [int(p) if p.isdigit() else p
                    for p in post.get(f"pointers_{i}", "1").replace(",", " ").split()]
        rows.append({"code": code,
                     "modifiers": post.get(f"modifiers_{i}", "").replace(",", " ").upper().split(),
                     "units": post.get(f"units_{i}", "1").strip() or "1",
                     "place_of_service": post.get(f"pos_{i}", "").strip(),
                     "diagnosis_pointers": pointers})
    return rows


def _done(request: HttpRequest, session: ClinicalSession) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return render(request, PANEL, panel_context(request, session))
    return redirect("web:session", pk=session.pk)


def _failed(request: HttpRequest, session: ClinicalSession, errors: list[str], *,
            reason: str = "", form_lines: list[dict[str, Any]] | None = None) -> HttpResponse:
    ctx = panel_context(request, session, errors=errors, reason=reason, form_lines=form_lines)
    if request.headers.get("HX-Request"):
        return render(request, PANEL, ctx, status=422)
    from bhbilling.entrypoints.web.views.sessions import session_page_context

    return render(request, "web/session.html", {**session_page_context(session), **ctx},
                  status=422)


@require_POST
@practice_page(Permission.EDIT_CLAIMS)
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    try:
        use_cases.propose(session, request.user)
    except BhBillingError as exc:
        return _failed(request, session, [str(exc)])
    return _done(request, session)


@require_POST
@practice_page(Permission.EDIT_CLAIMS)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    reason = request.POST.get("reason", "").strip()
    if request.POST.get("action") == "accept":
        current = use_cases.current_decision(session)
        lines = (current.proposed if current else use_cases.preview(session).proposed)["lines"]
        form_lines = None
    else:
        lines = _posted_lines(request.POST)
        form_lines = [{**ln, "modifiers": " ".join(ln["modifiers"]),
                       "pointers": " ".join(str(p) for p in ln["diagnosis_pointers"])}
                      for ln in lines]
    try:
        use_cases.decide(session, lines, actor=request.user, reason=reason)
    except ValidationError as exc:
        errors = [msg for msgs in exc.message_dict.values() for msg in msgs]
        return _failed(request, session, errors, reason=reason, form_lines=form_lines)
    except BhBillingError as exc:
        return _failed(request, session, [str(exc)], reason=reason, form_lines=form_lines)
    return _done(request, session)
