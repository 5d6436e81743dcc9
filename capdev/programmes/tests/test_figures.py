"""People trained: individual participations and head-counts add up, nobody twice."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from capdev.programmes import selectors, services
from capdev.programmes.models import Activity, Participation, Person
from capdev.programmes.tests.helpers import country, make_activity, register

pytestmark = pytest.mark.django_db


def test_individuals_and_headcounts_add_up_by_sex():
    workshop = make_activity()
    register(workshop, "a@example.org", "female")
    register(workshop, "b@example.org", "male")
    register(workshop, "c@example.org", "female", iso3="BTN")
    services.headcount_save(activity=workshop, country=country("LAO"), female=10, male=5)
    services.headcount_save(activity=workshop, unknown=7)

    figures = selectors.activity_figures(workshop)

    assert figures["female"] == 12
    assert figures["male"] == 6
    assert figures["unknown"] == 7
    assert figures["total"] == 25
    assert figures["individuals"] == 3
    assert figures["headcount"] == 22


def test_same_email_across_events_is_one_person():
    first = make_activity("First")
    second = make_activity(
        "Second", start_date=datetime.date(2023, 9, 1), end_date=datetime.date(2023, 9, 2)
    )
    register(first, "Same.Person@Example.org", "female")
    register(second, "same.person@example.org", "female")
    services.headcount_save(activity=second, male=4)

    figures = selectors.participation_figures(Activity.objects.all())

    assert Person.objects.count() == 1
    assert figures["individuals"] == 1
    assert figures["participations"] == 2 + 4
    assert figures["total"] == 1 + 4
    assert figures["female"] == 1


def test_registering_twice_updates_instead_of_counting_twice():
    workshop = make_activity()
    register(workshop, "a@example.org", "female", position="Director")
    register(workshop, "A@example.org", "female", position="Director-General")

    assert Participation.objects.get().position == "Director-General"
    assert selectors.activity_figures(workshop)["total"] == 1


def test_absent_participants_are_not_counted():
    workshop = make_activity()
    register(workshop, "a@example.org", attended=False)
    register(workshop, "b@example.org")

    assert selectors.activity_figures(workshop)["total"] == 1


def test_changing_a_persons_sex_moves_all_their_participations():
    first, second = make_activity("First"), make_activity("Second")
    register(first, "a@example.org", "unknown")
    register(second, "a@example.org", "female")

    figures = selectors.participation_figures(Activity.objects.all())

    assert figures["female"] == 1
    assert figures["unknown"] == 0


def test_an_empty_headcount_is_refused():
    with pytest.raises(ValidationError):
        services.headcount_save(activity=make_activity())


def test_people_trained_by_country_and_year(officer):
    this_year = make_activity(
        start_date=datetime.date(2023, 5, 1), end_date=datetime.date(2023, 5, 1)
    )
    last_year = make_activity(
        start_date=datetime.date(2022, 5, 1), end_date=datetime.date(2022, 5, 1)
    )
    register(this_year, "lao@example.org", "female", iso3="LAO")
    register(this_year, "btn@example.org", "male", iso3="BTN")
    services.headcount_save(activity=this_year, country=country("LAO"), male=3)
    services.headcount_save(activity=last_year, country=country("LAO"), female=50)

    lao_2023 = selectors.people_trained(officer, year=2023, country="lao")
    everyone = selectors.people_trained(officer)

    assert (lao_2023["female"], lao_2023["male"], lao_2023["total"]) == (1, 3, 4)
    assert everyone["total"] == 55


def test_list_annotations_match_the_figures():
    workshop = make_activity()
    register(workshop, "a@example.org", "female")
    services.headcount_save(activity=workshop, female=2, male=3)
    services.headcount_save(activity=workshop, male=1)

    annotated = selectors.with_participant_totals(Activity.objects.all()).get()

    assert annotated.people_female == 3
    assert annotated.people_male == 4
    assert annotated.people_total == 7
