"""Public read endpoints: anyone may call them, each caller sees their own scope."""

import pytest

from capdev.accounts.services import api_token_create
from capdev.programmes.tests.helpers import make_project

pytestmark = pytest.mark.django_db

PUBLIC_READS = ["/api/v1/projects", "/api/v1/indicators", "/api/v1/gender/plans", "/api/v1/courses"]


def codes(response):
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


@pytest.mark.parametrize("url", PUBLIC_READS)
def test_anonymous_callers_are_answered(client, reference_data, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", PUBLIC_READS)
def test_a_bad_token_is_refused_rather_than_treated_as_anonymous(client, reference_data, url):
    assert client.get(url, HTTP_AUTHORIZATION="Bearer cdv_wrong").status_code == 401


def test_token_and_session_both_give_the_callers_scope(client, officer):
    make_project(code="published", is_published=True)
    make_project(code="draft", is_published=False)
    assert codes(client.get("/api/v1/projects")) == {"published"}

    _token, key = api_token_create(user=officer, name="script")
    with_token = client.get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert codes(with_token) == {"published", "draft"}

    client.force_login(officer)
    assert codes(client.get("/api/v1/projects")) == {"published", "draft"}
