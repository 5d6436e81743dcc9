"""Countries and UN M49 regions in the reader's language, and lists sorted as they read.

French names come from the Unicode Common Locale Data Repository (CLDR), as packaged by
Babel. `capdev load_reference` stores each country's in `Country.name_fr`; figures that
reach a page as bare English M49 names (a dashboard's regions, say) go through
`place_name`, which reads the same CLDR names for the names in core/data's M49 file.
"""

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from django.utils.translation import get_language

M49_FILE = Path(__file__).resolve().parent / "data" / "UNSD-m49-en.csv"

# Groupings whose CLDR name covers another area or reads as a description: CLDR's 419 is
# Latin America alone, M49's adds the Caribbean; 053 and 057 follow UNSD's French names.
REGIONS_FR = {
    "419": "Amérique latine et Caraïbes",
    "053": "Australie et Nouvelle-Zélande",
    "057": "Micronésie",
}


def is_french() -> bool:
    return (get_language() or "").startswith("fr")


def in_language(english: str, french: str) -> str:
    """`french` on French pages when there is one, `english` otherwise."""
    return french if french and is_french() else english


def french_country_name(iso2: str) -> str:
    """CLDR's French name of a country or area by its ISO alpha-2 code ("" if unknown)."""
    return _french_territories().get(iso2.upper(), "")


def french_region_name(m49_code: str) -> str:
    """The French name of an M49 region, sub-region or intermediate region ("" if unknown)."""
    return REGIONS_FR.get(m49_code) or _french_territories().get(m49_code, "")


def place_name(english: str) -> str:
    """A country's or region's English M49 name, in the active language."""
    return in_language(english, _french_place_names().get(english, ""))


def sort_key(name: str) -> str:
    """Orders names as a reader expects: "Égypte" beside "Équateur", not after "Zambie"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def country_choices(countries: Iterable) -> list[tuple[str, str]]:
    """(ISO alpha-3, name in the active language) of `countries`, in alphabetical order."""
    return sorted(
        ((country.iso3, country.localized_name) for country in countries),
        key=lambda choice: sort_key(choice[1]),
    )


def place_choices(english_names: Iterable[str]) -> list[tuple[str, str]]:
    """(English M49 name, name in the active language), in alphabetical order."""
    return sorted(
        ((name, place_name(name)) for name in english_names),
        key=lambda choice: sort_key(choice[1]),
    )


@functools.cache
def _french_territories() -> dict[str, str]:
    return dict(Locale("fr").territories)


@functools.cache
def _french_place_names() -> dict[str, str]:
    """French names by English name, for every country and region of the M49 file."""
    from capdev.core.services import read_m49  # services import the models, which use us

    names: dict[str, str] = {}
    for row in read_m49(M49_FILE):
        names[row["name"]] = row["name_fr"]
        for level in ("region", "sub_region", "intermediate_region"):
            if row[level]:
                names[row[level]] = french_region_name(row[f"{level}_code"])
    return names
