"""Data mode: questions about counts and aggregates, answered from the apps' selectors.

Each answerer looks at a question and either declines (returns None) or answers it
with figures computed by a scoped selector of its app, plus a link to the filtered
page or dashboard showing the same figures. Answerers register themselves from
`capdev.knowledge.adapters` when their app is installed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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


def year_in(question: str) -> int | None:
    match = YEAR.search(question)
    return int(match.group(1)) if match else None


def country_in(question: str) -> Country | None:
    """A country named in the question (by name, with a few common short names)."""
    lowered = question.lower()
    aliases = {"lao pdr": "LAO", "laos": "LAO", "korea": "KOR", "viet nam": "VNM"}
    for alias, iso3 in aliases.items():
        if alias in lowered:
            return Country.objects.filter(iso3=iso3).first()
    for country in Country.objects.only("pk", "name", "iso3"):
        name = country.name.lower().split(" (")[0]
        if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", lowered):
            return country
    return None
