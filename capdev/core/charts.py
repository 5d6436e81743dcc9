"""Server-rendered SVG charts: no JavaScript, light on the wire, printable in PDFs.

A `Chart` holds labelled series; `svg()` draws it and the template
`core/chart.html` shows the same figures as a table beside it, so nothing in a
chart is available only to people who can see it. Missing values (None) are drawn
as gaps and written as "—", never as zero.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies;
# each has at least 3:1 contrast against white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#7A5C00", "#56B4E9", "#000000"]
WIDTH = 640
# Horizontal bar labels: room for 7 px per character at font-size 12 (DejaVu Sans, the
# usual sans-serif on Linux and the one in PDFs, runs from 6 to 6.9 px on long labels;
# 6.2 px let the widest ones run off the left edge), and at most 44 characters so
# that the bars keep a fair share of the width.
CHAR_WIDTH = 7.0
LABEL_CHARS_MAX = 44
_ids = itertools.count(1)


@dataclass
class Series:
    name: str
    values: Sequence[float | int | None]


@dataclass
class Chart:
    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    unit: str = ""
    kind: str = "bar"  # "bar" (vertical), "hbar" (horizontal) or "line"
    dom_id: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    def __post_init__(self):
        if self.kind not in {"bar", "hbar", "line"}:
            raise ValueError(f"Unknown chart kind {self.kind!r}")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(
                    f"Series {series.name!r} has {len(series.values)} values "
                    f"for {len(self.labels)} labels"
                )

    def format(self, value: float | int | None) -> str:
        if value is None:
            return "—"
        decimals = 0 if float(value).is_integer() else 1
        # Django's number_format cuts extra decimals off instead of rounding them.
        rounded = round(float(value), decimals)
        text = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
        if not self.unit:
            return text
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"

    def rows(self) -> list[tuple[str, list[str]]]:
        """The table beside the chart: one row per label, one cell per series."""
        return [
            (label, [self.format(series.values[i]) for series in self.series])
            for i, label in enumerate(self.labels)
        ]

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    def svg(self) -> SafeString:
        drawing = {"bar": _vertical_bars, "hbar": _horizontal_bars, "line": _lines}[self.kind]
        body, height = drawing(self)
        title_id = f"{self.dom_id}-title"
        return mark_safe(  # noqa: S308 - every piece of text is escaped below
            f'<svg class="chart-svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
            f'role="img" aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="system-ui, sans-serif" font-size="12">'
            f'<title id="{title_id}">{escape(self.title)}</title>'
            f"{_legend(self)}{body}</svg>"
        )


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value`, for axis ends."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)


def _max_value(chart: Chart) -> float:
    values = [v for s in chart.series for v in s.values if v is not None]
    return nice_ceiling(max(values, default=0))


def _min_value(chart: Chart) -> float:
    values = [v for s in chart.series for v in s.values if v is not None]
    lowest = min(values, default=0)
    return -nice_ceiling(-lowest) if lowest < 0 else 0


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _legend(chart: Chart) -> str:
    if len(chart.series) < 2:
        return ""
    parts, x = [], 8
    for index, series in enumerate(chart.series):
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{_colour(index)}"/>'
            f'<text x="{x + 16}" y="16">{escape(series.name)}</text>'
        )
        x += 28 + 7 * len(series.name)
    return "".join(parts)


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _value_title(chart: Chart, series: Series, label: str, value) -> str:
    prefix = f"{series.name}, " if len(chart.series) > 1 else ""
    return f"<title>{escape(prefix + label)}: {escape(chart.format(value))}</title>"


def _horizontal_bars(chart: Chart) -> tuple[str, int]:
    top = 28 if len(chart.series) > 1 else 8
    longest = max((len(label) for label in chart.labels), default=0)
    label_chars = min(max(longest, 12), LABEL_CHARS_MAX)
    label_width, right_pad = 12 + int(label_chars * CHAR_WIDTH), 70
    band = 10 + 16 * len(chart.series)
    height = top + band * len(chart.labels) + 8
    top_value = _max_value(chart)
    scale = (WIDTH - label_width - right_pad) / top_value
    parts = []
    for i, label in enumerate(chart.labels):
        y = top + i * band
        parts.append(
            f'<text x="{label_width - 6}" y="{y + band / 2 + 4}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_short(label, label_chars))}</text>"
        )
        for s, series in enumerate(chart.series):
            value = series.values[i]
            bar_y = y + 5 + s * 16
            if value is None:
                parts.append(
                    f'<text x="{label_width + 4}" y="{bar_y + 11}" fill="#4a4a4a">—</text>'
                )
                continue
            width = max(value, 0) * scale
            parts.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{width:.1f}" height="14" '
                f'fill="{_colour(s)}">{_value_title(chart, series, label, value)}</rect>'
                f'<text x="{label_width + width + 4:.1f}" y="{bar_y + 11}">'
                f"{escape(chart.format(value))}</text>"
            )
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - 8}" '
        'stroke="#4a4a4a"/>'
    )
    return "".join(parts), height


def _y_axis(chart: Chart, top: int, plot_height: int, left: int) -> tuple[str, float, float]:
    low, high = _min_value(chart), _max_value(chart)
    span = high - low or 1
    parts = []
    for step in range(5):
        value = low + span * step / 4
        y = top + plot_height - (value - low) / span * plot_height
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#d5dbe1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(chart.format(value))}</text>"
        )
    return "".join(parts), low, span


def _x_labels(labels: Sequence[str], xs: list[float], y: float) -> str:
    every = max(1, math.ceil(len(labels) / 12))
    limit = 14 if len(labels) <= 6 else 9
    return "".join(
        f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(_short(label, limit))}</text>'
        for i, (label, x) in enumerate(zip(labels, xs, strict=True))
        if i % every == 0
    )


def _vertical_bars(chart: Chart) -> tuple[str, int]:
    top, left, plot_height = (34 if len(chart.series) > 1 else 12), 64, 220
    height = top + plot_height + 30
    axis, low, span = _y_axis(chart, top, plot_height, left)
    count = max(len(chart.labels), 1)
    band = (WIDTH - left - 10) / count
    bar_width = band * 0.8 / max(len(chart.series), 1)
    baseline = top + plot_height - (0 - low) / span * plot_height
    parts, centres = [axis], []
    for i, label in enumerate(chart.labels):
        x0 = left + i * band + band * 0.1
        centres.append(left + i * band + band / 2)
        for s, series in enumerate(chart.series):
            value = series.values[i]
            if value is None:
                continue
            y = top + plot_height - (value - low) / span * plot_height
            parts.append(
                f'<rect x="{x0 + s * bar_width:.1f}" y="{min(y, baseline):.1f}" '
                f'width="{bar_width:.1f}" height="{abs(baseline - y):.1f}" '
                f'fill="{_colour(s)}">{_value_title(chart, series, label, value)}</rect>'
            )
    parts.append(_x_labels(chart.labels, centres, top + plot_height + 18))
    return "".join(parts), height


def _lines(chart: Chart) -> tuple[str, int]:
    top, left, plot_height = (34 if len(chart.series) > 1 else 12), 64, 220
    height = top + plot_height + 30
    axis, low, span = _y_axis(chart, top, plot_height, left)
    count = len(chart.labels)
    step = (WIDTH - left - 30) / max(count - 1, 1)
    xs = [left + 10 + i * step for i in range(count)]
    parts = [axis]
    for s, series in enumerate(chart.series):
        segment: list[str] = []
        segments = [segment]
        for i, value in enumerate(series.values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            y = top + plot_height - (value - low) / span * plot_height
            segment.append(f"{xs[i]:.1f},{y:.1f}")
            parts.append(
                f'<circle cx="{xs[i]:.1f}" cy="{y:.1f}" r="3.5" fill="{_colour(s)}">'
                f"{_value_title(chart, series, chart.labels[i], value)}</circle>"
            )
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" '
                    f'stroke="{_colour(s)}" stroke-width="2"/>'
                )
    parts.append(_x_labels(chart.labels, xs, top + plot_height + 18))
    return "".join(parts), height
