import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from capdev.assessments import services
from capdev.assessments.models import Assessment, ReviewEvent
from capdev.core.models import Country

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def draft(small, focal_lao):
    return services.assessment_create(
        user=focal_lao, framework=small, country=focal_lao.country, year=2025
    )


def complete(assessment, user):
    services.assessment_answer(
        user=user,
        assessment=assessment,
        answers={"a1": "yes", "a2": ("partly", "Half"), "b1": "no"},
    )
    criterion = assessment.framework.criteria.get(code="a2")
    services.evidence_add(user=user, assessment=assessment, criterion=criterion, file=pdf())


def test_focal_point_creates_only_for_their_country(small, focal_lao):
    with pytest.raises(PermissionDenied):
        services.assessment_create(
            user=focal_lao, framework=small, country=Country.objects.get(iso3="BTN"), year=2025
        )


@pytest.mark.parametrize("persona", ["trainer", "learner"])
def test_other_roles_cannot_create(persona, request, small):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.assessment_create(user=user, framework=small, country=user.country, year=2025)


def test_year_out_of_range(small, officer):
    with pytest.raises(ValidationError):
        services.assessment_create(
            user=officer, framework=small, country=Country.objects.get(iso3="SEN"), year=1990
        )


def test_answers_update_the_stored_scores(draft, focal_lao):
    services.assessment_answer(
        user=focal_lao, assessment=draft, answers={"a1": "partly", "a2": "yes", "b1": "no"}
    )
    draft.refresh_from_db()
    assert draft.score == pytest.approx(41.67)
    assert draft.answered == 3
    assert list(draft.results.values_list("dimension__code", "score")) == [("a", 62.5), ("b", 0)]
    # Clearing an answer makes it missing again.
    services.assessment_answer(user=focal_lao, assessment=draft, answers={"b1": ""})
    draft.refresh_from_db()
    assert draft.answered == 2
    assert draft.score == 62.5


def test_bad_answers_are_refused(draft, focal_lao):
    with pytest.raises(ValidationError):
        services.assessment_answer(user=focal_lao, assessment=draft, answers={"a1": "maybe"})
    with pytest.raises(ValidationError):
        services.assessment_answer(user=focal_lao, assessment=draft, answers={"zz": "yes"})


def test_other_country_cannot_answer(draft, focal_bhutan):
    with pytest.raises(PermissionDenied):
        services.assessment_answer(user=focal_bhutan, assessment=draft, answers={"a1": "yes"})


def test_submit_needs_every_answer_and_required_evidence(draft, focal_lao):
    with pytest.raises(ValidationError) as caught:
        services.assessment_submit(user=focal_lao, assessment=draft)
    assert caught.value.messages == ["a1 has no answer.", "a2 has no answer.", "b1 has no answer."]
    services.assessment_answer(
        user=focal_lao, assessment=draft, answers={"a1": "yes", "a2": "yes", "b1": "no"}
    )
    with pytest.raises(ValidationError) as caught:
        services.assessment_submit(user=focal_lao, assessment=draft)
    assert caught.value.messages == ["a2 needs evidence."]


def test_not_applicable_needs_no_evidence(draft, focal_lao):
    services.assessment_answer(
        user=focal_lao, assessment=draft, answers={"a1": "yes", "a2": "na", "b1": "no"}
    )
    services.assessment_submit(user=focal_lao, assessment=draft)
    assert draft.status == Assessment.Status.SUBMITTED


def test_full_workflow_returned_then_validated(draft, focal_lao, officer):
    complete(draft, focal_lao)
    services.assessment_submit(user=focal_lao, assessment=draft, comment="Ready")
    assert draft.status == "submitted" and draft.submitted_at is not None
    # Submitted: locked for the author.
    with pytest.raises(ValidationError):
        services.assessment_answer(user=focal_lao, assessment=draft, answers={"b1": "yes"})
    # A focal point cannot review, even their own country's.
    with pytest.raises(PermissionDenied):
        services.assessment_validate(user=focal_lao, assessment=draft)
    with pytest.raises(ValidationError):
        services.assessment_return(user=officer, assessment=draft, comment="  ")
    services.assessment_return(user=officer, assessment=draft, comment="Attach the budget line.")
    assert draft.status == "returned"
    services.assessment_answer(user=focal_lao, assessment=draft, answers={"b1": "partly"})
    services.assessment_submit(user=focal_lao, assessment=draft)
    services.assessment_validate(user=officer, assessment=draft, comment="Thank you")
    draft.refresh_from_db()
    assert draft.status == "validated" and draft.reviewed_by == officer
    steps = list(ReviewEvent.objects.filter(assessment=draft).values_list("to_status", "comment"))
    assert steps == [
        ("submitted", "Ready"),
        ("returned", "Attach the budget line."),
        ("submitted", ""),
        ("validated", "Thank you"),
    ]
    with pytest.raises(ValidationError):
        services.assessment_validate(user=officer, assessment=draft)
    assert draft.history.count() >= 4


def test_only_validated_results_are_published(draft, focal_lao, officer):
    with pytest.raises(ValidationError):
        services.assessment_publish(user=officer, assessment=draft)
    complete(draft, focal_lao)
    services.assessment_submit(user=focal_lao, assessment=draft)
    services.assessment_validate(user=officer, assessment=draft)
    with pytest.raises(PermissionDenied):
        services.assessment_publish(user=focal_lao, assessment=draft)
    services.assessment_publish(user=officer, assessment=draft)
    assert Assessment.objects.get(pk=draft.pk).is_published


def test_evidence_is_checked_by_content(draft, focal_lao):
    criterion = draft.framework.criteria.get(code="a2")
    fake = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError):
        services.evidence_add(user=focal_lao, assessment=draft, criterion=criterion, file=fake)
    evidence = services.evidence_add(
        user=focal_lao, assessment=draft, criterion=criterion, file=pdf("budget.pdf")
    )
    assert evidence.original_name == "budget.pdf"
    assert evidence.file.read().startswith(b"%PDF")
    services.evidence_delete(user=focal_lao, evidence=evidence)
    assert not draft.evidence.exists()


def test_evidence_of_another_framework_is_refused(draft, focal_lao):
    services.frameworks_load()
    other = services.Criterion.objects.exclude(framework=draft.framework).first()
    with pytest.raises(ValidationError):
        services.evidence_add(user=focal_lao, assessment=draft, criterion=other, file=pdf())
