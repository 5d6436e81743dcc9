import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from capdev.assessments import services
from capdev.assessments.models import Assessment
from capdev.core.models import Country

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def lao(small, focal_lao):
    return services.assessment_create(
        user=focal_lao, framework=small, country=focal_lao.country, year=2025
    )


def url(name, *args):
    return reverse(f"assessments:{name}", args=args)


def test_index_and_framework_pages_are_public(client, small):
    response = client.get(url("index"))
    assert response.status_code == 200
    assert b"Small framework" in response.content
    response = client.get(url("framework", "small"))
    assert response.status_code == 200
    assert b"Benchmark A1" in response.content
    assert client.get(url("framework", "nope")).status_code == 404


def test_create_page_needs_the_permission(client, client_for, learner, small):
    assert client.get(url("create")).status_code == 302
    assert client_for(learner).get(url("create")).status_code == 403


def test_focal_point_creates_for_own_country_only(client_for, focal_lao, small):
    client = client_for(focal_lao)
    form = client.get(url("create")).context["form"]
    assert list(form.fields["country"].queryset) == [focal_lao.country]
    bhutan = Country.objects.get(iso3="BTN")
    response = client.post(
        url("create"), {"framework": small.pk, "country": bhutan.pk, "year": 2025}
    )
    assert response.status_code == 200 and "country" in response.context["form"].errors
    response = client.post(
        url("create"), {"framework": small.pk, "country": focal_lao.country.pk, "year": 2025}
    )
    assessment = Assessment.objects.get()
    assert response.url == url("detail", assessment.pk)
    assert assessment.country == focal_lao.country


def test_detail_is_scoped(client, client_for, lao, focal_bhutan, officer):
    assert client.get(url("detail", lao.pk)).status_code == 302
    assert client_for(focal_bhutan).get(url("detail", lao.pk)).status_code == 404
    assert client_for(officer).get(url("detail", lao.pk)).status_code == 200
    assert client_for(focal_bhutan).get(url("export", lao.pk)).status_code == 404


def test_answer_upload_submit_return_validate_through_pages(client_for, lao, focal_lao, officer):
    client = client_for(focal_lao)
    criteria = {c.code: c for c in lao.framework.criteria.all()}
    answers = {
        f"answer_{criteria['a1'].pk}": "yes",
        f"answer_{criteria['a2'].pk}": "partly",
        f"comment_{criteria['a2'].pk}": "Budget line drafted",
        f"answer_{criteria['b1'].pk}": "no",
    }
    response = client.post(url("answers", lao.pk), answers)
    assert response.status_code == 302
    lao.refresh_from_db()
    assert lao.answered == 3
    page = client.get(url("detail", lao.pk))
    assert "a2 needs evidence." in page.context["problems"]
    assert b"<svg" in page.content and b"chart-data" in page.content
    # b1 answered "no" is a gap; a2 "partly" is at the threshold (0.5), not below it.
    assert [c.code for c, _a in page.context["gaps"]] == ["b1"]

    bad = SimpleUploadedFile("notes.pdf", b"\x00\x01binary")
    response = client.post(
        url("evidence_upload", lao.pk), {"criterion": criteria["a2"].pk, "file": bad}
    )
    assert response.status_code == 200
    assert response.context["evidence_form"].errors["file"]
    good = SimpleUploadedFile("budget.pdf", PDF)
    response = client.post(
        url("evidence_upload", lao.pk), {"criterion": criteria["a2"].pk, "file": good}
    )
    assert response.status_code == 302
    evidence = lao.evidence.get()
    download = client.get(url("evidence_download", lao.pk, evidence.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    client.post(url("submit", lao.pk), {"comment": "Done"})
    lao.refresh_from_db()
    assert lao.status == "submitted"
    # The focal point has no review form and cannot review.
    assert not client.get(url("detail", lao.pk)).context["can_review"]
    client.post(url("review", lao.pk), {"decision": "validate"})
    lao.refresh_from_db()
    assert lao.status == "submitted"

    reviewer = client_for(officer)
    response = reviewer.post(url("review", lao.pk), {"decision": "return", "comment": ""})
    assert response.status_code == 200 and response.context["review_form"].errors
    reviewer.post(url("review", lao.pk), {"decision": "return", "comment": "Attach the decree"})
    lao.refresh_from_db()
    assert lao.status == "returned"
    assert b"Attach the decree" in client_for(focal_lao).get(url("detail", lao.pk)).content

    client = client_for(focal_lao)
    client.post(url("submit", lao.pk))
    client_for(officer).post(url("review", lao.pk), {"decision": "validate", "comment": "Good"})
    lao.refresh_from_db()
    assert lao.status == "validated"
    client_for(officer).post(url("publish", lao.pk), {"publish": "1"})
    lao.refresh_from_db()
    assert lao.is_published


def test_export_answers(client_for, lao, focal_lao):
    services.assessment_answer(user=focal_lao, assessment=lao, answers={"a1": "yes"})
    response = client_for(focal_lao).get(url("export", lao.pk), {"format": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "criterion" in text.splitlines()[0]
    assert "a1" in text and "yes" in text
    response = client_for(focal_lao).get(url("export", lao.pk), {"format": "xlsx"})
    assert response.content.startswith(b"PK")


def test_comparison_page_and_export(client, client_for, small, officer):
    assessment = services.assessment_create(
        user=officer, framework=small, country=Country.objects.get(iso3="MUS"), year=2024
    )
    services.assessment_answer(
        user=officer, assessment=assessment, answers={"a1": "yes", "a2": "na", "b1": "partly"}
    )
    services.assessment_submit(user=officer, assessment=assessment)
    services.assessment_validate(user=officer, assessment=assessment)
    # Not published: the public sees nothing, the officer sees it.
    assert client.get(url("comparison"), {"framework": "small"}).context["result"].rows == []
    response = client_for(officer).get(url("comparison"), {"framework": "small"})
    assert [r.iso3 for r in response.context["result"].rows] == ["MUS"]
    assert b"Mauritius" in response.content
    response = client_for(officer).get(url("comparison"), {"framework": "small", "format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].lstrip("\ufeff") == "country,iso3,year,assessments,score,level,a,b"
    assert lines[1] == "Mauritius,MUS,2024,1,83.3,gold,100.0,50.0"
    # Bad filters never fail.
    assert client.get(url("comparison"), {"year_from": "abc", "framework": "x"}).status_code == 200


def test_post_only_views_refuse_get(client_for, lao, focal_lao):
    client = client_for(focal_lao)
    for name in ("answers", "submit", "review", "publish"):
        assert client.get(url(name, lao.pk)).status_code == 405


def test_pages_speak_french(client, small):
    client.cookies["django_language"] = "fr"
    response = client.get(url("index"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Commencer une auto-évaluation" not in response.content.decode()  # needs the permission
    assert "Comparer les résultats" in response.content.decode()
