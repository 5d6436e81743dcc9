"""The API: scoped lists, totals for everyone, personal data for staff and organisers."""

import pytest

from capdev.accounts.services import api_token_create
from capdev.programmes import services
from capdev.programmes.tests.helpers import country, make_activity, make_project, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    activity = make_activity(
        "Regional", is_published=True, participating_countries=[country("LAO")]
    )
    register(activity, "lao@example.org", "female", iso3="LAO", first_name="Noy")
    register(activity, "btn@example.org", "male", iso3="BTN")
    services.headcount_save(activity=activity, female=3)
    make_activity("Draft", host_country=country("BTN"))
    make_project("public", is_published=True, target_countries=[country("LAO")])
    make_project("draft")
    return activity


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anonymous_sees_published_with_totals(client, activity):
    data = client.get("/api/v1/activities").json()
    assert [item["title"] for item in data["items"]] == ["Regional"]
    assert data["items"][0]["participants"] == {
        "total": 5,
        "female": 4,
        "male": 1,
        "other": 0,
        "unknown": 0,
    }
    assert "email" not in str(data)
    assert [p["code"] for p in client.get("/api/v1/projects").json()["items"]] == ["public"]
    assert client.get(f"/api/v1/activities/{activity.pk}").json()["participants"]["total"] == 5
    assert client.get(f"/api/v1/activities/{activity.pk}/participants").status_code == 401


def test_token_gives_the_owners_scope(client, officer, focal_bhutan, activity):
    titles = {
        i["title"] for i in client.get("/api/v1/activities", **bearer(officer)).json()["items"]
    }
    assert titles == {"Regional", "Draft"}
    titles = {
        i["title"] for i in client.get("/api/v1/activities", **bearer(focal_bhutan)).json()["items"]
    }
    assert titles == {"Regional", "Draft"}
    assert client.get("/api/v1/projects/draft", **bearer(focal_bhutan)).status_code == 404
    assert client.get("/api/v1/projects/draft", **bearer(officer)).status_code == 200


def test_participants_endpoint(client, officer, focal_lao, learner, activity):
    url = f"/api/v1/activities/{activity.pk}/participants"
    staff = client.get(url, **bearer(officer)).json()["items"]
    assert {p["email"] for p in staff} == {"lao@example.org", "btn@example.org"}
    focal = client.get(url, **bearer(focal_lao)).json()["items"]
    assert [(p["first_name"], p["email"]) for p in focal] == [("Noy", None)]
    assert client.get(url, **bearer(learner)).status_code == 403


def test_filters_and_snapshot(client, activity):
    assert client.get("/api/v1/activities?year=2022").json()["count"] == 0
    assert client.get("/api/v1/activities?country=lao").json()["count"] == 1
    snapshot = client.get("/api/v1/snapshot/2023").json()
    assert snapshot["people_trained"]["total"] == 5 and snapshot["individuals"] == 2
    assert client.get("/api/v1/snapshot/1200").status_code == 422
    assert client.get("/api/v1/activities/999999").status_code == 404
