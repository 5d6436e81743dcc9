"""The demo reproduces the seed's facts, and loading it twice changes nothing."""

import io

import pytest

from capdev.accounts import demo as accounts_demo
from capdev.core import demo as core_demo
from capdev.programmes import demo
from capdev.programmes.models import Activity, HeadCount, Participation, Person, Project
from capdev.programmes.selectors import snapshot_data

pytestmark = pytest.mark.django_db


def load_all():
    out = io.StringIO()
    core_demo.load(out)
    accounts_demo.load(out)
    demo.load(out)
    return out.getvalue()


def test_demo_reproduces_the_seed_and_is_idempotent():
    output = load_all()

    data = snapshot_data(2023)

    assert data["projects"]["count"] == 9
    assert data["activities"]["workshops"] == 30
    # "Trained over 13,000 people": the demo's participants and head-counts add up to
    # exactly this, so a change to the counting rules shows here.
    assert data["people"]["total"] == 13_328
    assert "30 workshops" in output
    assert data["results"] and data["quotes"]

    project = Project.objects.get(code=demo.GENDER_PROJECT)
    assert project.budget == 750_000 and project.currency == "USD"
    assert {c.iso3 for c in project.target_countries.all()} == {"BTN", "LAO", "MUS", "SEN"}
    assert {c.iso3 for c in project.partnering_countries.all()} == {
        "KHM",
        "SLE",
        "SLB",
        "VUT",
        "ZMB",
    }
    assert project.donors.get().name == "Government of Italy"
    assert project.milestones.count() == 7
    april = Activity.objects.get(start_date="2024-04-22")
    assert april.sessions.dates("date", "day").count() == 4
    forum = Activity.objects.get(start_date="2024-06-24")
    assert forum.city == "Incheon" and forum.host_country.iso3 == "KOR"
    history = {
        a.type: (a.events_count, a.countries_count, sum(h.total for h in a.headcounts.all()))
        for a in Activity.objects.filter(project__code="unpog-governance-2006-2013")
    }
    assert history == {
        "national_training": (11, 11, 752),
        "regional_workshop": (8, 70, 872),
        "international_conference": (11, 94, 3144),
    }

    counts = (
        Project.objects.count(),
        Activity.objects.count(),
        Participation.objects.count(),
        Person.objects.count(),
        HeadCount.objects.count(),
    )
    figures = snapshot_data(2023)["people"]
    load_all()
    assert (
        Project.objects.count(),
        Activity.objects.count(),
        Participation.objects.count(),
        Person.objects.count(),
        HeadCount.objects.count(),
    ) == counts
    assert snapshot_data(2023)["people"] == figures
