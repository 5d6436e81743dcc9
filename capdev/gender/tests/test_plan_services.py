from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from capdev.gender import services
from capdev.gender.models import Action, ActionPlan
from capdev.gender.selectors import plan_get_for_user, plans_visible_to

pytestmark = pytest.mark.django_db
Status = ActionPlan.Status


def test_action_create_from_another_app(make_plan, focal_lao):
    plan = make_plan("LAO")
    objective = plan.objectives.get()
    action = services.action_create(
        plan=plan,
        objective=objective,
        title="Publish pay data by sex",
        user=focal_lao,
        source_note="Self-assessment: criterion 2.3 not met",
    )
    assert action.plan == plan and action.objective == objective
    assert action.source_note.startswith("Self-assessment")
    assert action.created_by == focal_lao and action.status == Action.Status.PLANNED


def test_action_create_refuses_another_country(make_plan, focal_bhutan, learner):
    plan = make_plan("LAO")
    for user in (focal_bhutan, learner):
        with pytest.raises(PermissionDenied):
            services.action_create(plan=plan, title="X", user=user)
    assert not plan.actions.exists()


def test_action_create_refuses_foreign_objective_and_bad_dates(make_plan, officer):
    plan, other = make_plan("LAO"), make_plan("BTN")
    with pytest.raises(ValidationError):
        services.action_create(plan=plan, objective=other.objectives.get(), title="X", user=officer)
    with pytest.raises(ValidationError):
        services.action_create(
            plan=plan,
            title="X",
            user=officer,
            start_date=date(2025, 5, 1),
            end_date=date(2025, 1, 1),
        )


def test_workflow_draft_review_validated_published(make_plan, focal_lao, officer):
    plan = make_plan("LAO")
    assert services.plan_allowed_transitions(focal_lao, plan) == [Status.UNDER_REVIEW]
    services.plan_transition(user=focal_lao, plan=plan, to_status=Status.UNDER_REVIEW)
    # Frozen while under review, and a focal point cannot validate.
    with pytest.raises(ValidationError):
        services.action_create(plan=plan, title="Late idea", user=focal_lao)
    with pytest.raises(PermissionDenied):
        services.plan_transition(user=focal_lao, plan=plan, to_status=Status.VALIDATED)
    services.plan_transition(
        user=officer, plan=plan, to_status=Status.DRAFT, comment="Add a budget line"
    )
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT and plan.review_comment == "Add a budget line"
    services.plan_transition(user=focal_lao, plan=plan, to_status=Status.UNDER_REVIEW)
    services.plan_transition(user=officer, plan=plan, to_status=Status.VALIDATED)
    services.plan_transition(user=officer, plan=plan, to_status=Status.PUBLISHED)
    with pytest.raises(ValidationError):
        services.plan_transition(user=officer, plan=plan, to_status=Status.DRAFT)
    # Every change is kept in the plan's history.
    statuses = list(plan.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-5:] == ["under_review", "draft", "under_review", "validated", "published"]


def test_plan_without_objectives_cannot_be_submitted(make_plan, officer):
    plan = make_plan("LAO", objectives=0)
    with pytest.raises(ValidationError):
        services.plan_transition(user=officer, plan=plan, to_status=Status.UNDER_REVIEW)


def test_plans_visible_to_scopes_by_country(make_plan, officer, focal_lao, focal_bhutan, learner):
    from django.contrib.auth.models import AnonymousUser

    lao, bhutan = make_plan("LAO"), make_plan("BTN")
    assert set(plans_visible_to(officer)) == {lao, bhutan}
    assert list(plans_visible_to(focal_lao)) == [lao]
    assert list(plans_visible_to(focal_bhutan)) == [bhutan]
    assert list(plans_visible_to(learner)) == []
    assert list(plans_visible_to(AnonymousUser())) == []
    from django.http import Http404

    with pytest.raises(Http404):
        plan_get_for_user(focal_lao, bhutan.pk)
    # Once published, a plan is visible to everyone.
    for status in (Status.UNDER_REVIEW, Status.VALIDATED, Status.PUBLISHED):
        services.plan_transition(user=officer, plan=bhutan, to_status=status)
    assert set(plans_visible_to(focal_lao)) == {lao, bhutan}
    assert list(plans_visible_to(AnonymousUser())) == [bhutan]


def test_progress_after_validation(make_plan, officer, focal_lao):
    plan = make_plan("LAO")
    action = services.action_create(plan=plan, title="Train HR staff", user=focal_lao)
    for status in (Status.UNDER_REVIEW, Status.VALIDATED):
        services.plan_transition(user=officer, plan=plan, to_status=status)
    services.action_update_progress(
        user=focal_lao, action=action, status=Action.Status.DONE, evidence="Attendance list"
    )
    report = services.progress_report_create(
        user=focal_lao, plan=plan, period_end=date(2025, 6, 30), narrative="Half done."
    )
    assert report.author == focal_lao
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
