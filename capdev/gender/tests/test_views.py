import io

import pytest
from django.test import Client
from django.urls import reverse

from capdev.core.models import Country
from capdev.gender import services
from capdev.gender.models import ActionPlan, WorkforceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(make_institution, make_record, make_plan):
    lao = make_institution("LAO", "Ministry of Home Affairs", acronym="MOHA")
    btn = make_institution("BTN", "Royal Civil Service Commission", acronym="RCSC")
    make_record(lao, 2023, "decision_making", women=2, men=8)
    make_record(lao, 2023, "professional", women=40, men=50)
    make_record(btn, 2023, "professional", women=30, men=30, pay_women=100, pay_men=120)
    return {"lao": lao, "btn": btn, "lao_plan": make_plan("LAO"), "btn_plan": make_plan("BTN")}


def test_dashboard_for_a_focal_point_shows_only_their_country(client_for, focal_lao, data):
    response = client_for(focal_lao).get(reverse("gender:index"))
    assert response.status_code == 200
    assert [r["country"] for r in response.context["rows"]] == ["LAO"]
    response = client_for(focal_lao).get(reverse("gender:index"), {"country": "BTN"})
    assert all(r["country"] == "LAO" for r in response.context["rows"])  # invalid choice ignored
    assert "Royal Civil" not in response.content.decode()


def test_dashboard_shows_missing_as_a_dash(client_for, focal_lao, data):
    html = client_for(focal_lao).get(reverse("gender:index")).content.decode()
    # Lao PDR reported no pay: the pay-gap cell is "—", not 0.
    row = html.split('data-indicator="pay_gap"')[1].split("</tr>")[0]
    assert "—" in row and ">0<" not in row


def test_dashboard_and_compare_for_anonymous_show_published_only(client, officer, data):
    assert client.get(reverse("gender:index")).context["rows"] == []
    services.year_publish(user=officer, country=Country.objects.get(iso3="BTN"), year=2023)
    response = client.get(reverse("gender:compare"))
    assert [r["country"] for r in response.context["rows"]] == ["BTN"]


