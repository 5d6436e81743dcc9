"""The dashboard's charts, drawn from request_insights' figures (no query of their own)."""

from django.utils.translation import gettext as _

from capdev.core.charts import Chart, Series
from capdev.core.places import place_name


def _chart(title: str, rows: list[dict], label_key: str, *, kind: str = "hbar", name=str) -> Chart:
    return Chart(
        title=title,
        labels=[name(row[label_key]) for row in rows],
        series=[Series(_("Requests"), [row["count"] for row in rows])],
        kind=kind,
    )


def insight_charts(insights: dict) -> dict[str, Chart]:
    return {
        "status": _chart(_("Requests by status"), insights["by_status"], "label"),
        "year": _chart(_("Requests by year received"), insights["by_year"], "year", kind="bar"),
        "region": _chart(_("Requests by region"), insights["by_region"], "region", name=place_name),
        "group": _chart(_("Requests by country group"), insights["by_country_group"], "group"),
        "country": _chart(
            _("Top requesting countries"), insights["by_country"], "country", name=place_name
        ),
        "theme": _chart(_("Requests by theme"), insights["by_theme"], "theme"),
        "support_type": _chart(
            _("Requests by support requested"), insights["by_support_type"], "support_type"
        ),
    }
