"""The Snapshot's figures for a known fixture, its page, its PDF and its command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from capdev.core.models import Theme
from capdev.programmes import selectors, services
from capdev.programmes.models import Activity, Project, Result
from capdev.programmes.tests.helpers import country, make_activity, make_project, register

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def year_2023():
    """Two projects running in 2023, one that ended in 2022, one in the pipeline;
    activities of 2023 and 2022; individuals (one at two events) and head-counts."""
    gender = make_project("gender", target_countries=[country("BTN"), country("LAO")])
    make_project("foresight", start_date=D(2023, 3, 1), end_date=D(2023, 9, 30))
    make_project("old", start_date=D(2020, 1, 1), end_date=D(2022, 12, 31))
    make_project("future", status=Project.Status.PIPELINE)
    theme = Theme.objects.get(slug="strategic-foresight")
    workshop = make_activity(
        "Workshop",
        project=gender,
        start_date=D(2023, 4, 1),
        end_date=D(2023, 4, 3),
        participating_countries=[country("KHM")],
        themes=[theme],
    )
    national = make_activity(
        "National",
        type=Activity.Type.NATIONAL_TRAINING,
        start_date=D(2023, 10, 1),
        end_date=D(2023, 10, 2),
        host_country=country("SEN"),
        events_count=2,
        themes=[theme],
    )
    webinar = make_activity(
        "Webinar",
        type=Activity.Type.WEBINAR,
        start_date=D(2023, 12, 31),
        end_date=D(2023, 12, 31),
        is_online=True,
    )
    earlier = make_activity("Earlier", start_date=D(2022, 6, 1), end_date=D(2022, 6, 1))
    register(workshop, "a@example.org", "female", iso3="FJI")
    register(national, "a@example.org", "female", iso3="FJI")
    register(national, "b@example.org", "male", iso3="SEN")
    register(national, "c@example.org", "male", iso3="SEN", attended=False)
    services.headcount_save(activity=national, country=country("SEN"), female=20, male=10)
    services.headcount_save(activity=webinar, female=5, unknown=5)
    services.headcount_save(activity=earlier, female=100)
    Result.objects.create(
        project=gender,
        country=country("LAO"),
        year=2023,
        title="Action plan drafted",
        description="The plan went to the ministry.",
        is_featured=True,
    )
    feedback = services.feedback_submit(
        activity=workshop,
        relevance=5,
        quality=4,
        usefulness=5,
        comment="We learnt from each other.",
        quote_name="A participant",
        may_quote=True,
    )
    services.feedback_feature(feedback=feedback, featured=True)
    return workshop


def test_snapshot_figures_for_a_known_fixture(year_2023):
    data = selectors.snapshot_data(2023)

    assert data["projects"]["count"] == 2
    assert data["activities"]["events"] == 1 + 2 + 1
    assert data["activities"]["workshops"] == 3
    people = data["people"]
    assert (people["female"], people["male"], people["other"], people["unknown"]) == (26, 11, 0, 5)
    assert people["total"] == 2 + 30 + 10
    assert people["individuals"] == 2
    # Cambodia (taking part), Fiji and Senegal (participants), Bhutan and Lao PDR (targets).
    assert data["countries"]["count"] == 5
    # Bhutan left the LDC list in 2023; groups are those of the current M49 list.
    assert data["countries"]["groups"]["ldc"] == 3  # Cambodia, Lao PDR, Senegal
    assert data["countries"]["groups"]["sids"] == 1  # Fiji
    regions = {row["region"]: row["people"] for row in data["trained_by_region"]}
    assert regions == {"Africa": 31, "Oceania": 1, "": 10}
    assert data["themes"][0]["slug"] == "strategic-foresight"
    assert data["themes"][0]["activities"] == 2
    assert [r.title for r in data["results"]] == ["Action plan drafted"]
    assert [q.comment for q in data["quotes"]] == ["We learnt from each other."]


def test_snapshot_counts_each_person_once_by_sex_and_by_region():
    """A person at several events, from different countries, counts once in each figure;
    absences and other years count nowhere."""
    first = make_activity("First", start_date=D(2023, 2, 1), end_date=D(2023, 2, 1))
    second = make_activity("Second", start_date=D(2023, 6, 1), end_date=D(2023, 6, 1))
    third = make_activity("Third", start_date=D(2023, 9, 1), end_date=D(2023, 9, 1))
    last_year = make_activity("Last year", start_date=D(2022, 9, 1), end_date=D(2022, 9, 1))
    register(first, "x@example.org", "female", iso3="LAO")
    register(second, "X@example.org", "female", iso3="KHM")  # same person, same region
    register(first, "y@example.org", "male", iso3="SEN")
    register(third, "y@example.org", "male", iso3="FRA")  # same person, another region
    register(second, "z@example.org", "male", iso3="BRA", attended=False)
    register(last_year, "x@example.org", "female", iso3="FJI")
    services.headcount_save(activity=third, country=country("LAO"), female=4)

    data = selectors.snapshot_data(2023)

    people = data["people"]
    assert (people["female"], people["male"], people["other"], people["unknown"]) == (5, 1, 0, 0)
    assert (people["individuals"], people["headcount"], people["total"]) == (2, 4, 6)
    assert people["participations"] == 4 + 4
    regions = {row["region"]: row["people"] for row in data["trained_by_region"]}
    assert regions == {"Asia": 1 + 4, "Africa": 1, "Europe": 1}
    assert data["countries"]["names"] == [
        "Cambodia",
        "France",
        "Lao People's Democratic Republic",
        "Senegal",
    ]
    with translation.override("fr"):
        names = selectors.snapshot_data(2023)["countries"]["names"]
    assert names == ["Cambodge", "France", "Laos", "Sénégal"]


def test_registering_someone_changes_the_snapshot(year_2023):
    before = selectors.snapshot_data(2023)["people"]["total"]
    register(year_2023, "new@example.org", "female", iso3="LAO")
    register(year_2023, "a@example.org", "female", iso3="FJI")  # already counted
    assert selectors.snapshot_data(2023)["people"]["total"] == before + 1


def test_empty_year_has_zeros():
    data = selectors.snapshot_data(1999)
    assert data["people"]["total"] == 0 and data["activities"]["events"] == 0


def test_snapshot_page_is_public(client, year_2023):
    response = client.get(reverse("programmes:snapshot_year", args=[2023]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="people">42<' in page
    assert "We learnt from each other." in page
    assert "<svg" in page
    assert client.get(reverse("programmes:snapshot") + "?year=2023").status_code == 302
    assert client.get(reverse("programmes:snapshot") + "?year=abc").status_code == 404
    assert client.get(reverse("programmes:snapshot")).status_code == 200


def test_snapshot_page_in_french_names_places_in_french_and_groups_figures(client, year_2023):
    register(year_2023, "eg@example.org", "female", iso3="EGY")
    register(year_2023, "zm@example.org", "male", iso3="ZMB")
    services.headcount_save(activity=year_2023, country=country("EGY"), female=18000)
    url = reverse("programmes:snapshot_year", args=[2023])
    assert 'data-figure="people">18,044<' in client.get(url).content.decode()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'data-figure="people">18\xa0044<' in page
    countries = page.split('<p class="countries">')[1].split("</p>")[0].split(", ")
    assert countries[:3] == ["Bhoutan", "Cambodge", "Égypte"]  # É beside E, not after Z
    assert countries[-1] == "Zambie"
    assert "Lao People" not in page and "Laos" in page
    assert '<th scope="row">Afrique</th>' in page and '<th scope="row">Asie</th>' in page


def test_snapshot_pdf_has_the_figures(client, year_2023):
    response = client.get(reverse("programmes:snapshot_pdf", args=[2023]))
    assert response["Content-Type"] == "application/pdf"
    import io

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Capacity Development Snapshot 2023" in text
    assert "42" in text and "people trained" in text


def test_snapshot_command_writes_html_and_pdf(tmp_path, year_2023):
    html, pdf = tmp_path / "snap.html", tmp_path / "snap.pdf"
    call_command("snapshot", "--year", "2023", "--format", "html", "-o", str(html))
    call_command("snapshot", "--year", "2023", "--format", "pdf", "-o", str(pdf))
    assert 'data-figure="people">42<' in html.read_text()
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError):
        call_command("snapshot", "--year", "12", "-o", str(pdf))
