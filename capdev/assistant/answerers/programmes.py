"""Data-mode answers about people trained, from capdev.programmes.selectors."""

import re
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from capdev.assistant.data_answers import (
    COUNT_WORDS,
    DataAnswer,
    country_in,
    grouped,
    year_in,
)

TRAINED = re.compile(r"\b(trained|attended|took part|formées?|formés?)\b", re.I)
PEOPLE = re.compile(r"\b(people|persons?|participants?|women|men|trainees|personnes)\b", re.I)


def answer(user, question: str) -> DataAnswer | None:
    from capdev.programmes.selectors import people_trained

    if not (COUNT_WORDS.search(question) and TRAINED.search(question) and PEOPLE.search(question)):
        return None
    year = year_in(question)
    country = country_in(question)
    figures = people_trained(user, year=year, country=country.iso3 if country else None)
    if not figures["total"]:
        return None  # nothing recorded: the documents may still know
    total = figures["total"]
    # Whole sentences, not pieces, so that each language can order its words.
    if country and year:
        text = ngettext(
            "%(total)s person from %(country)s was trained in %(year)d.",
            "%(total)s people from %(country)s were trained in %(year)d.",
            total,
        )
    elif country:
        text = ngettext(
            "%(total)s person from %(country)s was trained.",
            "%(total)s people from %(country)s were trained.",
            total,
        )
    elif year:
        text = ngettext(
            "%(total)s person was trained in %(year)d.",
            "%(total)s people were trained in %(year)d.",
            total,
        )
    else:
        text = ngettext("%(total)s person was trained.", "%(total)s people were trained.", total)
    country_name = country.localized_name if country else ""
    text %= {"total": grouped(total), "country": country_name, "year": year}
    # Figures are always given by sex: the platform disaggregates everything by sex.
    by_sex = {sex: grouped(figures[sex]) for sex in ("female", "male", "other", "unknown")}
    text += (
        " "
        + _("By sex: %(female)s women, %(male)s men, %(other)s other, %(unknown)s not recorded.")
        % by_sex
    )
    query = {k: v for k, v in (("year", year), ("country", country.iso3 if country else None)) if v}
    url = reverse("programmes:activity_list") + (f"?{urlencode(query)}" if query else "")
    return DataAnswer(text, url, figures)
