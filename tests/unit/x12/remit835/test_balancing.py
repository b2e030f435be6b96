"""The three 835 balancing rules: exact differences, where they are, and a property test.

Ring: x12 (pure). Unbalanced files are valid files with one amount changed; each expected
difference is worked out by hand in the comment beside it (difference = stated - expected).
"""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bhbilling.x12.remit835 import balance_report, balances, read_835
from bhbilling.x12.remit835.balancing import RULE_CLAIM, RULE_LINE, RULE_PAYMENT
from tests.unit.x12.remit835.make835 import ClaimSpec, LineSpec, RemitSpec, simple_claim, write_835

# BPR 945 = 450 + 495. Claim 1: 800 - CO 50 (claim) - PR 300 (line) = 450; its line
# 800 - 300 = 500. Claim 2: 1200 - CO 55 - (PR 600 + CO 50) = 495; line 1200 - 650 = 550.
SEPARATE = (
    "ISA*00*          *00*          *ZZ*123456789012345*ZZ*123456789012346*080503*1705*>*00501"
    "*000010216*0*T*:~GS*HP*1234567890*1234567981*20080503*1705*20213*X*005010X221A1~"
    "ST*835*112233~BPR*I*945*C*ACH*CCP*01*888999777*DA*24681012*1935665544**01*111333555*DA"
    "*144444*20020316~TRN*1*71700666555*1935665544~DTM*405*20020314~N1*PR*RUSHMORE LIFE~"
    "N3*10 SOUTH AVENUE~N4*RAPID CITY*SD*55111~PER*BL*JOHN WAYNE*TE*8005551212*EX*123~"
    "N1*PE*ACME MEDICAL CENTER*XX*5544667733~REF*TJ*777667755~LX*1~"
    "CLP*5554555444*1*800*450*300*12*94060555410000~CAS*CO*A2*50~"
    "NM1*QC*1*BUDD*WILLIAM****MI*33344555510~SVC*HC:99211*800*500~DTM*150*20020301~"
    "DTM*151*20020304~CAS*PR*1*300~CLP*8765432112*1*1200*495*600*12*9407779923000~"
    "CAS*CO*A2*55~NM1*QC*1*SETTLE*SUSAN****MI*44455666610~SVC*HC:93555*1200*550~"
    "DTM*150*20020310~DTM*151*20020312~CAS*PR*1*600~CAS*CO*45*50~SE*27*112233~GE*1*20213~"
    "IEA*1*000010216~"
)  # badx12 X221 "dollars and data sent separate" (MIT), copied so this test runs alone


def _report(text: str):
    (remit,) = list(read_835(text.encode()))
    return balance_report(remit)


def _diffs(report) -> list[tuple[str, int | None, int | None, int, D]]:
    return [(i.rule, i.claim_index, i.line_number, i.segment_number, i.difference)
            for i in report.imbalances]


def test_the_original_balances() -> None:
    report = _report(SEPARATE)
    assert report.balanced and report.payment_difference == D("0.00")


def test_claim_paid_raised_by_5() -> None:
    # CLP04 455 vs 800 - 50 - 300 = 450: +5.00 at claim 1 (segment 14);
    # payment: BPR02 945 vs 455 + 495 = 950: -5.00 at BPR (segment 4).
    report = _report(SEPARATE.replace("*800*450*", "*800*455*"))
    assert _diffs(report) == [(RULE_PAYMENT, None, None, 4, D("-5.00")),
                              (RULE_CLAIM, 1, None, 14, D("5.00"))]
    assert report.payment_difference == D("-5.00")
    assert str(report.imbalances[1]) == ("claim 1 (segment 14): CLP04 states 455.00 but CLP03 "
                                         "minus claim and line CAS amounts is 450.00 "
                                         "(difference 5.00)")


def test_line_paid_lowered_by_one_cent() -> None:
    # SVC03 549.99 vs 1200 - 600 - 50 = 550: -0.01 at claim 2, line 1 (segment 24).
    report = _report(SEPARATE.replace("*1200*550~", "*1200*549.99~"))
    assert _diffs(report) == [(RULE_LINE, 2, 1, 24, D("-0.01"))]


