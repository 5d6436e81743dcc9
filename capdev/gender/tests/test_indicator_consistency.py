"""The SQL aggregates against the written definitions, on a varied workforce.

Every group the comparison, the dashboard and the API can ask for (each level, with
and without a sector, band, country or year filter) is recomputed here in plain
Python from the records and their institutions, following docs/indicators.md, and
must match `indicator_rows` figure by figure, missing where the definition is.
Records carry a copy of their institution's country, level and sector; the reference
reads the institution itself, so a copy out of step shows as a wrong figure.
"""

import importlib
import random
from collections import defaultdict

import pytest
from django.apps import apps

from capdev.core.models import Country
from capdev.gender import services
from capdev.gender.metrics import indicator_rows
from capdev.gender.models import GradeBand, Institution, Level, Sector, WorkforceRecord

pytestmark = pytest.mark.django_db

YEARS = [2021, 2022, 2023]
INSTITUTIONS = [
    # country, name, level, sector
    ("LAO", "Ministry of Home Affairs", Level.NATIONAL, Sector.CENTRAL),
    ("LAO", "Ministry of Finance", Level.NATIONAL, Sector.FINANCE),
    ("LAO", "Vientiane Province", Level.SUBNATIONAL, Sector.LOCAL),
    ("LAO", "Luang Prabang Health Office", Level.SUBNATIONAL, Sector.HEALTH),
    ("BTN", "Royal Civil Service Commission", Level.NATIONAL, Sector.CENTRAL),
    ("BTN", "Thimphu Dzongkhag", Level.SUBNATIONAL, Sector.LOCAL),
    ("SEN", "Ministère de la Santé", Level.NATIONAL, Sector.HEALTH),
    ("SEN", "Commune de Thiès", Level.SUBNATIONAL, Sector.LOCAL),
    ("SEN", "Région de Kaolack", Level.SUBNATIONAL, Sector.HEALTH),
]


def _maybe(rng, value, chance):
    return value if rng.random() < chance else None


@pytest.fixture
def varied(officer):
    """Institutions of three countries and both levels with records of every kind.

    Bands left out, bands with no staff or no men, pay for one sex only, and years
    without pay, promotion or training data all occur.
    """
    rng = random.Random(1671)  # noqa: S311 - reproducible figures, not secrets
    institutions = [
        services.institution_create(
            user=officer,
            name=name,
            country=Country.objects.get(iso3=iso3),
            level=level,
            sector=sector,
        )
        for iso3, name, level, sector in INSTITUTIONS
    ]
    for institution in institutions:
        for year in YEARS:
            for band in GradeBand.values:
                if rng.random() < 0.2:
                    continue  # a band the institution does not report
                women = rng.choice([0, 1, 3, 12, 40, 150])
                men = rng.choice([0, 2, 5, 30, 90])
                values = {"women": women, "men": men, "other": rng.choice([0, 0, 1, 4])}
                if year != 2021:  # the first year has headcounts only
                    values |= {
                        "pay_women": _maybe(rng, rng.randint(500, 3000), 0.7) if women else None,
                        "pay_men": _maybe(rng, rng.randint(500, 3000), 0.7) if men else None,
                        "promoted_women": _maybe(rng, rng.randint(0, women), 0.7),
                        "promoted_men": _maybe(rng, rng.randint(0, men), 0.7),
                        "trained_women": _maybe(rng, rng.randint(0, women), 0.8),
                        "trained_men": _maybe(rng, rng.randint(0, men), 0.8),
                    }
                services.workforce_record_save(
                    user=officer, institution=institution, year=year, band=band, **values
                )
    return institutions


