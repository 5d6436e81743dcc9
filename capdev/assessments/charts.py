"""The charts of assessment pages, built on capdev.core.charts (each comes with its table)."""

from django.utils.translation import gettext as _

from capdev.core.charts import Chart, Series


def dimension_chart(assessment, results) -> Chart:
    return Chart(
        title=_("Score by dimension (%% of the attainable): %(subject)s, %(year)s")
        % {"subject": assessment.subject, "year": assessment.year},
        labels=[r.dimension.localized_title for r in results],
        series=[Series(_("Score"), [r.score for r in results])],
        unit="%",
        kind="hbar",
    )


# Beyond this many countries a chart stops being readable; the table keeps them all.
MAX_CHART_COUNTRIES = 12


def comparison_charts(result) -> list[Chart]:
    if not result.rows:
        return []
    years = result.years
    countries = result.countries[:MAX_CHART_COUNTRIES]
    by_key = {(r.country, r.year): r for r in result.rows}
    over_time = Chart(
        title=_("Overall score by country and year (%)"),
        labels=[str(year) for year in years],
        series=[
            Series(
                country,
                [by_key[(country, y)].score if (country, y) in by_key else None for y in years],
            )
            for country in countries
        ],
        unit="%",
        kind="line" if len(years) > 1 else "bar",
    )
    latest = {}
    for row in result.rows:
        latest[row.country] = row  # rows are ordered by country, then year
    by_dimension = Chart(
        title=_("Score by dimension, latest year of each country (%)"),
        labels=[d.localized_title for d in result.dimensions],
        series=[
            Series(f"{country} {latest[country].year}", latest[country].dimensions)
            for country in countries
        ],
        unit="%",
        kind="hbar",
    )
    return [over_time, by_dimension]
