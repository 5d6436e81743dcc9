"""Test data built through the services, as the pages build it."""

import datetime

from capdev.core.models import Country
from capdev.programmes import services
from capdev.programmes.models import Activity, Project


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def make_project(code="gender-pa", **fields) -> Project:
    values = {
        "title": "Women in public institutions",
        "start_date": datetime.date(2022, 1, 1),
        "end_date": datetime.date(2024, 12, 31),
        "status": Project.Status.ACTIVE,
    }
    values.update(fields)
    many = {name: values.pop(name) for name in list(values) if isinstance(values[name], list)}
    return services.project_save(code=code, many=many, **values)


def make_activity(title="Regional workshop", **fields) -> Activity:
    values = {
        "type": Activity.Type.REGIONAL_WORKSHOP,
        "start_date": datetime.date(2023, 4, 22),
        "end_date": datetime.date(2023, 4, 25),
    }
    values.update(fields)
    many = {name: values.pop(name) for name in list(values) if isinstance(values[name], list)}
    return services.activity_save(title=title, many=many, **values)


def register(activity, email, sex="female", iso3="LAO", **fields):
    participation, _created = services.participant_register(
        activity=activity, email=email, sex=sex, country=country(iso3) if iso3 else None, **fields
    )
    return participation
