from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import translation

from capdev.core.models import CepaPrinciple, Country, SdgGoal, SdgTarget, Theme
from capdev.core.services import read_m49, reference_load

pytestmark = pytest.mark.django_db


def test_every_area_of_the_m49_file_is_loaded():
    assert Country.objects.count() == 248
    assert len(read_m49()) == 248


@pytest.mark.parametrize(
    ("iso3", "ldc", "lldc", "sids"),
    [
        ("LAO", True, True, False),
        ("BTN", False, True, False),
        ("MUS", False, False, True),
        ("SEN", True, False, False),
        ("FRA", False, False, False),
    ],
)
def test_country_groups(iso3, ldc, lldc, sids):
    country = Country.objects.get(iso3=iso3)
    assert (country.is_ldc, country.is_lldc, country.is_sids) == (ldc, lldc, sids)


def test_regions_and_codes():
    senegal = Country.objects.get(iso3="SEN")
    assert senegal.sub_region == "Sub-Saharan Africa"
    assert senegal.intermediate_region == "Western Africa"
    assert (senegal.region, senegal.iso2, senegal.m49_code) == ("Africa", "SN", "686")
    lao = Country.objects.get(iso3="LAO")
    assert (lao.region, lao.sub_region) == ("Asia", "South-eastern Asia")
    assert lao.groups == ["LDC", "LLDC"]
    assert Country.objects.get(iso3="ATA").region == ""


def test_sdgs_and_their_targets_in_both_languages():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    goal16 = SdgGoal.objects.get(number=16)
    assert goal16.name.startswith("Goal 16.")
    assert goal16.name_fr.startswith("Objectif 16.")
    codes = list(goal16.targets.values_list("code", flat=True))
    assert codes.index("16.10") == codes.index("16.9") + 1
    assert codes[-2:] == ["16.a", "16.b"]
    assert SdgTarget.objects.get(code="5.5").goal.number == 5


def test_cepa_principles_in_three_groups():
    groups = {
        group: list(CepaPrinciple.objects.filter(group=group).values_list("number", flat=True))
        for group in CepaPrinciple.Group.values
    }
    assert groups == {
        "effectiveness": [1, 2, 3],
        "accountability": [4, 5, 6],
        "inclusiveness": [7, 8, 9, 10, 11],
    }


def test_quintet_of_change_and_dpidg_themes():
    quintet = set(Theme.objects.filter(kind=Theme.Kind.QUINTET).values_list("name", flat=True))
    assert quintet == {
        "Data",
        "Innovation",
        "Digital",
        "Strategic foresight",
        "Behavioural science",
    }
    assert Theme.objects.filter(
        kind=Theme.Kind.DPIDG, slug="gender-equality-public-administration"
    ).exists()


def test_loading_twice_keeps_row_counts_and_repairs_edits():
    Country.objects.filter(iso3="LAO").update(name="Edited", is_ldc=False)
    before = {m: m.objects.count() for m in (Country, SdgGoal, SdgTarget, CepaPrinciple, Theme)}
    first_ids = dict(Country.objects.values_list("iso3", "id"))
    reference_load()
    reference_load()
    after = {m: m.objects.count() for m in (Country, SdgGoal, SdgTarget, CepaPrinciple, Theme)}
    assert after == before
    assert dict(Country.objects.values_list("iso3", "id")) == first_ids
    lao = Country.objects.get(iso3="LAO")
    assert (lao.name, lao.is_ldc) == ("Lao People's Democratic Republic", True)


def test_load_reference_command_reports_counts(capsys):
    call_command("load_reference")
    call_command("load_reference")
    out = capsys.readouterr().out
    assert out.count("countries: 248") == 2
    assert Country.objects.count() == 248


def test_localized_name_follows_the_active_language():
    from django.utils import translation

    goal = SdgGoal.objects.get(number=5)
    with translation.override("fr"):
        assert goal.localized_name.startswith("Objectif 5.")
    with translation.override("en"):
        assert goal.localized_name.startswith("Goal 5.")


def test_countries_have_their_french_name_from_cldr():
    names = dict(
        Country.objects.filter(iso3__in=["BTN", "LAO", "SEN", "CIV"]).values_list("iso3", "name_fr")
    )
    assert names == {"BTN": "Bhoutan", "LAO": "Laos", "SEN": "Sénégal", "CIV": "Côte d\u2019Ivoire"}
    assert not Country.objects.filter(name_fr="").exists()


def test_a_country_reads_in_the_active_language():
    bhutan = Country.objects.get(iso3="BTN")
    assert str(bhutan) == "Bhutan"
    with translation.override("fr"):
        assert str(bhutan) == bhutan.localized_name == "Bhoutan"
        assert (bhutan.localized_region, bhutan.localized_sub_region) == ("Asie", "Asie du Sud")


def test_reloading_refreshes_the_french_names():
    Country.objects.filter(iso3="BTN").update(name_fr="")
    reference_load()
    assert Country.objects.get(iso3="BTN").name_fr == "Bhoutan"


def test_the_migration_names_the_countries_of_an_existing_database():
    migration = import_module("capdev.core.migrations.0002_country_name_fr")
    Country.objects.update(name_fr="")
    migration.name_countries_in_french(django_apps, None)
    assert Country.objects.get(iso3="LAO").name_fr == "Laos"
    assert not Country.objects.filter(name_fr="").exists()
