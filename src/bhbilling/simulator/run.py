"""One simulator cycle: read the inbox, answer every file, run the payers' payments.

`run_cycle(inbox_files, payerbook, state_path, out_dir, seed, today)`:
1. Files are taken in name order; each is sniffed by its first ST01: 837 (claims ->
   999 + 277CA, see `claims_in`), 276 (kept for step 3), 270 (kept for step 3); anything
   else, or a file that is not X12, is listed in the summary's problems and skipped.
2. The payment run (`payments_out`): due claims adjudicated, earlier payments reversed,
   corrected or recouped by the mix, one 835 per payer and submitter.
3. 276s answered with 277s and 270s with 271s -- after step 2, so a claim paid in this
   cycle already reports its payment.
4. The state file is saved (atomically) and a `CycleSummary` returned.
Deterministic: the same seed, inbox, payer book, state and `today` give byte-identical
files with the same names: `<inbox name>.999`, `.277ca`, `.277`, `.271`, and
`<YYYYMMDD>-<payer id>-<ISA13>.835`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from bhbilling.kernel.errors import BhBillingError
from bhbilling.simulator.claims_in import receive_837p
from bhbilling.simulator.interchange import Interchange, created_at
from bhbilling.simulator.payerbook import PayerBook, load_payerbook
from bhbilling.simulator.payments_out import payment_run
from bhbilling.simulator.state import SimulatorState
from bhbilling.simulator.status import eligibility_body, read_270, status_body
from bhbilling.simulator.summary import CycleContext, CycleSummary
from bhbilling.x12.envelope_reader import Interchange as ReadInterchange
from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.errors import X12Error
from bhbilling.x12.status276 import read_276

__all__ = ["run_cycle"]


def _sniff(data: bytes, name: str) -> tuple[str, ReadInterchange]:
    for tx in iter_transactions(data, file_name=name, stream=True):
        return tx.set_id, tx.group.interchange
    raise X12Error("no transaction set in the file", file=name)


def _answer(ctx: CycleContext, name: str, data: bytes, set_id: str, ic: ReadInterchange) -> None:
    book = ctx.book
    out = Interchange(functional_id="HN" if set_id == "276" else "HB",
                      version="005010X212" if set_id == "276" else "005010X279A1",
                      sender_id=book.clearinghouse_id, receiver_id=ic.sender_id,
                      receiver_qualifier=ic.sender_qualifier, control_number=ctx.state.next("interchange"),
                      today=ctx.today, test=ic.usage != "P")
    if set_id == "276":
        for request in read_276(data, file_name=name):
            out.add("277", status_body(book, ctx.state, request, ctx.today))
            ctx.summary.status_answers += len(request.inquiries)
        ctx.write(f"{name}.277", out.text())
    else:
        for request in read_270(data, file_name=name):
            out.add("271", eligibility_body(book, ctx.state, request, created_at(ctx.today)))
            ctx.summary.eligibility_answers += len(request.questions)
        ctx.write(f"{name}.271", out.text())


def run_cycle(inbox_files: Iterable[str | os.PathLike], payerbook: PayerBook | str | os.PathLike,
              state_path: str | os.PathLike, out_dir: str | os.PathLike, seed: int | None = None,
              today: dt.date | None = None, *, on_file: Callable[[str], None] | None = None) -> CycleSummary:
    """Run one cycle (see the module docstring); `today` is required (time is injected).

    `on_file(name)` is called after each inbox file is handled (for a progress bar).
    """
    if today is None:
        raise BhBillingError("run_cycle needs `today`: the simulator never reads the clock")
    book = payerbook if isinstance(payerbook, PayerBook) else load_payerbook(payerbook)
    seed = book.seed if seed is None else seed
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = SimulatorState.load(state_path)
    ctx = CycleContext(book, state, seed, today, out, CycleSummary(today, seed))
    questions: list[tuple[str, bytes, str, ReadInterchange]] = []
    for path in sorted((Path(p) for p in inbox_files), key=lambda p: p.name):
        ctx.summary.files_read += 1
        try:
            _take(ctx, path, questions)
        except BhBillingError as exc:  # e.g. a value holding one of our delimiters: never crash
            ctx.summary.problems.append((path.name, str(exc)))
        if on_file is not None:
            on_file(path.name)
    payment_run(ctx)
    for name, data, set_id, ic in questions:
        try:
            _answer(ctx, name, data, set_id, ic)
        except X12Error as exc:
            ctx.summary.problems.append((name, _located(exc)))
        except BhBillingError as exc:
            ctx.summary.problems.append((name, str(exc)))
    state.save()
    return ctx.summary


def _take(ctx: CycleContext, path: Path, questions: list) -> None:
    """Step 1 for one inbox file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.summary.problems.append((path.name, f"cannot read the file ({exc.strerror})"))
        return
    try:
        set_id, ic = _sniff(data, path.name)
    except X12Error as exc:
        if set_id_hint(data) == "837":
            receive_837p(ctx, path.name, data)  # the 999 reports the envelope error
        else:
            ctx.summary.problems.append((path.name, _located(exc)))
        return
    if set_id == "837":
        receive_837p(ctx, path.name, data)
    elif set_id in ("276", "270"):
        questions.append((path.name, data, set_id, ic))
    else:
        ctx.summary.problems.append((path.name, f"transaction set {set_id} is not something a payer answers"))


def set_id_hint(data: bytes) -> str:
    """ST01 of the first ST, read loosely (for a file whose envelope is broken)."""
    text = data[:8192].decode("latin-1").replace("\r", "").replace("\n", "").lstrip("\ufeff\xef\xbb\xbf \t")
    if len(text) < 106 or not text.startswith("ISA"):
        return ""
    sep, term = text[3], text[105]
    at = text.find(f"{term}ST{sep}")
    return text[at + 4:at + 7] if at >= 0 else ""


def _located(exc: X12Error) -> str:
    """Where and what was expected, without the value found (it may be PHI)."""
    text = exc.location or "the file"
    if exc.message:
        text += f": {exc.message}"
    if exc.expected:
        text += f", expected {exc.expected}"
    return text
