"""Who sees which projects, activities and participants."""

import pytest

from capdev.programmes import selectors
from capdev.programmes.tests.helpers import country, make_activity, make_project, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    lao = make_activity("Lao training", host_country=country("LAO"))
    bhutan = make_activity("Bhutan training", host_country=country("BTN"))
    regional = make_activity(
        "Regional", participating_countries=[country("LAO"), country("BTN")], is_published=True
    )
    register(regional, "lao.person@example.org", iso3="LAO")
    register(regional, "btn.person@example.org", iso3="BTN")
    lao_project = make_project("lao-project", target_countries=[country("LAO")])
    public_project = make_project("public-project", is_published=True)
    return {
        "lao": lao,
        "bhutan": bhutan,
        "regional": regional,
        "lao_project": lao_project,
        "public_project": public_project,
    }


def titles(user):
    return set(selectors.activities_visible_to(user).values_list("title", flat=True))


def test_officer_sees_everything(officer, records):
    assert titles(officer) == {"Lao training", "Bhutan training", "Regional"}
    assert selectors.projects_visible_to(officer).count() == 2


def test_focal_point_sees_own_country_and_published(focal_lao, focal_bhutan, records):
    assert titles(focal_lao) == {"Lao training", "Regional"}
    assert titles(focal_bhutan) == {"Bhutan training", "Regional"}
    assert set(selectors.projects_visible_to(focal_lao).values_list("code", flat=True)) == {
        "lao-project",
        "public-project",
    }
    assert set(selectors.projects_visible_to(focal_bhutan).values_list("code", flat=True)) == {
        "public-project"
    }


def test_anonymous_learner_and_trainer_see_published_only(
    django_user_model, learner, trainer, records
):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), learner, trainer):
        assert titles(user) == {"Regional"}


def test_organiser_sees_their_unpublished_activity(trainer, records):
    records["bhutan"].organisers.add(trainer)
    assert "Bhutan training" in titles(trainer)
    assert selectors.can_manage_activity(trainer, records["bhutan"])
    assert not selectors.can_manage_activity(trainer, records["lao"])


def test_participants_personal_data(officer, focal_lao, focal_bhutan, learner, trainer, records):
    regional = records["regional"]
    emails = lambda user: {  # noqa: E731
        p.person.email for p in selectors.participants_visible_to(user, regional)
    }
    assert emails(officer) == {"lao.person@example.org", "btn.person@example.org"}
    assert emails(focal_lao) == {"lao.person@example.org"}
    assert emails(focal_bhutan) == {"btn.person@example.org"}
    assert emails(learner) == set()
    assert selectors.can_see_personal_data(officer, regional)
    assert not selectors.can_see_personal_data(focal_lao, regional)
    regional.organisers.add(trainer)
    assert emails(trainer) == {"lao.person@example.org", "btn.person@example.org"}
