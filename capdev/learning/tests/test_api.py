import pytest

from capdev.accounts.services import api_token_create
from capdev.learning import services
from capdev.learning.models import Course
from capdev.learning.tests.builders import item, module_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    return module_chain(trainer)


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_catalogue_is_public_and_filtered(client, course, trainer):
    services.course_create(title="Draft", trainers=[trainer])
    services.course_create(title="En français", status=Course.Status.PUBLISHED, language="fr")
    data = client.get("/api/v1/courses").json()
    assert data["count"] == 2
    assert {c["slug"] for c in data["items"]} == {"chain", "en-francais"}
    data = client.get("/api/v1/courses", {"language": "fr"}).json()
    assert [c["title"] for c in data["items"]] == ["En français"]
    assert client.get("/api/v1/courses", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_outline_and_locked_item(client, course, learner):
    services.course_enrol(course=course, user=learner)
    headers = bearer(learner)
    outline = client.get("/api/v1/courses/chain", **headers).json()
    assert outline["enrolled"] is True and outline["progress"] == 0
    module_2 = outline["sections"][2]
    assert module_2["available"] is False
    assert "Module 1 self-assessment is marked complete" in module_2["restriction"]
    locked = item(course, "module-2")
    response = client.get(f"/api/v1/courses/chain/items/{locked.pk}", **headers)
    assert response.status_code == 403
    assert "Module 1 self-assessment" in response.json()["detail"]
    services.item_mark_done(user=learner, item=item(course, "module-1-self-assessment"))
    response = client.get(f"/api/v1/courses/chain/items/{locked.pk}", **headers)
    assert response.status_code == 200 and response.json()["key"] == "module-2"


def test_anonymous_cannot_open_items(client, course):
    welcome = item(course, "welcome")
    assert client.get(f"/api/v1/courses/chain/items/{welcome.pk}").status_code == 403
    assert client.get("/api/v1/courses/nope").status_code == 404


def test_enrol_enrolments_and_completions(client, course, learner, focal_lao, trainer):
    headers = bearer(learner)
    assert (
        client.post(
            "/api/v1/courses/chain/enrol", {}, content_type="application/json", **headers
        ).status_code
        == 201
    )
    services.item_viewed(user=learner, item=item(course, "welcome"))
    services.course_enrol(course=course, user=focal_lao)
    services.item_viewed(user=focal_lao, item=item(course, "welcome"))
    enrolments = client.get("/api/v1/me/enrolments", **headers).json()
    assert enrolments[0]["course"] == "chain" and enrolments[0]["progress"] > 0
    events = client.get("/api/v1/me/completions", **headers).json()
    assert events["count"] == 1 and events["items"][0]["user"] is None
    # A learner sees only their own events in a course; its trainer sees everyone's.
    own = client.get("/api/v1/courses/chain/completions", **headers).json()
    assert own["count"] == 1
    every = client.get("/api/v1/courses/chain/completions", **bearer(trainer)).json()
    assert every["count"] == 2
    assert {event["user"] for event in every["items"]} == {learner.email, focal_lao.email}
    assert client.get("/api/v1/me/enrolments").status_code == 401