def test_line_adjustment_missing() -> None:
    # without CAS*CO*45*50 the line states 550 vs 1200 - 600 = 600 (-50.00) and the claim
    # 495 vs 1200 - 55 - 600 = 545 (-50.00); the SE count drops by one.
    text = SEPARATE.replace("CAS*CO*45*50~", "").replace("SE*27*", "SE*26*")
    assert _diffs(_report(text)) == [(RULE_LINE, 2, 1, 24, D("-50.00")),
                                     (RULE_CLAIM, 2, None, 21, D("-50.00"))]


def test_payment_short_by_a_provider_adjustment() -> None:
    # BPR02 945 with PLB WO 10 taken back: expected 945 - 10 = 935, difference +10.00.
    text = SEPARATE.replace("SE*27*", "PLB*5544667733*20021231*WO:5554555444*10~SE*28*")
    report = _report(text)
    assert _diffs(report) == [(RULE_PAYMENT, None, None, 4, D("10.00"))]
    assert (report.claims_paid, report.provider_adjustments) == (D("945.00"), D("10.00"))
    assert not balances(next(read_835(text.encode())))


def test_adjustment_reported_at_both_levels_double_counts() -> None:
    # 150 - 150 (claim CAS) - 150 (line CAS) = -150 expected; CLP04 0: difference +150.00.
    spec = RemitSpec([ClaimSpec("DUP", "150", "0", status="4", adjustments=[("CO", "29", "150")],
                                lines=[LineSpec("90834", "150", "0", [("CO", "29", "150")])])])
    (remit,) = list(read_835(write_835([spec])))
    report = balance_report(remit)
    assert [(i.rule, i.difference) for i in report.imbalances] == [(RULE_CLAIM, D("150.00"))]


def test_reversal_and_correction_with_a_debit() -> None:
    # reversal -140 + correction 100 = -40 owed back: BPR02 40 with BPR03 "D" balances.
    reversal = ClaimSpec("R1", "-200", "-140", status="22", lines=[LineSpec(
        "90837", "-200", "-140", [("CO", "45", "-40"), ("PR", "2", "-20")])])
    correction = simple_claim("R1", co="80", pr="20")  # 200 - 80 - 20 = 100
    spec = RemitSpec([reversal, correction], payment="40", credit_debit="D", method="NON",
                     handling="H")
    (remit,) = list(read_835(write_835([spec])))
    report = balance_report(remit)
    assert report.balanced and report.payment == D("-40.00") and report.claims_paid == D("-40.00")
    flipped = RemitSpec([reversal, correction], payment="40", credit_debit="C")
    report = balance_report(next(read_835(write_835([flipped]))))
    assert _diffs(report) == [(RULE_PAYMENT, None, None, 4, D("80.00"))]  # 40 - (-40)


def test_findings_carry_no_patient_data() -> None:
    report = _report(SEPARATE.replace("*800*450*", "*800*455*"))
    findings = report.findings("remit.835")
    assert [f.code for f in findings] == ["835-BALANCE-PAYMENT", "835-BALANCE-CLAIM"]
    text = " ".join(str(f) for f in findings)
    assert "5554555444" not in text and "BUDD" not in text and "segment 14" in text


# ---- property: generated balanced remittances read back balanced, totals equal ------------

cents = st.integers(min_value=-50_000, max_value=500_000).map(lambda c: D(c) / 100)
positive = st.integers(min_value=1, max_value=500_000).map(lambda c: D(c) / 100)
reasons = st.sampled_from([("CO", "45"), ("PR", "1"), ("PR", "2"), ("PR", "3"), ("OA", "23"),
                           ("PI", "104"), ("CO", "253")])


@st.composite
def lines(draw) -> LineSpec:
    charge = draw(positive)
    adjustments = [(g, r, str(a)) for (g, r), a in draw(st.lists(st.tuples(reasons, cents),
                                                                 max_size=8))]
    paid = charge - sum((D(a) for _, _, a in adjustments), D(0))
    code = draw(st.sampled_from(["90837", "90834", "90791", "H0004", "90785"]))
    return LineSpec(code, str(charge), str(paid), adjustments, control=draw(st.text(
        "ABCDEF0123456789", min_size=1, max_size=12)))


