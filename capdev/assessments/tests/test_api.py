import pytest

from capdev.accounts.services import api_token_create
from capdev.assessments import services
from capdev.core.models import Country

pytestmark = pytest.mark.django_db


def auth(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def two(small, officer):
    made = {}
    for iso3, answers in (("LAO", {"a1": "yes", "a2": "na", "b1": "no"}), ("BTN", {"a1": "no"})):
        assessment = services.assessment_create(
            user=officer, framework=small, country=Country.objects.get(iso3=iso3), year=2025
        )
        services.assessment_answer(user=officer, assessment=assessment, answers=answers)
        made[iso3] = assessment
    return made


def test_frameworks_are_public(client, small):
    body = client.get("/api/v1/assessment-frameworks").json()
    assert [f["slug"] for f in body] == ["small"]
    assert body[0]["levels"][0] == {
        "code": "gold",
        "label": "Gold",
        "min_score": 80,
        "min_dimension_score": 50,
    }
    detail = client.get("/api/v1/assessment-frameworks/small").json()
    assert [d["code"] for d in detail["dimensions"]] == ["a", "b"]
    assert detail["criteria"][2] == {
        "code": "b1",
        "text": "Third",
        "benchmark": "B1",
        "scale": "ynp",
        "weight": 1.0,
        "evidence": "optional",
        "cepa_principle": 5,
    }
    assert client.get("/api/v1/assessment-frameworks/none").status_code == 404


def test_assessments_need_auth_and_are_scoped(client, two, focal_lao, officer):
    assert client.get("/api/v1/assessments").status_code == 401
    body = client.get("/api/v1/assessments", **auth(focal_lao)).json()
    assert [item["country"] for item in body["items"]] == ["LAO"]
    body = client.get("/api/v1/assessments", {"country": "btn"}, **auth(officer)).json()
    assert [item["country"] for item in body["items"]] == ["BTN"]
    response = client.get(f"/api/v1/assessments/{two['BTN'].pk}", **auth(focal_lao))
    assert response.status_code == 404


def test_assessment_detail(client, two, focal_lao):
    body = client.get(f"/api/v1/assessments/{two['LAO'].pk}", **auth(focal_lao)).json()
    assert body["score"] == 66.67
    assert body["framework"] == "small" and body["framework_version"] == 1
    assert body["results"] == [
        {"dimension": "a", "score": 100.0, "answered": 2, "total": 2},
        {"dimension": "b", "score": 0.0, "answered": 1, "total": 1},
    ]
    assert {a["criterion"]: a["value"] for a in body["answers"]} == {
        "a1": "yes",
        "a2": "na",
        "b1": "no",
    }
