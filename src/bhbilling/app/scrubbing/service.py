"""Scrub stored claims and keep every result: one ``ScrubRun`` per claim per scrub.

Model:
- ``iter_scrub`` builds snapshots chunk by chunk (``snapshots``), runs the pack on each with
  the claim's active overrides, and stores the runs of a chunk with one bulk insert and
  one audit batch, so 100,000 claims cost a few hundred queries, not a million.
- The pack is ``settings.BHBILLING_SCRUB_PACK`` (default the shipped "bh-core"), looked
  up first in ``settings.BHBILLING_SCRUB_PACK_DIRS``; every run stores its name and version.
- "Today" comes from ``CLOCK`` (timely filing, consents in force): tests replace it with a
  ``FixedClock``, as the dashboard's clock is replaced.
- A claim whose snapshot cannot be built (say its payer profile file is broken) gets one
  blocking ``SCRUB-SNAPSHOT-FAILED`` finding naming the problem; the batch goes on.
Runs are append-only: the newest run of a claim is its current state (``latest_run``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.audit.actor import resolve_actor
from bhbilling.app.models import Claim, ClaimState, FindingOverride, ScrubRun
from bhbilling.app.scrubbing.chunk_facts import CHUNK
from bhbilling.app.scrubbing.practice_facts import PracticeFacts
from bhbilling.app.scrubbing.snapshots import Built, iter_built
from bhbilling.app.tenancy import require_scope
from bhbilling.domain.scrubbing import (
    DEFAULT_PACK,
    ERROR,
    Finding,
    Override,
    Pack,
    ScrubResult,
    load_pack,
    scrub,
)
from bhbilling.domain.scrubbing.jsonl import result_to_dict
from bhbilling.kernel.clock import Clock, SystemClock

__all__ = ["CLOCK", "OPEN_STATES", "SNAPSHOT_FAILED", "ClaimScrub", "active_overrides", "current_pack",
           "iter_scrub", "latest_run", "open_claim_ids", "scrub_claims"]

CLOCK: Clock = SystemClock()
# Claims not sent yet: the ones a scrub can still change.
OPEN_STATES = (ClaimState.DRAFT, ClaimState.SCRUBBED, ClaimState.READY)
SNAPSHOT_FAILED = "SCRUB-SNAPSHOT-FAILED"


@dataclass(frozen=True, slots=True)
class ClaimScrub:
    claim_pk: int
    pcn: str
    result: ScrubResult


def current_pack() -> Pack:
    """The configured rule pack (cached by ``load_pack``)."""
    dirs = tuple(str(d) for d in getattr(settings, "BHBILLING_SCRUB_PACK_DIRS", ()))
    return load_pack(getattr(settings, "BHBILLING_SCRUB_PACK", DEFAULT_PACK), dirs)


def open_claim_ids(states: Sequence[str] | None = OPEN_STATES) -> list[int]:
    """Ids of the current practice's claims in ``states`` (None = all), patient by patient.

    Grouped by patient so that a chunk loads each patient's history once, not once per
    chunk that holds one of their claims.
    """
    rows = Claim.objects.all() if states is None else Claim.objects.filter(state__in=states)
    return list(rows.order_by("patient_id", "id").values_list("id", flat=True))


def active_overrides(claim_ids: Sequence[int] | None = None) -> dict[int, frozenset[Override]]:
    """(rule, line) overrides in force per claim of the current practice; None = every claim."""
    rows = FindingOverride.objects.filter(revoked_at__isnull=True)
    if claim_ids is not None:
        rows = rows.filter(claim_id__in=list(claim_ids))
    found: dict[int, set[Override]] = {}
    for claim_id, rule_id, line in rows.values_list("claim_id", "rule_id", "line"):
        found.setdefault(claim_id, set()).add((rule_id, line))
    return {k: frozenset(v) for k, v in found.items()}


def _failed(built: Built, pack: Pack) -> ScrubResult:
    finding = Finding(SNAPSHOT_FAILED, "completeness", ERROR,
                      f"the claim could not be scrubbed: {built.problem}",
                      "fix what the message names (payer profile, claim rows) and scrub again",
                      "docs/scrubbing.md")
    return ScrubResult(built.pcn, pack.name, pack.version, (finding,))


def _store(done: list[ClaimScrub], practice_id: int, label: str, actor, clock: Clock, pack: Pack) -> None:
    when = clock.now()
    runs = [ScrubRun(practice_id=practice_id, claim_id=s.claim_pk, pack=s.result.pack,
                     pack_version=s.result.pack_version, ran_at=when, ready=s.result.ready,
                     clean=s.result.clean, findings=result_to_dict(s.result)["findings"], actor=label)
            for s in done]
    with transaction.atomic():
        ScrubRun.unscoped.bulk_create(runs, batch_size=1000)
        audit.record_many("create", runs, actor=actor, detail={"pack": pack.name, "version": pack.version})


def iter_scrub(claim_ids: Iterable[int], *, actor=None, clock: Clock | None = None, store: bool = True,
               progress: Callable[[int, int], None] | None = None,
               facts: PracticeFacts | None = None) -> Iterator[ClaimScrub]:
    """Scrub claims of the current practice (tenant scope), yielding each result in turn.

    With ``store`` each chunk's runs are saved before its results are handed on.
    """
    practice_id = require_scope(practice=True).practice_id
    clock = clock or CLOCK
    pack = current_pack()
    ids = list(claim_ids)
    overrides = active_overrides(ids if len(ids) <= CHUNK else None)
    label = resolve_actor(actor)[1]
    buffer: list[ClaimScrub] = []
    done = 0
    for built in iter_built(practice_id, ids, as_of=clock.today(), facts=facts):
        if built.snapshot is None:
            result = _failed(built, pack)
        else:
            result = scrub(built.snapshot, pack, overrides.get(built.claim_pk, ()))
        buffer.append(ClaimScrub(built.claim_pk, built.pcn, result))
        if len(buffer) >= CHUNK:
            if store:
                _store(buffer, practice_id, label, actor, clock, pack)
            yield from buffer
            done += len(buffer)
            buffer = []
            if progress:
                progress(done, len(ids))
    if buffer:
        if store:
            _store(buffer, practice_id, label, actor, clock, pack)
        yield from buffer
        done += len(buffer)
        if progress:
            progress(done, len(ids))


def scrub_claims(claim_ids: Iterable[int], **kwargs) -> list[ClaimScrub]:
    """``iter_scrub`` as a list (small batches: the gate, one claim from the API or web)."""
    return list(iter_scrub(claim_ids, **kwargs))


def latest_run(claim: Claim) -> ScrubRun | None:
    return ScrubRun.objects.filter(claim=claim).order_by("-ran_at", "-id").first()
