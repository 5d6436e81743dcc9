import pytest

from capdev.accounts.services import api_token_create
from capdev.support.models import SupportRequest
from capdev.support.tests.helpers import S, make_request

pytestmark = pytest.mark.django_db
URL = "/api/v1/requests"


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def sample(officer):
    return make_request(officer, "LAO", title="Lao one door"), make_request(
        officer, "BTN", title="Bhutan HR"
    )


def test_needs_authentication(client, sample):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("persona", ["learner", "trainer"])
def test_no_country_role_no_requests(persona, request, client, sample):
    headers = bearer(request.getfixturevalue(persona))
    assert client.get(URL, headers=headers).status_code == 403
    assert client.get(f"{URL}/{sample[0].reference}", headers=headers).status_code == 403
    assert client.get(f"{URL}/insights", headers=headers).status_code == 403


def test_focal_point_scope(client, focal_lao, sample):
    lao, bhutan = sample
    headers = bearer(focal_lao)
    body = client.get(URL, headers=headers).json()
    assert [item["reference"] for item in body["items"]] == [lao.reference]
    assert client.get(f"{URL}/{bhutan.reference}", headers=headers).status_code == 404
    assert client.get(f"{URL}/insights", headers=headers).json()["total"] == 1
    response = client.post(
        f"{URL}/{lao.reference}/transitions",
        {"to_status": "under_review"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403


def test_officer_lists_with_filters(client, officer, sample):
    headers = bearer(officer)
    body = client.get(URL, {"region": "Asia", "sort": "country"}, headers=headers).json()
    assert [item["country"] for item in body["items"]] == ["BTN", "LAO"]
    assert client.get(URL, {"status": "lost"}, headers=headers).status_code == 422
    insights = client.get(f"{URL}/insights", {"country": "LAO"}, headers=headers).json()
    assert insights["total"] == 1 and insights["dashboard_url"].endswith("?country=LAO")


def test_create_update_and_transition(client, officer, focal_lao):
    created = client.post(
        URL,
        {"title": "Foresight training", "themes": ["strategic-foresight"], "sdgs": [16]},
        content_type="application/json",
        headers=bearer(focal_lao),
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["country"] == "LAO" and body["status"] == "received"
    assert body["themes"] == ["strategic-foresight"] and body["sdgs"] == [16]
    reference = body["reference"]
    headers = bearer(officer)
    response = client.patch(
        f"{URL}/{reference}",
        {"priority": "high", "assigned_officer": officer.email},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200 and response.json()["priority"] == "high"
    assert response.json()["assigned_officer"] == officer.email
    bad = client.post(
        f"{URL}/{reference}/transitions",
        {"to_status": "completed"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422 and "cannot become" in bad.json()["detail"]
    good = client.post(
        f"{URL}/{reference}/transitions",
        {"to_status": "under_review", "note": "ok"},
        content_type="application/json",
        headers=headers,
    )
    assert good.status_code == 200 and good.json()["first_response_at"]
    history = client.get(f"{URL}/{reference}/history", headers=headers).json()
    assert [step["to_status"] for step in history] == [S.RECEIVED, S.UNDER_REVIEW]


def test_focal_point_cannot_create_for_another_country(client, focal_lao):
    response = client.post(
        URL,
        {"title": "x", "country": "BTN"},
        content_type="application/json",
        headers=bearer(focal_lao),
    )
    assert response.status_code == 403
    assert not SupportRequest.objects.exists()


def test_unknown_codes_are_422(client, officer):
    for payload in (
        {"title": "x", "country": "XXX"},
        {"title": "x", "country": "SEN", "themes": ["nope"]},
    ):
        response = client.post(
            URL, payload, content_type="application/json", headers=bearer(officer)
        )
        assert response.status_code == 422


def test_comments(client, officer, focal_lao, sample):
    lao = sample[0]
    url = f"{URL}/{lao.reference}/comments"
    client.post(
        url,
        {"body": "internal", "is_internal": True},
        content_type="application/json",
        headers=bearer(officer),
    )
    client.post(url, {"body": "public"}, content_type="application/json", headers=bearer(focal_lao))
    seen = [c["body"] for c in client.get(url, headers=bearer(focal_lao)).json()]
    assert seen == ["public"]


def test_documented_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/requests", "/api/v1/requests/{reference}/transitions"} <= set(paths)
