"""A gap of an assessment becomes an action of a gender action plan of the same country."""

import pytest
from django.urls import reverse

from capdev.assessments import services
from capdev.core.models import Country
from capdev.gender.models import Action
from capdev.gender.services import plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def gap(small, focal_lao):
    assessment = services.assessment_create(
        user=focal_lao, framework=small, country=focal_lao.country, year=2025
    )
    services.assessment_answer(
        user=focal_lao,
        assessment=assessment,
        answers={"a1": "yes", "a2": ("no", "No budget line yet"), "b1": "partly"},
    )
    return assessment, small.criteria.get(code="a2")


def plan(user, iso3):
    return plan_create(
        user=user,
        title=f"Gender action plan {iso3}",
        country=Country.objects.get(iso3=iso3),
        start_year=2025,
        end_year=2027,
    )


def test_button_offers_the_countrys_draft_plans(client_for, gap, focal_lao, officer):
    assessment, _criterion = gap
    lao_plan = plan(focal_lao, "LAO")
    plan(officer, "BTN")
    page = client_for(focal_lao).get(reverse("assessments:detail", args=[assessment.pk]))
    assert page.context["gap_actions"]["plans"] == [lao_plan]
    assert b"Create an action from this gap" in page.content


def test_creates_the_action_with_its_source(client_for, gap, focal_lao):
    assessment, criterion = gap
    lao_plan = plan(focal_lao, "LAO")
    response = client_for(focal_lao).post(
        reverse("assessments:gap_action", args=[assessment.pk, criterion.pk]),
        {"plan": lao_plan.pk},
    )
    assert response.status_code == 302
    action = Action.objects.get(plan=lao_plan)
    assert action.title.startswith("Close the gap on a2")
    assert action.description == "No budget line yet"


def test_refuses_another_countrys_plan_and_non_gaps(client_for, gap, focal_lao, officer):
    assessment, criterion = gap
    bhutan_plan = plan(officer, "BTN")
    client = client_for(focal_lao)
    response = client.post(
        reverse("assessments:gap_action", args=[assessment.pk, criterion.pk]),
        {"plan": bhutan_plan.pk},
    )
    assert response.status_code == 403
    lao_plan = plan(focal_lao, "LAO")
    not_a_gap = assessment.framework.criteria.get(code="a1")
    client.post(
        reverse("assessments:gap_action", args=[assessment.pk, not_a_gap.pk]),
        {"plan": lao_plan.pk},
    )
    client.post(
        reverse("assessments:gap_action", args=[assessment.pk, criterion.pk]), {"plan": "x"}
    )
    assert not Action.objects.exists()