@st.composite
def claims(draw, min_lines: int = 0) -> ClaimSpec:
    items = draw(st.lists(lines(), min_size=min_lines, max_size=4))
    claim_cas = [(g, r, str(a)) for (g, r), a in draw(st.lists(st.tuples(reasons, cents),
                                                               max_size=3))]
    # with lines, the charge is theirs; without, any charge fully paid before claim CAS
    charge = sum((D(li.charge) for li in items), D(0)) if items else draw(positive)
    paid = sum((D(li.paid) for li in items), D(0)) if items else charge
    paid -= sum((D(a) for _, _, a in claim_cas), D(0))
    status = draw(st.sampled_from(["1", "2", "3", "4", "19", "20", "21", "23", "25"]))
    return ClaimSpec(draw(st.text("ABCDEFGHJK0123456789", min_size=1, max_size=20)), str(charge),
                     str(paid), status=status, adjustments=claim_cas, lines=items)


@st.composite
def remits(draw, min_lines: int = 0) -> RemitSpec:
    plb = [(draw(st.sampled_from(["WO", "L6", "FB", "72", "CS", "J1", "IR"])),
            draw(st.text("ABC0123456789", max_size=10)), str(draw(cents)))
           for _ in range(draw(st.integers(0, 8)))]
    spec = RemitSpec(draw(st.lists(claims(min_lines), min_size=1, max_size=6)), plb=plb)
    total = sum((D(c.paid) for c in spec.claims), D(0)) - sum((D(p[2]) for p in plb), D(0))
    spec.payment, spec.credit_debit = str(abs(total)), ("D" if total < 0 else "C")
    return spec


def _amounts(spec: ClaimSpec) -> list[tuple[str, str, str]]:
    items = spec.adjustments + [a for li in spec.lines for a in li.adjustments]
    return sorted((g, r, str(D(a).quantize(D("0.01")))) for g, r, a in items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(remits(), min_size=1, max_size=3))
def test_generated_balanced_remittances_read_back_balanced(specs: list[RemitSpec]) -> None:
    remittances = list(read_835(write_835(specs)))
    assert len(remittances) == len(specs)
    for spec, remit in zip(specs, remittances, strict=True):
        report = balance_report(remit)
        assert report.balanced, [str(i) for i in report.imbalances]
        assert report.claims_paid == sum((D(c.paid) for c in spec.claims), D(0))
        assert report.provider_adjustments == sum((D(p[2]) for p in spec.plb), D(0))
        assert report.payment == report.claims_paid - report.provider_adjustments
        assert [c.patient_control_number for c in remit.claims] == [c.pcn for c in spec.claims]
        assert [c.paid for c in remit.claims] == [D(c.paid) for c in spec.claims]
        assert [len(c.lines) for c in remit.claims] == [len(c.lines) for c in spec.claims]
        assert [sorted((a.group, a.reason, str(a.amount)) for a in c.all_adjustments)
                for c in remit.claims] == [_amounts(c) for c in spec.claims]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(remits(min_lines=1), st.integers(min_value=-5000, max_value=5000).filter(bool),
       st.data())
def test_one_line_off_by_delta_is_the_only_imbalance(spec: RemitSpec, delta_cents: int,
                                                      data: st.DataObject) -> None:
    claim_no = data.draw(st.integers(1, len(spec.claims)))
    claim = spec.claims[claim_no - 1]
    line_no = data.draw(st.integers(1, len(claim.lines)))
    line = claim.lines[line_no - 1]
    delta = D(delta_cents) / 100
    line.paid = str(D(line.paid) + delta)  # SVC03 only: CLP04 and BPR02 stay balanced
    report = balance_report(next(read_835(write_835([spec]))))
    assert [(i.rule, i.claim_index, i.line_number, i.difference) for i in report.imbalances] == [
        (RULE_LINE, claim_no, line_no, delta)]
