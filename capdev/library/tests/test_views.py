import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capdev.library.models import Document, Visibility
from capdev.library.services import document_ingest
from capdev.library.testing import make_pdf
from conftest import country

pytestmark = pytest.mark.django_db


def ingest(text: str, name: str, **kwargs) -> Document:
    result = document_ingest(data=text.encode(), filename=name, **kwargs)
    assert result.ok, result.message
    return result.document


@pytest.fixture
def library(reference_data):
    return {
        "public": ingest("Regional workshop on women leadership.", "public.txt", year=2024),
        "lao": ingest(
            "Lao draft gender action plan for the civil service.",
            "lao.txt",
            visibility=Visibility.COUNTRY,
            country=country("LAO"),
        ),
        "bhutan": ingest(
            "Bhutan draft gender action plan, confidential figures.",
            "bhutan.txt",
            visibility=Visibility.COUNTRY,
            country=country("BTN"),
        ),
        "staff": ingest("Internal staff memo about donors.", "staff.txt", visibility="staff"),
    }


def visible_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {d.title for d in response.context["page"]}


def test_anonymous_sees_only_public_documents(client, library):
    assert visible_titles(client, reverse("library:index")) == {"Public"}
    assert client.get(library["lao"].get_absolute_url()).status_code == 404


def test_focal_point_sees_own_country_only(client_for, focal_lao, library):
    client = client_for(focal_lao)
    assert visible_titles(client, reverse("library:index")) == {"Public", "Lao"}
    assert client.get(library["lao"].get_absolute_url()).status_code == 200
    assert client.get(library["bhutan"].get_absolute_url()).status_code == 404
    download = reverse("library:download", args=[library["bhutan"].pk])
    assert client.get(download).status_code == 404


def test_officer_sees_everything(client_for, officer, library):
    titles = visible_titles(client_for(officer), reverse("library:index"))
    assert titles == {"Public", "Lao", "Bhutan", "Staff"}


def test_search_highlights_and_respects_scope(client_for, focal_lao, library):
    client = client_for(focal_lao)
    response = client.get(reverse("library:index"), {"q": "gender action plan"})
    hits = list(response.context["page"])
    assert [hit.document.title for hit in hits] == ["Lao"]
    assert "<mark>gender</mark>" in response.content.decode()


def test_search_filters_by_year(client, library):
    response = client.get(reverse("library:index"), {"q": "workshop", "year": "2023"})
    assert list(response.context["page"]) == []


def test_country_page_lists_visible_documents(client_for, focal_bhutan, library):
    client = client_for(focal_bhutan)
    response = client.get(reverse("library:country", args=["btn"]))
    assert [d.title for d in response.context["documents"]] == ["Bhutan"]
    response = client.get(reverse("library:country", args=["LAO"]))
    assert list(response.context["documents"]) == []
    assert client.get(reverse("library:country", args=["XXX"])).status_code == 404


def test_upload_needs_permission(client, client_for, learner):
    url = reverse("library:upload")
    assert client.get(url).status_code == 302
    assert client_for(learner).get(url).status_code == 403


def test_officer_uploads_a_pdf(client_for, officer, django_capture_on_commit_callbacks):
    client = client_for(officer)
    upload = SimpleUploadedFile("review.pdf", make_pdf(["National review of Bhutan"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("library:upload"),
            {
                "file": upload,
                "type": "national_review",
                "country": "BTN",
                "language": "en",
                "visibility": "country",
                "year": "2023",
            },
        )
    document = Document.objects.get()
    assert response.status_code == 302 and response.url == document.get_absolute_url()
    assert document.current_version.status == "done"
    page = client.get(document.get_absolute_url())
    assert "National review of Bhutan" in page.content.decode()
    progress = client.get(reverse("library:version_progress", args=[document.current_version.pk]))
    assert "hx-trigger" not in progress.content.decode()


def test_upload_refuses_a_renamed_image(client_for, officer):
    client = client_for(officer)
    upload = SimpleUploadedFile("report.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response = client.post(
        reverse("library:upload"),
        {"file": upload, "type": "report", "language": "en", "visibility": "public"},
    )
    assert response.status_code == 200
    assert "PNG" in response.content.decode()
    assert not Document.objects.exists()


def test_country_visibility_needs_a_country(client_for, officer):
    response = client_for(officer).post(
        reverse("library:upload"),
        {
            "file": SimpleUploadedFile("a.txt", b"text"),
            "type": "report",
            "language": "en",
            "visibility": "country",
        },
    )
    assert "needs its country" in response.content.decode()


def test_pending_version_polls_for_progress(client_for, officer, library):
    version = library["public"].current_version
    version.status = "processing"
    version.pages_total, version.pages_done = 4, 1
    version.save()
    response = client_for(officer).get(reverse("library:version_progress", args=[version.pk]))
    body = response.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body


def test_delete_needs_post_and_permission(client_for, officer, focal_lao, library):
    url = reverse("library:delete", args=[library["lao"].pk])
    assert client_for(focal_lao).post(url).status_code == 403
    client = client_for(officer)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Document.objects.filter(pk=library["lao"].pk).exists()


def test_pages_speak_french(client_for, officer, library):
    client = client_for(officer)
    html = client.get(reverse("library:index"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Bibliothèque" in html and "Ajouter un document" in html
    assert "Bibliothèques par pays" in html and "Toutes les langues" in html
    document = library["lao"]
    html = client.get(document.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Versions de ce document" in html and "Déposer une nouvelle version" in html
    # The document's language is named, in the reader's language.
    assert "<dd>Anglais</dd>" in html and "Pays (ses points focaux et le personnel)" in html
    assert "<dd>Laos</dd>" in html


def test_country_pages_name_the_country_in_french(client_for, focal_bhutan, officer, library):
    url = reverse("library:country", args=["BTN"])
    html = client_for(focal_bhutan).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Documents du pays : Bhoutan</h1>" in html
    assert '<a href="/library/countries/BTN/">Bhoutan</a>' in html
    countries = client_for(officer).get(reverse("library:countries"), HTTP_ACCEPT_LANGUAGE="fr")
    html = countries.content.decode()
    assert html.index(">Bhoutan</a>") < html.index(">Laos</a>")
