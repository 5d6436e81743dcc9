import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capdev.core.models import Country
from capdev.support import workflow
from capdev.support.models import RequestSequence, StatusChange, SupportRequest
from capdev.support.services import (
    reference_allocate,
    request_comment_add,
    request_transition,
    request_update,
)
from capdev.support.tests.helpers import S, make_request, move

pytestmark = pytest.mark.django_db


def test_create_allocates_yearly_references_and_records_receipt(officer):
    first = make_request(officer, received_on=dt.date(2024, 5, 2))
    second = make_request(officer, received_on=dt.date(2024, 6, 2))
    other_year = make_request(officer, received_on=dt.date(2023, 6, 2))
    assert (first.reference, second.reference) == ("REQ-2024-0001", "REQ-2024-0002")
    assert other_year.reference == "REQ-2023-0001"
    assert first.status == S.RECEIVED and first.year == 2024
    change = first.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", S.RECEIVED, officer)


def test_allocation_skips_references_taken_by_imports(officer):
    make_request(officer, received_on=dt.date(2022, 1, 5))  # REQ-2022-0001
    SupportRequest.objects.filter(reference="REQ-2022-0001").update(reference="REQ-2022-0002")
    RequestSequence.objects.filter(year=2022).update(last_number=1)
    assert reference_allocate(year=2022) == "REQ-2022-0003"


def test_focal_point_submits_for_own_country_only(focal_lao, officer):
    request = make_request(focal_lao, "LAO", assigned_officer=officer)
    assert request.submitted_by == focal_lao
    assert request.assigned_officer is None  # triage is for staff
    with pytest.raises(PermissionDenied):
        make_request(focal_lao, "BTN")


@pytest.mark.parametrize("persona", ["learner", "trainer"])
def test_others_cannot_submit(persona, request):
    with pytest.raises(PermissionDenied):
        make_request(request.getfixturevalue(persona), "LAO")


def test_future_receipt_and_due_before_receipt_are_refused(officer):
    with pytest.raises(ValidationError):
        make_request(officer, received_on=timezone.localdate() + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        make_request(officer, received_on=dt.date(2024, 3, 1), due_on=dt.date(2024, 2, 1))


def test_full_workflow_sets_timestamps_and_history(officer):
    request = make_request(officer, received_on=dt.date(2024, 3, 1))
    responded = dt.datetime(2024, 3, 11, 10, tzinfo=dt.UTC)
    request = move(officer, request, S.UNDER_REVIEW, at=responded)
    assert request.first_response_at == responded and request.days_to_first_response == 10
    request = move(officer, request, S.ACCEPTED, S.IN_PROGRESS)
    done = dt.datetime(2024, 6, 29, 10, tzinfo=dt.UTC)
    request = move(officer, request, S.COMPLETED, at=done)
    assert request.completed_at == done and request.days_to_completion == 120
    assert request.first_response_at == responded  # later moves keep it
    request = move(officer, request, S.CLOSED)
    assert request.closed_at is not None
    assert list(request.status_changes.values_list("to_status", flat=True)) == [
        S.RECEIVED,
        S.UNDER_REVIEW,
        S.ACCEPTED,
        S.IN_PROGRESS,
        S.COMPLETED,
        S.CLOSED,
    ]
    # Reopening puts it back under review and clears completion.
    request = move(officer, request, S.UNDER_REVIEW)
    assert request.completed_at is None and request.days_to_completion is None
    assert request.closed_at is None and request.days_to_first_response == 10


def test_invalid_transition_is_refused_with_a_clear_message(officer):
    request = make_request(officer)
    with pytest.raises(ValidationError) as error:
        request_transition(user=officer, request=request, to_status=S.COMPLETED)
    assert "cannot become" in error.value.messages[0]
    assert "Under review" in error.value.messages[0]
    request.refresh_from_db()
    assert request.status == S.RECEIVED and request.status_changes.count() == 1


def test_unknown_status_is_refused(officer):
    with pytest.raises(ValidationError):
        request_transition(user=officer, request=make_request(officer), to_status="lost")


@pytest.mark.parametrize("persona", ["focal_lao", "learner", "trainer"])
def test_only_staff_move_requests(persona, request, officer):
    support_request = make_request(officer, "LAO")
    with pytest.raises(PermissionDenied):
        request_transition(
            user=request.getfixturevalue(persona),
            request=support_request,
            to_status=S.UNDER_REVIEW,
        )


def test_update_refuses_workflow_fields_and_focal_points(officer, focal_lao):
    request = make_request(officer, "LAO")
    with pytest.raises(ValidationError):
        request_update(user=officer, request=request, status=S.CLOSED)
    with pytest.raises(ValidationError):
        request_update(user=officer, request=request, first_response_at=timezone.now())
    with pytest.raises(PermissionDenied):
        request_update(user=focal_lao, request=request, title="Changed")
    request_update(
        user=officer, request=request, title="Changed", received_on=dt.date(2023, 12, 30)
    )
    request.refresh_from_db()
    assert request.title == "Changed" and request.year == 2023
    assert request.history.count() == 2  # django-simple-history keeps the audit trail


def test_comments_internal_only_for_staff(officer, focal_lao, focal_bhutan):
    request = make_request(focal_lao, "LAO")
    note = request_comment_add(user=officer, request=request, body="Check budget", is_internal=True)
    assert note.is_internal
    reply = request_comment_add(user=focal_lao, request=request, body="Thanks", is_internal=True)
    assert not reply.is_internal
    with pytest.raises(PermissionDenied):
        request_comment_add(user=focal_bhutan, request=request, body="Hello")
    with pytest.raises(ValidationError):
        request_comment_add(user=officer, request=request, body="   ")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.sampled_from(S.values), max_size=12))
def test_random_transition_sequences_follow_the_table(officer, steps):
    request = make_request(officer, "SEN")
    expected = S.RECEIVED
    accepted_moves = 1
    for target in steps:
        if workflow.is_allowed(expected, target):
            request = request_transition(user=officer, request=request, to_status=target)
            expected = target
            accepted_moves += 1
        else:
            with pytest.raises(ValidationError):
                request_transition(user=officer, request=request, to_status=target)
        request.refresh_from_db()
        assert request.status == expected
        # Invariants the dashboard relies on.
        assert (request.first_response_at is None) == (expected == S.RECEIVED)
        assert (request.completed_at is not None) == (expected in {S.COMPLETED, S.CLOSED}) or (
            expected == S.CLOSED and request.completed_at is None
        )
        if expected == S.COMPLETED:
            assert request.days_to_completion is not None
    assert StatusChange.objects.filter(request=request).count() == accepted_moves


def test_workflow_table_reaches_every_status_from_received():
    seen, frontier = {S.RECEIVED}, [S.RECEIVED]
    while frontier:
        for target in workflow.allowed_next(frontier.pop()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert seen == set(S.values)


def test_country_must_exist(officer):
    with pytest.raises(Country.DoesNotExist):
        make_request(officer, "XXX")
