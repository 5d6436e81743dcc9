from django.utils import translation

from capdev.core.places import place_choices, place_name, sort_key


def test_regions_and_countries_by_their_english_m49_name():
    with translation.override("fr"):
        assert place_name("Sub-Saharan Africa") == "Afrique subsaharienne"
        assert place_name("Latin America and the Caribbean") == "Amérique latine et Caraïbes"
        assert place_name("Lao People's Democratic Republic") == "Laos"
        assert place_name("Atlantis") == "Atlantis"
        assert place_name("") == ""
    assert place_name("Sub-Saharan Africa") == "Sub-Saharan Africa"


def test_names_sort_as_they_read_whatever_their_accents_and_case():
    names = ["Zambie", "Équateur", "Égypte", "États-Unis", "îles Cook", "Espagne", "Irlande"]
    assert sorted(names, key=sort_key) == [
        "Égypte",
        "Équateur",
        "Espagne",
        "États-Unis",
        "îles Cook",
        "Irlande",
        "Zambie",
    ]


def test_region_choices_keep_the_english_value_for_the_filter():
    with translation.override("fr"):
        assert place_choices(["Oceania", "Africa", "Europe"]) == [
            ("Africa", "Afrique"),
            ("Europe", "Europe"),
            ("Oceania", "Océanie"),
        ]
