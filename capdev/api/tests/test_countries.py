import pytest

from capdev.accounts.services import api_token_create

pytestmark = pytest.mark.django_db
URL = "/api/v1/countries"


def iso3s(response):
    assert response.status_code == 200, response.content
    return {item["iso3"] for item in response.json()["items"]}


def test_lists_countries_with_pagination(client):
    body = client.get(URL, {"limit": 10}).json()
    assert body["count"] == 248
    assert len(body["items"]) == 10
    assert set(body["items"][0]) >= {"iso3", "m49_code", "region", "is_ldc", "is_lldc", "is_sids"}


def test_filters_by_region_name_or_code(client):
    by_name = iso3s(client.get(URL, {"region": "oceania", "limit": 300}))
    by_code = iso3s(client.get(URL, {"region": "009", "limit": 300}))
    assert by_name == by_code
    assert len(by_name) == 29


def test_filters_by_sub_region_and_groups(client):
    sea_ldcs = iso3s(client.get(URL, {"sub_region": "South-eastern Asia", "ldc": "true"}))
    assert sea_ldcs == {"KHM", "LAO", "MMR", "TLS"}
    lldc_asia = iso3s(client.get(URL, {"region": "Asia", "lldc": True, "limit": 100}))
    assert {"BTN", "LAO", "NPL"} <= lldc_asia
    assert "MUS" in iso3s(client.get(URL, {"sids": True, "sub_region": "Eastern Africa"}))
    not_ldc = iso3s(client.get(URL, {"sub_region": "Southern Asia", "ldc": False}))
    assert "BTN" in not_ldc and "AFG" not in not_ldc


def test_bad_filter_value_is_a_clear_422(client):
    response = client.get(URL, {"ldc": "maybe"})
    assert response.status_code == 422
    assert "ldc" in response.content.decode()


def test_openapi_document_describes_the_api(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["version"] == "1"
    parameters = {p["name"] for p in schema["paths"]["/api/v1/countries"]["get"]["parameters"]}
    assert {"region", "sub_region", "ldc", "lldc", "sids"} <= parameters
    assert "TokenAuth" in schema["components"]["securitySchemes"]


def test_token_authentication(client, focal_lao):
    _token, key = api_token_create(user=focal_lao, name="test")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json() == {
        "email": focal_lao.email,
        "first_name": "Khamla",
        "last_name": "",
        "roles": ["focal_point"],
        "country": "LAO",
    }


@pytest.mark.parametrize("header", [None, "Bearer cdv_wrong", "Basic abc"])
def test_me_refuses_missing_or_bad_tokens(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get("/api/v1/me", **extra).status_code == 401
