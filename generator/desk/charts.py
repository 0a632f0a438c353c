"""Inline SVG charts for the report. Pure: numbers and labels in, SVG text out.

Each chart is drawn in a viewBox about as wide as a phone screen (360 units), so that at 100 %
width its text is about 12 px on a phone and grows with the page on a desktop. Every chart has
a <title> and <desc> for screen readers; values are written as text next to each bar, so colour
is never the only signal.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

WIDTH = 360


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1: the bar's length
    note: str  # the value in words, e.g. "12 人 · 40%"
    good: bool | None = None  # True: a right answer; False: a wrong one; None: neutral


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _svg(height: float, title: str, desc: str, body: list[str], css_class: str) -> str:
    # No xmlns: inline SVG in HTML needs none, and the report then names no URL at all.
    return (f'<svg class="chart {css_class}" viewBox="0 0 {WIDTH} {height:g}" role="img" '
            f'preserveAspectRatio="xMinYMin meet">'
            f"<title>{_e(title)}</title><desc>{_e(desc)}</desc>{''.join(body)}</svg>")


def histogram(counts: tuple[int, ...], pass_mark: float, title: str, pass_label: str,
              axis_label: str, desc: str) -> str:
    """Learners by score, in equal bins from 0 to 100 %, with the pass mark drawn across."""
    # The pass-mark label sits above the plot, clear of the count over the tallest bar.
    left, right, top, bottom = 28, 10, 34, 34
    plot_w = WIDTH - left - right
    plot_h = 130
    height = top + plot_h + bottom
    bins = len(counts)
    peak = max(counts) if counts and max(counts) > 0 else 1
    step = plot_w / bins
    body = [f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
            f'y2="{top + plot_h}"/>']
    for index, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + index * step + 2
        y = top + plot_h - h
        passing = index * 100 / bins >= pass_mark * 100
        low, high = index * 100 // bins, (index + 1) * 100 // bins
        body.append(f'<rect class="bar {"pass" if passing else "fail"}" x="{x:.1f}" '
                    f'y="{y:.1f}" width="{step - 4:.1f}" height="{h:.1f}">'
                    f"<title>{low}–{high}%: {count}</title></rect>")
        if count:
            body.append(f'<text class="value" x="{x + (step - 4) / 2:.1f}" y="{y - 4:.1f}" '
                        f'text-anchor="middle">{count}</text>')
    for tick in range(0, 101, 20):
        x = left + plot_w * tick / 100
        body.append(f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 14}" '
                    f'text-anchor="middle">{tick}</text>')
    body.append(f'<text class="tick" x="{left + plot_w / 2:.1f}" y="{height - 4}" '
                f'text-anchor="middle">{_e(axis_label)}</text>')
    x = left + plot_w * pass_mark
    body.append(f'<line class="mark" x1="{x:.1f}" y1="{top - 20}" x2="{x:.1f}" '
                f'y2="{top + plot_h}"/>')
    anchor = "end" if pass_mark > 0.7 else "start"
    shift = -4 if anchor == "end" else 4
    body.append(f'<text class="mark-label" x="{x + shift:.1f}" y="{top - 22}" '
                f'text-anchor="{anchor}">{_e(pass_label)}</text>')
    return _svg(height, title, desc, body, "histogram")


def bars(rows: list[Bar], title: str, desc: str) -> str:
    """Horizontal bars, each with its label above it and its value in words beside it."""
    row_h = 36
    bar_w = 250
    body = []
    for index, row in enumerate(rows):
        y = index * row_h
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        state = {True: "good", False: "bad", None: "neutral"}[row.good]
        body.append(f'<text class="label" x="0" y="{y + 13}">{_e(label)}'
                    f"<title>{_e(row.label)}</title></text>")
        body.append(f'<rect class="track" x="0" y="{y + 18}" width="{bar_w}" height="12" rx="2"/>')
        width = max(0.0, min(1.0, row.value)) * bar_w
        if width > 0:
            body.append(f'<rect class="bar {state}" x="0" y="{y + 18}" width="{width:.1f}" '
                        f'height="12" rx="2"/>')
        body.append(f'<text class="value" x="{bar_w + 6}" y="{y + 28}">{_e(row.note)}</text>')
    return _svg(max(row_h * len(rows), row_h), title, desc, body, "bars")


@dataclass(frozen=True)
class Point:
    label: str  # short: the question number
    x: float  # facility, 0..1
    y: float  # discrimination, -1..1
    flagged: bool


def quality_map(points: list[Point], title: str, desc: str, x_label: str, y_label: str,
                zone_label: str, low_facility: float) -> str:
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

    body = [
        f'<rect class="zone" x="{left}" y="{py(0):.1f}" width="{plot_w}" '
        f'height="{py(-1) - py(0):.1f}"/>',
        f'<rect class="zone" x="{left}" y="{top}" width="{px(low_facility) - left:.1f}" '
        f'height="{py(0) - top:.1f}"/>',
        f'<rect class="frame" x="{left}" y="{top}" width="{plot_w}" height="{plot_h}"/>',
        f'<line class="axis" x1="{left}" y1="{py(0):.1f}" x2="{left + plot_w}" y2="{py(0):.1f}"/>',
        f'<text class="zone-label" x="{left + 4}" y="{py(-1) - 6:.1f}">{_e(zone_label)}</text>',
    ]
    for tick in (0, 0.5, 1):
        body.append(f'<text class="tick" x="{px(tick):.1f}" y="{top + plot_h + 14}" '
                    f'text-anchor="middle">{tick:g}</text>')
    for tick in (-1, 0, 1):
        body.append(f'<text class="tick" x="{left - 4}" y="{py(tick) + 4:.1f}" '
                    f'text-anchor="end">{tick:g}</text>')
    body.append(f'<text class="tick" x="{left + plot_w / 2:.1f}" y="{height - 4}" '
                f'text-anchor="middle">{_e(x_label)}</text>')
    body.append(f'<text class="tick" x="12" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
                f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">{_e(y_label)}</text>')
    placed: list[tuple[float, float, float]] = []  # labels drawn: (x, y, width)
    for point in points:
        x, y = px(point.x), py(point.y)
        if point.flagged:
            body.append(f'<path class="dot flagged" d="M{x:.1f} {y - 7:.1f} l7 7 l-7 7 l-7 -7 z"/>')
        else:
            body.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        lx, ly = _free_spot(x, y, 7.0 * len(point.label) + 2, placed)
        body.append(f'<text class="dot-label" x="{lx:.1f}" y="{ly:.1f}">'
                    f"{_e(point.label)}</text>")
    return _svg(height, title, desc, body, "quality")


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
