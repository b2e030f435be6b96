"""Charts: the same reportlab Drawing as accessible inline SVG and inside a PDF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

from bhbilling.documents.pdf import build_pdf
from bhbilling.reports import charts as c
from tests.pdfcheck import ink_share, pdf_text

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ("Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026")
CHARGES = c.Series(
    "Charges",
    (D("1200.50"), D("900.00"), D("0.00"), D("1500.00")),
    links=("/d?m=1&k=charges", "/d?m=2", "/d?m=3", "/d?m=4"),
)
PAYMENTS = c.Series("Payments", (D("1000.00"), D("850.00"), None, D("1400.00")))
DATA = c.ChartData("Charges vs payments", MONTHS, (CHARGES, PAYMENTS), "$")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  # raises on anything that is not well-formed XML


@pytest.mark.parametrize("make", [c.bar_chart, c.stacked_bar_chart])
def test_bar_charts_draw_one_bar_per_figure(make):
    root = _parse(c.to_svg(make(DATA)))
    bars = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "bar"]
    # 4 charges + 3 payments (None is a gap); a zero is still a (flat) bar in grouped bars
    expected = 7 if make is c.bar_chart else 6  # stacked bars skip the empty $0.00 segment
    assert len(bars) == expected


def test_line_chart_draws_one_point_per_figure_and_a_line_per_run():
    drawing = c.line_chart(DATA)
    root = _parse(c.to_svg(drawing))
    points = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "point"]
    assert len(points) == 7
    assert len(c.bars_in(drawing)) == 7


def test_svg_is_inline_accessible_and_reads_every_figure():
    svg = c.to_svg(c.bar_chart(DATA), element_id="trend-money")
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "trend-money-title trend-money-desc"
    assert root.find(f"{SVG}title").text == "Charges vs payments"
    desc = root.find(f"{SVG}desc").text
    assert "Charges: Jan 2026: $1,200.50; Feb 2026: $900.00; Mar 2026: $0.00; Apr 2026: $1,500.00." in desc
    assert "Payments: Jan 2026: $1,000.00; Feb 2026: $850.00; Mar 2026: n/a;" in desc
    assert root.get("viewBox") == "0 0 480 220" and root.get("width") == "100%"
    assert 'id="group"' not in svg  # several charts on one page must not share ids


def test_bars_link_to_their_drill_down_with_a_title():
    root = _parse(c.to_svg(c.bar_chart(DATA)))
    links = [a for a in root.iter(f"{SVG}a")]
    assert [a.get("href") for a in links] == ["/d?m=1&k=charges", "/d?m=2", "/d?m=3", "/d?m=4"]
    assert links[0].get("{http://www.w3.org/1999/xlink}title") == "Jan 2026, Charges: $1,200.50"


def test_bar_heights_follow_the_values():
    drawing = c.bar_chart(c.ChartData("Denials", ("A", "B"), (c.Series("n", (D(10), D(5))),)))
    tall, short = c.bars_in(drawing)
    assert tall.height == pytest.approx(2 * short.height)
    assert tall.height > 0


def test_table_rows_give_the_numbers_for_screen_readers():
    assert c.table_rows(DATA)[:2] == [["", "Charges", "Payments"], ["Jan 2026", "$1,200.50", "$1,000.00"]]
    assert c.format_value(D("96.4"), "%") == "96.40 %"
    assert c.format_value(D("31.25"), "days") == "31.2 days"


def test_series_length_must_match_categories():
    with pytest.raises(ValueError, match="has 1 values for 4 categories"):
        c.ChartData("x", MONTHS, (c.Series("s", (D(1),)),))


def test_the_same_drawing_goes_into_a_pdf():
    data = build_pdf("Charts", [c.bar_chart(DATA), c.line_chart(DATA), c.stacked_bar_chart(DATA)])
    assert "Charges vs payments" in pdf_text(data)
    assert ink_share(data) > 0.01
