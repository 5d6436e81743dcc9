"""Data-mode answers about requests, from capdev.support.selectors."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.assistant.data_answers import (
    COUNT_WORDS,
    WHICH_COUNTRIES,
    DataAnswer,
    country_in,
    grouped,
    year_in,
)
from capdev.core.models import Theme
from capdev.core.places import place_name

REQUEST_WORDS = re.compile(r"\b(requests?|asked for|ask for|demandes?)\b", re.I)


def _theme_in(question: str) -> Theme | None:
    lowered = question.lower()
    for theme in Theme.objects.all():
        for name in (theme.name, theme.name_fr):
            if name and name.lower() in lowered:
                return theme
    return None


def answer(user, question: str) -> DataAnswer | None:
    from capdev.support.selectors import dashboard_url, request_insights

    if not REQUEST_WORDS.search(question):
        return None
    filters: dict = {}
    year = year_in(question)
    if year:
        filters["year"] = year
    theme = _theme_in(question)
    if theme:
        filters["theme"] = theme.slug
    if WHICH_COUNTRIES.search(question):
        insights = request_insights(user, top=50, **filters)
        countries = insights["by_country"]
        if not countries:
            text = _("No request you can see matches this.")
        else:
            listed = ", ".join(
                f"{place_name(row['country'])} ({grouped(row['count'])})" for row in countries
            )
            text = (
                _("Countries that asked for this support, with their number of requests: %s.")
                % listed
            )
        return DataAnswer(text, dashboard_url(**filters), {"by_country": countries})
    if COUNT_WORDS.search(question):
        country = country_in(question)
        if country:
            filters["country"] = country.iso3
        insights = request_insights(user, **filters)
        text = ngettext(
            "%(total)s request matches (%(open)s still open).",
            "%(total)s requests match (%(open)s still open).",
            insights["total"],
        ) % {"total": grouped(insights["total"]), "open": grouped(insights["open"])}
        return DataAnswer(text, dashboard_url(**filters), {"total": insights["total"]})
    return None
