import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capdev.core.models import Country
from capdev.core.places import sort_key
from capdev.support.models import SupportRequest
from capdev.support.tests.helpers import S, make_request, move

pytestmark = pytest.mark.django_db
LIST = reverse("support:index")


@pytest.fixture
def lao_and_bhutan(officer):
    return make_request(officer, "LAO", title="Lao one door"), make_request(
        officer, "BTN", title="Bhutan civil service"
    )


def detail(r):
    return reverse("support:detail", args=[r.reference])


def test_anonymous_is_sent_to_sign_in(client, lao_and_bhutan):
    for url in (LIST, detail(lao_and_bhutan[0]), reverse("support:dashboard")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login" in response.url


@pytest.mark.parametrize("persona", ["learner", "trainer"])
def test_people_without_a_country_role_see_nothing(persona, request, client_for, lao_and_bhutan):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(detail(lao_and_bhutan[0])).status_code == 403
    assert client.get(reverse("support:dashboard")).status_code == 403
    assert client.get(reverse("support:export", args=["csv"])).status_code == 403


def test_focal_point_sees_own_country_only(client_for, focal_lao, lao_and_bhutan):
    lao, bhutan = lao_and_bhutan
    client = client_for(focal_lao)
    response = client.get(LIST)
    assert [r.reference for r in response.context["page"]] == [lao.reference]
    assert client.get(detail(lao)).status_code == 200
    assert client.get(detail(bhutan)).status_code == 404
    # Filtering for another country gives nothing, not Bhutan's requests.
    response = client.get(LIST, {"country": "BTN"})
    assert list(response.context["page"]) == []
    export = client.get(reverse("support:export", args=["csv"]))
    body = b"".join(export.streaming_content).decode()
    assert lao.reference in body and bhutan.reference not in body
    insights = client.get(reverse("support:dashboard")).context["insights"]
    assert insights["total"] == 1
    assert [row["iso3"] for row in insights["by_country"]] == ["LAO"]


def test_officer_lists_filters_sorts_and_paginates(client_for, officer, lao_and_bhutan):
    for n in range(30):
        make_request(officer, "SEN", title=f"Senegal {n}", received_on=dt.date(2023, 1, 1))
    client = client_for(officer)
    response = client.get(LIST)
    assert response.status_code == 200 and response.context["page"].paginator.count == 32
    response = client.get(LIST, {"region": "Asia", "sort": "country"})
    assert [r.country.iso3 for r in response.context["page"]] == ["BTN", "LAO"]
    response = client.get(LIST, {"q": "one door"})
    assert [r.title for r in response.context["page"]] == ["Lao one door"]
    response = client.get(LIST, {"year": "2023", "page": "2"})
    assert len(response.context["page"]) == 5
    # A bad filter value is ignored, never a server error.
    assert client.get(LIST, {"year": "abc", "status": "nope"}).status_code == 200


def test_filter_lists_keep_the_choice_and_span_the_years(client_for, officer):
    make_request(officer, "BOL", received_on=dt.date(2021, 5, 1))
    make_request(officer, "BTN", received_on=dt.date(2024, 2, 1))
    for url in (LIST, reverse("support:dashboard")):
        html = client_for(officer).get(url, {"country": "BOL", "year": "2022"}).content.decode()
        assert (
            '<label for="id_country">' in html and '<select name="country" id="id_country">' in html
        )
        assert '<option value="BOL" selected>Bolivia (Plurinational State of)</option>' in html
        countries = html.split('id="id_country">')[1].split("</select>")[0]
        assert countries.count(" selected") == 1
        # Every year from the first request to the last, the empty ones too.
        years = html.split('id="id_year">')[1].split("</select>")[0]
        assert re.findall(r'value="(\d+)"', years) == ["2024", "2023", "2022", "2021"]
        assert '<option value="2022" selected>2022</option>' in years


def test_list_query_count_does_not_grow(client_for, officer, django_assert_max_num_queries):
    for n in range(25):
        make_request(officer, "MUS", title=f"Mauritius {n}")
    client = client_for(officer)
    with django_assert_max_num_queries(16):
        assert client.get(LIST).status_code == 200


def test_list_refuses_post(client_for, officer):
    assert client_for(officer).post(LIST).status_code == 405


def test_export_xlsx_and_unknown_format(client_for, officer, lao_and_bhutan):
    client = client_for(officer)
    response = client.get(reverse("support:export", args=["xlsx"]), {"country": "LAO"})
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert client.get(reverse("support:export", args=["pdf"])).status_code == 404


def test_focal_point_submits_a_request(client_for, focal_lao):
    client = client_for(focal_lao)
    assert client.get(reverse("support:create")).status_code == 200
    response = client.post(
        reverse("support:create"),
        {"title": "Digital skills training", "description": "For 40 officials", "priority": "high"},
    )
    created = SupportRequest.objects.get()
    assert response.status_code == 302 and response.url == detail(created)
    assert created.country.iso3 == "LAO" and created.submitted_by == focal_lao
    assert created.status == S.RECEIVED


def test_create_form_errors_are_shown_not_500(client_for, officer):
    client = client_for(officer)
    response = client.post(reverse("support:create"), {"title": ""})
    assert response.status_code == 200 and response.context["form"].errors
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()  # noqa: DTZ011
    from capdev.core.models import Country

    response = client.post(
        reverse("support:create"),
        {
            "title": "x",
            "country": Country.objects.get(iso3="SEN").pk,
            "received_on": future,
            "channel": "email",
            "priority": "normal",
        },
    )
    assert response.status_code == 200 and "received_on" in response.context["form"].errors


def test_officer_triages_through_the_page(client_for, officer, focal_lao):
    request = make_request(focal_lao, "LAO")
    client = client_for(officer)
    url = reverse("support:transition", args=[request.reference])
    client.post(url, {"to_status": S.UNDER_REVIEW, "note": "Looking into it"})
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW and request.first_response_at
    # Skipping a step is refused with a message and changes nothing.
    response = client.post(url, {"to_status": S.COMPLETED}, follow=True)
    request.refresh_from_db()
    assert request.status == S.UNDER_REVIEW
    assert "not possible" in response.content.decode()
    assert client_for(focal_lao).post(url, {"to_status": S.ACCEPTED}).status_code == 403


def test_officer_edits_details(client_for, officer):
    request = make_request(officer, "MUS")
    client = client_for(officer)
    url = reverse("support:edit", args=[request.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "country": request.country_id,
            "title": "Strategic foresight for climate scenarios",
            "received_on": "2024-03-01",
            "channel": "rco",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title.startswith("Strategic foresight") and request.channel == "rco"


def test_comments_and_internal_notes(client_for, officer, focal_lao):
    request = make_request(focal_lao, "LAO")
    url = reverse("support:comment", args=[request.reference])
    client_for(officer).post(url, {"body": "Budget check pending", "is_internal": "on"})
    client_for(focal_lao).post(url, {"body": "We can host in Vientiane"})
    page = client_for(focal_lao).get(detail(request)).content.decode()
    assert "We can host in Vientiane" in page and "Budget check pending" not in page
    page = client_for(officer).get(detail(request)).content.decode()
    assert "Budget check pending" in page
    assert client_for(officer).post(url, {"body": ""}).status_code == 400


def test_attachments_are_checked_and_scoped(client_for, officer, focal_lao, focal_bhutan):
    request = make_request(focal_lao, "LAO")
    url = reverse("support:attachment", args=[request.reference])
    client = client_for(focal_lao)
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%demo\n", content_type="application/pdf")
    assert client.post(url, {"file": pdf}).status_code == 302
    fake = SimpleUploadedFile("letter.docx", b"MZ\x90\x00binary\x00", content_type="text/plain")
    response = client.post(url, {"file": fake})
    assert response.status_code == 400
    attachment = request.attachments.get()
    download = reverse("support:attachment_download", args=[request.reference, attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(focal_bhutan).get(download).status_code == 404
    assert client_for(focal_bhutan).post(url, {"file": pdf}).status_code == 404


def test_detail_404_for_unknown_reference(client_for, officer):
    assert (
        client_for(officer).get(reverse("support:detail", args=["REQ-1999-0001"])).status_code
        == 404
    )


def test_detail_shows_history(client_for, officer):
    request = move(officer, make_request(officer, "SEN"), S.UNDER_REVIEW, S.ACCEPTED)
    response = client_for(officer).get(detail(request))
    assert response.status_code == 200
    assert [c.to_status for c in response.context["history"]] == [
        S.RECEIVED,
        S.UNDER_REVIEW,
        S.ACCEPTED,
    ]


def test_french_filters_name_countries_and_regions_in_french_alphabetical_order(
    client_for, officer
):
    page = client_for(officer).get(LIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    select = page.split('name="country"')[1].split("</select>")[0]
    labels = [option.split(">", 1)[1] for option in select.split("</option>")[1:-1]]
    assert "Bhoutan" in labels and "Bhutan" not in labels
    assert labels == sorted(labels, key=sort_key)
    assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Zambie")
    assert '<option value="Sub-Saharan Africa">Afrique subsaharienne</option>' in page


def test_large_counts_are_grouped_as_each_language_writes_them(client_for, officer):
    bhutan = Country.objects.get(iso3="BTN")
    SupportRequest.objects.bulk_create(
        SupportRequest(
            reference=f"REQ-2024-{number:06d}",
            year=2024,
            country=bhutan,
            title=f"Request {number}",
            received_on=dt.date(2024, 3, 1),
        )
        for number in range(1, 1_235)
    )
    client = client_for(officer)
    dashboard = reverse("support:dashboard")
    english = client.get(dashboard, headers={"HX-Request": "true"}).content.decode()
    assert 'data-figure="total">1,234<' in english and 'data-figure="open">1,234<' in english
    assert '<th scope="row">Bhutan</th><td class="num">1,234</td>' in english
    french = client.get(
        dashboard, headers={"HX-Request": "true"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert 'data-figure="total">1\xa0234<' in french
    assert '<th scope="row">Bhoutan</th><td class="num">1\xa0234</td>' in french
    assert "1\xa0234 demandes" in client.get(LIST, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1,234 requests" in client.get(LIST).content.decode()
    # The API gives numbers, not text, whatever the language.
    api = client.get("/api/v1/requests/insights", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert api["total"] == 1234
