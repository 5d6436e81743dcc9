"""Data-mode answers about people trained, from capdev.programmes.selectors."""

import re
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from capdev.assistant.data_answers import COUNT_WORDS, DataAnswer, country_in, year_in

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
    where = _(" from %s") % country.name if country else ""
    when = _(" in %d") % year if year else ""
    text = _("%(total)d people were trained%(where)s%(when)s.") % {
        "total": figures["total"],
        "where": where,
        "when": when,
    }
    # Figures are always given by sex: the platform disaggregates everything by sex.
    text += (
        " "
        + _("By sex: %(female)d women, %(male)d men, %(other)d other, %(unknown)d not recorded.")
        % figures
    )
    query = {k: v for k, v in (("year", year), ("country", country.iso3 if country else None)) if v}
    url = reverse("programmes:activity_list") + (f"?{urlencode(query)}" if query else "")
    return DataAnswer(text, url, figures)
