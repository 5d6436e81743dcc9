"""Pages: catalogue, course, item dispatch and locks, downloads, report, certificates."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from capdev.learning import services
from capdev.learning.item_kinds import get_item_kind, register_item_kind, unregister_item_kind
from capdev.learning.models import Course, Enrolment, Item
from capdev.learning.tests.builders import item, module_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    return module_chain(trainer)


def item_url(course, key, suffix=""):
    return reverse(f"learning:item{suffix}", args=[course.slug, item(course, key).pk])


class TestCatalogue:
    def test_public_with_filters(self, client, course, trainer):
        services.course_create(title="Hidden draft", trainers=[trainer])
        services.course_create(
            title="Gouvernance numérique", status=Course.Status.PUBLISHED, language="fr"
        )
        page = client.get(reverse("learning:index")).content.decode()
        assert "Chain course" in page and "Gouvernance" in page and "Hidden draft" not in page
        page = client.get(reverse("learning:index"), {"language": "fr"}).content.decode()
        assert "Chain course" not in page and "Gouvernance" in page
        page = client.get(reverse("learning:index"), {"q": "chain"}).content.decode()
        assert "Chain course" in page and "Gouvernance" not in page
        assert client.get(reverse("learning:index"), {"level": "nonsense"}).status_code == 200

    def test_drafts_only_for_their_trainers(self, client_for, course, learner, trainer):
        services.course_update(course=course, status=Course.Status.DRAFT)
        url = reverse("learning:course", args=[course.slug])
        assert client_for(learner).get(url).status_code == 404
        assert client_for(trainer).get(url).status_code == 200


class TestCoursePage:
    def test_outline_shows_the_lock_sentence(self, client_for, course, learner):
        services.course_enrol(course=course, user=learner)
        page = client_for(learner).get(reverse("learning:course", args=[course.slug]))
        text = page.content.decode()
        assert "Not available unless: the activity Module 1 self-assessment is marked complete" in (
            text
        )
        assert item_url(course, "module-1") in text
        assert item_url(course, "module-2") not in text

    def test_anonymous_sees_outline_but_no_item(self, client, course):
        assert client.get(reverse("learning:course", args=[course.slug])).status_code == 200
        assert client.get(item_url(course, "welcome")).status_code == 403

    def test_enrol_with_key_form(self, client_for, course, learner):
        services.course_update(course=course, enrolment_key="k3y")
        client = client_for(learner)
        client.post(reverse("learning:enrol", args=[course.slug]), {"key": "bad"})
        assert not Enrolment.objects.exists()
        client.post(reverse("learning:enrol", args=[course.slug]), {"key": "k3y"})
        assert Enrolment.objects.filter(user=learner).exists()
        assert client.get(reverse("learning:enrol", args=[course.slug])).status_code == 405


class TestItemPage:
    def test_locked_item_is_refused_on_direct_url(self, client_for, course, learner):
        services.course_enrol(course=course, user=learner)
        client = client_for(learner)
        response = client.get(item_url(course, "module-2"))
        assert response.status_code == 403
        assert b"Module 1 self-assessment is marked complete" in response.content
        client.post(item_url(course, "module-1-self-assessment", "_done"))
        assert client.get(item_url(course, "module-2")).status_code == 200

    def test_locked_post_is_refused(self, client_for, course, learner):
        services.course_enrol(course=course, user=learner)
        client_for(learner).post(item_url(course, "module-2-self-assessment", "_done"))
        assert not learner.completions.exists()

    def test_unregistered_kind_says_not_available(self, client_for, course, learner):
        section = course.sections.first()
        services.item_create(section=section, kind=Item.Kind.QUIZ, title="Quiz", key="quiz")
        services.course_enrol(course=course, user=learner)
        saved = get_item_kind("quiz")
        unregister_item_kind("quiz")
        try:
            response = client_for(learner).get(item_url(course, "quiz"))
        finally:
            if saved:
                register_item_kind("quiz", view=saved.view, label=saved.label)
        assert response.status_code == 200
        assert b"not available yet" in response.content

    def test_registered_kind_gets_the_request_after_the_check(self, client_for, course, learner):
        section = course.sections.get(title="Module 2")
        services.item_create(section=section, kind=Item.Kind.FORUM, title="Forum", key="forum")
        services.course_enrol(course=course, user=learner)
        saved = get_item_kind("forum")
        register_item_kind("forum", view=lambda request, it: HttpResponse(f"forum {it.key}"))
        try:
            client = client_for(learner)
            assert client.get(item_url(course, "forum")).status_code == 403
            services.item_mark_done(user=learner, item=item(course, "module-1-self-assessment"))
            assert client.get(item_url(course, "forum")).content == b"forum forum"
        finally:
            unregister_item_kind("forum")
            if saved:
                register_item_kind("forum", view=saved.view, label=saved.label)

    def test_file_download_checks_access(self, client_for, course, learner):
        section = course.sections.get(title="Module 2")
        services.item_create(
            section=section,
            kind=Item.Kind.FILE,
            title="Guide",
            key="guide",
            file=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%guide\n"),
        )
        services.course_enrol(course=course, user=learner)
        client = client_for(learner)
        assert client.get(item_url(course, "guide", "_file")).status_code == 403
        services.item_mark_done(user=learner, item=item(course, "module-1-self-assessment"))
        response = client.get(item_url(course, "guide", "_file"))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(
            b"%PDF"
        )

    def test_missing_item_is_404(self, client_for, course, learner):
        url = reverse("learning:item", args=[course.slug, 999999])
        assert client_for(learner).get(url).status_code == 404


class TestReport:
    def test_trainer_csv(self, client_for, course, trainer, learner):
        services.course_enrol(course=course, user=learner)
        services.item_viewed(user=learner, item=item(course, "welcome"))
        response = client_for(trainer).get(
            reverse("learning:report", args=[course.slug]), {"format": "csv"}
        )
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        assert rows[0][:4] == ["E-mail", "Name", "Country", "Progress (%)"]
        assert rows[1][0] == learner.email and rows[1][5] == "complete"

    def test_scoping(self, client_for, course, learner, focal_lao, focal_bhutan, officer):
        for user in (learner, focal_bhutan):
            services.course_enrol(course=course, user=user)
        url = reverse("learning:report", args=[course.slug])
        # The Lao focal point sees the Lao learner only, never Bhutan's.
        page = client_for(focal_lao).get(url).content.decode()
        assert learner.email in page or str(learner) in page
        assert str(focal_bhutan) not in page
        assert client_for(learner).get(url).status_code == 403
        page = client_for(officer).get(url).content.decode()
        assert str(focal_bhutan) in page


class TestCertificatePages:
    def test_verify_and_revoke(self, client, client_for, course, learner, trainer):
        certificate = services.certificate_issue(user=learner, course=course)
        url = reverse("learning:certificate_verify", args=[certificate.code])
        assert b"Valid certificate" in client.get(url).content
        assert client.get(reverse("learning:certificate_verify", args=["NOPE"])).status_code == 404
        revoke = reverse("learning:certificate_revoke", args=[certificate.pk])
        assert client_for(learner).get(revoke).status_code == 403
        client_for(trainer).post(revoke, {"reason": "Issued in error"})
        client.logout()
        assert b"was revoked" in client.get(url).content

    def test_pdf_is_private(self, client_for, course, learner, focal_bhutan):
        certificate = services.certificate_issue(user=learner, course=course)
        url = reverse("learning:certificate_pdf", args=[certificate.pk])
        assert client_for(focal_bhutan).get(url).status_code == 404
        response = client_for(learner).get(url)
        assert response["Content-Type"] == "application/pdf"


class TestMyLearning:
    def test_lists_progress(self, client_for, course, learner):
        services.course_enrol(course=course, user=learner)
        page = client_for(learner).get(reverse("learning:my_learning")).content.decode()
        assert "Chain course" in page and "0% complete" in page

    def test_needs_login(self, client):
        assert client.get(reverse("learning:my_learning")).status_code == 302
