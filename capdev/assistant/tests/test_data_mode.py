import datetime as dt

import pytest
from django.utils import translation

from capdev.assistant.answering import answer_question
from capdev.knowledge.search import search
from capdev.programmes.models import Activity
from capdev.programmes.selectors import people_trained
from capdev.programmes.services import activity_save, headcount_save
from capdev.support.selectors import request_insights
from capdev.support.services import request_create
from conftest import country

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(officer):
    return [
        request_create(
            user=officer,
            country=country("LAO"),
            title="Digital government strategy",
            description="Help drafting a digital government master plan.",
            received_on=dt.date(2024, 3, 1),
        ),
        request_create(
            user=officer,
            country=country("BTN"),
            title="Gender action plan",
            description="Support for a gender action plan in the civil service.",
            outcome="A draft plan was validated by the commission.",
            received_on=dt.date(2024, 5, 1),
        ),
        request_create(
            user=officer,
            country=country("LAO"),
            title="Foresight training",
            received_on=dt.date(2023, 5, 1),
        ),
    ]


@pytest.fixture
def activities(reference_data):
    workshop = activity_save(
        title="Regional workshop on women's leadership",
        type=Activity.Type.REGIONAL_WORKSHOP,
        summary="Four days reviewing the draft action plans of Bhutan and Lao PDR.",
        start_date=dt.date(2024, 4, 22),
        end_date=dt.date(2024, 4, 25),
        host_country=country("KOR"),
        is_published=True,
    )
    headcount_save(activity=workshop, country=country("LAO"), female=12, male=8)
    headcount_save(activity=workshop, country=country("BTN"), female=9, male=6, unknown=1)
    earlier = activity_save(
        title="Foresight training",
        type=Activity.Type.NATIONAL_TRAINING,
        start_date=dt.date(2023, 10, 2),
        end_date=dt.date(2023, 10, 3),
        host_country=country("LAO"),
        is_published=True,
    )
    headcount_save(activity=earlier, country=country("LAO"), female=5, male=5)
    return workshop


def test_people_trained_by_sex_equals_the_selector(activities, officer):
    answer = answer_question(officer, "How many people were trained in 2024, by sex?")
    figures = people_trained(officer, year=2024)
    assert answer.mode == "data"
    assert f"{figures['total']} people were trained in 2024" in answer.answer
    assert f"{figures['female']} women, {figures['male']} men" in answer.answer
    assert answer.link.startswith("/programmes/activities/?") and "year=2024" in answer.link


def test_people_trained_from_a_country(activities, officer):
    answer = answer_question(officer, "How many participants from Bhutan were trained?")
    assert f"{people_trained(officer, country='BTN')['total']} people" in answer.answer


def test_request_counts_follow_scope(requests, officer, focal_bhutan):
    answer = answer_question(officer, "How many requests were received in 2024?")
    assert answer.mode == "data"
    assert answer.answer.startswith(f"{request_insights(officer, year=2024)['total']} requests")
    assert answer.answer.startswith("2 requests")
    answer = answer_question(focal_bhutan, "How many requests were received in 2024?")
    assert answer.answer.startswith("1 requests") or answer.answer.startswith("1 request")
    assert "/requests/dashboard/" in answer.link


def test_which_countries_asked(requests, officer, focal_lao):
    answer = answer_question(officer, "Which countries asked for help?")
    assert "Lao" in answer.answer and "Bhutan" in answer.answer
    answer = answer_question(focal_lao, "Which countries asked for help?")
    assert "Bhutan" not in answer.answer


def test_requests_and_activities_are_indexed_with_their_scope(
    requests, activities, focal_lao, focal_bhutan
):
    hits = search(focal_bhutan, "gender action plan commission", mode="keyword")
    assert any(r.chunk.source_type == "request" for r in hits)
    assert not any(
        r.chunk.source_type == "request" for r in search(focal_lao, "commission", mode="keyword")
    )
    hits = search(focal_lao, "draft action plans Bhutan", mode="keyword")
    assert any(r.chunk.source_type == "activity" for r in hits)
    requests[1].delete()
    assert not search(focal_bhutan, "commission validated", mode="keyword")


def test_large_figures_are_grouped_as_each_language_writes_them(activities, officer):
    headcount_save(activity=activities, country=country("BTN"), female=18000, male=103)
    answer = answer_question(officer, "How many people from Bhutan were trained in 2024?")
    assert "18,119 people from Bhutan were trained in 2024." in answer.answer
    assert "18,009 women, 109 men" in answer.answer
    with translation.override("fr"):
        answer = answer_question(officer, "Combien de personnes du Bhoutan ont été formées ?")
    assert "Bhoutan : 18\xa0119 personnes ont été formées." in answer.answer
    assert "femmes 18\xa0009, hommes 109" in answer.answer