def _ratio(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _sum(records, field):
    """The sum of `field` over `records`, None over no records (as SQL's SUM)."""
    return sum(getattr(r, field) for r in records) if records else None


def _percent(numerator, denominator):
    ratio = _ratio(numerator, denominator)
    return None if ratio is None else ratio * 100


def _mean_pay(records, sex):
    if not records:
        return None
    return _ratio(
        sum(float(getattr(r, f"pay_{sex}")) * getattr(r, sex) for r in records), _sum(records, sex)
    )


def _expected(records) -> dict:
    """One group's indicators, from docs/indicators.md."""
    women, men, other = _sum(records, "women"), _sum(records, "men"), _sum(records, "other")
    total = women + men + other
    top = [r for r in records if r.band == GradeBand.DECISION_MAKING]
    share = _percent(women, total)
    share_top = _percent(_sum(top, "women"), _sum(top, "total"))
    segregation = None
    if women and men:
        segregation = 50 * sum(
            abs(
                sum(r.women for r in records if r.band == band) / women
                - sum(r.men for r in records if r.band == band) / men
            )
            for band in GradeBand.values
        )

    def reporting(event):
        return [
            r
            for r in records
            if getattr(r, f"{event}_women") is not None and getattr(r, f"{event}_men") is not None
        ]

    paid = reporting("pay")
    pay_women, pay_men = _mean_pay(paid, "women"), _mean_pay(paid, "men")
    pay_gap = None
    if pay_women is not None and pay_men:
        pay_gap = (pay_men - pay_women) / pay_men * 100

    def rate_ratio(event):
        reported = reporting(event)
        return _ratio(
            _ratio(_sum(reported, f"{event}_women"), _sum(reported, "women")),
            _ratio(_sum(reported, f"{event}_men"), _sum(reported, "men")),
        )

    return {
        "women": women,
        "men": men,
        "other": other,
        "total": total,
        "illustrative": any(r.illustrative for r in records),
        "women_share": share,
        "women_share_decision": share_top,
        "parity_index": _ratio(women, men),
        "glass_ceiling_index": _ratio(share, share_top),
        "segregation_index": segregation,
        "pay_gap": pay_gap,
        "promotion_ratio": rate_ratio("promoted"),
        "training_ratio": rate_ratio("trained"),
    }


def _reference(level, *, sector="", band="", countries=None, years=None) -> dict:
    """Expected rows by (country, institution id, year), read through the institution."""
    groups = defaultdict(list)
    for record in WorkforceRecord.objects.select_related("institution__country"):
        institution = record.institution
        if level in (Level.NATIONAL, Level.SUBNATIONAL) and institution.level != level:
            continue
        if sector and institution.sector != sector:
            continue
        if band and record.band != band:
            continue
        if countries and institution.country.iso3 not in countries:
            continue
        if years and record.year not in years:
            continue
        key = (
            institution.country.iso3,
            institution.pk if level == "institution" else None,
            record.year,
        )
        groups[key].append(record)
    return {key: _expected(records) for key, records in groups.items()}


def _assert_matches(officer, level, **filters):
    rows = indicator_rows(officer, level=level, **filters)
    expected = _reference(level, **filters)
    keys = [(r["country"], r["institution_id"], r["year"]) for r in rows]
    assert keys == sorted(expected), (level, filters)
    for row, key in zip(rows, keys, strict=True):
        for name, value in expected[key].items():
            if value is None:
                assert row[name] is None, (level, filters, key, name, row[name])
            else:
                assert row[name] == pytest.approx(value, rel=1e-9), (level, filters, key, name)


def _assert_every_view_matches(officer):
    for level in ("country", Level.NATIONAL, Level.SUBNATIONAL, "institution"):
        _assert_matches(officer, level)
        _assert_matches(officer, level, years=[2023])
        _assert_matches(officer, level, countries=["SEN", "LAO"], years=[2022, 2023])
        for sector in (Sector.CENTRAL, Sector.LOCAL, Sector.HEALTH, Sector.JUSTICE):
            _assert_matches(officer, level, sector=sector)
        for band in GradeBand.values:
            _assert_matches(officer, level, band=band, years=[2022])
        _assert_matches(officer, level, sector=Sector.LOCAL, band=GradeBand.SUPPORT)


def test_fixture_has_the_edge_cases(varied, officer):
    records = list(WorkforceRecord.objects.all())
    assert any(r.women + r.men + r.other == 0 for r in records)
    assert any(r.men == 0 and r.women for r in records)
    assert any(r.pay_women is not None and r.pay_men is None for r in records)
    assert any(r.promoted_women is None for r in records if r.year == 2023)
    rows = indicator_rows(officer, level="institution", band=GradeBand.DECISION_MAKING)
    assert any(r["pay_gap"] is None and r["total"] for r in rows)


def test_every_level_and_filter_matches_the_definitions(varied, officer):
    _assert_every_view_matches(officer)


def test_records_follow_their_institution(varied, officer):
    """Moving an institution moves its records in every aggregate at once."""
    vientiane, health_office = varied[2], varied[3]
    services.institution_update(
        user=officer, institution=vientiane, level=Level.NATIONAL, sector=Sector.SOCIAL
    )
    # The admin changes the country too, through the model's save.
    health_office.country = Country.objects.get(iso3="BTN")
    health_office.save()
    assert set(
        WorkforceRecord.objects.filter(institution=health_office).values_list(
            "country__iso3", "level", "sector"
        )
    ) == {("BTN", Level.SUBNATIONAL, Sector.HEALTH)}
    _assert_every_view_matches(officer)


def test_a_record_moved_to_another_institution_takes_its_country(varied, officer):
    thies = Institution.objects.get(name="Commune de Thiès")
    newcomer = services.institution_create(
        user=officer,
        name="Commune de Mbour",
        country=thies.country,
        level=Level.SUBNATIONAL,
        sector=Sector.LOCAL,
    )
    record = WorkforceRecord.objects.filter(institution=varied[0]).first()
    record.institution = newcomer
    record.save(update_fields=["institution"])
    record.refresh_from_db()
    assert (record.country.iso3, record.level, record.sector) == (
        "SEN",
        Level.SUBNATIONAL,
        Sector.LOCAL,
    )
    _assert_every_view_matches(officer)


def test_migration_copies_the_institution_fields(varied, officer):
    migration = importlib.import_module(
        "capdev.gender.migrations.0002_workforce_institution_fields"
    )
    WorkforceRecord.objects.update(
        country=Country.objects.get(iso3="MUS"), level=Level.NATIONAL, sector=Sector.OTHER
    )
    migration.copy_institution_fields(apps, None)
    _assert_every_view_matches(officer)
