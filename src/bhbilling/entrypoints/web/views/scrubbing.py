"""The scrubber on the claim page: findings with fix hints, "Scrub now", and overrides.

- ``findings_context`` is what ``claim_detail`` adds to its page: the claim's latest run
  (each finding with its rule, severity, line, message, fix hint and reference), the
  overrides in force with who granted them and why, and what the user may do.
- ``scrub_claim`` (EDIT_CLAIMS) runs the rule pack on the claim now and stores the run.
- ``override_finding`` (OVERRIDE_FINDINGS) accepts one finding with a required reason; the
  override is audited and the claim is scrubbed again (``app.scrubbing.overrides``).
Both answer with a redirect back to the claim's findings panel and a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from bhbilling.app.models import Claim, FindingOverride
from bhbilling.app.scrubbing.overrides import OverrideRefused, add_override
from bhbilling.app.scrubbing.service import OPEN_STATES, latest_run, scrub_claims
from bhbilling.domain.access import Permission
from bhbilling.entrypoints.web.views.guards import practice_page


def findings_context(request: HttpRequest, claim: Claim) -> dict:
    """Context for ``web/_claim_findings.html`` (the claim page's findings panel)."""
    access = getattr(request, "access", None)
    practice_id = getattr(request, "practice_id", None)
    run = latest_run(claim)
    is_open = claim.state in OPEN_STATES
    return {
        "scrub_run": run,
        "scrub_findings": run.findings if run is not None else [],
        "scrub_overrides": list(FindingOverride.objects.filter(claim=claim, revoked_at__isnull=True)
                                .select_related("created_by").order_by("id")),
        "can_scrub": is_open and access is not None and access.can(Permission.EDIT_CLAIMS, practice_id),
        "can_override": is_open and access is not None and access.can(Permission.OVERRIDE_FINDINGS,
                                                                      practice_id),
    }


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("web:claim", args=[pk]) + "#findings")


@practice_page(Permission.EDIT_CLAIMS)
@require_POST
def scrub_claim(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.all(), pk=pk)
    [scrubbed] = scrub_claims([claim.pk], actor=request.user)
    result = scrubbed.result
    blocking = sum(1 for f in result.findings if f.blocks)
    messages.info(request, f"Scrubbed: {'ready to send' if result.ready else f'{blocking} error(s) block it'}"
                           f"; {len(result.warnings)} warning(s).")
    return _back(claim.pk)


@practice_page(Permission.OVERRIDE_FINDINGS)
@require_POST
def override_finding(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.all(), pk=pk)
    line_text = request.POST.get("line", "").strip()
    if line_text and not line_text.isdigit():
        messages.error(request, "Line: a claim line number, or empty for every line.")
        return _back(claim.pk)
    try:
        row, run = add_override(claim, request.POST.get("rule_id", ""), int(line_text) if line_text else None,
                                request.POST.get("reason", ""), user=request.user)
    except OverrideRefused as exc:
        messages.error(request, f"Not overridden: {exc}.")
        return _back(claim.pk)
    messages.info(request, f"{row.rule_id} overridden; the claim is "
                           f"{'ready to send' if run.ready else 'still blocked by other errors'}.")
    return _back(claim.pk)