def test_compare_filters_and_exports(client_for, officer, data):
    client = client_for(officer)
    response = client.get(
        reverse("gender:compare"), {"year": 2023, "indicator": "pay_gap", "band": "professional"}
    )
    assert response.status_code == 200
    rows = {r["country"]: r for r in response.context["rows"]}
    assert rows["BTN"]["pay_gap"] == pytest.approx(100 / 6)
    assert rows["LAO"]["pay_gap"] is None
    export = client.get(reverse("gender:compare"), {"year": 2023, "export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert text.splitlines()[0].lstrip("\ufeff").startswith("country,country_name,level")
    assert "LAO" in text and "BTN" in text
    xlsx = client.get(reverse("gender:index"), {"country": "LAO", "export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("gender:compare"), {"year": "abc"}).status_code == 200


def test_institution_pages_are_scoped(client_for, focal_lao, learner, client, data):
    url = reverse("gender:institution", args=[data["btn"].pk])
    assert client_for(focal_lao).get(url).status_code == 404
    assert (
        client_for(focal_lao).get(reverse("gender:institution", args=[data["lao"].pk])).status_code
        == 200
    )
    assert client_for(learner).get(reverse("gender:institutions")).status_code == 403
    assert Client().get(reverse("gender:institutions")).status_code == 302
    listing = client_for(focal_lao).get(reverse("gender:institutions"))
    assert [i.acronym for i in listing.context["page"]] == ["MOHA"]


def test_focal_point_adds_institution_and_figures(client_for, focal_lao, focal_bhutan):
    client = client_for(focal_lao)
    lao = Country.objects.get(iso3="LAO")
    response = client.post(
        reverse("gender:institution_create"),
        {
            "name": "Vientiane Province Office",
            "country": lao.pk,
            "level": "subnational",
            "sector": "local",
            "area": "Vientiane",
        },
    )
    assert response.status_code == 302
    institution = lao.institutions.get()
    # Another country is not a valid choice for this focal point.
    refused = client.post(
        reverse("gender:institution_create"),
        {
            "name": "X",
            "country": Country.objects.get(iso3="BTN").pk,
            "level": "national",
            "sector": "other",
        },
    )
    assert refused.status_code == 200 and "country" in refused.context["form"].errors
    url = reverse("gender:record_create", args=[institution.pk])
    bad = client.post(
        url,
        {
            "year": 2024,
            "band": "senior",
            "women": 3,
            "men": 0,
            "other": 0,
            "pay_basis": "mean",
            "pay_men": 1000,
        },
    )
    assert bad.status_code == 200 and "pay_men" in bad.context["form"].errors
    ok = client.post(
        url, {"year": 2024, "band": "senior", "women": 3, "men": 4, "other": 0, "pay_basis": "mean"}
    )
    assert ok.status_code == 302
    assert WorkforceRecord.objects.get().men == 4
    assert client_for(focal_bhutan).post(url, {}).status_code == 404


def test_import_page_reports_errors_per_cell(client_for, focal_lao, data):
    file = io.BytesIO(b"country,institution,year,band,women,men\nLAO,MOHA,2024,support,-1,3\n")
    file.name = "w.csv"
    response = client_for(focal_lao).post(reverse("gender:import"), {"file": file})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-errors"' in html and "Must not be negative" in html
    template = client_for(focal_lao).get(reverse("gender:import_template"), {"format": "csv"})
    assert template.status_code == 200


def test_plan_pages_scoped_and_workflow(client_for, focal_lao, focal_bhutan, officer, client, data):
    plan = data["lao_plan"]
    url = reverse("gender:plan", args=[plan.pk])
    assert client_for(focal_bhutan).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    lao = client_for(focal_lao)
    assert lao.get(url).status_code == 200
    assert lao.get(reverse("gender:plans")).context["plans"].count() == 1
    response = lao.post(
        reverse("gender:action_add", args=[plan.pk]),
        {
            "title": "Mentoring for women managers",
            "status": "planned",
            "currency": "USD",
            "start_date": "2025-01-01",
            "end_date": "2025-12-31",
            "budget": "1000",
        },
    )
    assert response.status_code == 302
    bad = lao.post(
        reverse("gender:target_add", args=[plan.pk]),
        {
            "indicator": "women_share",
            "baseline_year": 2024,
            "baseline_value": 30,
            "target_year": 2020,
            "target_value": 40,
        },
    )
    assert bad.status_code == 400
    lao.post(
        reverse("gender:target_add", args=[plan.pk]),
        {
            "indicator": "women_share_decision",
            "baseline_year": 2022,
            "baseline_value": 10,
            "target_year": 2027,
            "target_value": 40,
        },
    )
    page = lao.get(url).content.decode()
    assert "Mentoring for women managers" in page and 'class="bar planned"' in page
    assert "On track" in page  # 20 % in 2023 against 16 % due
    lao.post(reverse("gender:plan_transition", args=[plan.pk]), {"to_status": "under_review"})
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.UNDER_REVIEW
    # The focal point cannot validate, and nobody from Bhutan can touch it.
    lao.post(reverse("gender:plan_transition", args=[plan.pk]), {"to_status": "validated"})
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.UNDER_REVIEW
    assert (
        client_for(focal_bhutan)
        .post(reverse("gender:plan_transition", args=[plan.pk]), {"to_status": "draft"})
        .status_code
        == 404
    )
    client_for(officer).post(
        reverse("gender:plan_transition", args=[plan.pk]), {"to_status": "validated"}
    )
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.VALIDATED
    assert client_for(focal_lao).get(reverse("gender:plans")).status_code == 200


def test_plan_create_and_methods(client_for, focal_lao):
    client = client_for(focal_lao)
    response = client.post(
        reverse("gender:plan_create"),
        {
            "title": "Plan 2025",
            "country": Country.objects.get(iso3="LAO").pk,
            "start_year": 2025,
            "end_year": 2024,
        },
    )
    assert response.status_code == 200  # end before start
    response = client.post(
        reverse("gender:plan_create"),
        {
            "title": "Plan 2025",
            "country": Country.objects.get(iso3="LAO").pk,
            "start_year": 2025,
            "end_year": 2028,
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert client.get(reverse("gender:plan_transition", args=[plan.pk])).status_code == 405
    assert client.get(reverse("gender:plan", args=[9999])).status_code == 404


def test_publish_needs_officer(client_for, focal_lao, officer):
    assert client_for(focal_lao).get(reverse("gender:publish")).status_code == 403
    response = client_for(officer).post(
        reverse("gender:publish"),
        {"country": Country.objects.get(iso3="LAO").pk, "year": 2023, "published": "1"},
    )
    assert response.status_code == 302


def test_headcounts_are_grouped_and_countries_named_in_each_language(
    client_for, officer, make_institution, make_record
):
    ministry = make_institution("BTN", "Royal Civil Service Commission")
    make_record(ministry, 2023, "professional", women=18119, men=17001)
    client = client_for(officer)
    url = reverse("gender:institution", args=[ministry.pk])
    english = client.get(url).content.decode()
    assert '<td class="num">18,119</td><td class="num">17,001</td>' in english
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<td class="num">18\xa0119</td><td class="num">17\xa0001</td>' in french
    assert "Bhoutan" in french
    compare = client.get(reverse("gender:compare"), {"year": 2023}, HTTP_ACCEPT_LANGUAGE="fr")
    assert '<th scope="row">Bhoutan</th><td class="num">35\xa0120</td>' in compare.content.decode()
    export = client.get(reverse("gender:compare"), {"year": 2023, "export": "csv"})
    assert ",35120," in b"".join(export.streaming_content).decode()  # files keep plain figures
