"""Enrolment, completion recomputation, assignments and certificates, through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capdev.accounts.roles import Role
from capdev.core.models import Country
from capdev.learning import selectors, services
from capdev.learning.models import Certificate, Completion, Course, Enrolment, Item
from capdev.learning.tests.builders import item, module_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    return module_chain(trainer)


class TestEnrolment:
    def test_self_enrolment(self, course, learner):
        enrolment = services.course_enrol(course=course, user=learner)
        assert enrolment.method == Enrolment.Method.SELF
        assert selectors.enrolled_user_ids(course) == {learner.pk}
        # Enrolling again changes nothing.
        assert services.course_enrol(course=course, user=learner).pk == enrolment.pk

    def test_key(self, course, learner):
        services.course_update(course=course, enrolment_key="women-lead")
        with pytest.raises(ValidationError):
            services.course_enrol(course=course, user=learner, key="wrong")
        enrolment = services.course_enrol(course=course, user=learner, key=" women-lead ")
        assert enrolment.method == Enrolment.Method.KEY

    def test_closed_and_draft_courses_refuse_self_enrolment(self, course, learner):
        services.course_update(course=course, self_enrolment=False)
        with pytest.raises(PermissionDenied):
            services.course_enrol(course=course, user=learner)
        services.course_update(course=course, self_enrolment=True, status=Course.Status.DRAFT)
        with pytest.raises(PermissionDenied):
            services.course_enrol(course=course, user=learner)

    def test_only_trainers_enrol_others(self, course, learner, focal_lao, trainer):
        with pytest.raises(PermissionDenied):
            services.course_enrol(
                course=course, user=learner, method=Enrolment.Method.TRAINER, enrolled_by=focal_lao
            )
        enrolment = services.course_enrol(
            course=course, user=learner, method=Enrolment.Method.TRAINER, enrolled_by=trainer
        )
        assert enrolment.enrolled_by == trainer

    def test_cohort_by_country_and_role(self, course, trainer, focal_lao, focal_bhutan, learner):
        lao = Country.objects.get(iso3="LAO")
        count = services.cohort_enrol(
            course=course, enrolled_by=trainer, country=lao, role=Role.FOCAL_POINT
        )
        assert count == 1
        assert selectors.enrolled_user_ids(course) == {focal_lao.pk}
        assert services.cohort_enrol(course=course, enrolled_by=trainer, country=lao) == 1
        assert selectors.enrolled_user_ids(course) == {focal_lao.pk, learner.pk}
        with pytest.raises(PermissionDenied):
            services.cohort_enrol(course=course, enrolled_by=learner, country=lao)

    def test_dates_limit_access(self, course, trainer, learner):
        import datetime as dt

        today = dt.datetime.now(tz=dt.UTC).date()
        services.course_enrol(
            course=course,
            user=learner,
            method=Enrolment.Method.TRAINER,
            enrolled_by=trainer,
            starts_on=today + dt.timedelta(days=3),
        )
        assert selectors.enrolled_user_ids(course) == set()
        welcome = item(course, "welcome")
        access = selectors.item_access(learner, welcome)
        assert not access.allowed and "Enrol" in access.reason


class TestCompletion:
    def test_progress_is_recomputed(self, course, learner):
        services.course_enrol(course=course, user=learner)
        # 7 tracked items: welcome + 3 times (module page, self-assessment).
        services.item_viewed(user=learner, item=item(course, "welcome"))
        assert Enrolment.objects.get(user=learner).progress == round(100 / 7)
        services.item_mark_done(user=learner, item=item(course, "module-1-self-assessment"))
        assert Enrolment.objects.get(user=learner).progress == round(200 / 7)
        services.item_mark_done(
            user=learner, item=item(course, "module-1-self-assessment"), done=False
        )
        assert Enrolment.objects.get(user=learner).progress == round(100 / 7)

    def test_completion_record_contract(self, course, learner):
        services.course_enrol(course=course, user=learner)
        quiz = item(course, "module-1-self-assessment")
        services.item_update(item=quiz, completion_rule=Item.CompletionRule.PASSING)
        record = services.completion_record(learner, quiz, state="failed", grade=30)
        assert (record.state, record.grade) == ("failed", 30)
        assert not selectors.item_access(learner, item(course, "module-2")).allowed
        record = services.completion_record(learner, quiz, state="passed", grade=85)
        assert Completion.objects.filter(user=learner, item=quiz).count() == 1
        assert selectors.item_access(learner, item(course, "module-2")).allowed
        with pytest.raises(ValidationError):
            services.completion_record(learner, quiz, state="passed", grade=120)
        with pytest.raises(ValidationError):
            services.completion_record(learner, quiz, state="started")

    def test_course_completion_issues_a_certificate(self, course, learner):
        services.course_enrol(course=course, user=learner)
        for tracked in Item.objects.filter(course=course).order_by("section__position", "position"):
            if tracked.completion_rule == Item.CompletionRule.MANUAL:
                services.item_mark_done(user=learner, item=tracked)
            else:
                services.item_viewed(user=learner, item=tracked)
        enrolment = Enrolment.objects.get(user=learner)
        assert enrolment.progress == 100 and enrolment.completed_at is not None
        certificate = Certificate.objects.get(user=learner, course=course)
        assert selectors.certificate_by_code(certificate.code.lower()) == certificate

    def test_locked_items_refuse_learner_actions(self, course, learner):
        services.course_enrol(course=course, user=learner)
        locked = item(course, "module-2-self-assessment")
        with pytest.raises(PermissionDenied, match="Module 1 self-assessment"):
            services.item_mark_done(user=learner, item=locked)
        with pytest.raises(PermissionDenied):
            services.item_viewed(user=learner, item=item(course, "module-2"))
        assert not Completion.objects.exists()

    def test_manual_tick_only_for_manual_items(self, course, learner):
        services.course_enrol(course=course, user=learner)
        with pytest.raises(ValidationError):
            services.item_mark_done(user=learner, item=item(course, "welcome"))

    def test_unpublished_items_do_not_count(self, course, learner):
        services.course_enrol(course=course, user=learner)
        services.item_viewed(user=learner, item=item(course, "welcome"))
        for other in Item.objects.filter(course=course).exclude(key="welcome"):
            services.item_update(item=other, is_published=False)
        services.course_completion_recompute(user=learner, course=course)
        assert Enrolment.objects.get(user=learner).progress == 100


class TestAuthoring:
    def test_rules_are_validated_against_the_course(self, course, trainer):
        other = module_chain(trainer, slug="other")
        foreign = item(other, "welcome")
        section = course.sections.first()
        with pytest.raises(ValidationError):
            services.section_update(
                section=section, access_rule={"type": "item", "item": foreign.pk}
            )
        welcome = item(course, "welcome")
        with pytest.raises(ValidationError):
            services.item_update(item=welcome, access_rule={"type": "item", "item": welcome.pk})

    def test_page_html_is_sanitised(self, course):
        section = course.sections.first()
        page = services.item_create(
            section=section,
            kind=Item.Kind.PAGE,
            title="Risky",
            body='<p onclick="x()">Hi<script>alert(1)</script></p>',
        )
        assert page.body == "<p>Hi</p>"

    def test_reorder(self, course):
        section = course.sections.get(title="Module 1")
        first, second = section.items.order_by("position")
        services.item_move(item=second, direction="up")
        assert list(section.items.order_by("position")) == [second, first]
        services.section_move(section=section, direction="up")
        assert course.sections.order_by("position").first() == section
        with pytest.raises(ValidationError):
            services.items_reorder(section=section, ordered_ids=[first.pk])


class TestAssignments:
    @pytest.fixture
    def assignment(self, course):
        section = course.sections.first()
        return services.item_create(
            section=section,
            kind=Item.Kind.ASSIGNMENT,
            title="Draft action plan",
            body="<p>Upload your draft.</p>",
            completion_rule=Item.CompletionRule.PASSING,
            passing_grade=60,
        )

    def test_submit_grade_and_complete(self, assignment, learner, trainer, focal_lao):
        services.course_enrol(course=assignment.course, user=learner)
        upload = SimpleUploadedFile("plan.txt", b"Our plan: parity by 2030.")
        submission = services.submission_save(
            user=learner, item=assignment, text="<p>See file</p>", file=upload
        )
        assert not Completion.objects.filter(item=assignment).exists()
        with pytest.raises(PermissionDenied):
            services.submission_grade(submission=submission, grader=focal_lao, grade=90)
        services.submission_grade(
            submission=submission, grader=trainer, grade=55, feedback="<p>Add targets</p>"
        )
        assert Completion.objects.get(item=assignment).state == "failed"
        with pytest.raises(ValidationError):
            services.submission_save(user=learner, item=assignment, text="again")
        services.submission_grade(submission=submission, grader=trainer, grade=75)
        assert Completion.objects.get(item=assignment).state == "passed"

    def test_files_are_checked_by_content(self, assignment, learner):
        services.course_enrol(course=assignment.course, user=learner)
        fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary\x00\x00")
        with pytest.raises(ValidationError):
            services.submission_save(user=learner, item=assignment, file=fake)

    def test_submissions_are_private(self, assignment, learner, focal_lao, trainer):
        for user in (learner, focal_lao):
            services.course_enrol(course=assignment.course, user=user)
            services.submission_save(user=user, item=assignment, text=f"by {user.email}")
        assert [s.user for s in selectors.submissions_visible_to(learner, assignment)] == [learner]
        assert selectors.submissions_visible_to(trainer, assignment).count() == 2
        theirs = selectors.submission_for(focal_lao, assignment)
        assert selectors.submission_get_for_user(learner, theirs.pk) is None


class TestCertificates:
    def test_revoke_by_trainer_only(self, course, learner, trainer):
        services.course_enrol(course=course, user=learner)
        certificate = services.certificate_issue(user=learner, course=course)
        with pytest.raises(PermissionDenied):
            services.certificate_revoke(certificate=certificate, by=learner, reason="no")
        services.certificate_revoke(certificate=certificate, by=trainer, reason="Plagiarism")
        assert not Certificate.objects.get().is_valid
        services.certificate_reinstate(certificate=certificate, by=trainer)
        assert Certificate.objects.get().is_valid

    def test_pdf(self, course, learner):
        from capdev.learning.certificates import certificate_pdf_bytes

        certificate = services.certificate_issue(user=learner, course=course)
        pdf = certificate_pdf_bytes(certificate, base_url="http://testserver/")
        assert pdf.startswith(b"%PDF-")
