"""Charts drawn on our own server with reportlab.graphics: one Drawing for the web and the PDF.

Why here and why reportlab: the dashboard must not load a chart library from outside (no CDN,
no network), and the monthly PDF must show the very same picture. A reportlab ``Drawing`` is
a platypus Flowable (goes straight into a PDF story) and renders to SVG (``to_svg``) for the
web page, so there is one drawing code path and two outputs.

Model:
- ``ChartData``: a title, category labels (x axis), one or more ``Series`` of Decimal values
  (None = no figure, drawn as a gap) and a unit ("$", "%", "days" or "" for counts); a series
  may carry one link per point (the drill-down page of that figure).
- ``bar_chart`` (grouped bars), ``stacked_bar_chart`` and ``line_chart`` each return a
  ``ChartDrawing`` (a Drawing that keeps its ``ChartData``, so the web page can print the
  numbers as a table for screen readers).
- ``to_svg``: inline SVG with ``role="img"``, ``aria-labelledby`` pointing at its <title>,
  and a <desc> that reads every figure; bars and points carry ``class="bar"``/``"point"`` and
  their drill-down link. WCAG 2.1 SC 1.1.1 (non-text content has a text alternative).

Geometry is float (pixels); the figures themselves stay Decimal until they are placed.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

__all__ = [
    "PALETTE",
    "ChartData",
    "ChartDrawing",
    "Series",
    "bar_chart",
    "bars_in",
    "describe",
    "format_value",
    "line_chart",
    "stacked_bar_chart",
    "table_rows",
    "to_svg",
]

# Colour-blind-safe order (Okabe-Ito blue, orange, bluish green, vermillion, purple, sky).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#6b7280")
INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
GRID = colors.HexColor("#e5e7eb")
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
LEFT, RIGHT, TOP, BOTTOM = 52.0, 10.0, 26.0, 40.0
_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal | None, ...]
    links: tuple[str, ...] = ()  # one URL per value (the drill-down), or none


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""  # "$", "%", "days" or "" (a count)

    def __post_init__(self) -> None:
        if not self.series:
            raise ValueError(f"chart {self.title!r} needs at least one series")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"chart {self.title!r}: series {s.name!r} has {len(s.values)} "
                    f"values for {len(self.categories)} categories"
                )
            if s.links and len(s.links) != len(s.values):
                raise ValueError(f"chart {self.title!r}: series {s.name!r} needs one link per value")


class ChartDrawing(Drawing):
    """A Drawing that remembers the figures it shows (for the SVG <desc> and data tables)."""

    def __init__(self, width: float, height: float, data: ChartData, kind: str) -> None:
        super().__init__(width, height)
        # reportlab validates Drawing attributes; these two are ours, kept beside its own
        self.__dict__["data"] = data
        self.__dict__["kind"] = kind


def format_value(value: Decimal | None, unit: str) -> str:
    """How a figure reads on an axis, a label or to a screen reader."""
    if value is None:
        return "n/a"
    if unit == "$":
        sign = "-" if value < 0 else ""
        return f"{sign}${abs(value):,.2f}"
    if unit == "%":
        return f"{value:,.2f} %"
    if unit == "days":
        return f"{value:,.1f} days"
    return f"{value:,}"


def _axis_label(value: float, unit: str) -> str:
    if unit == "$":
        if abs(value) >= 1_000_000:
            return f"${value / 1_000_000:,.1f}M"
        if abs(value) >= 10_000:
            return f"${value / 1000:,.0f}k"
        return f"${value:,.0f}"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text}%" if unit == "%" else text


def _nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 up to at least ``top`` in 1/2/2.5/5 x 10^k steps (so axis labels are round)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    steps = math.ceil(top / step - 1e-9)
    return [i * step for i in range(steps + 1)]


def _link(shape, url: str, title: str) -> None:
    # reportlab validates attributes; the SVG renderer reads these from __dict__
    shape.__dict__["hrefURL"] = url
    shape.__dict__["hrefTitle"] = title


def _svg_class(shape, name: str) -> None:
    shape.__dict__["_svgAttrs"] = {"class": name}


class _Frame:
    """Plot area, y scale, axes, grid, category labels, title and legend."""

    def __init__(self, drawing: ChartDrawing, top_value: float) -> None:
        self.d = drawing
        self.x0, self.y0 = LEFT, BOTTOM
        self.w = drawing.width - LEFT - RIGHT
        self.h = drawing.height - BOTTOM - TOP
        self.ticks = _nice_ticks(top_value)
        self.top = self.ticks[-1]

    def y(self, value: float) -> float:
        return self.y0 + self.h * (value / self.top if self.top else 0)

    def draw_axes(self) -> None:
        data, d = self.d.data, self.d
        d.add(
            String(
                self.x0 - 44, d.height - 14, data.title, fontName="Helvetica-Bold", fontSize=10, fillColor=INK
            )
        )
        for tick in self.ticks:
            y = self.y(tick)
            d.add(Line(self.x0, y, self.x0 + self.w, y, strokeColor=GRID, strokeWidth=0.5))
            d.add(
                String(
                    self.x0 - 4,
                    y - 3,
                    _axis_label(tick, data.unit),
                    fontName="Helvetica",
                    fontSize=7,
                    fillColor=MUTED,
                    textAnchor="end",
                )
            )
        d.add(Line(self.x0, self.y0, self.x0 + self.w, self.y0, strokeColor=INK, strokeWidth=0.75))
        slot = self.w / max(len(data.categories), 1)
        every = max(1, math.ceil(len(data.categories) * 34 / self.w))  # skip labels when crowded
        for i, label in enumerate(data.categories):
            if i % every == 0:
                d.add(
                    String(
                        self.x0 + slot * (i + 0.5),
                        self.y0 - 11,
                        label,
                        fontName="Helvetica",
                        fontSize=7,
                        fillColor=MUTED,
                        textAnchor="middle",
                    )
                )
        self.draw_legend()

    def draw_legend(self) -> None:
        data, d = self.d.data, self.d
        if len(data.series) < 2:
            return
        x = self.x0
        for index, s in enumerate(data.series):
            d.add(
                Rect(x, 8, 8, 8, fillColor=colors.HexColor(PALETTE[index % len(PALETTE)]), strokeColor=None)
            )
            d.add(String(x + 11, 9, s.name, fontName="Helvetica", fontSize=7, fillColor=INK))
            x += 18 + 4.2 * len(s.name)


def _number(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _title(data: ChartData, s: Series, i: int) -> str:
    return f"{data.categories[i]}, {s.name}: {format_value(s.values[i], data.unit)}"


def _new(data: ChartData, kind: str, width: float, height: float) -> ChartDrawing:
    return ChartDrawing(width, height, data, kind)


def bar_chart(data: ChartData, *, width: float = 480, height: float = 220) -> ChartDrawing:
    """Grouped vertical bars: one bar per series per category (negative values drawn as 0)."""
    drawing = _new(data, "bar", width, height)
    top = max((_number(v) for s in data.series for v in s.values), default=0.0)
    frame = _Frame(drawing, top)
    frame.draw_axes()
    slot = frame.w / max(len(data.categories), 1)
    bar_w = min(slot * 0.7 / len(data.series), 36.0)  # a lone bar stays a bar, not a block
    pad = (slot - bar_w * len(data.series)) / 2
    for k, s in enumerate(data.series):
        fill = colors.HexColor(PALETTE[k % len(PALETTE)])
        for i, value in enumerate(s.values):
            if value is None:
                continue
            x = frame.x0 + slot * i + pad + bar_w * k
            height_px = max(frame.y(max(_number(value), 0.0)) - frame.y0, 0.0)
            bar = Rect(x, frame.y0, bar_w, height_px, fillColor=fill, strokeColor=None)
            _svg_class(bar, "bar")
            if s.links:
                _link(bar, s.links[i], _title(data, s, i))
            drawing.add(bar)
    return drawing


def stacked_bar_chart(data: ChartData, *, width: float = 480, height: float = 220) -> ChartDrawing:
    """One bar per category, the series stacked bottom-up in order (e.g. aging buckets)."""
    drawing = _new(data, "stacked_bar", width, height)
    totals = [sum(max(_number(s.values[i]), 0.0) for s in data.series) for i in range(len(data.categories))]
    frame = _Frame(drawing, max(totals, default=0.0))
    frame.draw_axes()
    slot = frame.w / max(len(data.categories), 1)
    for i in range(len(data.categories)):
        base = 0.0
        for k, s in enumerate(data.series):
            value = max(_number(s.values[i]), 0.0)
            if s.values[i] is None or value == 0:
                continue
            y1, y2 = frame.y(base), frame.y(base + value)
            bar = Rect(
                frame.x0 + slot * i + slot * 0.2,
                y1,
                slot * 0.6,
                y2 - y1,
                fillColor=colors.HexColor(PALETTE[k % len(PALETTE)]),
                strokeColor=None,
            )
            _svg_class(bar, "bar")
            if s.links:
                _link(bar, s.links[i], _title(data, s, i))
            drawing.add(bar)
            base += value
    return drawing


def line_chart(data: ChartData, *, width: float = 480, height: float = 220) -> ChartDrawing:
    """One line per series over the categories, with a marker per point; None breaks a line."""
    drawing = _new(data, "line", width, height)
    top = max((_number(v) for s in data.series for v in s.values), default=0.0)
    frame = _Frame(drawing, top)
    frame.draw_axes()
    slot = frame.w / max(len(data.categories), 1)
    for k, s in enumerate(data.series):
        stroke = colors.HexColor(PALETTE[k % len(PALETTE)])
        runs: list[list[float]] = [[]]
        for i, value in enumerate(s.values):
            if value is None:
                runs.append([])
                continue
            runs[-1] += [frame.x0 + slot * (i + 0.5), frame.y(max(_number(value), 0.0))]
        for run in runs:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=stroke, strokeWidth=1.5))
        for i, value in enumerate(s.values):
            if value is None:
                continue
            cx, cy = frame.x0 + slot * (i + 0.5), frame.y(max(_number(value), 0.0))
            point = Rect(cx - 2.5, cy - 2.5, 5, 5, fillColor=stroke, strokeColor=None)
            _svg_class(point, "point")
            if s.links:
                _link(point, s.links[i], _title(data, s, i))
            drawing.add(point)
    return drawing


def describe(data: ChartData) -> str:
    """Every figure in words, for the SVG <desc> (what a screen reader reads)."""
    parts = []
    for s in data.series:
        figures = "; ".join(
            f"{c}: {format_value(v, data.unit)}" for c, v in zip(data.categories, s.values, strict=True)
        )
        parts.append(f"{s.name}: {figures}.")
    return " ".join(parts)


_FONTS = (
    ("font-family: Helvetica-Bold;", "font-family: Helvetica, Arial, sans-serif; font-weight: bold;"),
    ("font-family: Helvetica;", "font-family: Helvetica, Arial, sans-serif;"),
)


def to_svg(drawing: ChartDrawing, *, element_id: str | None = None) -> str:
    """Inline SVG for an HTML page: scalable, titled and described (no XML prolog/DOCTYPE)."""
    data: ChartData = drawing.data
    chart_id = element_id or f"chart-{next(_ids)}"
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    text = renderSVG.drawToString(drawing, useClip=True)
    for face, css in _FONTS:  # PDF base-font names -> CSS that browsers without them resolve
        text = text.replace(face, css)
    root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 (our own renderer's output)
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("class", f"chart chart-{drawing.kind}")
    root.set("width", "100%")
    del root.attrib["height"]
    for element in root.iter():
        if element.get("id") == "group":  # renderSVG names every top group "group"
            del element.attrib["id"]
        href = element.get(f"{{{XLINK_NS}}}href")
        if href is not None:  # SVG 2 href beside xlink:href; same page, no target frame
            element.set("href", href)
            element.attrib.pop("target", None)
    title = root.find(f"{{{SVG_NS}}}title")
    desc = root.find(f"{{{SVG_NS}}}desc")
    title.text, desc.text = data.title, describe(data)
    title.set("id", f"{chart_id}-title")
    desc.set("id", f"{chart_id}-desc")
    return ET.tostring(root, encoding="unicode")


def table_rows(data: ChartData) -> list[list[str]]:
    """Header + one row per category: the chart's numbers as a table (web and exports)."""
    rows = [["", *(s.name for s in data.series)]]
    for i, category in enumerate(data.categories):
        rows.append([category, *(format_value(s.values[i], data.unit) for s in data.series)])
    return rows


def bars_in(drawing: ChartDrawing) -> Sequence[Rect]:
    """The bar (or point) shapes of a drawing, in drawing order (for tests and the PDF)."""
    return [
        c
        for c in drawing.contents
        if isinstance(c, Rect) and c.__dict__.get("_svgAttrs", {}).get("class") in ("bar", "point")
    ]
