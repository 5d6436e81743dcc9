"""Builders for gender tests: data goes in through the services, as users put it."""

import pytest

from capdev.core.models import Country
from capdev.gender import services
from capdev.gender.models import Level, Sector


def country(iso3):
    return Country.objects.get(iso3=iso3)


@pytest.fixture
def make_institution(officer):
    def make(iso3="LAO", name="Ministry of Home Affairs", level=Level.NATIONAL, **kwargs):
        return services.institution_create(
            user=officer,
            name=name,
            country=country(iso3),
            level=level,
            sector=kwargs.pop("sector", Sector.CENTRAL),
            **kwargs,
        )

    return make


@pytest.fixture
def make_record(officer):
    def make(institution, year=2023, band="professional", **values):
        record, _created = services.workforce_record_save(
            user=officer, institution=institution, year=year, band=band, **values
        )
        return record

    return make


@pytest.fixture
def make_plan(officer):
    def make(iso3="LAO", title="Gender action plan", objectives=1, **kwargs):
        plan = services.plan_create(
            user=officer,
            title=title,
            country=country(iso3),
            start_year=kwargs.pop("start_year", 2024),
            end_year=kwargs.pop("end_year", 2027),
            **kwargs,
        )
        for n in range(objectives):
            services.objective_create(user=officer, plan=plan, title=f"Objective {n + 1}")
        return plan

    return make
