"""The patient statement as a PDF: what is owed, why, by when, and how to pay.

Layout (one US Letter page for most accounts; long accounts flow onto more pages):
- the practice letterhead; the patient's name and mailing address placed for a #10
  window envelope; statement date, number, account number, amount due and due date;
- the aging of the balance (0-30, 31-60, 61-90, 91-120, 120+ days, the A/R buckets of
  ``domain.receivables.aging``) so the patient sees what is old;
- one line per service: date of service, provider, code with our own short label (never
  AMA descriptor text), the charge, what insurance paid, the adjustments, what is still
  with insurance, the patient's payments and credits, and what they owe;
- the payment plan installment, when there is a plan; payments received recently;
- how to pay (the practice's statement message and the pay-to address);
- a remittance stub at the foot of the last page to tear off and send with a check.
The document takes facts (frozen dataclasses), never database rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus.flowables import TopPadder

from bhbilling.documents.pdf import INK, Letterhead, build_pdf, money, para, table

__all__ = ["PlanFacts", "StatementFacts", "StatementLineFacts", "render_statement"]


@dataclass(frozen=True, slots=True)
class StatementLineFacts:
    date_of_service: dt.date | None
    provider: str
    description: str
    charge: Decimal
    insurance_paid: Decimal
    adjustments: Decimal
    insurance_pending: Decimal
    your_payments: Decimal
    you_owe: Decimal


@dataclass(frozen=True, slots=True)
class PlanFacts:
    installment: Decimal
    next_due_on: dt.date | None
    amount_due: Decimal
    past_due: Decimal
    remaining: Decimal
    state: str


@dataclass(frozen=True, slots=True)
class StatementFacts:
    letterhead: Letterhead
    number: str
    statement_date: dt.date
    due_on: dt.date
    account_number: str
    patient_name: str
    patient_address: tuple[str, ...]
    balance: Decimal
    amount_due: Decimal
    insurance_paid: Decimal
    aging: tuple[tuple[str, Decimal], ...]
    lines: tuple[StatementLineFacts, ...]
    how_to_pay: str
    pay_to_name: str
    pay_to_address: tuple[str, ...]
    plan: PlanFacts | None = None
    recent_payments: tuple[tuple[dt.date, Decimal, str], ...] = ()


def _d(day: dt.date | None) -> str:
    return f"{day:%m/%d/%Y}" if day else ""


def _header(f: StatementFacts) -> Table:
    address = para("\n".join((f.patient_name, *f.patient_address)))
    facts = table([["Statement date", _d(f.statement_date)], ["Statement #", f.number],
                   ["Account #", f.account_number], ["Amount due", money(f.amount_due)],
                   ["Please pay by", _d(f.due_on)]], [1.2 * inch, 1.2 * inch], header=False,
                  right=(1,))
    facts.setStyle(TableStyle([("FONT", (0, 3), (-1, 3), "Helvetica-Bold", 10)]))
    outer = Table([[address, facts]], colWidths=[4.4 * inch, 2.6 * inch])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    return outer


def _aging(f: StatementFacts) -> Table:
    labels = [f"{label} days" for label, _ in f.aging] + ["Balance"]
    amounts = [money(a) for _, a in f.aging] + [money(f.balance)]
    width = 7.0 * inch / len(labels)
    return table([labels, amounts], [width] * len(labels), right=range(len(labels)))


def _lines(f: StatementFacts) -> list[Flowable]:
    head = ["Date", "Service", "Charge", "Insurance paid", "Adjusted", "With insurance",
            "Your payments", "You owe"]
    rows: list[list[object]] = [[para(h, "Small") for h in head]]
    for ln in f.lines:
        what = ln.description + (f"\n{ln.provider}" if ln.provider else "")
        rows.append([_d(ln.date_of_service), para(what, "Small"), money(ln.charge),
                     money(ln.insurance_paid), money(ln.adjustments), money(ln.insurance_pending),
                     money(ln.your_payments), money(ln.you_owe)])
    total_owed = sum((ln.you_owe for ln in f.lines), Decimal(0))
    rows.append(["", "Total of these services", "", money(sum((ln.insurance_paid for ln in f.lines),
                                                               Decimal(0))), "", "", "",
                 money(total_owed)])
    widths = [0.75 * inch, 2.05 * inch] + [0.7 * inch] * 6
    out: list[Flowable] = [para("Services", "Heading3"),
                           table(rows, widths, right=range(2, 8), total_row=True)]
    if total_owed != f.balance:
        out.append(para(f"Payments and credits on your account not tied to a service: "
                        f"{money(f.balance - total_owed)}", "Small"))
    return out


def _plan(f: StatementFacts) -> list[Flowable]:
    if f.plan is None:
        return []
    p = f.plan
    text = (f"You have a payment plan of {money(p.installment)} a month"
            + (f"; the next installment is due {_d(p.next_due_on)}" if p.next_due_on else "")
            + (f"; {money(p.past_due)} of earlier installments is past due" if p.past_due else "")
            + f". Please pay {money(p.amount_due)} now; {money(p.remaining)} remains on the plan.")
    return [para("Payment plan", "Heading3"), para(text)]


def _payments(f: StatementFacts) -> list[Flowable]:
    if not f.recent_payments:
        return []
    rows = [["Received", "How", "Amount"]] + [[_d(on), how, money(amount)]
                                               for on, amount, how in f.recent_payments]
    received = table(rows, [1.2 * inch, 2.0 * inch, 1.0 * inch], right=(2,))
    received.hAlign = "LEFT"
    return [para("Payments received - thank you", "Heading3"), received]


def _how_to_pay(f: StatementFacts) -> list[Flowable]:
    text = f.how_to_pay or "Please pay by check or call our office to pay by card."
    mail = ", ".join((f.pay_to_name, *f.pay_to_address))
    return [para("How to pay", "Heading3"), para(text),
            para(f"Mail checks payable to {f.pay_to_name} with the stub below to: {mail}.")]


def _stub(f: StatementFacts) -> Flowable:
    left = para("\n".join(("Please return this part with your payment to:",
                           f.pay_to_name, *f.pay_to_address)), "Small")
    right = table([["Account #", f.account_number], ["Statement #", f.number],
                   ["Patient", f.patient_name], ["Amount due", money(f.amount_due)],
                   ["Please pay by", _d(f.due_on)], ["Amount enclosed", "$ ______________"]],
                  [1.2 * inch, 2.0 * inch], header=False, right=(1,))
    right.setStyle(TableStyle([("FONT", (0, 3), (-1, 3), "Helvetica-Bold", 9)]))
    stub = Table([[para("Detach here", "Muted"), ""], [left, right]],
                 colWidths=[3.6 * inch, 3.4 * inch])
    stub.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LINEABOVE", (0, 0), (-1, 0), 0.75, INK, None, (3, 3)),
                              ("BOX", (1, 1), (1, 1), 0.5, colors.grey)]))
    whole = Table([[stub]], colWidths=[7.0 * inch])  # one row: never split across pages
    whole.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return whole


def render_statement(f: StatementFacts) -> bytes:
    """The statement PDF (US Letter) for ``f``."""
    story: list[Flowable] = [para("Patient statement", "Heading2"), _header(f),
                             Spacer(1, 0.1 * inch), para("Age of your balance", "Heading3"),
                             _aging(f), *_lines(f), *_plan(f), *_payments(f), *_how_to_pay(f),
                             TopPadder(_stub(f))]
    return build_pdf(f"Statement {f.number}", story, letterhead=f.letterhead)
