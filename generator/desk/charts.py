"""Inline SVG charts for the report. Pure: numbers and labels in, SVG text out: this module
works out where everything goes, templates/charts.svg draws it (escaping every label).

Each chart is drawn in a viewBox about as wide as a phone screen (360 units), so that at 100 %
width its text is about 12 px on a phone and grows with the page on a desktop. Every chart has
a <title> and <desc> for screen readers; values are written as text next to each bar, so colour
is never the only signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..templates import environment

WIDTH = 360


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1: the bar's length
    note: str  # the value in words, e.g. "12 人 · 40%"
    good: bool | None = None  # True: a right answer; False: a wrong one; None: neutral


def _svg(macro: str, **chart) -> Markup:
    """The chart drawn by its macro in templates/charts.svg."""
    return getattr(environment().get_template("charts.svg").module, macro)(chart)


def histogram(counts: tuple[int, ...], pass_mark: float, title: str, pass_label: str,
              axis_label: str, desc: str) -> Markup:
    """Learners by score, in equal bins from 0 to 100 %, with the pass mark drawn across."""
    # The pass-mark label sits above the plot, clear of the count over the tallest bar.
    left, right, top, bottom = 28, 10, 34, 34
    plot_w = WIDTH - left - right
    plot_h = 130
    height = top + plot_h + bottom
    bins = len(counts)
    peak = max(counts) if counts and max(counts) > 0 else 1
    step = plot_w / bins
    bars = []
    for index, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + index * step + 2
        y = top + plot_h - h
        passing = index * 100 / bins >= pass_mark * 100
        low, high = index * 100 // bins, (index + 1) * 100 // bins
        bars.append({"state": "pass" if passing else "fail", "x": f"{x:.1f}", "y": f"{y:.1f}",
                     "width": f"{step - 4:.1f}", "height": f"{h:.1f}",
                     "title": f"{low}–{high}%: {count}", "count": count,
                     "middle": f"{x + (step - 4) / 2:.1f}", "above": f"{y - 4:.1f}"})
    ticks = [{"x": f"{left + plot_w * tick / 100:.1f}", "y": top + plot_h + 14, "label": tick}
             for tick in range(0, 101, 20)]
    x = left + plot_w * pass_mark
    anchor = "end" if pass_mark > 0.7 else "start"
    shift = -4 if anchor == "end" else 4
    return _svg("histogram", css_class="histogram", width=WIDTH, height=f"{height:g}",
                title=title, desc=desc, left=left, right=left + plot_w, base=top + plot_h,
                bars=bars, ticks=ticks, axis_x=f"{left + plot_w / 2:.1f}", axis_y=height - 4,
                axis_label=axis_label, mark_x=f"{x:.1f}", mark_top=top - 20,
                mark_label_x=f"{x + shift:.1f}", mark_label_y=top - 22, mark_anchor=anchor,
                pass_label=pass_label)


def bars(rows: list[Bar], title: str, desc: str) -> Markup:
    """Horizontal bars, each with its label above it and its value in words beside it."""
    row_h = 36
    bar_w = 250
    drawn = []
    for index, row in enumerate(rows):
        y = index * row_h
        width = max(0.0, min(1.0, row.value)) * bar_w
        drawn.append({"label": row.label if len(row.label) <= 30 else row.label[:29] + "…",
                      "full_label": row.label, "label_y": y + 13, "bar_y": y + 18,
                      "state": {True: "good", False: "bad", None: "neutral"}[row.good],
                      "width": f"{width:.1f}" if width > 0 else "", "value_y": y + 28,
                      "note": row.note})
    return _svg("bars", css_class="bars", width=WIDTH, height=f"{max(row_h * len(rows), row_h):g}",
                title=title, desc=desc, rows=drawn, bar_width=bar_w, value_x=bar_w + 6)


@dataclass(frozen=True)
class Point:
    label: str  # short: the question number
    x: float  # facility, 0..1
    y: float  # discrimination, -1..1
    flagged: bool


def quality_map(points: list[Point], title: str, desc: str, x_label: str, y_label: str,
                zone_label: str, low_facility: float) -> Markup:
    """Each question placed by facility (across) and discrimination (up); the zones that flag
    a question are shaded, and flagged questions are drawn as diamonds, not only in red."""
    left, right, top, bottom = 34, 10, 10, 34
    plot_w = WIDTH - left - right
    plot_h = 180
    height = top + plot_h + bottom

    def px(x: float) -> float:
        return left + plot_w * max(0.0, min(1.0, x))

    def py(y: float) -> float:
        return top + plot_h * (1 - (max(-1.0, min(1.0, y)) + 1) / 2)

    zones = [{"x": left, "y": f"{py(0):.1f}", "width": plot_w, "height": f"{py(-1) - py(0):.1f}"},
             {"x": left, "y": top, "width": f"{px(low_facility) - left:.1f}",
              "height": f"{py(0) - top:.1f}"}]
    placed: list[tuple[float, float, float]] = []  # labels drawn: (x, y, width)
    dots = []
    for point in points:
        x, y = px(point.x), py(point.y)
        lx, ly = _free_spot(x, y, 7.0 * len(point.label) + 2, placed)
        dots.append({"flagged": point.flagged, "x": f"{x:.1f}", "y": f"{y:.1f}",
                     "top": f"{y - 7:.1f}", "label_x": f"{lx:.1f}", "label_y": f"{ly:.1f}",
                     "label": point.label})
    return _svg("quality_map", css_class="quality", width=WIDTH, height=f"{height:g}",
                title=title, desc=desc, zones=zones, left=left, top=top, right=left + plot_w,
                plot_width=plot_w, plot_height=plot_h, zero_y=f"{py(0):.1f}",
                zone_label_x=left + 4, zone_label_y=f"{py(-1) - 6:.1f}", zone_label=zone_label,
                x_ticks=[{"x": f"{px(t):.1f}", "y": top + plot_h + 14, "label": f"{t:g}"}
                         for t in (0, 0.5, 1)],
                y_ticks=[{"x": left - 4, "y": f"{py(t) + 4:.1f}", "label": f"{t:g}"}
                         for t in (-1, 0, 1)],
                x_label_x=f"{left + plot_w / 2:.1f}", x_label_y=height - 4, x_label=x_label,
                y_label_y=f"{top + plot_h / 2:.1f}", y_label=y_label, dots=dots)


def _free_spot(x: float, y: float, width: float, placed: list) -> tuple[float, float]:
    """Where to write a point's label so that it does not cover another label: beside the
    point if free, else a step further down or up (questions often cluster)."""
    for dx, dy in ((8, 4), (8, 16), (8, -8), (8, 28), (8, -20), (-8 - width, 4),
                   (-8 - width, 16), (8, 40), (8, -32)):
        lx, ly = x + dx, y + dy
        if all(abs(ly - py) >= 12 or lx + width <= px or px + pw <= lx for px, py, pw in placed):
            placed.append((lx, ly, width))
            return lx, ly
    placed.append((x + 8, y + 4, width))
    return x + 8, y + 4
