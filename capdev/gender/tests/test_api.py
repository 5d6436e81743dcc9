import pytest
from django.test import Client

from capdev.accounts.services import api_token_create
from capdev.core.models import Country
from capdev.gender import services

pytestmark = pytest.mark.django_db
URL = "/api/v1/indicators"


@pytest.fixture
def data(make_institution, make_record, make_plan, officer):
    lao = make_institution("LAO", "Ministry of Home Affairs", acronym="MOHA")
    province = make_institution("LAO", "Vientiane Province", level="subnational")
    btn = make_institution("BTN", "Royal Civil Service Commission", acronym="RCSC")
    make_record(lao, 2022, "professional", women=10, men=30)
    make_record(lao, 2023, "professional", women=20, men=20, pay_women=90, pay_men=100)
    make_record(province, 2023, "professional", women=5, men=15)
    make_record(btn, 2023, "professional", women=30, men=10)
    plan = make_plan("LAO")
    services.action_create(plan=plan, title="Publish pay by sex", user=officer)
    services.target_create(
        user=officer,
        plan=plan,
        indicator="women_share",
        baseline_year=2022,
        baseline_value=25.0,
        target_year=2026,
        target_value=45.0,
    )
    return {"plan": plan, "btn_plan": make_plan("BTN")}


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_indicators_filters(data, officer):
    client = Client()
    rows = client.get(URL, {"country": ["LAO"], "year": 2023}, **bearer(officer)).json()
    assert len(rows) == 1
    row = rows[0]
    assert (row["country"], row["year"], row["women"], row["men"]) == ("LAO", 2023, 25, 35)
    assert row["indicators"]["women_share"] == pytest.approx(25 / 60 * 100)
    assert row["indicators"]["women_share_decision"] is None  # missing, not zero
    rows = client.get(
        URL,
        {"level": "national", "indicator": ["pay_gap"], "year": [2022, 2023]},
        **bearer(officer),
    ).json()
    assert [(r["country"], r["year"]) for r in rows] == [
        ("BTN", 2023),
        ("LAO", 2022),
        ("LAO", 2023),
    ]
    assert set(rows[2]["indicators"]) == {"pay_gap"}
    assert rows[2]["indicators"]["pay_gap"] == pytest.approx(10.0)
    rows = client.get(URL, {"level": "subnational"}, **bearer(officer)).json()
    assert [(r["country"], r["women"]) for r in rows] == [("LAO", 5)]
    rows = client.get(URL, {"level": "institution", "country": "BTN"}, **bearer(officer)).json()
    assert [r["institution"] for r in rows] == ["Royal Civil Service Commission"]


def test_indicators_bad_filters_are_422(data, officer):
    client = Client()
    assert client.get(URL, {"level": "planet"}, **bearer(officer)).status_code == 422
    assert client.get(URL, {"indicator": "happiness"}, **bearer(officer)).status_code == 422
    assert client.get(URL, {"year": "soon"}, **bearer(officer)).status_code == 422


def test_indicators_scoped(data, focal_lao, officer):
    client = Client()
    rows = client.get(URL, **bearer(focal_lao)).json()
    assert {r["country"] for r in rows} == {"LAO"}
    assert client.get(URL).json() == []  # anonymous: nothing published yet
    services.year_publish(user=officer, country=Country.objects.get(iso3="BTN"), year=2023)
    assert [r["country"] for r in client.get(URL).json()] == ["BTN"]
    assert {r["country"] for r in client.get(URL, **bearer(focal_lao)).json()} == {"LAO", "BTN"}


def test_plans_endpoints_scoped(data, focal_lao, focal_bhutan):
    client = Client()
    plans = client.get("/api/v1/gender/plans", **bearer(focal_lao)).json()
    assert [p["country"] for p in plans["items"]] == ["LAO"]
    url = f"/api/v1/gender/plans/{data['plan'].pk}"
    detail = client.get(url, **bearer(focal_lao)).json()
    assert [a["title"] for a in detail["actions"]] == ["Publish pay by sex"]
    target = detail["targets"][0]
    # 2023: 41.7 % after a 25 % baseline: 83 % of the way, 25 % due.
    assert target["trajectory"] == "on_track"
    assert target["latest_value"] == pytest.approx(25 / 60 * 100)
    assert client.get(url, **bearer(focal_bhutan)).status_code == 404
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/gender/plans").json()["items"] == []
