"""Data mode: questions about counts and aggregates, answered from the apps' selectors.

Each answerer looks at a question and either declines (returns None) or answers it
with figures computed by a scoped selector of its app, plus a link to the filtered
page or dashboard showing the same figures. Answerers register themselves from
`capdev.knowledge.adapters` when their app is installed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import number_format

from capdev.core.models import Country


@dataclass
class DataAnswer:
    text: str
    url: str = ""
    figures: dict = field(default_factory=dict)
    citations: list[dict] = field(default_factory=list)


Answerer = Callable[[object, str], DataAnswer | None]
ANSWERERS: dict[str, Answerer] = {}


def register(name: str, answerer: Answerer) -> None:
    ANSWERERS[name] = answerer


def answer(user, question: str) -> DataAnswer | None:
    for answerer in ANSWERERS.values():
        result = answerer(user, question)
        if result is not None:
            return result
    return None


# Helpers shared by the answerers -------------------------------------------------

COUNT_WORDS = re.compile(r"\b(how many|number of|count of|total number|combien)\b", re.I)
WHICH_COUNTRIES = re.compile(r"\bwhich countries\b|\bwhat countries\b|\bquels pays\b", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
BY_SEX = re.compile(r"\b(by sex|by gender|women and men|men and women|female|male)\b", re.I)


def grouped(number: int) -> str:
    """A count as the reader writes it: 18119 is "18,119" in English, "18 119" in French."""
    return number_format(number, force_grouping=True)


def year_in(question: str) -> int | None:
    match = YEAR.search(question)
    return int(match.group(1)) if match else None


def country_in(question: str) -> Country | None:
    """A country named in the question (by English or French name, or a common short name)."""
    lowered = question.lower()
    aliases = {"lao pdr": "LAO", "laos": "LAO", "korea": "KOR", "viet nam": "VNM"}
    for alias, iso3 in aliases.items():
        if alias in lowered:
            return Country.objects.filter(iso3=iso3).first()
    for country in Country.objects.only("pk", "name", "name_fr", "iso3"):
        for name in (country.name, country.name_fr):  # "Bhutan" or "Bhoutan"
            name = name.lower().split(" (")[0]
            if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", lowered):
                return country
    return None
