"""The Capacity Development Snapshot: the same figures as a page, an HTML file or a PDF.

Every number comes from `selectors.snapshot_data`; nothing here is typed in.
"""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from capdev.core.charts import Chart, Series
from capdev.core.places import place_name, sort_key
from capdev.programmes.selectors import snapshot_data


def _region_chart(title: str, rows: list[dict], count_key: str, series: str) -> Chart:
    """One bar per region, named and ordered in the reader's language; unrecorded last."""
    named = sorted(
        ((place_name(row["region"]), row[count_key]) for row in rows if row["region"]),
        key=lambda pair: sort_key(pair[0]),
    )
    named += [(_("Not recorded"), row[count_key]) for row in rows if not row["region"]]
    return Chart(
        title,
        [name for name, _count in named],
        [Series(series, [count for _name, count in named])],
        kind="hbar",
    )


def snapshot_charts(data: dict[str, Any]) -> dict[str, Chart]:
    people = data["people"]
    charts = {
        "by_type": Chart(
            _("Activities by type"),
            [row["label"] for row in data["activities"]["by_type"]],
            [Series(_("Events"), [row["events"] for row in data["activities"]["by_type"]])],
            kind="hbar",
        ),
        "by_sex": Chart(
            _("People trained by sex"),
            [_("Women"), _("Men"), _("Other"), _("Not recorded")],
            [
                Series(
                    _("People"),
                    [people["female"], people["male"], people["other"], people["unknown"]],
                )
            ],
            kind="hbar",
        ),
        "trained_by_region": _region_chart(
            _("People trained by region of origin"),
            data["trained_by_region"],
            "people",
            _("People"),
        ),
        "countries_by_region": _region_chart(
            _("Countries supported by region"),
            data["countries"]["by_region"],
            "countries",
            _("Countries"),
        ),
    }
    if data["themes"]:
        charts["themes"] = Chart(
            _("Activities by theme"),
            [row["name"] for row in data["themes"][:10]],
            [Series(_("Activities"), [row["activities"] for row in data["themes"][:10]])],
            kind="hbar",
        )
    return charts


def snapshot_context(year: int) -> dict[str, Any]:
    data = snapshot_data(year)
    people = data["people"]
    women_share = round(100 * people["female"] / people["total"]) if people["total"] else None
    return {"snap": data, "charts": snapshot_charts(data), "women_share": women_share}


def render_snapshot_html(year: int) -> str:
    """A standalone HTML document (inline styles, SVG charts), fit to print or e-mail."""
    return render_to_string("programmes/snapshot_print.html", snapshot_context(year))


def render_snapshot_pdf(year: int) -> bytes:
    """The Snapshot as a printable PDF, rendered by WeasyPrint from the HTML report."""
    # WeasyPrint logs each rendering step (from its import on), and fontTools each font
    # table it subsets, at INFO level: a hundred lines per PDF. Commands and logs stay quiet.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    from weasyprint import HTML

    return HTML(string=render_snapshot_html(year)).write_pdf()
